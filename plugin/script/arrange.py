"""The tokens as the grammar reads them: the lexer's raw tokens arranged so that an LALR grammar can read
Groovy. A newline ends a statement only outside brackets and not after an operator or before ``.``/``else``;
``{`` after ``if (…)``, ``else``, ``try``… opens a block (``BLOCK``) and elsewhere a closure; ``println "x"``
(a command expression) gets its parentheses; ``(String) x`` is a cast."""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token

from .errors import ScriptSyntaxError
from .lexer import COMMAND_ARGUMENT, CONTINUES_AFTER, CONTINUES_BEFORE, OPERAND_END, Lexer, Tok, is_type_name


def tokenize(text: str, line_offset: int = 0, column_offset: int = 0) -> list[Token]:
    """The tokens the grammar reads: newlines settled, blocks told from closures, command calls bracketed."""
    return _Arranger(java_casts(Lexer(text, line_offset, column_offset).raw_tokens())).arrange()


CAST_OPERAND = {"NAME", "STRING", "GSTRING", "INTEGER", "DECIMAL", "LPAR", "LSQB", "TRUE", "FALSE", "NULL", "NEW"}


def java_casts(tokens: list) -> list:
    """``(String) x``, ``(int) 3.7``: a type in parentheses before an operand is a cast (one CAST token)."""
    out: list = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (token.type == "LPAR" and index + 3 < len(tokens) and tokens[index + 1].type == "NAME"
                and is_type_name(tokens[index + 1].value) and tokens[index + 2].type == "RPAR"
                and tokens[index + 3].type in CAST_OPERAND
                and not (out and out[-1].type in OPERAND_END | {"IF", "WHILE", "FOR", "SWITCH", "CATCH"})):
            out.append(Tok("CAST", tokens[index + 1].value, start_pos=token.start_pos, line=token.line,
                           column=token.column))
            index += 3
            continue
        out.append(token)
        index += 1
    return out


def refuse_label(name: Token, following: Token) -> None:
    """``outer: for (…)``: labelled statements are not part of the sync-rule language."""
    if following.type == "COLON":
        raise ScriptSyntaxError(f"Labelled statements ('{name.value}:') are not supported in sync rules",
                                name.line, name.column)


@dataclass
class _Arranger:
    raw: list
    out: list = field(default_factory=list)
    brackets: list = field(default_factory=list)  # (kind, role of the opener)
    commands: list = field(default_factory=list)  # bracket depths where a command call awaits its ")"
    command_after: int = -1  # raw index of the name a command call's "(" follows
    cases: list = field(default_factory=list)  # bracket depths of case labels awaiting their ":" or "->"

    def arrange(self) -> list[Token]:
        raw = self.raw
        for index, token in enumerate(raw):
            kind = token.type
            if kind == "EOF":
                self.close_commands(token)
                self.out.append(token)
                break
            if kind in ("NL", "SEMI") and not self.in_parens():
                self.newline(token, self.next_significant(index))
                continue
            if kind == "NL":
                continue
            if kind in ("RBRACE", "ELSE"):
                self.close_commands(token)  # if (x) println "a" else println "b"
            if kind == "LBRACE" and self.opens_block():
                token = Tok("BLOCK", "{", start_pos=token.start_pos, line=token.line, column=token.column)
            elif kind == "LBRACE" and self.has_defaults(index):
                token = Tok("LBRACE_PARAMS", "{", start_pos=token.start_pos, line=token.line, column=token.column)
            self.track(token)
            self.out.append(token)
            if kind == "NAME" and self.at_statement_start(len(self.out) - 1):
                refuse_label(token, raw[index + 1])
                self.maybe_command(index)
            if kind in ("BREAK", "CONTINUE") and raw[index + 1].type == "NAME":
                raise ScriptSyntaxError(f"'{token.value}' with a label is not supported in sync rules",
                                        raw[index + 1].line, raw[index + 1].column)
            if index == self.command_after:
                self.out.append(Tok("LPAR", "(", start_pos=token.start_pos, line=token.line, column=token.column))
                self.commands.append(len(self.brackets))
        return self.out

    def newline(self, token: Token, following: Token) -> None:
        if self.last() in CONTINUES_AFTER or self.last() == "SEMI":
            return
        if following.type in ("DOT", "SAFE_DOT", "SPREAD_DOT", "ELVIS"):
            return
        if following.type == "LBRACE" and self.opens_block():
            return  # if (x)⏎{ and def f()⏎{: the block on the next line
        self.close_commands(token)
        if following.type not in CONTINUES_BEFORE:
            self.out.append(Tok("NL", "\n", start_pos=token.start_pos, line=token.line, column=token.column))

    def next_significant(self, index: int) -> Token:
        """The next token that is not a newline (comments between ``}`` and ``else`` leave only newlines)."""
        index += 1
        while self.raw[index].type in ("NL", "SEMI"):
            index += 1
        return self.raw[index]

    def last(self) -> str:
        return self.out[-1].type if self.out else "NL"

    def in_parens(self) -> bool:
        return bool(self.brackets) and self.brackets[-1][0] in ("LPAR", "LSQB")

    def opens_block(self) -> bool:
        if self.last() in ("ELSE", "TRY", "FINALLY"):
            return True
        return self.last() == "RPAR" and getattr(self.out[-1], "closes", None) == "control"

    def has_defaults(self, index: int) -> bool:
        """``{ a, b = 1 -> }``: a closure whose parameters have defaults (LALR cannot tell ``b = 1`` there from
        an assignment before it reaches the arrow)."""
        depth, assigns = 0, False
        for token in self.raw[index + 1:]:
            kind = token.type
            if kind in ("LPAR", "LSQB", "LBRACE"):
                depth += 1
            elif kind in ("RPAR", "RSQB", "RBRACE"):
                if depth == 0:
                    return False
                depth -= 1
            elif depth == 0 and kind == "EQUALS":
                assigns = True
            elif depth == 0 and kind == "ARROW":
                return assigns
            elif depth == 0 and kind in ("NL", "SEMI", "EOF"):
                return False
        return False

    def track(self, token: Token) -> None:
        kind = token.type
        if kind in ("LPAR", "LSQB", "LBRACE", "BLOCK", "LBRACE_PARAMS"):
            role = "control" if kind == "LPAR" and self.control_paren() else None
            self.brackets.append((kind, role))
        elif kind in ("RPAR", "RSQB", "RBRACE"):
            if self.brackets:
                token.closes = self.brackets.pop()[1]
        elif kind in ("CASE", "DEFAULT"):
            self.cases.append(len(self.brackets))
        elif kind in ("COLON", "ARROW") and self.cases and self.cases[-1] == len(self.brackets):
            self.cases.pop()
            token.case_label = kind == "COLON"  # "->" ends a switch expression's label

    def control_paren(self) -> bool:
        if not self.out:
            return False
        before = self.out[-1]
        if before.type in ("IF", "WHILE", "FOR", "CATCH", "SWITCH"):
            return True
        # def name(…) { or Type name(…) { at the start of a statement: a function's parameters
        return (before.type == "NAME" and len(self.out) >= 2 and self.out[-2].type in ("DEF", "NAME")
                and self.at_statement_start(len(self.out) - 2))

    def at_statement_start(self, position: int) -> bool:
        if position == 0:
            return True
        before = self.out[position - 1]
        if before.type in ("NL", "BLOCK", "ELSE", "ARROW", "LBRACE", "LBRACE_PARAMS"):
            return True
        if before.type == "COLON":
            return getattr(before, "case_label", False)
        return before.type == "RPAR" and getattr(before, "closes", None) == "control"

    def maybe_command(self, index: int) -> None:
        """``println x`` or ``issue.setStatus "Done"``: a call without parentheses, bracketed here."""
        raw = self.raw
        look = index
        while raw[look + 1].type == "DOT" and raw[look + 2].type == "NAME":
            look += 2
        following = raw[look + 1]
        if following.type not in COMMAND_ARGUMENT:
            return
        if look == index and following.type == "NAME" and is_type_name(raw[index].value):
            return  # String s: a declaration
        if following.type == "NAME" and raw[look + 2].type in ("ARROW", "COMMA"):
            return  # closure parameters
        self.command_after = look

    def close_commands(self, token: Token) -> None:
        depth = len(self.brackets)
        while self.commands and self.commands[-1] >= depth:
            self.commands.pop()
            self.out.append(Tok("RPAR", ")", start_pos=token.start_pos, line=token.line, column=token.column))
