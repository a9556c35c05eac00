"""JQL dates as Jira reads them: periods in every unit, the date functions with their increments, absolute
dates, and a date Jira would refuse refused in its words."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import add_issue

from plugin.db import utcnow
from plugin.errors import ValidationFailed
from plugin.jira.jql import search
from plugin.jira.jql.dates import moment
from plugin.jira.jql.syntax import Function, Value

# A Wednesday, late in the last day of February of a leap year.
NOW = datetime(2028, 2, 29, 22, 15, 30)
INVALID = ("Date value '{}' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
           "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")


def at(name: str, *arguments: str) -> datetime:
    return moment(Function(name, arguments), "created", NOW)


def relative(text: str) -> datetime:
    return moment(Value(text), "created", NOW)


def found(jql: str) -> set[str]:
    return {issue.key for issue in search(jql, current_username="admin", start_at=0, max_results=100).issues}


def refusal(jql: str) -> str:
    with pytest.raises(ValidationFailed) as raised:
        search(jql, current_username="admin", start_at=0, max_results=50)
    return raised.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("-1y", datetime(2027, 2, 28, 22, 15, 30)),
    ("-1M", datetime(2028, 1, 29, 22, 15, 30)),
    ("+1M", datetime(2028, 3, 29, 22, 15, 30)),
    ("-1w", datetime(2028, 2, 22, 22, 15, 30)),
    ("-2d", datetime(2028, 2, 27, 22, 15, 30)),
    ("-3h", datetime(2028, 2, 29, 19, 15, 30)),
    ("-30m", datetime(2028, 2, 29, 21, 45, 30)),
    ("4w 2d", datetime(2028, 3, 30, 22, 15, 30)),
    ("-1y 2M 3d", datetime(2026, 12, 26, 22, 15, 30)),
])
def test_period_in_every_unit(text, expected):
    assert relative(text) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("now", NOW),
    ("startOfDay", datetime(2028, 2, 29)),
    ("endOfDay", datetime(2028, 2, 29, 23, 59, 59)),
    ("startOfWeek", datetime(2028, 2, 27)),  # Sunday
    ("endOfWeek", datetime(2028, 3, 4, 23, 59, 59)),  # Saturday
    ("startOfMonth", datetime(2028, 2, 1)),
    ("endOfMonth", datetime(2028, 2, 29, 23, 59, 59)),
    ("startOfYear", datetime(2028, 1, 1)),
    ("endOfYear", datetime(2028, 12, 31, 23, 59, 59)),
])
def test_date_function(name, expected):
    assert at(name) == expected


@pytest.mark.parametrize(("name", "increment", "expected"), [
    ("startOfDay", "-1", datetime(2028, 2, 28)),
    ("startOfWeek", "-1", datetime(2028, 2, 20)),
    ("startOfMonth", "+1M", datetime(2028, 3, 1)),
    ("startOfMonth", "+1", datetime(2028, 3, 1)),
    ("startOfMonth", "+14d", datetime(2028, 2, 15)),
    ("startOfYear", "-1", datetime(2027, 1, 1)),
    ("endOfDay", "+1", datetime(2028, 3, 1, 23, 59, 59)),
    ("endOfWeek", "-1w", datetime(2028, 2, 26, 23, 59, 59)),
    ("endOfMonth", "-1", datetime(2028, 1, 31, 23, 59, 59)),
    ("endOfMonth", "+2", datetime(2028, 4, 30, 23, 59, 59)),
    ("endOfMonth", "-1d", datetime(2028, 2, 28, 23, 59, 59)),
    ("endOfYear", "+1y", datetime(2029, 12, 31, 23, 59, 59)),
])
def test_date_function_with_increment(name, increment, expected):
    assert at(name, increment) == expected


def test_start_of_week_on_a_sunday_is_that_day():
    sunday = datetime(2028, 3, 5, 9, 0)
    assert moment(Function("startOfWeek"), "created", sunday) == datetime(2028, 3, 5)


@pytest.mark.parametrize("absolute", ['"2026/11/01"', '"2026-11-01"', "'2026-11-01 00:00'", "2026/11/01"])
def test_absolute_dates(jira, absolute):
    add_issue(created=datetime(2026, 10, 31, 23, 59))
    add_issue(created=datetime(2026, 11, 1, 0, 0))
    assert found(f"created >= {absolute}") == {"DEMO-2"}


def test_absolute_date_and_time(jira):
    add_issue(created=datetime(2026, 11, 1, 10, 29))
    add_issue(created=datetime(2026, 11, 1, 10, 30))
    assert found('created >= "2026-11-01 10:30"') == {"DEMO-2"}


def test_relative_months_in_a_search(jira):
    add_issue(created=utcnow() - timedelta(days=70))
    add_issue(created=utcnow() - timedelta(days=20))
    assert found("created > -1M") == {"DEMO-2"}


def test_start_of_month_in_a_search(jira):
    first = utcnow().replace(day=1, hour=0, minute=0, second=0)
    add_issue(created=first - timedelta(seconds=1))
    add_issue(created=first)
    assert found("created >= startOfMonth()") == {"DEMO-2"}
    assert found('created >= startOfMonth("-1M")') == {"DEMO-1", "DEMO-2"}


def test_end_of_year_in_a_search(jira):
    add_issue(created=utcnow().replace(month=12, day=31, hour=23, minute=59, second=59))
    assert found("created <= endOfYear()") == {"DEMO-1"}
    assert found("created <= endOfYear(-1)") == set()


@pytest.mark.parametrize("written", ["-1q", "2026-13-01", "2026/11/01 25:00", "1 d", "--1d"])
def test_invalid_date_refused_in_jiras_words(jira, written):
    assert refusal(f'created > "{written}"') == INVALID.format(written)


def test_invalid_increment_refused(jira):
    assert refusal('created > startOfMonth("soon")') == INVALID.format("soon")


def test_date_function_on_a_text_field_refused(jira):
    assert refusal("summary ~ startOfWeek()") == "The function 'startOfWeek' is not supported by the 'summary' field."
