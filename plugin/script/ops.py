"""Operators with Groovy's meaning: ``+`` on strings, lists and maps, ``==`` as equals, ``as``, ``in``,
``switch`` cases, regex operators, exceptions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .arith import arithmetic, power
from .errors import GroovyRuntimeError
from .ordering import membership, unique_key
from .patterns import Matcher, Pattern, full_match
from .runtime import Closure, no_signature
from .values import (
    CONTEXT,
    BigInteger,
    GroovySet,
    IntRange,
    Long,
    StringBuffer,
    compare,
    equals,
    is_number,
    rank,
    to_string,
    truth,
    type_name,
)

OPERATOR_METHODS = {"+": "plus", "-": "minus", "*": "multiply", "/": "div", "%": "mod", "**": "power",
                    "<<": "leftShift", ">>": "rightShift", ">>>": "rightShiftUnsigned", "&": "and", "|": "or",
                    "^": "xor"}


def stringify(runtime, value) -> str:
    return to_string(value, [runtime.limits.max_string])


def map_key(value):
    if isinstance(value, (list, dict, GroovySet)):
        raise GroovyRuntimeError("A list or map cannot be a map key in sync rules", "IllegalArgumentException")
    return value


def iterate(runtime, value):
    """What ``for (x in value)`` and ``*.`` walk: collections, map entries, a string's characters."""
    if isinstance(value, (list, IntRange, GroovySet)):
        if isinstance(value, IntRange):
            runtime.check_size(0)
        return value
    if isinstance(value, dict):
        return [MapEntry(k, v) for k, v in value.items()]
    if isinstance(value, str):
        return list(value)
    if isinstance(value, Matcher):
        return value.all()
    if value is None:
        return []
    return [value]


def despread(value) -> list:
    """``*value`` in a list literal or a call's arguments: a list's elements, null as itself."""
    if value is None:
        return [None]
    if isinstance(value, (list, IntRange)):
        return list(value)
    raise GroovyRuntimeError(f"cannot spread the type {type_name(value, True)} with value {to_string(value)}",
                             "IllegalArgumentException")


class MapEntry:
    groovy_class = "java.util.LinkedHashMap$Entry"

    __slots__ = ("key", "value")

    def __init__(self, key, value):
        self.key, self.value = key, value

    def to_string(self) -> str:
        return f"{to_string(self.key)}={to_string(self.value)}"


def make_range(start, stop, inclusive: bool):
    if is_number(start) and is_number(stop):
        return IntRange(int(start), int(stop), inclusive)
    if isinstance(start, str) and isinstance(stop, str) and len(start) == 1 and len(stop) == 1:
        step = 1 if stop >= start else -1
        end = ord(stop) + (step if inclusive else 0)
        return [chr(code) for code in range(ord(start), end, step)]
    raise GroovyRuntimeError(f"Cannot create a range from {to_string(start)} to {to_string(stop)}",
                             "IllegalArgumentException")


def binary(runtime, operator: str, left, right):
    if operator == "==":
        return equals(left, right)
    if operator == "!=":
        return not equals(left, right)
    if operator in ("===", "!=="):
        same = left is right or (left == right and type(left) is type(right) and not isinstance(left, (list, dict)))
        return same if operator == "===" else not same
    if operator in ("<", "<=", ">", ">=", "<=>"):
        order = compare(left, right)
        return {"<": order < 0, "<=": order <= 0, ">": order > 0, ">=": order >= 0, "<=>": order}[operator]
    if operator == "=~":
        return Matcher(to_pattern(right), stringify(runtime, left))
    if operator == "==~":
        return left is not None and full_match(to_pattern(right), stringify(runtime, left))
    if operator == "in":
        return is_case(runtime, right, left)
    if is_number(left) and is_number(right):
        return numeric(operator, left, right)
    if is_number(left) and operator == "+" and isinstance(right, str):
        return runtime.check_string(stringify(runtime, left) + right)
    if isinstance(left, StringBuffer):
        if operator == "<<":
            runtime.check_length(left.size + len(stringify(runtime, right)))
            return left.append(stringify(runtime, right))
        left = left.to_string()
    if isinstance(left, str) or (left is None and operator == "+" and isinstance(right, str)):
        return string_operator(runtime, operator, stringify(runtime, left), right)
    if isinstance(left, (list, IntRange, GroovySet)):
        return collection_operator(runtime, operator, left, right)
    if isinstance(left, dict) and operator == "-" and isinstance(right, dict):
        return {k: v for k, v in left.items() if not (k in right and equals(right[k], v))}
    if isinstance(left, dict) and operator in ("+", "<<") and isinstance(right, (dict, MapEntry)):
        addition = {right.key: right.value} if isinstance(right, MapEntry) else right
        if operator == "<<":
            left.update(addition)
            return left
        return {**left, **addition}
    if isinstance(left, bool) and isinstance(right, bool) and operator in "&|^":
        return {"&": left and right, "|": left or right, "^": left != right}[operator]
    if left is None and operator == "+":
        raise GroovyRuntimeError(f"Cannot execute null+{stringify(runtime, right)}", "NullPointerException")
    if left is None:
        raise GroovyRuntimeError(f"Cannot invoke method {OPERATOR_METHODS.get(operator, operator)}() on null object",
                                 "NullPointerException")
    raise no_signature(f"{type_name(left, True)}.{OPERATOR_METHODS.get(operator, operator)}", [right])


def numeric(operator: str, left, right):
    if operator in ("+", "-", "*", "/", "%"):
        return arithmetic(operator, left, right)
    if operator == "**":
        return power(left, right)
    if rank(left) >= 3 or rank(right) >= 3:
        raise no_signature(f"{type_name(left, True)}.{OPERATOR_METHODS[operator]}", [right])
    a, b = int(left), int(right)
    top = max(rank(left), rank(right))
    from .arith import integer_of
    if operator == "<<":
        return integer_of(a << (b & (63 if top else 31)), top)
    if operator == ">>":
        return integer_of(a >> (b & (63 if top else 31)), top)
    if operator == ">>>":
        bits = 64 if top else 32
        return integer_of((a % 2**bits) >> (b & (bits - 1)), top)
    return integer_of({"&": a & b, "|": a | b, "^": a ^ b}[operator], top)


def string_operator(runtime, operator: str, left: str, right):
    if operator == "+":
        return runtime.check_string(left + stringify(runtime, right))
    if operator == "<<":
        return StringBuffer(runtime.check_string(left + stringify(runtime, right)))
    if operator == "-":
        removed = right.pattern if isinstance(right, Pattern) else stringify(runtime, right)
        if isinstance(right, Pattern):
            return right.compiled.sub("", left, count=1)
        return left.replace(removed, "", 1)
    if operator == "*" and is_number(right):
        count = int(right)
        if count < 0:
            raise GroovyRuntimeError(f"multiply() should be called with a number of 0 or greater not: {count}",
                                     "IllegalArgumentException")
        runtime.check_length(len(left) * count)
        return left * count
    raise no_signature(f"java.lang.String.{OPERATOR_METHODS.get(operator, operator)}", [right])


def collection_operator(runtime, operator: str, left, right):
    items = list(left) if not isinstance(left, IntRange) else _expand(runtime, left)
    as_set = isinstance(left, GroovySet)
    if operator == "<<" and isinstance(left, (list, GroovySet)):
        runtime.check_size(len(left) + 1)
        (left.add if as_set else left.append)(right)
        return left
    if operator == "+":
        addition = list(right) if isinstance(right, (list, GroovySet, IntRange)) else [right]
        runtime.check_size(len(items) + len(addition))
        result = items + addition
    elif operator == "-":
        removed = list(right) if isinstance(right, (list, GroovySet, IntRange)) else [right]
        gone = membership(removed)
        result = [item for item in items if unique_key(item) not in gone]
    elif operator == "*" and is_number(right):
        runtime.check_size(len(items) * max(int(right), 0))
        result = items * int(right)
    else:
        raise no_signature(f"{type_name(left, True)}.{OPERATOR_METHODS.get(operator, operator)}", [right])
    return GroovySet(result) if as_set else result


def _expand(runtime, values: IntRange) -> list:
    runtime.check_size(len(values))
    return list(values)


def unary(runtime, operator: str, value):
    if operator == "!":
        return not truth(value)
    if operator == "~":
        if isinstance(value, str):
            return Pattern(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return type(value)(~value) if type(value) is not int else ~value
    if operator == "-" and is_number(value):
        return arithmetic("-", 0 if rank(value) < 3 else Decimal(0), value) if rank(value) < 4 else -value
    if operator == "+" and is_number(value):
        return value
    if operator == "-" and isinstance(value, list):
        return [unary(runtime, "-", item) for item in value]
    method = {"-": "negative", "+": "positive", "~": "bitwiseNegate"}[operator]
    if value is None:
        raise GroovyRuntimeError(f"Cannot invoke method {method}() on null object", "NullPointerException")
    raise no_signature(f"{type_name(value, True)}.{method}", [])


def increment(value, step: int):
    if is_number(value):
        return arithmetic("+", value, step)
    if isinstance(value, str) and value:
        return value[:-1] + chr(ord(value[-1]) + step)
    if value is None:
        raise GroovyRuntimeError(f"Cannot invoke method {'next' if step > 0 else 'previous'}() on null object",
                                 "NullPointerException")
    raise no_signature(f"{type_name(value, True)}.{'next' if step > 0 else 'previous'}", [])


def to_pattern(value) -> Pattern:
    return value if isinstance(value, Pattern) else Pattern(to_string(value))


def is_case(runtime, case, subject) -> bool:
    """Groovy's ``isCase``: how a ``switch`` case and ``in`` match."""
    from .classes import ClassRef
    if isinstance(case, ClassRef):
        return case.is_instance(subject)
    if isinstance(case, (list, GroovySet)):
        return any(equals(item, subject) for item in case)
    if isinstance(case, IntRange):
        return subject in case
    if isinstance(case, Pattern):
        return subject is not None and full_match(case, stringify(runtime, subject))
    if isinstance(case, Closure):
        return truth(runtime.call_closure(case, [subject]))
    if isinstance(case, dict):
        return truth(case.get(subject))
    if isinstance(case, str) and subject is not None:
        return case == stringify(runtime, subject)
    return equals(case, subject)


def is_instance(value, name: str) -> bool:
    from .classes import class_for_cast
    return class_for_cast(name).is_instance(value)


def cast(runtime, value, name: str):
    """``value as Type``."""
    from .classes import class_for_cast
    return class_for_cast(name).cast(runtime, value)


def java_cast(runtime, value, name: str):
    """``(Type) value``: numbers convert; anything else must already be of the type."""
    from .classes import class_for_cast
    return class_for_cast(name).java_cast(value)


def declared(runtime, value, name: str):
    """``Type x = value``: numbers narrow or widen, anything becomes a String, the rest must already fit."""
    from .classes import class_for_cast
    return class_for_cast(name).assign(runtime, value)


def parse_number(text: str, kind: str):
    cleaned = text.strip()
    try:
        if kind in ("Integer", "Long", "BigInteger", "Short", "Byte"):
            number = int(cleaned, 10) if cleaned.lstrip("+-").isdigit() else None
            if number is None:
                raise ValueError
            limits = {"Integer": 31, "Long": 63, "Short": 15, "Byte": 7}
            if kind in limits and not -(2 ** limits[kind]) <= number < 2 ** limits[kind]:
                raise ValueError
            return {"Long": Long, "BigInteger": BigInteger}.get(kind, int)(number)
        if kind == "BigDecimal":
            return CONTEXT.plus(Decimal(cleaned)) if cleaned else Decimal("x")
        return float(cleaned)
    except (ValueError, InvalidOperation):
        raise GroovyRuntimeError(f'For input string: "{text}"' if text else "For input string: \"\"",
                                 "NumberFormatException") from None


EXCEPTION_PARENTS = {
    "Throwable": None, "Exception": "Throwable", "Error": "Throwable", "RuntimeException": "Exception",
    "IllegalArgumentException": "RuntimeException", "IllegalStateException": "RuntimeException",
    "NullPointerException": "RuntimeException", "ArithmeticException": "RuntimeException",
    "NumberFormatException": "IllegalArgumentException", "IndexOutOfBoundsException": "RuntimeException",
    "ArrayIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "StringIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "UnsupportedOperationException": "RuntimeException", "ClassCastException": "RuntimeException",
    "GroovyRuntimeException": "RuntimeException", "MissingPropertyException": "GroovyRuntimeException",
    "MissingMethodException": "GroovyRuntimeException", "GroovyCastException": "ClassCastException",
    "SpreadMapEvaluatingException": "GroovyRuntimeException",
    "PowerAssertionError": "Error", "SecurityException": None, "ScriptLimitException": None, "StackOverflowError": None,
}
INTERNAL_EXCEPTIONS = {"SecurityException", "ScriptLimitException", "StackOverflowError"}
QUALIFIED = {
    "ScriptLimitException": "ScriptLimitException",
    "MissingPropertyException": "groovy.lang.MissingPropertyException",
    "MissingMethodException": "groovy.lang.MissingMethodException",
    "GroovyRuntimeException": "groovy.lang.GroovyRuntimeException",
    "SpreadMapEvaluatingException": "groovy.lang.SpreadMapEvaluatingException",
    "GroovyCastException": "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
    "PowerAssertionError": "org.codehaus.groovy.runtime.powerassert.PowerAssertionError",
    "NoSuchElementException": "java.util.NoSuchElementException",
    "PatternSyntaxException": "java.util.regex.PatternSyntaxException",
    "CompilationFailedException": "org.codehaus.groovy.control.CompilationFailedException",
    "MissingFormatArgumentException": "java.util.MissingFormatArgumentException",
    "IllegalFormatPrecisionException": "java.util.IllegalFormatPrecisionException",
    "IllegalFormatConversionException": "java.util.IllegalFormatConversionException",
    "JsonException": "groovy.json.JsonException", "ParseException": "java.text.ParseException",
}


def qualified_exception(name: str) -> str:
    """The Java name of an exception class: java.lang's and Groovy's by their package; a host's own as given."""
    if name in QUALIFIED:
        return QUALIFIED[name]
    return "java.lang." + name if name in EXCEPTION_PARENTS else name


def catches(types: list[str], raised: str) -> bool:
    wanted = types or ["Exception"]
    name = raised
    while name is not None:
        if name in wanted:
            return True
        name = EXCEPTION_PARENTS.get(name, "RuntimeException" if name != "RuntimeException" else None)
    return False


class ExceptionValue:
    """An exception a script made (``new Exception("…")``) or caught."""

    def __init__(self, exception_class: str, message):
        self.exception_class, self.message = exception_class, message

    @property
    def groovy_class(self) -> str:
        return qualified_exception(self.exception_class)

    def to_string(self) -> str:
        name = qualified_exception(self.exception_class)
        return name if self.message is None else f"{name}: {self.message}"


def exception_value(error: GroovyRuntimeError) -> ExceptionValue:
    return error.payload or ExceptionValue(error.exception_class, error.message)


def throwable(value) -> GroovyRuntimeError:
    if isinstance(value, ExceptionValue):
        return GroovyRuntimeError(value.message, value.exception_class, payload=value)
    if value is None:
        return GroovyRuntimeError("Cannot throw null", "NullPointerException")
    raise GroovyRuntimeError(f"Cannot cast object '{to_string(value)}' with class '{type_name(value, True)}' "
                             "to class 'java.lang.Throwable'", "GroovyCastException")
