"""Groovy text to the interpreter's nodes: the arranged tokens through the LALR grammar (``groovy.lark``), the
tree built into nodes by builder.py. Parse errors speak as Groovy 4's do: ``Unexpected input: ')'`` with the
line and column."""

from __future__ import annotations

from importlib.resources import files

from lark import Lark, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.exceptions import VisitError
from lark.lexer import Lexer as LarkLexer

from .arrange import tokenize
from .builder import Build
from .errors import ScriptSyntaxError
from .lexer import shown

FILTERED = {"NL", "RBRACE", "LBRACE", "LBRACE_PARAMS", "LPAR", "RPAR", "LSQB", "RSQB", "COMMA", "COLON", "SEMI", "DOT",
            "ARROW", "QUESTION", "ELVIS", "OROR", "ANDAND", "AT", "DEF", "IF", "ELSE", "FOR", "WHILE",
            "IN", "NOT_IN", "NOT_INSTANCEOF", "SAFE_INDEX", "SWITCH", "CASE", "DEFAULT", "TRY", "CATCH", "FINALLY",
            "THROW", "AS", "INSTANCEOF", "IMPORT"}
MAX_SOURCE = 200_000
MAX_NESTING = 120


class _TokenFeed(LarkLexer):
    """Hands lark the tokens the lexer settled (the text given to ``parse`` is already a token list)."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, tokens, *_):
        for token in tokens:
            if token.type != "EOF":
                if token.type in FILTERED:
                    token.type = "_" + token.type
                yield token


_PARSER = Lark(files(__package__).joinpath("groovy.lark").read_text(encoding="utf-8"), parser="lalr",
               lexer=_TokenFeed, start=["start", "expression_only"], propagate_positions=False,
               maybe_placeholders=False, cache=True)


class ParsedProgram:
    def __init__(self):
        self.functions: dict = {}
        self.imports: list = []
        self.closures = 0
        self.last_position = (0, 0)


def parse_expression(source: str, line_offset: int, column_offset: int, program: ParsedProgram):
    tokens = tokenize(source, line_offset, column_offset)
    return _parse(tokens, "expression_only", program)


def parse(source: str) -> tuple[list, ParsedProgram]:
    if len(source) > MAX_SOURCE:
        raise ScriptSyntaxError(f"The script is longer than {MAX_SOURCE} characters", 1, 1)
    program = ParsedProgram()
    tokens = tokenize(source)
    _check_nesting(tokens)
    return _parse(tokens, "start", program), program


def _check_nesting(tokens) -> None:
    depth = 0
    for token in tokens:
        if token.type in ("LPAR", "LSQB", "LBRACE", "BLOCK", "LBRACE_PARAMS"):
            depth += 1
            if depth > MAX_NESTING:
                raise ScriptSyntaxError(f"brackets nested deeper than {MAX_NESTING}", token.line, token.column)
        elif token.type in ("RPAR", "RSQB", "RBRACE"):
            depth -= 1


OPENERS = {"LPAR": "(", "LSQB": "[", "SAFE_INDEX": "[", "LBRACE": "{", "BLOCK": "{", "LBRACE_PARAMS": "{"}
CLOSERS = {"RPAR", "RSQB", "RBRACE"}


def _end_of_script(tokens) -> ScriptSyntaxError:
    """The script ended too soon: where a bracket is left open, the innermost one is where the author went wrong
    (``if (x {``: the ``{``), rather than the end of the text."""
    open_brackets = []
    for token in tokens:
        kind = token.type.lstrip("_")  # the token feed marks filtered tokens
        if kind in OPENERS:
            open_brackets.append(token)
        elif kind in CLOSERS and open_brackets:
            open_brackets.pop()
    if open_brackets:
        bracket = open_brackets[-1]
        return ScriptSyntaxError(f"Unexpected end of script: '{OPENERS[bracket.type.lstrip('_')]}' is not closed",
                                 bracket.line, bracket.column)
    last = tokens[-1]
    return ScriptSyntaxError("Unexpected input: end of script", last.line, last.column)


def _parse(tokens, start: str, program: ParsedProgram):
    try:
        tree = _PARSER.parse(tokens, start=start)
        return Build(program).transform(tree)
    except UnexpectedToken as error:
        token = error.token
        if token.type == "$END":
            raise _end_of_script(tokens) from None
        text = shown(str(token)) if token.type not in ("_NL", "NL") else "newline"
        raise ScriptSyntaxError(f"Unexpected input: '{text}'", token.line, token.column) from None
    except UnexpectedCharacters as error:
        raise ScriptSyntaxError(f"Unexpected character: '{error.char}'", error.line, error.column) from None
    except UnexpectedInput as error:
        raise ScriptSyntaxError("Unexpected input", getattr(error, "line", 1), getattr(error, "column", 1)) from None
    except VisitError as error:
        if isinstance(error.orig_exc, ScriptSyntaxError):
            raise error.orig_exc from None
        if isinstance(error.orig_exc, RecursionError):
            raise ScriptSyntaxError("The script is nested too deeply", 1, 1) from None
        raise
    except RecursionError:
        raise ScriptSyntaxError("The script is nested too deeply", 1, 1) from None
