"""The Number methods sync rules use: ``intdiv``, ``abs``, ``round``, ``times``, ``upto``…"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from .arith import integer_divide, integer_of, to_decimal
from .errors import GroovyRuntimeError
from .ordering import call
from .values import CONTEXT, BigInteger, Long, rank, to_string


def _times(rt, number, closure):
    for index in range(int(number)):
        rt.tick()
        call(rt, closure, index)
    return None


def _upto(step: int):
    def walk(rt, number, limit, closure):
        current = number
        while (current <= limit) if step > 0 else (current >= limit):
            rt.tick()
            call(rt, closure, current)
            current = current + step if not isinstance(current, Decimal) else CONTEXT.add(current, step)
        return None
    return walk


def _round(rt, number, places=None):
    if places is None:
        if isinstance(number, Decimal):
            return number.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=CONTEXT)
        if isinstance(number, float):
            rounded = math.floor(number + 0.5)
            return Long(rounded) if not -(2**31) <= rounded < 2**31 else int(rounded)
        return number
    if isinstance(number, Decimal):
        return number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP, context=CONTEXT)
    if isinstance(number, float):
        return float(Decimal(repr(number)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP))
    return number


def _abs(rt, number):
    if rank(number) >= 3:
        return abs(number)
    return integer_of(abs(int(number)), rank(number))


def _to_integer(rt, number):
    return integer_of(int(number), 0)


def _trunc(rt, number, places=0):
    if isinstance(number, Decimal):
        return number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_DOWN, context=CONTEXT)
    if isinstance(number, float):
        factor = 10 ** int(places)
        return math.trunc(number * factor) / factor
    return number


def _step(rt, number, limit, size, closure):
    """``0.step(10, 3) { }``: from the number towards the limit (not reaching it) by the step."""
    if size == 0:
        raise GroovyRuntimeError("Infinite loop detected due to step size of 0", "GroovyRuntimeException")
    current = number
    while (current < limit) if size > 0 else (current > limit):
        rt.tick()
        call(rt, closure, current)
        current = current + size
    return None


METHODS = {
    "step": _step,
    "trunc": _trunc,
    "intdiv": lambda rt, n, d: integer_divide(n, d), "abs": _abs, "round": _round, "times": _times,
    "upto": _upto(1), "downto": _upto(-1), "toInteger": _to_integer, "intValue": _to_integer,
    "toLong": lambda rt, n: integer_of(int(n), 1), "longValue": lambda rt, n: integer_of(int(n), 1),
    "toBigInteger": lambda rt, n: BigInteger(int(n)), "toBigDecimal": lambda rt, n: to_decimal(n),
    "toDouble": lambda rt, n: float(n), "doubleValue": lambda rt, n: float(n), "toFloat": lambda rt, n: float(n),
    "toString": lambda rt, n: to_string(n), "floor": lambda rt, n: float(math.floor(n)),
    "ceil": lambda rt, n: float(math.ceil(n)), "sqrt": lambda rt, n: math.sqrt(n),
    "setScale": lambda rt, n, places, mode=None: to_decimal(n).quantize(
        Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP if mode is None else ROUND_HALF_EVEN, context=CONTEXT),
    "scale": lambda rt, n: -to_decimal(n).as_tuple().exponent,
    "stripTrailingZeros": lambda rt, n: to_decimal(n).normalize(CONTEXT),
    "toPlainString": lambda rt, n: format(to_decimal(n), "f"),
    "signum": lambda rt, n: (n > 0) - (n < 0), "negate": lambda rt, n: -n,
    "max": lambda rt, n, other: n if n >= other else other, "min": lambda rt, n, other: n if n <= other else other,
    "isInteger": lambda rt, n: rank(n) == 0, "next": lambda rt, n: n + 1, "previous": lambda rt, n: n - 1,
}
