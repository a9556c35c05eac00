"""The value model scripts see, with Groovy's meaning.

=================  ===========================================================
Groovy             Python value inside the interpreter
=================  ===========================================================
null               ``None``
Boolean            ``bool``
Integer            ``int`` (wraps at 32 bits as Java does)
Long               ``Long`` (an ``int`` that wraps at 64 bits)
BigInteger         ``BigInteger`` (an unbounded ``int``)
BigDecimal         ``decimal.Decimal`` (``1.5``, ``5 / 2``)
Double             ``float`` (``1.5d``, ``Math.sqrt``)
String / GString   ``str``
List               ``list`` (ArrayList); ``IntRange``/``CharRange`` for ranges
Set                ``GroovySet`` (insertion-ordered, as LinkedHashSet)
Map                ``dict`` (insertion-ordered, as LinkedHashMap)
Closure            ``Closure`` (interpreter.py)
host objects       ``HostObject`` subclasses (host.py)
=================  ===========================================================
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

from .budget import tick
from .errors import GroovyRuntimeError

CONTEXT = decimal.Context(prec=2000, rounding=decimal.ROUND_HALF_UP, Emax=999999, Emin=-999999,
                          traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
MAX_NUMBER_BITS = 100_000  # BigInteger results beyond this are a limit error, not a slow power


class Long(int):
    """A Java long: a Long literal (``5L``) or an Integer result that did not fit in 32 bits."""


class BigInteger(int):
    """A Java BigInteger (``5G``, or a Long result that did not fit in 64 bits)."""


class GroovySet:
    """A LinkedHashSet: insertion-ordered, Groovy equality (via hashable keys)."""

    __slots__ = ("items",)

    def __init__(self, items=()):
        self.items = {}
        for item in items:
            self.items.setdefault(key_of(item), item)

    def __iter__(self):
        return iter(list(self.items.values()))

    def __len__(self):
        return len(self.items)

    def add(self, item) -> bool:
        key = key_of(item)
        if key in self.items:
            return False
        self.items[key] = item
        return True

    def remove(self, item) -> bool:
        return self.items.pop(key_of(item), _MISSING) is not _MISSING

    def __contains__(self, item):
        return key_of(item) in self.items


_MISSING = object()


class StringBuffer:
    """What ``"ab" << "c"`` makes: a string that later ``<<`` and ``append`` extend in place."""

    __slots__ = ("parts", "size")

    def __init__(self, text: str = ""):
        self.parts, self.size = [text], len(text)

    def append(self, text: str) -> StringBuffer:
        self.parts.append(text)
        self.size += len(text)
        return self

    def to_string(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]


class IntRange:
    """``1..3``, ``1..<3``, ``3..1``: a read-only list of integers, never materialised until asked."""

    __slots__ = ("start", "stop", "inclusive")

    def __init__(self, start: int, stop: int, inclusive: bool = True):
        self.start, self.stop, self.inclusive = start, stop, inclusive

    def _range(self) -> range:
        step = 1 if self.stop >= self.start else -1
        end = self.stop + step if self.inclusive else self.stop
        return range(self.start, end, step)

    def __iter__(self):
        return iter(self._range())

    def __len__(self):
        return len(self._range())

    def __getitem__(self, index):
        return self._range()[index]

    def __contains__(self, value):
        return is_number(value) and value == int(value) and int(value) in self._range()

    def __str__(self):
        return f"{self.start}..{'' if self.inclusive else '<'}{self.stop}"


def key_of(value):
    """A hashable key with Groovy's equality for map keys and sets (``1`` and ``1L`` are one key)."""
    if isinstance(value, list):
        tick(len(value))
        return ("list", tuple(key_of(item) for item in value))
    if isinstance(value, dict):
        tick(len(value))
        return ("map", tuple((key_of(k), key_of(v)) for k, v in value.items()))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (IntRange, GroovySet)):
        return ("list", tuple(key_of(item) for item in value))
    if isinstance(value, Decimal):
        return ("decimal", value.normalize(CONTEXT))
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if type(value).__eq__ is not object.__eq__ and type(value).__hash__ is not None:
        return ("object", value)  # a host value with its own equals and hashCode (a Date): == is its key
    return ("object", id(value))


def is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def rank(value) -> int:
    if isinstance(value, float):
        return 4
    if isinstance(value, Decimal):
        return 3
    if isinstance(value, BigInteger):
        return 2
    return 1 if isinstance(value, Long) else 0


def equals(left, right) -> bool:
    """Groovy's ``==``: numbers by value, lists and maps element by element, everything else by equals."""
    if left is right:
        return True
    if left is None or right is None:
        return False
    if is_number(left) and is_number(right):
        return compare_numbers(left, right) == 0
    if isinstance(left, (list, IntRange)) and isinstance(right, (list, IntRange)):
        tick(len(left))
        return len(left) == len(right) and all(equals(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        tick(len(left))
        return len(left) == len(right) and all(
            k in right and equals(v, right[k]) for k, v in left.items())
    if isinstance(left, GroovySet) and isinstance(right, GroovySet):
        return left.items.keys() == right.items.keys()
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, StringBuffer) or isinstance(right, StringBuffer):
        as_text = [v.to_string() if isinstance(v, StringBuffer) else v for v in (left, right)]
        return isinstance(as_text[0], str) and as_text[0] == as_text[1]
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if type(left) in (str, float, int) or type(right) in (str, float, int):
        return False
    return left == right


def compare_numbers(left, right) -> int:
    if isinstance(left, float) or isinstance(right, float):
        left, right = float(left), float(right)
    return (left > right) - (left < right)


def compare(left, right) -> int:
    """``<=>`` and sorting: numbers by value, strings lexicographically (UTF-16 as Java), null first."""
    if left is None or right is None:
        return (left is not None) - (right is not None)
    if is_number(left) and is_number(right):
        return compare_numbers(left, right)
    if isinstance(left, str) and isinstance(right, str):
        a, b = java_order(left), java_order(right)
        return (a > b) - (a < b)
    if isinstance(left, bool) and isinstance(right, bool):
        return (left > right) - (left < right)
    if isinstance(left, (str, bool)) or is_number(left):
        raise cast_failure(right, type_name(left, True))
    compare_to = getattr(left, "compare_to", None)  # a host value that is Comparable (a Date)
    if compare_to is not None:
        return compare_to(right)
    raise GroovyRuntimeError(
        f"Cannot compare {type_name(left, True)} with value '{to_string(left)}' and "
        f"{type_name(right, True)} with value '{to_string(right)}'", "IllegalArgumentException")


def cast_failure(value, to_class: str) -> GroovyRuntimeError:
    """Comparable.compareTo with another class: Java's own cast failure."""
    theirs = type_name(value, True)
    return GroovyRuntimeError(f"class {theirs} cannot be cast to class {to_class} ({theirs} and {to_class} are in "
                              "module java.base of loader 'bootstrap')", "ClassCastException")


def java_order(text: str):
    return text.encode("utf-16-be") if any(ord(c) > 0xFFFF for c in text) else text


def truth(value) -> bool:
    """Groovy truth: null, false, 0, "", empty collections and maps are false."""
    if value is None:
        return False
    if isinstance(value, (bool, str, list, dict, GroovySet, IntRange)):
        return bool(value) if not isinstance(value, IntRange) else len(value) > 0
    if is_number(value):
        return value != 0
    if isinstance(value, StringBuffer):
        return value.size > 0
    as_boolean = getattr(value, "as_boolean", None)
    return as_boolean() if as_boolean else True


TYPE_NAMES = {bool: "Boolean", int: "Integer", Long: "Long", BigInteger: "BigInteger", Decimal: "BigDecimal",
              float: "Double", str: "String", list: "ArrayList", dict: "LinkedHashMap", GroovySet: "LinkedHashSet",
              IntRange: "IntRange", StringBuffer: "StringBuffer", type(None): "null"}
PACKAGES = {"Boolean": "java.lang.", "Integer": "java.lang.", "Long": "java.lang.", "Double": "java.lang.",
            "String": "java.lang.", "BigInteger": "java.math.", "BigDecimal": "java.math.",
            "ArrayList": "java.util.", "LinkedHashMap": "java.util.", "LinkedHashSet": "java.util.",
            "IntRange": "groovy.lang.", "StringBuffer": "java.lang."}


def type_name(value, qualified: bool = False) -> str:
    name = TYPE_NAMES.get(type(value)) or getattr(value, "groovy_class", None) or type(value).__name__
    return PACKAGES.get(name, "") + name if qualified else name


def to_string(value, budget: list | None = None) -> str:
    """Groovy's toString: ``[1, 2]``, ``[a:1]``, ``null``, BigDecimal as written, Double as Java prints it.

    ``budget`` (a one-element list) bounds the length built, so that a list nested in itself a thousand times
    over is a limit error, not a memory error."""
    if budget is None:
        budget = [MAX_TO_STRING]
    text = _to_string(value, budget, 0)
    return text


MAX_TO_STRING = 10_000_000


def _to_string(value, budget: list, depth: int) -> str:
    if depth > 200:
        from .errors import LimitExceeded
        raise LimitExceeded("collection nested too deeply to print")
    if isinstance(value, str):
        text = value
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = double_to_string(value)
    elif isinstance(value, (int, Decimal)):
        text = str(value)
    elif isinstance(value, (list, GroovySet)):
        tick(len(value))
        text = "[" + ", ".join(_to_string(item, budget, depth + 1) for item in value) + "]"
    elif isinstance(value, IntRange):
        text = "[" + ", ".join(str(item) for item in _bounded(value, budget)) + "]"
    elif isinstance(value, dict):
        tick(len(value))
        if not value:
            text = "[:]"
        else:
            text = "[" + ", ".join(_to_string(k, budget, depth + 1) + ":" + _to_string(v, budget, depth + 1)
                                   for k, v in value.items()) + "]"
    else:
        text = value.to_string() if hasattr(value, "to_string") else object.__repr__(value)
    budget[0] -= len(text)
    if budget[0] < 0:
        from .errors import LimitExceeded
        raise LimitExceeded("string too long")
    return text


def _bounded(values: IntRange, budget: list):
    if len(values) > budget[0]:
        from .errors import LimitExceeded
        raise LimitExceeded("string too long")
    return values


def double_to_string(value: float) -> str:
    """Java's Double.toString: ``1.0``, ``0.30000000000000004``, ``1.0E20``, ``1.5E-5``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1, value) < 0 else "0.0"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7:
        text = repr(value)
        if "e" in text:
            text = format(Decimal(text), "f")
        return text if "." in text else text + ".0"
    mantissa, exponent = _shortest(magnitude)
    return ("-" if value < 0 else "") + mantissa + "E" + str(exponent)


def _shortest(magnitude: float) -> tuple[str, int]:
    sign, digits, exponent = Decimal(repr(magnitude)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    power = exponent + len(digits) - 1
    mantissa = text[0] + "." + (text[1:] or "0")
    return mantissa, power
