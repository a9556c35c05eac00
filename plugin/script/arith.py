"""Arithmetic with Java's and Groovy's rules: Integer and Long wrap, BigInteger grows (within a limit),
``/`` on integers is BigDecimal division, BigDecimal is exact, Double is IEEE."""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

from .errors import GroovyRuntimeError, LimitExceeded
from .values import CONTEXT, MAX_NUMBER_BITS, BigInteger, Long, is_number, rank

DIVISION_MIN_SCALE = 10


def integer_of(value: int, of_rank: int):
    """An integer result as the Java type of its operands: Integer and Long wrap, BigInteger grows."""
    if of_rank == 0:
        value = (value + 2**31) % 2**32 - 2**31
        return int(value)
    if of_rank == 1:
        return Long((value + 2**63) % 2**64 - 2**63)
    if value.bit_length() > MAX_NUMBER_BITS:
        raise LimitExceeded(f"number too large: more than {MAX_NUMBER_BITS} bits")
    return BigInteger(value)


def literal_integer(text: str):
    """``5`` Integer, ``2147483648`` Long, ``5L`` Long, ``5G`` and beyond 64 bits BigInteger; ``-`` may lead;
    ``0x1F`` hexadecimal, ``0b101`` binary and ``017`` octal, as in Java."""
    suffix = text[-1].lower() if text[-1].lower() in "lgi" else ""
    digits = text[:-1] if suffix else text
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("-")
    value = sign * int(digits, 0 if digits[:2].lower() in ("0x", "0b") else 8 if digits[:1] == "0" else 10)
    if suffix == "g" or not -(2**63) <= value < 2**63:
        return BigInteger(value)
    if suffix == "l" or not -(2**31) <= value < 2**31:
        return Long(value)
    return value


def literal_decimal(text: str):
    if text[-1] in "dDfF":
        return float(text[:-1])
    return Decimal(text.rstrip("gG"))


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(int(value))


def arithmetic(operator: str, left, right):
    top = max(rank(left), rank(right))
    if top == 4:
        return float_arithmetic(operator, float(left), float(right))
    if top == 3:
        left, right = to_decimal(left), to_decimal(right)
        if operator == "+":
            return CONTEXT.add(left, right)
        if operator == "-":
            return CONTEXT.subtract(left, right)
        if operator == "*":
            return CONTEXT.multiply(left, right)
        if operator == "%":
            if right == 0:
                raise GroovyRuntimeError("Division by zero", "ArithmeticException")
            return CONTEXT.remainder(left, right)
        return divide(left, right)
    if operator == "/":
        return divide(Decimal(left), Decimal(right))
    if operator in "%" and right == 0:
        raise GroovyRuntimeError("/ by zero", "ArithmeticException")
    if operator == "+":
        result = left + right
    elif operator == "-":
        result = left - right
    elif operator == "*":
        if (abs(left).bit_length() + abs(right).bit_length()) > MAX_NUMBER_BITS + 64:
            return integer_of(2 ** (MAX_NUMBER_BITS + 1), 2)
        result = left * right
    else:
        result = abs(left) % abs(right) * (1 if left >= 0 else -1)
    return integer_of(result, top)


def float_arithmetic(operator: str, left: float, right: float) -> float:
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "%":
        return math.fmod(left, right) if right else math.nan
    if right == 0:
        return math.copysign(math.inf, left) if left else math.nan
    return left / right


def divide(left: Decimal, right: Decimal) -> Decimal:
    """Groovy's BigDecimal division: exact when the quotient terminates, else rounded half-up to at least ten
    decimals."""
    if right == 0:
        raise GroovyRuntimeError("Division undefined" if left == 0 else "Division by zero", "ArithmeticException")
    exact = CONTEXT.copy()
    exact.traps[decimal.Inexact] = True
    try:
        return exact.divide(left, right)
    except decimal.Inexact:
        scale = max(-left.as_tuple().exponent, -right.as_tuple().exponent, DIVISION_MIN_SCALE)
        return CONTEXT.divide(left, right).quantize(Decimal(1).scaleb(-scale), context=CONTEXT)


def integer_divide(left, right):
    if right == 0:
        raise GroovyRuntimeError("/ by zero", "ArithmeticException")
    quotient = abs(int(left)) // abs(int(right))
    return integer_of(quotient if (left >= 0) == (right >= 0) else -quotient, max(rank(left), rank(right), 0))


def power(base, exponent):
    if is_number(base) and is_number(exponent) and rank(base) < 3 and rank(exponent) < 3 and exponent >= 0:
        if abs(base) > 1 and exponent * abs(base).bit_length() > MAX_NUMBER_BITS:
                raise LimitExceeded(f"number too large: more than {MAX_NUMBER_BITS} bits")
        result = int(base) ** int(exponent)
        if rank(base) == 2 or result >= 2**63 or result < -(2**63):
            return BigInteger(result)
        return Long(result) if (rank(base) == 1 or not -(2**31) <= result < 2**31) else result
    if isinstance(base, Decimal) and rank(exponent) < 3 and exponent >= 0:
        if exponent > 10000:
                raise LimitExceeded("number too large: exponent above 10000")
        return CONTEXT.power(base, int(exponent))
    try:
        return float(base) ** float(exponent)
    except (OverflowError, ZeroDivisionError):
        return math.inf
