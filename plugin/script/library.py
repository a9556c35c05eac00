"""Static helpers and the few library classes sync rules may use: ``Math``, ``Integer.parseInt``,
``String.valueOf``, ``JsonSlurper``, ``JsonOutput``, ``SimpleDateFormat`` and ``Date``. Small but real."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from decimal import Decimal

from .arith import integer_of, to_decimal
from .errors import GroovyRuntimeError
from .host import HostObject
from .ops import parse_number
from .values import BigInteger, GroovySet, Long, cast_failure, compare, double_to_string, is_number, rank, to_string


def _math_round(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return 0
    rounded = math.floor(float(value) + 0.5)
    return Long(rounded) if isinstance(value, float) else int(rounded)


def _abs(value):
    return -value if compare(value, 0) < 0 else value


def _extreme(pick):
    def choose(runtime, a, b):
        if not (is_number(a) and is_number(b)):
            raise TypeError
        top = max(rank(a), rank(b))
        chosen = a if pick(compare(a, b)) else b
        return float(chosen) if top == 4 else integer_of(int(chosen), top) if top < 3 else chosen
    return choose


def _format(runtime, pattern, *args):
    from .strings import java_format
    return java_format(runtime, pattern, list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args))


def _radix(text, radix=10):
    try:
        value = int(str(text).strip(), int(radix))
    except ValueError:
        raise GroovyRuntimeError(f'For input string: "{text}"' + (f" under radix {radix}" if radix != 10 else ""),
                                 "NumberFormatException") from None
    if not -(2**31) <= value < 2**31:
        raise GroovyRuntimeError(f'For input string: "{text}"', "NumberFormatException")
    return value


def _value_of(kind):
    return lambda runtime, value: parse_number(value, kind) if isinstance(value, str) else \
        {"Integer": int, "Long": Long, "Double": float, "BigDecimal": to_decimal, "BigInteger": BigInteger}[kind](value)


STATIC_METHODS = {
    "Math": {
        "max": _extreme(lambda order: order >= 0), "min": _extreme(lambda order: order <= 0),
        "abs": lambda rt, v: _abs(v), "round": lambda rt, v: _math_round(v),
        "floor": lambda rt, v: float(math.floor(v)), "ceil": lambda rt, v: float(math.ceil(v)),
        "sqrt": lambda rt, v: math.sqrt(v) if v >= 0 else math.nan, "pow": lambda rt, a, b: float(a) ** float(b),
        "random": lambda rt: random.random(), "signum": lambda rt, v: float((v > 0) - (v < 0)),
        "log": lambda rt, v: math.log(v), "log10": lambda rt, v: math.log10(v),
    },
    "Integer": {"parseInt": lambda rt, text, radix=10: _radix(text, radix), "valueOf": _value_of("Integer"),
                "toString": lambda rt, v: to_string(v), "toHexString": lambda rt, v: format(v % 2**32, "x"),
                "toBinaryString": lambda rt, v: format(v % 2**32, "b")},
    "Long": {"parseLong": lambda rt, text: Long(parse_number(text, "Long")), "valueOf": _value_of("Long")},
    "Double": {"parseDouble": lambda rt, text: parse_number(text, "Double"), "valueOf": _value_of("Double")},
    "BigDecimal": {"valueOf": _value_of("BigDecimal")},
    "BigInteger": {"valueOf": _value_of("BigInteger")},
    "Boolean": {"parseBoolean": lambda rt, text: str(text).lower() == "true",
                "valueOf": lambda rt, v: v if isinstance(v, bool) else str(v).lower() == "true"},
    "String": {"valueOf": lambda rt, v: to_string(v), "format": _format,
               "join": lambda rt, sep, *items: sep.join(to_string(i) for i in (
                   items[0] if len(items) == 1 and isinstance(items[0], (list, GroovySet)) else items))},
    "Character": {"isDigit": lambda rt, c: c.isdigit(), "isLetter": lambda rt, c: c.isalpha(),
                  "isLetterOrDigit": lambda rt, c: c.isalnum(), "isWhitespace": lambda rt, c: c.isspace(),
                  "isUpperCase": lambda rt, c: c.isupper(), "isLowerCase": lambda rt, c: c.islower(),
                  "toUpperCase": lambda rt, c: c.upper(), "toLowerCase": lambda rt, c: c.lower()},
    "Arrays": {"asList": lambda rt, *items: list(items)},
    "JsonOutput": {"toJson": lambda rt, value: to_json(value),
                   "prettyPrint": lambda rt, text: pretty_json(text)},
}


def to_json(value) -> str:
    """groovy.json.JsonOutput.toJson: compact, maps in order, BigDecimal as written."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return double_to_string(value)
    if is_number(value):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(to_string(k)) + ":" + to_json(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, GroovySet)) or hasattr(value, "__iter__"):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    if isinstance(value, DateValue):
        return json.dumps(value.moment.strftime("%Y-%m-%dT%H:%M:%S+0000"))
    return json.dumps(to_string(value))


def pretty_json(text: str) -> str:
    return json.dumps(json.loads(text, parse_float=Decimal), indent=4, ensure_ascii=False,
                      default=lambda value: float(value))


def from_json(value):
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [from_json(item) for item in value]
    if isinstance(value, dict):  # Groovy's JsonSlurper map lists its keys in order
        return {key: from_json(value[key]) for key in sorted(value)}
    return value


class JsonSlurper(HostObject):
    groovy_class = "groovy.json.JsonSlurper"

    def call_method(self, name: str, args: list):
        if name == "parseText" and len(args) == 1 and isinstance(args[0], str):
            try:
                return from_json(json.loads(args[0], parse_float=Decimal))
            except ValueError as error:
                raise GroovyRuntimeError(f"Unable to determine the current character, it is not a string, number, "
                                         f"array, or object\n\nThe current character read is '{args[0][:1]}' "
                                         f"({error})", "JsonException") from None
        return super().call_method(name, args)


JAVA_DATE_FIELDS = [("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("dd", "%d"),
                    ("HH", "%H"), ("hh", "%I"), ("mm", "%M"), ("ss", "%S"), ("SSS", "%f"), ("EEEE", "%A"),
                    ("EEE", "%a"), ("a", "%p"), ("Z", "%z"), ("d", "%-d"), ("M", "%-m"), ("H", "%-H")]


def java_to_strftime(pattern: str) -> str:
    out, position = [], 0
    while position < len(pattern):
        if pattern[position] == "'":
            end = pattern.find("'", position + 1)
            end = len(pattern) if end < 0 else end
            out.append(pattern[position + 1:end].replace("%", "%%") or "'")
            position = end + 1
            continue
        for java, python in JAVA_DATE_FIELDS:
            if pattern.startswith(java, position):
                out.append(python)
                position += len(java)
                break
        else:
            out.append(pattern[position].replace("%", "%%"))
            position += 1
    return "".join(out)


class DateValue(HostObject):
    groovy_class = "java.util.Date"

    def __init__(self, moment: dt.datetime):
        self.moment = moment

    def call_method(self, name: str, args: list):
        if name == "getTime" and not args:
            return Long(int(self.moment.timestamp() * 1000))
        if name in ("before", "after", "compareTo") and len(args) == 1 and isinstance(args[0], DateValue):
            order = self.compare_to(args[0])
            return {"before": order < 0, "after": order > 0, "compareTo": order}[name]
        if name == "equals" and len(args) == 1:
            return self == args[0]
        if name == "format" and len(args) == 1:
            return SimpleDateFormat(args[0]).call_method("format", [self])
        return super().call_method(name, args)

    def to_string(self) -> str:
        return self.moment.strftime("%a %b %d %H:%M:%S UTC %Y")

    def has_method(self, name: str) -> bool:
        return name == "getTime"

    def compare_to(self, other) -> int:
        """``<``, ``<=>``, sorting: by the instant; another class is Java's cast failure."""
        if not isinstance(other, DateValue):
            raise cast_failure(other, self.groovy_class)
        return (self.moment > other.moment) - (self.moment < other.moment)

    def __eq__(self, other) -> bool:
        return isinstance(other, DateValue) and self.moment == other.moment

    def __hash__(self) -> int:
        return hash(self.moment)


class SimpleDateFormat(HostObject):
    groovy_class = "java.text.SimpleDateFormat"

    def __init__(self, pattern: str):
        self.pattern = pattern

    def call_method(self, name: str, args: list):
        if name == "format" and len(args) == 1 and isinstance(args[0], DateValue):
            text = args[0].moment.strftime(java_to_strftime(self.pattern))
            return text.replace(args[0].moment.strftime("%f"), args[0].moment.strftime("%f")[:3]) \
                if "SSS" in self.pattern else text
        if name == "parse" and len(args) == 1 and isinstance(args[0], str):
            try:
                moment = dt.datetime.strptime(args[0], java_to_strftime(self.pattern).replace("%-", "%"))
            except ValueError:
                raise GroovyRuntimeError(f'Unparseable date: "{args[0]}"', "ParseException") from None
            return DateValue(moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment)
        return super().call_method(name, args)


def _new_date(runtime, millis=None):
    if millis is None:
        return DateValue(dt.datetime.now(dt.timezone.utc))
    return DateValue(dt.datetime.fromtimestamp(int(millis) / 1000, dt.timezone.utc))


def _new_collection(kind):
    def build(runtime, source=None):
        if source is not None and not isinstance(source, (list, GroovySet, dict)) and not is_number(source):
            raise TypeError
        items = source if isinstance(source, (list, GroovySet, dict)) else ()
        if kind == "map":
            return dict(items)
        return GroovySet(items) if kind == "set" else list(items)
    return build


CONSTRUCTORS = {
    "JsonSlurper": lambda runtime: JsonSlurper(),
    "SimpleDateFormat": lambda runtime, pattern: SimpleDateFormat(to_string(pattern)),
    "Date": _new_date,
    "ArrayList": _new_collection("list"), "LinkedList": _new_collection("list"),
    "HashMap": _new_collection("map"), "LinkedHashMap": _new_collection("map"), "TreeMap": _new_collection("map"),
    "HashSet": _new_collection("set"), "LinkedHashSet": _new_collection("set"),
    "String": lambda runtime, value="": to_string(value),
    "BigDecimal": lambda runtime, value: parse_number(value, "BigDecimal") if isinstance(value, str)
    else to_decimal(value),
    "Integer": lambda runtime, value: parse_number(value, "Integer") if isinstance(value, str) else int(value),
    "Object": lambda runtime: {},
}
