"""JQL text to a query tree: the grammar (``jql.lark``), the tree's nodes, and Jira's words for what
does not parse, with the line and character where it went wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from lark import Lark, Token, Transformer, UnexpectedCharacters, UnexpectedInput, UnexpectedToken, v_args

from ...errors import ValidationFailed

MAX_QUERY_LENGTH = 20_000
MAX_DEPTH = 50  # parentheses and NOTs inside each other: the translation and the database recurse on them


@dataclass(frozen=True)
class Value:
    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Function:
    name: str
    arguments: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.name}({', '.join(self.arguments)})"


class Empty:
    """EMPTY or NULL: the field has no value."""

    def __repr__(self) -> str:
        return "EMPTY"


EMPTY = Empty()
Operand = Value | Function | Empty | tuple


@dataclass(frozen=True)
class Clause:
    field: str  # as written; fields.py knows which field it names
    operator: str  # lower case: "=", "not in", "is not", …
    operand: Operand


@dataclass(frozen=True)
class Group:
    clauses: tuple


class AllOf(Group):
    """Clauses joined by AND."""


class AnyOf(Group):
    """Clauses joined by OR."""


@dataclass(frozen=True)
class Negation:
    clause: object


@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool | None  # None when the query names no direction: ascending


@dataclass(frozen=True)
class Query:
    where: object | None
    order_by: tuple[SortKey, ...]


_PARSER = Lark(files(__package__).joinpath("jql.lark").read_text(encoding="utf-8"), parser="lalr", lexer="basic",
               maybe_placeholders=True)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r"}
KEYWORDS = {"AND", "OR", "NOT", "IN", "IS", "EMPTY", "NULL", "ORDER", "BY", "ASC", "DESC"}
OPERATORS = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'"


def jql_error(message: str) -> ValidationFailed:
    return ValidationFailed(message)


def _unquote(token: Token) -> Value:
    if token.type != "STRING":
        return Value(str(token))

    def unescape(match: re.Match) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if len(code) == 5 else _ESCAPED.get(code, code)

    return Value(_ESCAPE.sub(unescape, token[1:-1]), quoted=True)


@v_args(inline=True)
class _ToQuery(Transformer):
    def start(self, where, order_by):
        return Query(where, order_by or ())

    def any_of(self, *items):
        return _joined(AnyOf, items)

    def all_of(self, *items):
        return _joined(AllOf, items)

    def negation(self, *items):
        return Negation(items[-1])

    def clause(self, field, operator, operand):
        return Clause(field, operator, operand)

    def field(self, token):
        return _unquote(token).text

    sort_field = field

    def operator(self, token):
        return str(token).lower()

    def not_in(self, *_):
        return "not in"

    def is_not(self, *_):
        return "is not"

    def value(self, token):
        return _unquote(token)

    def values(self, *operands):
        return tuple(operands)

    def function(self, name, *arguments):
        return Function(str(name), tuple(argument.text for argument in arguments if argument is not None))

    def empty(self, _):
        return EMPTY

    def order_by(self, _order, _by, *keys):
        return tuple(keys)

    def sort_key(self, field, direction):
        return SortKey(field, None if direction is None else direction.type == "DESC")


def _joined(kind, items):
    clauses = tuple(item for item in items if not isinstance(item, Token))  # AND, OR: their kind says it
    return clauses[0] if len(clauses) == 1 else kind(clauses)


@lru_cache(maxsize=1024)
def parse(jql: str) -> Query:
    """The query tree of ``jql``; ValidationFailed, in Jira's words, if it is not JQL. Remembered by text (the
    tree is immutable): a trigger's query is asked at every change of an issue."""
    if len(jql) > MAX_QUERY_LENGTH:
        raise jql_error(f"The JQL query is too long: at most {MAX_QUERY_LENGTH} characters.")
    try:
        tree = _PARSER.parse(jql)
    except UnexpectedInput as error:
        raise jql_error("Error in the JQL Query: " + _describe(error, jql)) from None
    if _depth(tree) > MAX_DEPTH:
        raise jql_error(f"The JQL query is too complex: at most {MAX_DEPTH} parentheses or NOTs inside each other.")
    return _ToQuery().transform(tree)


def _depth(tree) -> int:
    deepest, stack = 0, [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        depth += node.data in ("any_of", "negation")
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in node.children if hasattr(child, "data"))
    return deepest


def _describe(error: UnexpectedInput, jql: str) -> str:
    where = f" (line {error.line}, character {error.column})"
    if isinstance(error, UnexpectedCharacters):
        return _bad_character(jql, error.pos_in_stream) + where
    token = error.token
    expected = error.interactive_parser.accepts() if isinstance(error, UnexpectedToken) else set()
    wanted, hint = _wanted(expected, token)
    if token.type == "$END":
        return f"{wanted} before the end of the query.{hint}"
    return f"{wanted} but got '{token}'.{hint}" + where


def _wanted(expected: set[str], token: Token) -> tuple[str, str]:
    """What the parser wanted where it stopped, and what to tell the user besides."""
    if "EMPTY" in expected:
        reserved = token.type in KEYWORDS
        return "Expecting either a value, list or function", \
            f" You must surround '{token}' in quotation marks to use it as a value." if reserved else ""
    if "EQUALS" in expected:
        return "Expecting operator", f" The valid operators are {OPERATORS}."
    if "AND" in expected:
        return "Expecting either 'OR' or 'AND'", ""
    if "BY" in expected:
        return "Expecting 'BY'", ""
    if "ASC" in expected:
        return "Expecting either 'ASC' or 'DESC'", ""
    if "WORD" in expected:
        return "Expecting a field name", ""
    if "RPAR" in expected:
        return "Expecting ')'", ""
    return "Expecting ','", ""


def _bad_character(jql: str, position: int) -> str:
    character = jql[position]
    if character in "\"'":
        unfinished = jql[position + 1:].split("\n", 1)[0]
        return f"The quoted string '{unfinished}' has not been completed."
    return (f"The character '{character}' is a reserved JQL character. You must enclose it in a string or use "
            f"the escape '\\u{ord(character):04x}' instead.")
