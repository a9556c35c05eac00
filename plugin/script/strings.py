"""The String methods sync rules use, with Groovy's (and Java's) behaviour."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .dispatch import get_index
from .errors import GroovyRuntimeError
from .ops import parse_number, stringify
from .patterns import Matcher, Pattern, java_replacement, match_value
from .runtime import Closure
from .values import GroovySet, Long, double_to_string, is_number, truth


def _pattern(value) -> Pattern:
    return value if isinstance(value, Pattern) else Pattern(str(value))


def _split(rt, text: str, separator=None, limit=0):
    if separator is None:
        return text.split()
    parts = _pattern(separator).split(text) if limit == 0 else _pattern(separator).compiled.split(
        text, maxsplit=max(int(limit) - 1, 0))
    if text == "":
        return [""]
    if limit == 0:
        while parts and parts[-1] == "":
            parts.pop()
        first = _pattern(separator).search(text)
        if parts and parts[0] == "" and first is not None and first.end() == 0:
            parts.pop(0)
    return parts


def _substring(rt, text: str, start, end=None):
    end = len(text) if end is None else int(end)
    start = int(start)
    if start < 0 or end > len(text) or start > end:
        raise GroovyRuntimeError(f"begin {start}, end {end}, length {len(text)}", "StringIndexOutOfBoundsException")
    return text[start:end]


def _to_integer(rt, text: str):
    return parse_number(text, "Integer")


def _is_number(rt, text: str) -> bool:
    try:
        Decimal(text.strip() if text.strip() == text else "x")
        return bool(text) and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfFgGlL]?", text) is not None
    except InvalidOperation:
        return False


def _pad(left: bool):
    def pad(rt, text: str, width, fill=" "):
        missing = int(width) - len(text)
        if missing <= 0:
            return text
        rt.check_length(missing)
        padding = (fill * (missing // len(fill) + 1))[:missing]
        return padding + text if left else text + padding
    return pad


def _center(rt, text: str, width, fill=" "):
    missing = int(width) - len(text)
    if missing <= 0:
        return text
    rt.check_length(missing)
    left = missing // 2
    right = missing - left
    return (fill * left)[:left] + text + (fill * right)[:right]


def _tokenize(rt, text: str, delimiters=None):
    if delimiters is None:
        return text.split()
    pattern = "[" + re.escape(stringify(rt, delimiters)) + "]+"
    return [part for part in re.split(pattern, text) if part]


def _replace_all(first: bool):
    def replace(rt, text: str, pattern, replacement):
        compiled = _pattern(pattern)
        if isinstance(replacement, Closure):
            def call(match):
                value = match_value(match)
                args = value if isinstance(value, list) else [value]
                return stringify(rt, rt.call_closure(replacement, args if replacement.parameter_count > 1 else [value]))
            return rt.check_string(compiled.sub(call, text, count=1 if first else 0))
        return rt.check_string(compiled.sub(java_replacement(stringify(rt, replacement)), text,
                                            count=1 if first else 0))
    return replace


def _find(rt, text: str, pattern, closure=None):
    match = _pattern(pattern).search(text)
    if match is None:
        return None
    if closure is None:
        return match.group(0)
    value = match_value(match)
    return rt.call_closure(closure, value if isinstance(value, list) and closure.parameter_count > 1 else [value])


def _find_all(rt, text: str, pattern, closure=None):
    values = Matcher(_pattern(pattern), text).all() if closure is None else \
        [m for m in Matcher(_pattern(pattern), text).all()]
    if closure is None:
        return [value[0] if isinstance(value, list) else value for value in values]
    return [rt.call_closure(closure, value if isinstance(value, list) and closure.parameter_count > 1 else [value])
            for value in values]


def _strip_indent(rt, text: str):
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] if line.strip() else line.strip() for line in lines)


def _strip_margin(rt, text: str, margin="|"):
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        out.append(stripped[1:] if stripped.startswith(margin) else line)
    return "\n".join(out)


def _each_char(rt, text: str, closure):
    for char in text:
        rt.tick()
        rt.call_closure(closure, [char])
    return text


def _compare_to(rt, text: str, other):
    """Java's String.compareTo: the difference of the first differing characters, else of the lengths."""
    if not isinstance(other, str):
        raise TypeError
    for mine, theirs in zip(text, other, strict=False):
        if mine != theirs:
            return ord(mine) - ord(theirs)
    return len(text) - len(other)


def _each_line(rt, text: str, closure):
    """Each line, with its number (from 0) when the closure takes two parameters."""
    for number, line in enumerate(text.splitlines()):
        rt.call_closure(closure, [line, number] if closure.parameter_count == 2 else [line])


def _capitalize(rt, text: str):
    return text[:1].upper() + text[1:]


def _count(rt, text: str, part):
    part = stringify(rt, part)
    if not part:
        return len(text) + 1
    count, position = 0, text.find(part)
    while position >= 0:
        count += 1
        position = text.find(part, position + 1)
    return count


def _index_of(last: bool):
    def index_of(rt, text: str, part, start=None):
        part = stringify(rt, part)
        if last:
            return text.rfind(part) if start is None else text.rfind(part, 0, int(start) + len(part))
        return text.find(part, 0 if start is None else max(int(start), 0))
    return index_of


def _multiply(rt, text: str, count):
    from .ops import string_operator
    return string_operator(rt, "*", text, count)


METHODS = {
    "size": lambda rt, s: len(s), "length": lambda rt, s: len(s), "isEmpty": lambda rt, s: not s,
    "isBlank": lambda rt, s: not s.strip(), "trim": lambda rt, s: s.strip(" \t\n\r\x0b\x0c\x00"),
    "strip": lambda rt, s: s.strip(), "toLowerCase": lambda rt, s: s.lower(), "toUpperCase": lambda rt, s: s.upper(),
    "contains": lambda rt, s, part: stringify(rt, part) in s,
    "startsWith": lambda rt, s, part: s.startswith(stringify(rt, part)),
    "endsWith": lambda rt, s, part: s.endswith(stringify(rt, part)),
    "equalsIgnoreCase": lambda rt, s, other: isinstance(other, str) and s.lower() == other.lower(),
    "compareTo": _compare_to, "compareToIgnoreCase": lambda rt, s, other: _compare_to(rt, s.lower(), other.lower()),
    "replace": lambda rt, s, old, new: rt.check_string(s.replace(stringify(rt, old), stringify(rt, new))),
    "replaceAll": _replace_all(False), "replaceFirst": _replace_all(True),
    "split": _split, "substring": _substring, "indexOf": _index_of(False), "lastIndexOf": _index_of(True),
    "charAt": lambda rt, s, index: s[int(index)], "concat": lambda rt, s, other: rt.check_string(s + other),
    "toInteger": _to_integer, "toLong": lambda rt, s: Long(parse_number(s, "Long")),
    "toBigDecimal": lambda rt, s: parse_number(s, "BigDecimal"), "toDouble": lambda rt, s: parse_number(s, "Double"),
    "toBigInteger": lambda rt, s: parse_number(s, "BigInteger"), "toFloat": lambda rt, s: parse_number(s, "Double"),
    "toBoolean": lambda rt, s: s.strip().lower() in ("true", "y", "1"),
    "isNumber": _is_number, "isInteger": lambda rt, s: re.fullmatch(r"[+-]?\d+", s) is not None and
    -(2**31) <= int(s) < 2**31,
    "isLong": lambda rt, s: re.fullmatch(r"[+-]?\d+", s) is not None and -(2**63) <= int(s) < 2**63,
    "isBigDecimal": _is_number, "isDouble": _is_number,
    "capitalize": _capitalize, "uncapitalize": lambda rt, s: s[:1].lower() + s[1:],
    "padLeft": _pad(True), "padRight": _pad(False), "center": _center, "tokenize": _tokenize,
    "matches": lambda rt, s, pattern: _pattern(pattern).compiled.fullmatch(s) is not None,
    "find": _find, "findAll": _find_all, "readLines": lambda rt, s: s.splitlines(),
    "reverse": lambda rt, s: s[::-1], "stripIndent": _strip_indent, "stripMargin": _strip_margin,
    "toList": lambda rt, s: list(s), "toSet": lambda rt, s: GroovySet(s), "toCharArray": lambda rt, s: list(s),
    "chars": lambda rt, s: list(s), "each": _each_char, "count": _count,
    "collect": lambda rt, s, closure: [rt.call_closure(closure, [c]) for c in s],
    "any": lambda rt, s, closure: any(truth(rt.call_closure(closure, [c])) for c in s),
    "every": lambda rt, s, closure: all(truth(rt.call_closure(closure, [c])) for c in s),
    "take": lambda rt, s, n: s[:max(int(n), 0)], "drop": lambda rt, s, n: s[max(int(n), 0):],
    "getAt": get_index,
    "multiply": _multiply, "next": lambda rt, s: s[:-1] + chr(ord(s[-1]) + 1) if s else "",
    "eachLine": lambda rt, s, closure: _each_line(rt, s, closure),
    "repeat": _multiply, "normalize": lambda rt, s: s.replace("\r\n", "\n"),
    "denormalize": lambda rt, s: s, "codePointAt": lambda rt, s, i: ord(s[int(i)]),
    "format": lambda rt, s, *args: java_format(rt, s, list(args)),
}

FORMAT = re.compile(r"%([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def java_format(runtime, pattern: str, args: list) -> str:
    """Java's String.format for the usual conversions: %s %d %f %x %o %e %b %c %n %%."""
    position = 0
    out = []
    last = 0
    for match in FORMAT.finditer(pattern):
        out.append(pattern[last:match.start()])
        last = match.end()
        flags, width, precision, conversion = match.groups()
        if conversion == "%":
            out.append("%")
            continue
        if conversion == "n":
            out.append("\n")
            continue
        if position >= len(args):
            raise GroovyRuntimeError(f"Format specifier '{match.group()}'", "MissingFormatArgumentException")
        value = args[position]
        position += 1
        out.append(_format_one(runtime, value, flags, width, precision, conversion))
    out.append(pattern[last:])
    return runtime.check_string("".join(out))


def _format_one(runtime, value, flags: str, width, precision, conversion: str) -> str:
    lower = conversion.lower()
    align = "<" if "-" in flags else ">"
    fill = "0" if "0" in flags and "-" not in flags else " "
    grouping = "," if "," in flags else ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    if lower == "s":
        text = stringify(runtime, value)
        text = text[: int(precision)] if precision else text
    elif lower == "b":
        text = "false" if value is None or value is False else "true"
    elif lower == "c":
        text = value if isinstance(value, str) else chr(int(value))
    elif lower == "d":
        text = format(int(value), f"{sign}{grouping}d")
    elif lower in "xo":
        text = format(int(value) % (2**64 if isinstance(value, Long) else 2**32) if int(value) < 0 else int(value),
                      lower)
    elif lower in "fe":
        number = value if isinstance(value, Decimal) else (float(value) if is_number(value) else None)
        if number is None:
            raise GroovyRuntimeError(f"f != {type(value).__name__}", "IllegalFormatConversionException")
        text = format(number, f"{sign}{grouping}.{precision or 6}{lower}")
        if lower == "e":
            mantissa, exponent = text.split("e")
            text = f"{mantissa}e{exponent[0]}{exponent[1:].zfill(2)}"
    else:
        text = double_to_string(float(value)) if isinstance(value, float) else stringify(runtime, value)
    if width:
        runtime.check_length(int(width))
    if precision and int(precision) > 1000:
        raise GroovyRuntimeError(f"precision {precision} is too large", "IllegalFormatPrecisionException")
    if width and len(text) < int(width):
        if fill == "0" and text[:1] in "+-":
            text = text[0] + text[1:].rjust(int(width) - 1, "0")
        else:
            text = format(text, f"{fill}{align}{width}")
    return text.upper() if conversion.isupper() else text
