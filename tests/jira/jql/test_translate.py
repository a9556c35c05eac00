"""JQL fields and operators against issues in the database: each finds what Jira would, and a value
that does not exist is refused in Jira's words."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import add_issue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from plugin.db import db, utcnow
from plugin.errors import ValidationFailed
from plugin.jira.jql import search
from plugin.jira.models import Issue, Project


def found(jql: str, username: str | None = "admin") -> set[str]:
    return {issue.key for issue in search(jql, current_username=username, start_at=0, max_results=100).issues}


def refusal(jql: str) -> str:
    with pytest.raises(ValidationFailed) as raised:
        search(jql, current_username="admin", start_at=0, max_results=50)
    assert raised.value.field_errors == {}
    return raised.value.message


@pytest.fixture
def two(jira):
    """DEMO-1 (a Bug, In Progress, High, assigned to user) and SUP-1 (a Task, To Do, no priority)."""
    add_issue("Login fails", issue_type="Bug", status="In Progress", priority="High", assignee="user",
              reporter="user", labels=("frontend", "urgent"), description="The Login button does nothing.")
    add_issue("Export report", project="SUP", priority=None, comments=("Seen on the nightly build",))


def test_empty_query_finds_every_issue(two):
    assert found("") == {"DEMO-1", "SUP-1"}


def test_project_by_key_name_or_id(two):
    assert found("project = demo") == found(f"project = '{_demo_name().upper()}'") == \
        found(f"project = {_demo_id()}") == {"DEMO-1"}


def test_project_not_in(two):
    assert found("project not in (DEMO)") == {"SUP-1"}


def test_unknown_project_refused(two):
    assert refusal("project = NOPE") == "The value 'NOPE' does not exist for the field 'project'."


def test_unknown_field_refused(two):
    assert refusal("foo = bar") == "Field 'foo' does not exist or you do not have permission to view it."


def test_field_names_case_insensitive(two):
    assert found("PROJECT = SUP AND IssueType = task") == {"SUP-1"}


def test_operator_the_field_does_not_take_refused(two):
    assert refusal("project ~ DEMO") == "The operator '~' is not supported by the 'project' field."


def test_summary_takes_no_equals(two):
    assert refusal("summary = x") == "The operator '=' is not supported by the 'summary' field."


def test_in_needs_a_list(two):
    assert refusal('project in "DEMO"') == \
        """Operator 'in' does not support the non-list value '"DEMO"' for field 'project'."""


def test_equals_takes_no_list(two):
    assert refusal("project = (DEMO, SUP)") == \
        "Operator '=' does not support the list value '(DEMO, SUP)' for field 'project'."


def test_empty_refused_where_a_field_is_never_empty(two):
    assert refusal("project = EMPTY") == "The field 'project' does not support searching for EMPTY values."


def test_key_and_issuekey(two):
    assert found("key = demo-1") == found("issuekey in (DEMO-1)") == {"DEMO-1"}


def test_key_not_equal(two):
    assert found("key != DEMO-1") == {"SUP-1"}


def test_key_by_id(two):
    assert found(f"id = {_issue_id('SUP-1')}") == {"SUP-1"}


def test_key_compares_numbers_within_its_project(jira):
    for _ in range(3):
        add_issue()
    add_issue(project="SUP")
    assert found("key > DEMO-1") == {"DEMO-2", "DEMO-3"}


def test_invalid_key_refused(two):
    assert refusal("key = nonsense") == "The issue key 'nonsense' for field 'key' is invalid."


def test_missing_key_refused(two):
    assert refusal("key = DEMO-99") == "An issue with key 'DEMO-99' does not exist for field 'key'."


def test_issuetype_and_type(two):
    assert found("issuetype = Bug") == found("type in (bug)") == {"DEMO-1"}


def test_status_by_name(two):
    assert found('status = "in progress"') == {"DEMO-1"}


def test_status_not_equal(two):
    assert found("status != 'In Progress'") == {"SUP-1"}


def test_status_category_by_name_key_or_id(two):
    assert found('statusCategory = "To Do"') == found("statuscategory = new") == found("statusCategory = 2") == \
        {"SUP-1"}


def test_unknown_status_refused(two):
    assert refusal("status = Frozen") == "The value 'Frozen' does not exist for the field 'status'."


def test_priority_equals(two):
    assert found("priority = high") == {"DEMO-1"}


def test_priority_is_empty(two):
    assert found("priority is EMPTY") == found("priority = null") == {"SUP-1"}


def test_not_equal_never_matches_an_empty_field(two):
    assert found("priority != Low") == {"DEMO-1"}


def test_not_finds_the_empty_field_too(two):
    assert found("NOT priority = High") == {"SUP-1"}


def test_priority_greater_means_higher(jira):
    for priority in ("Highest", "High", "Medium", "Low"):
        add_issue(priority=priority)
    assert found("priority > Medium") == {"DEMO-1", "DEMO-2"}


def test_resolution_unresolved_is_empty(jira):
    add_issue(status="Done", resolution="Done")
    add_issue()
    assert found("resolution = Unresolved") == found("resolution is empty") == {"DEMO-2"}


def test_resolution_by_name(jira):
    add_issue(status="Done", resolution="Won't Do")
    add_issue(status="Done", resolution="Done")
    assert found("resolution = \"won't do\"") == {"DEMO-1"}


def test_labels_equals_means_has_label(two):
    assert found("labels = urgent") == {"DEMO-1"}


def test_labels_not_equal_means_has_not(two):
    assert found("labels != urgent") == {"SUP-1"}


def test_labels_in_any_of(jira):
    add_issue(labels=("a",))
    add_issue(labels=("b",))
    add_issue(labels=("c",))
    assert found("labels in (a, b)") == {"DEMO-1", "DEMO-2"}


def test_labels_is_empty(two):
    assert found("labels is EMPTY") == {"SUP-1"}


def test_labels_is_not_empty(two):
    assert found("labels is not EMPTY") == {"DEMO-1"}


def test_assignee_by_user_name_email_or_full_name(two):
    assert found("assignee = user") == found("assignee = 'user@example.com'") == found('assignee = "User"') == \
        {"DEMO-1"}


def test_assignee_is_empty(two):
    assert found("assignee is EMPTY") == {"SUP-1"}


def test_assignee_in_with_empty(two):
    assert found("assignee in (EMPTY, user)") == {"DEMO-1", "SUP-1"}


def test_current_user(two):
    assert found("reporter = currentUser()", username="user") == {"DEMO-1"}


def test_current_user_when_nobody_is_logged_in_matches_nothing(two):
    assert found("reporter = currentUser()", username=None) == set()


def test_unknown_user_refused(two):
    assert refusal("assignee = nobody") == "The value 'nobody' does not exist for the field 'assignee'."


def test_function_for_another_field_refused(two):
    assert refusal("status = currentUser()") == "The function 'currentUser' is not supported by the 'status' field."


def test_unknown_function_refused(two):
    assert refusal("assignee = membersOf(x)") == "Unable to find JQL function 'membersOf()'."


def test_function_arguments_counted(two):
    assert refusal("created > now(1)") == "Function 'now' expected '0' arguments but received '1'."


def test_summary_contains_words_case_insensitively(two):
    assert found('summary ~ "FAILS login"') == {"DEMO-1"}


def test_summary_wildcard(two):
    assert found("summary ~ 'expo*'") == {"SUP-1"}


def test_summary_does_not_contain(two):
    assert found("summary !~ login") == {"SUP-1"}


def test_like_characters_are_plain_text(jira):
    add_issue("100% done")
    add_issue("1000 done")
    assert found("summary ~ '0%'") == {"DEMO-1"}


def test_description_contains(two):
    assert found("description ~ button") == {"DEMO-1"}


def test_description_is_empty(two):
    assert found("description is EMPTY") == {"SUP-1"}


def test_text_searches_summary_description_and_comments(two):
    assert found("text ~ nightly") == {"SUP-1"}
    assert found("text ~ button") == {"DEMO-1"}


def test_comment_contains(two):
    assert found("comment ~ NIGHTLY") == {"SUP-1"}


def test_text_takes_only_contains(two):
    assert refusal("text = x") == "The operator '=' is not supported by the 'text' field."


def test_empty_text_search_refused(two):
    assert refusal("summary ~ '*'") == "The field 'summary' does not support searching for an empty string."


def test_created_after_absolute_date(jira):
    add_issue(created=datetime(2026, 11, 30, 23, 0))
    add_issue(created=datetime(2026, 12, 1, 10, 0))
    assert found('created >= "2026-12-01"') == found("created > '2026/11/30 23:00'") == {"DEMO-2"}


def test_created_equals_exact_minute(jira):
    add_issue(created=datetime(2026, 12, 1, 10, 0))
    assert found('created = "2026/12/01 10:00"') == {"DEMO-1"}


@pytest.mark.parametrize("period", ["-1d", "-2w", "-3h", "-15m", '"-1w 2d"'])
def test_updated_relative_period(jira, period):
    add_issue(updated=utcnow() - timedelta(days=30))
    add_issue(updated=utcnow() - timedelta(minutes=5))
    assert found(f"updated > {period}") == {"DEMO-2"}


def test_start_of_day(jira):
    midnight = utcnow().replace(hour=0, minute=0, second=0)
    add_issue(created=midnight - timedelta(minutes=1))
    add_issue(created=midnight)
    assert found("created >= startOfDay()") == {"DEMO-2"}
    assert found("created >= startOfDay(-1)") == {"DEMO-1", "DEMO-2"}


def test_invalid_date_refused(two):
    assert refusal("created > yesterday") == (
        "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
        "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")


def test_period_beyond_the_calendar_refused(two):
    assert refusal("created > -999999w").startswith("Date value '-999999w' for field 'created' is invalid.")


def test_and_or_not_parentheses(two):
    assert found("project = DEMO AND (labels = urgent OR priority is empty) AND NOT status = Done") == {"DEMO-1"}


def test_clause_count_bounded(two):
    assert refusal(" OR ".join(["labels = x"] * 201)) == "The JQL query is too complex: at most 200 clauses."



def _demo_name() -> str:
    return db.session.scalar(select(Project.name).where(Project.key == "DEMO"))


def _demo_id() -> int:
    return db.session.scalar(select(Project.id).where(Project.key == "DEMO"))


def _issue_id(key: str) -> int:
    return db.session.scalar(select(Issue.id).where(Issue.key == key))


@pytest.mark.parametrize("value", ["²", "9" * 5000])
def test_odd_digits_name_no_project(two, value):
    assert refusal(f"project = {value}") == f"The value '{value}' does not exist for the field 'project'."


def test_id_beyond_integers_names_no_issue(two):
    assert refusal(f"key = {'9' * 5000}") == f"An issue with key '{'9' * 5000}' does not exist for field 'key'."


def test_other_digits_are_no_issue_id(two):
    assert refusal("key = ²") == "The issue key '²' for field 'key' is invalid."


WORDS = ["project", "key", "labels", "assignee", "created", "priority", "summary", "text", "status", "DEMO",
         "DEMO-1", "=", "!=", "~", "<", "in", "not", "is", "empty", "and", "or", "(", ")", ",", "'x y'", '"',
         "-1d", "currentUser()", "startOfDay(", "order", "by", "desc", "\x00", "²", "%", "High", "Done"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_any_text_is_answered_or_refused_in_words(two, jql):
    try:
        search(jql, current_username="admin", start_at=0, max_results=5)
    except ValidationFailed as error:
        assert error.message and not error.field_errors
