"""Groovy source to raw tokens (arrange.py then fits them to the grammar, ``groovy.lark``).

Groovy's syntax leans on context that an LALR grammar cannot see, so the lexer settles some of it, as Groovy's
own lexer does: a ``/`` after an operand divides and elsewhere starts a slashy string; ``List<String>`` loses
its type arguments; ``String[]`` is one name; a GString keeps its parts (text and ``${…}`` sources)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lark import Token

from .errors import ScriptSyntaxError

KEYWORDS = {
    "def": "DEF", "if": "IF", "else": "ELSE", "for": "FOR", "while": "WHILE", "in": "IN", "return": "RETURN",
    "break": "BREAK", "continue": "CONTINUE", "switch": "SWITCH", "case": "CASE", "default": "DEFAULT",
    "try": "TRY", "catch": "CATCH", "finally": "FINALLY", "throw": "THROW", "new": "NEW", "true": "TRUE",
    "false": "FALSE", "null": "NULL", "as": "AS", "instanceof": "INSTANCEOF", "import": "IMPORT",
    "final": "DEF", "var": "DEF",
}
OPERATORS = [  # longest first
    (">>>=", "ASSIGN"), ("<<=", "ASSIGN"), (">>=", "ASSIGN"), ("**=", "ASSIGN"), ("===", "EQ_OP"),
    ("!==", "EQ_OP"), ("==~", "EQ_OP"), ("<=>", "EQ_OP"), (">>>", "SHIFT_OP"), ("..<", "RANGE_OP"),
    ("?.", "SAFE_DOT"), ("*.", "SPREAD_DOT"), ("?:", "ELVIS"), ("?=", "ASSIGN"),
    ("==", "EQ_OP"), ("!=", "EQ_OP"), ("=~", "EQ_OP"), ("<=", "REL_OP"), (">=", "REL_OP"),
    ("&&", "ANDAND"), ("||", "OROR"), ("++", "INCDEC"), ("--", "INCDEC"), ("->", "ARROW"), ("..", "RANGE_OP"),
    ("**", "POW"), ("<<", "SHIFT_OP"), (">>", "SHIFT_OP"), ("+=", "ASSIGN"), ("-=", "ASSIGN"),
    ("*=", "ASSIGN"), ("/=", "ASSIGN"), ("%=", "ASSIGN"), ("|=", "ASSIGN"), ("&=", "ASSIGN"), ("^=", "ASSIGN"),
    ("=", "EQUALS"), ("<", "REL_OP"), (">", "REL_OP"), ("+", "PLUS"), ("-", "MINUS"), ("*", "MUL_OP"),
    ("/", "MUL_OP"), ("%", "MUL_OP"), ("!", "NOT"), ("~", "TILDE"), ("?", "QUESTION"), (":", "COLON"),
    (",", "COMMA"), (";", "SEMI"), (".", "DOT"), ("(", "LPAR"), (")", "RPAR"), ("[", "LSQB"), ("]", "RSQB"),
    ("{", "LBRACE"), ("}", "RBRACE"), ("&", "BITAND"), ("|", "BITOR"), ("^", "BITXOR"), ("@", "AT"),
]
OPERAND_END = {"NAME", "INTEGER", "DECIMAL", "STRING", "GSTRING", "RPAR", "RSQB", "RBRACE", "TRUE", "FALSE",
               "NULL"}
# A newline after one of these continues the expression; before one of these too.
CONTINUES_AFTER = {"ASSIGN", "EQUALS", "EQ_OP", "REL_OP", "SHIFT_OP", "RANGE_OP", "ANDAND", "OROR", "PLUS", "MINUS",
                   "MUL_OP", "POW", "NOT", "TILDE", "QUESTION", "COLON", "COMMA", "DOT", "SAFE_DOT", "SPREAD_DOT",
                   "ELVIS", "ARROW", "LBRACE", "BLOCK", "LPAR", "LSQB", "BITAND", "BITOR", "BITXOR", "NL", "IN",
                   "AS", "INSTANCEOF", "ELSE", "TRY", "FINALLY", "NEW"}
CONTINUES_BEFORE = {"DOT", "SAFE_DOT", "SPREAD_DOT", "ELSE", "CATCH", "FINALLY", "RBRACE", "CASE", "DEFAULT",
                    "ELVIS", "EOF"}
COMMAND_ARGUMENT = {"STRING", "GSTRING", "INTEGER", "DECIMAL", "NAME", "TRUE", "FALSE", "NULL", "NEW", "NOT", "TILDE"}
PRIMITIVES = {"int", "long", "short", "byte", "char", "boolean", "double", "float", "void"}

NUMBER = re.compile(r"0[xX][0-9a-fA-F_]+[lLgGiI]?|0[bB][01_]+[lLgGiI]?"
                    r"|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?[lLgGiIdDfF]?", re.ASCII)
# Java identifiers as Groovy 4 reads them: letters of any script, currency symbols and connectors (``_``) start
# one, digits and combining marks may follow; format characters such as a byte order mark are not part of one.
IDENTIFIER_START = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Sc", "Pc"}
IDENTIFIER_PART = IDENTIFIER_START | {"Nd", "Mn", "Mc"}
GENERICS = re.compile(r"<\s*(?:[A-Z?][\w.?\s,<>\[\]]*)?>")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"', "$": "$",
           "0": "\0", "/": "/"}


class Tok(Token):
    """A token that can carry what the lexer settled: a GString's parts, which bracket a ")" closes."""


def is_identifier_start(char: str) -> bool:
    return char.isascii() and (char.isalpha() or char in "_$") or \
        not char.isascii() and unicodedata.category(char) in IDENTIFIER_START


def is_identifier_part(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "_$") or \
        not char.isascii() and unicodedata.category(char) in IDENTIFIER_PART


def shown(text: str) -> str:
    """Text as a message shows it: a character that cannot be printed (NUL, a lone surrogate, a byte order
    mark) escaped as Java writes it, so that the message can always be written out."""
    return "".join(char if char.isprintable() and not "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"
                   for char in text)


def is_type_name(name: str) -> bool:
    return name[:1].isupper() or name.rstrip("[]") in PRIMITIVES


@dataclass
class Lexer:
    text: str
    line_offset: int = 0
    column_offset: int = 0
    pos: int = 0
    line: int = 1
    line_start: int = 0
    tokens: list = field(default_factory=list)

    def error(self, message: str, pos: int | None = None) -> ScriptSyntaxError:
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return ScriptSyntaxError(message, line + self.line_offset, column + (self.column_offset if line == 1 else 0))

    def token(self, kind: str, value: str, start: int) -> Token:
        line = self.text.count("\n", 0, start) + 1
        column = start - (self.text.rfind("\n", 0, start) + 1) + 1
        return Tok(kind, value, start_pos=start, line=line + self.line_offset,
                     column=column + (self.column_offset if line == 1 else 0))

    def previous(self) -> str:
        return self.tokens[-1].type if self.tokens else "NL"

    def raw_tokens(self) -> list[Token]:
        text = self.text
        if text.startswith("\ufeff"):  # a byte order mark, as editors on Windows write
            self.pos = 1
        if text.startswith("#!", self.pos):
            self.pos = text.find("\n") if "\n" in text else len(text)
        while self.pos < len(text):
            char = text[self.pos]
            if char == "\n":
                self.tokens.append(self.token("NL", "\n", self.pos))
                self.pos += 1
            elif char in " \t\r\f" or (char == "\\" and text[self.pos + 1: self.pos + 2] == "\n"):
                self.pos += 2 if char == "\\" else 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("Unexpected end of file: the comment is not closed")
                self.pos = end + 2
            elif char in "0123456789":
                self.number()
            elif text.startswith("$/", self.pos):
                self.dollar_slashy()
            elif is_identifier_start(char):
                self.word()
            elif char in "'\"":
                self.quoted(char)
            elif char == "/" and self.previous() not in OPERAND_END:
                self.slashy()
            else:
                self.operator()
        self.tokens.append(self.token("EOF", "", len(text)))
        return self.tokens

    def number(self) -> None:
        match = NUMBER.match(self.text, self.pos)
        value = match.group().replace("_", "")
        decimal = not value.lower().startswith(("0x", "0b")) and (
            "." in value or "e" in value.lower() or value[-1] in "dDfF")
        if not decimal and re.fullmatch(r"0\d*[89]\d*[lLgGiI]?", value):
            raise self.error(f"Invalid octal literal: '{match.group()}'")  # 017 is octal, as in Java
        self.tokens.append(self.token("DECIMAL" if decimal else "INTEGER", value, self.pos))
        self.pos = match.end()

    def word(self) -> None:
        start = self.pos
        end = start + 1
        while end < len(self.text) and is_identifier_part(self.text[end]):
            end += 1
        name = self.text[start:end]
        self.pos = end
        after_dot = self.previous() in ("DOT", "SAFE_DOT", "SPREAD_DOT")
        kind = "NAME" if after_dot else KEYWORDS.get(name, "NAME")
        if kind != "NAME" and self.previous() in ("LSQB", "COMMA") and re.match(r"\s*:(?!:)", self.text[self.pos:]):
            kind = "NAME"  # a map key: [in: 1, default: 2]
        if kind == "NAME" and not after_dot and is_type_name(name):
            generics = GENERICS.match(self.text, self.pos)
            if generics and self._balanced(generics.group()):
                self.pos = generics.end()
            while re.match(r"\[\s*\]", self.text[self.pos:]):
                name += "[]"
                self.pos = self.text.index("]", self.pos) + 1
        self.tokens.append(self.token(kind, name, start))

    @staticmethod
    def _balanced(text: str) -> bool:
        depth = 0
        for char in text:
            depth += {"<": 1, ">": -1}.get(char, 0)
            if depth < 0:
                return False
        return depth == 0

    def negated(self) -> bool:
        """``!in`` and ``!instanceof`` (Groovy 3 and later)."""
        for word, kind in (("!instanceof", "NOT_INSTANCEOF"), ("!in", "NOT_IN")):
            if self.text.startswith(word, self.pos) and not re.match(r"[\w$]", self.text[self.pos + len(word):][:1]):
                self.tokens.append(self.token(kind, word, self.pos))
                self.pos += len(word)
                return True
        return False

    def operator(self) -> None:
        if self.text.startswith("!i", self.pos) and self.previous() in OPERAND_END and self.negated():
            return
        if self.text.startswith("?[", self.pos) and self.previous() in OPERAND_END and \
                not self.text[self.pos - 1: self.pos].isspace():
            self.tokens.append(self.token("SAFE_INDEX", "?[", self.pos))  # a?[0] (Groovy 3 and later)
            self.pos += 2
            return
        if self.text.startswith("*", self.pos) and self.previous() == "DOT":
            self.tokens.append(self.token("NAME", "*", self.pos))  # import groovy.json.*
            self.pos += 1
            return
        for pointer in (".&", "::"):
            if self.text.startswith(pointer, self.pos):
                what = "pointers" if pointer == ".&" else "references"
                raise self.error(f"Method {what} ('{pointer}') are not supported in sync rules: "
                                 "use a closure, { value -> target.method(value) }")
        for text, kind in OPERATORS:
            if self.text.startswith(text, self.pos):
                self.tokens.append(self.token(kind, text, self.pos))
                self.pos += len(text)
                return
        raise self.error(f"Unexpected character: '{shown(self.text[self.pos])}'")

    def quoted(self, quote: str) -> None:
        start = self.pos
        triple = self.text.startswith(quote * 3, start)
        delimiter = quote * 3 if triple else quote
        self.pos += len(delimiter)
        parts: list = []
        literal: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("Unexpected end of file: the string is not closed", start)
            char = self.text[self.pos]
            if self.text.startswith(delimiter, self.pos):
                self.pos += len(delimiter)
                break
            if char == "\n" and not triple:
                raise self.error("Unexpected end of line: the string is not closed", start)
            if char == "\\":
                literal.append(self.escape())
            elif char == "$" and quote == '"':
                self.interpolation(parts, literal)
            else:
                literal.append(char)
                self.pos += 1
        self.finish_string(parts, literal, start)

    def slashy(self) -> None:
        start = self.pos
        self.pos += 1
        parts: list = []
        literal: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("Unexpected end of file: the slashy string is not closed", start)
            char = self.text[self.pos]
            if char == "/":
                self.pos += 1
                break
            if char == "\\" and self.text[self.pos + 1: self.pos + 2] == "/":
                literal.append("/")
                self.pos += 2
            elif char == "$" and self._path_end(self.pos + 1) > self.pos + 1 or self.text.startswith("${", self.pos):
                self.interpolation(parts, literal)
            else:
                literal.append(char)
                self.pos += 1
        self.finish_string(parts, literal, start)

    def dollar_slashy(self) -> None:
        """``$/C:\\temp\\$name/$``: backslashes are plain text; ``$$`` is ``$`` and ``$/`` is ``/``."""
        start = self.pos
        self.pos += 2
        parts: list = []
        literal: list[str] = []
        while not self.text.startswith("/$", self.pos):
            if self.pos >= len(self.text):
                raise self.error("Unexpected end of file: the dollar slashy string is not closed", start)
            if self.text.startswith(("$$", "$/"), self.pos):
                literal.append(self.text[self.pos + 1])
                self.pos += 2
            elif self.text.startswith("${", self.pos) or (
                    self.text.startswith("$", self.pos) and self._path_end(self.pos + 1) > self.pos + 1):
                self.interpolation(parts, literal)
            else:
                literal.append(self.text[self.pos])
                self.pos += 1
        self.pos += 2
        self.finish_string(parts, literal, start)

    def finish_string(self, parts: list, literal: list[str], start: int) -> None:
        if not parts:
            self.tokens.append(self.token("STRING", "".join(literal), start))
            return
        if literal:
            parts.append("".join(literal))
        token = self.token("GSTRING", self.text[start:self.pos], start)
        token.parts = parts
        self.tokens.append(token)

    def escape(self) -> str:
        follower = self.text[self.pos + 1: self.pos + 2]
        if follower == "u":
            digits = self.text[self.pos + 2: self.pos + 6]
            if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                raise self.error("Did not find four digit hex character code")
            self.pos += 6
            return chr(int(digits, 16))
        if follower == "\n":
            self.pos += 2
            return ""
        if follower not in ESCAPES:
            raise self.error(f"Unexpected character: '\\{shown(follower)}'")
        self.pos += 2
        return ESCAPES[follower]

    def interpolation(self, parts: list, literal: list[str]) -> None:
        start = self.pos
        if self.text.startswith("${", start):
            end = self._closing_brace(start + 2)
            source, offset = self.text[start + 2: end], start + 2
            self.pos = end + 1
        else:
            end = self._path_end(start + 1)
            if end == start + 1:
                raise self.error("Unexpected character: '$'")
            source, offset = self.text[start + 1: end], start + 1
            self.pos = end
        if literal:
            parts.append("".join(literal))
            literal.clear()
        line = self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        parts.append((source, line + self.line_offset, column + (self.column_offset if line == 0 else 0)))

    def _path_end(self, pos: int) -> int:
        """Where ``$name.name…`` ends in a GString (a name of any script, without ``$``)."""
        text = self.text
        while pos < len(text) and text[pos] != "$" and is_identifier_start(text[pos]):
            pos += 1
            while pos < len(text) and text[pos] != "$" and is_identifier_part(text[pos]):
                pos += 1
            if not (text.startswith(".", pos) and pos + 1 < len(text) and text[pos + 1] != "$"
                    and is_identifier_start(text[pos + 1])):
                return pos
            pos += 1
        return pos

    def _closing_brace(self, pos: int) -> int:
        depth, quote = 0, None
        while pos < len(self.text):
            char = self.text[pos]
            if quote:
                if char == "\\":
                    pos += 1
                elif char == quote:
                    quote = None
            elif char in "'\"":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    return pos
                depth -= 1
            pos += 1
        raise self.error("Unexpected end of file: '${' is not closed")
