"""Date values in JQL: absolute dates ("2026-12-01", "2026/12/01 10:00"), periods relative to now ("-1d",
"-2w", "-3h", "-15m", "-4w 2d", "-1M", "+1y") and the date functions: now(), and startOf/endOf Day, Week,
Month and Year, each with an optional increment ("startOfDay(-1)", "startOfMonth('+1M')", "endOfWeek('-2d')").

Units as Jira's: y years, M months (upper case: m is minutes), w weeks, d days, h hours, m minutes. Years and
months follow the calendar (one month after 31 January is the last day of February). A function's increment
without a unit counts its own period: "startOfMonth(-1)" is the start of last month. The increment moves the
function's moment, so "startOfMonth('+14d')" is the 15th of this month; an increment in the function's own unit
moves the period, so "endOfMonth(-1)" is the last second of last month. Weeks start on Sunday, as in Jira's
default (English) locale. Every time is naive UTC with second precision, as the database stores it; the
instance's users are all in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .syntax import Function, Value, jql_error

FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
CLOCK_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
CALENDAR_UNITS = {"y": 12, "M": 1}  # in months
_PERIOD = re.compile(r"([-+]?)\s*((?:\d{1,6}[yMwdhm]\s*)+)\Z")
_PART = re.compile(r"(\d+)([yMwdhm])")
_COUNT = re.compile(r"[-+]?\d{1,6}\Z")
# date function -> the unit of its period; None for now()
PERIODS = {"now": None, "startofday": "d", "endofday": "d", "startofweek": "w", "endofweek": "w",
           "startofmonth": "M", "endofmonth": "M", "startofyear": "y", "endofyear": "y"}
INVALID = ("Date value '{value}' for field '{field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
           "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")
SUNDAY = 6  # datetime.weekday()


@dataclass(frozen=True)
class Period:
    """A signed duration: calendar months, then clock time."""

    months: int = 0
    clock: timedelta = timedelta()

    def after(self, start: datetime) -> datetime:
        """``start`` moved by this period; OverflowError or ValueError beyond the calendar."""
        month_index = start.year * 12 + start.month - 1 + self.months
        year, month = divmod(month_index, 12)
        day = min(start.day, _days_in(year, month + 1))
        return start.replace(year=year, month=month + 1, day=day) + self.clock

    def only(self, unit: str) -> bool:
        """Whether this period counts ``unit`` alone (or nothing)."""
        if unit in CALENDAR_UNITS:
            return not self.clock and self.months % CALENDAR_UNITS[unit] == 0
        return not self.months and self.clock % CLOCK_UNITS[unit] == timedelta()


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


def period(text: str, bare_unit: str | None = None) -> Period | None:
    """"-4w 2d" as a signed Period; None if ``text`` is no period. With ``bare_unit``, a count without a unit
    ("-1") counts that unit."""
    text = text.strip()
    if bare_unit and _COUNT.match(text):
        text += bare_unit
    match = _PERIOD.match(text)
    if match is None:
        return None
    sign = -1 if match.group(1) == "-" else 1
    months, clock = 0, timedelta()
    for count, unit in _PART.findall(match.group(2)):
        if unit in CALENDAR_UNITS:
            months += int(count) * CALENDAR_UNITS[unit]
        else:
            clock += int(count) * CLOCK_UNITS[unit]
    return Period(sign * months, sign * clock)


def _function(function: Function, field: str, now: datetime) -> datetime:
    name = function.name.lower()
    unit = PERIODS[name]
    if unit is None:
        return now
    written = " ".join(function.arguments)
    increment = period(function.arguments[0], unit) if function.arguments else Period()
    if increment is None:
        raise jql_error(INVALID.format(value=written, field=field))
    start = _start_of(unit, now)
    if name.startswith("start"):
        return _shifted(start, increment, written, field)
    if increment.only(unit):  # endOfMonth(-1): the end of last month
        start, increment = _shifted(start, increment, written, field), Period()
    end = _shifted(start, period("1" + unit), written, field) - timedelta(seconds=1)
    return _shifted(end, increment, written, field)


def _start_of(unit: str, now: datetime) -> datetime:
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "w":
        return midnight - timedelta(days=(midnight.weekday() - SUNDAY) % 7)
    if unit == "M":
        return midnight.replace(day=1)
    if unit == "y":
        return midnight.replace(month=1, day=1)
    return midnight


def _days_in(year: int, month: int) -> int:
    following = datetime(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _shifted(start: datetime, offset: Period | None, written: str, field: str) -> datetime:
    try:
        if offset is not None:
            return offset.after(start)
    except (OverflowError, ValueError):
        pass
    raise jql_error(INVALID.format(value=written, field=field))
