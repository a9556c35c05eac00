"""Date values in JQL: absolute dates ("2026-12-01", "2026/12/01 10:00"), periods relative to now
("-1d", "-2w", "-3h", "-15m", "-4w 2d") and the functions now(), startOfDay() and endOfDay(). Every
time is naive UTC, as the database stores it; the instance's users are all in UTC."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .syntax import Function, Value, jql_error

FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_PERIOD = re.compile(r"([-+]?)\s*((?:\d{1,6}[wdhm]\s*)+)\Z")
_PART = re.compile(r"(\d+)([wdhm])")
INVALID = ("Date value '{value}' for field '{field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
           "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")


def moment(operand: Value | Function, field: str, now: datetime) -> datetime:
    """The time ``operand`` names, for a clause on ``field``."""
    if isinstance(operand, Function):
        return _function(operand, field, now)
    text = operand.text.strip()
    for pattern in FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return _shifted(now, period(text), operand.text, field)


def period(text: str) -> timedelta | None:
    """"-4w 2d" as a signed duration; None if ``text`` is no period."""
    match = _PERIOD.match(text.strip())
    if match is None:
        return None
    total = sum((int(count) * UNITS[unit] for count, unit in _PART.findall(match.group(2))), timedelta())
    return -total if match.group(1) == "-" else total


def _function(function: Function, field: str, now: datetime) -> datetime:
    name = function.name.lower()
    if name == "now":
        return now
    offset = timedelta()
    if function.arguments:
        argument = function.arguments[0]
        offset = timedelta(days=int(argument)) if re.fullmatch(r"[-+]?\d{1,6}", argument) else period(argument)
    if name == "endofday" and offset is not None:
        offset += timedelta(days=1, seconds=-1)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return _shifted(midnight, offset, " ".join(function.arguments), field)


def _shifted(start: datetime, offset: timedelta | None, written: str, field: str) -> datetime:
    try:
        if offset is not None:
            return start + offset
    except OverflowError:
        pass
    raise jql_error(INVALID.format(value=written, field=field))
