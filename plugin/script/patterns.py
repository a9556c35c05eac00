"""Java regular expressions for ``=~``, ``==~``, ``~/…/`` and the String methods, on the ``regex`` module
(whose syntax is close to Java's and whose matching can be timed out, so a catastrophic pattern is a limit error
rather than a hung worker)."""

from __future__ import annotations

import functools

import regex

from .errors import GroovyRuntimeError, LimitExceeded

TIMEOUT_SECONDS = 1.0
MAX_PATTERN = 2_000


@functools.lru_cache(maxsize=256)
def compile_java(pattern: str):
    if len(pattern) > MAX_PATTERN:
        raise LimitExceeded(f"a regular expression longer than {MAX_PATTERN} characters")
    try:
        return regex.compile(pattern.replace("\\p{Alpha}", "[a-zA-Z]").replace("\\p{Digit}", "[0-9]")
                             .replace("\\p{Alnum}", "[a-zA-Z0-9]").replace("\\p{Punct}", "[!-/:-@\\[-`{-~]"),
                             regex.VERSION0)
    except regex.error as error:
        raise GroovyRuntimeError(f"{error} near index {getattr(error, 'pos', 0) or 0}\n{pattern}",
                                 "PatternSyntaxException") from None


def _timed(call, *args, **kwargs):
    try:
        return call(*args, timeout=TIMEOUT_SECONDS, **kwargs)
    except TimeoutError:
        raise LimitExceeded(f"a regular expression ran longer than {TIMEOUT_SECONDS:g} second") from None


class Pattern:
    groovy_class = "java.util.regex.Pattern"

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.compiled = compile_java(pattern)

    def to_string(self) -> str:
        return self.pattern

    def search(self, text: str, start: int = 0):
        return _timed(self.compiled.search, text, start)

    def finditer(self, text: str) -> list:
        return list(_timed(self.compiled.finditer, text))

    def sub(self, replacement, text: str, count: int = 0) -> str:
        return _timed(self.compiled.sub, replacement, text, count=count)

    def split(self, text: str) -> list[str]:
        return _timed(self.compiled.split, text)


def full_match(pattern: Pattern, text: str) -> bool:
    return _timed(pattern.compiled.fullmatch, text) is not None


def match_value(match):
    """A match as Groovy gives it: the text, or ``[whole, group1, …]`` when the pattern has groups."""
    if match.re.groups:
        return [match.group(0), *match.groups()]
    return match.group(0)


def java_replacement(replacement: str):
    """Java's ``$1`` and ``\\$`` in a replacement, as a function for ``re.sub`` (no Python escapes apply)."""
    def replace(match) -> str:
        out, position = [], 0
        while position < len(replacement):
            char = replacement[position]
            if char == "\\" and position + 1 < len(replacement):
                out.append(replacement[position + 1])
                position += 2
            elif char == "$":
                end = position + 1
                while end < len(replacement) and replacement[end].isdigit():
                    end += 1
                if end == position + 1:
                    raise GroovyRuntimeError("Illegal group reference", "IllegalArgumentException")
                group = int(replacement[position + 1: end])
                if group > match.re.groups:
                    raise GroovyRuntimeError(f"No group {group}", "IndexOutOfBoundsException")
                out.append(match.group(group) or "")
                position = end
            else:
                out.append(char)
                position += 1
        return "".join(out)
    return replace


class Matcher:
    """``text =~ pattern`` and ``pattern.matcher(text)``: java.util.regex.Matcher. ``find()``, ``matches()`` and
    Groovy truth (which is ``find()``) move through the text and set the match ``group(n)`` reads; indexing
    (``m[0][1]``), ``size()`` and iteration walk every match from the start."""

    groovy_class = "java.util.regex.Matcher"

    def __init__(self, pattern: Pattern, text: str):
        self.pattern, self.text = pattern, text
        self._matches = None
        self.reset()

    def all(self) -> list:
        if self._matches is None:
            self._matches = [match_value(match) for match in self.pattern.finditer(self.text)]
        return self._matches

    def reset(self) -> Matcher:
        self.last, self.next_from = None, 0
        return self

    def find(self, start=None) -> bool:
        if start is not None:
            self.reset().next_from = int(start)
        self.last = self.pattern.search(self.text, self.next_from) if self.next_from <= len(self.text) else None
        if self.last is not None:
            # after an empty match Java goes on one character further, so that find() ends
            self.next_from = self.last.end() + (self.last.end() == self.last.start())
        return self.last is not None

    def matches(self) -> bool:
        self.last = _timed(self.pattern.compiled.fullmatch, self.text)
        return self.last is not None

    def group(self, number=0):
        if self.last is None:
            raise GroovyRuntimeError("No match found", "IllegalStateException")
        if not 0 <= int(number) <= self.group_count():
            raise GroovyRuntimeError(f"No group {int(number)}", "IndexOutOfBoundsException")
        return self.last.group(int(number))

    def bound(self, which: str, number=0) -> int:
        """``start(n)``, ``end(n)``: where group n of the last match begins or ends (-1 when it took no part)."""
        self.group(number)
        return getattr(self.last, which)(int(number))

    def group_count(self) -> int:
        return self.pattern.compiled.groups

    def as_boolean(self) -> bool:
        return self.find()

    def to_string(self) -> str:
        last = self.last.group(0) if self.last is not None else ""
        return f"java.util.regex.Matcher[pattern={self.pattern.pattern} region=0,{len(self.text)} lastmatch={last}]"


MATCHER_METHODS = {
    "find": lambda rt, m, start=None: m.find(start), "matches": lambda rt, m: m.matches(),
    "group": lambda rt, m, number=0: m.group(number), "groupCount": lambda rt, m: m.group_count(),
    "hasGroup": lambda rt, m: m.group_count() > 0, "reset": lambda rt, m: m.reset(),
    "start": lambda rt, m, number=0: m.bound("start", number), "end": lambda rt, m, number=0: m.bound("end", number),
    "size": lambda rt, m: len(m.all()), "getCount": lambda rt, m: len(m.all()),
}
