"""JQL search: ORDER BY, Jira's order when none is given, paging, and a search that loads only its page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import add_issue
from sqlalchemy import event, insert, select

from plugin.db import db
from plugin.errors import ValidationFailed
from plugin.jira.jql import FIELDS, search
from plugin.jira.models import Issue, IssueType, Project, Status, User


def keys(jql: str, start_at: int = 0, max_results: int = 50) -> list[str]:
    return [issue.key for issue in search(jql, current_username="admin", start_at=start_at,
                                          max_results=max_results).issues]


@pytest.fixture
def three(jira):
    """DEMO-1 Low, created first; DEMO-2 Highest, assigned to user; SUP-1 no priority, assigned to admin."""
    start = datetime(2026, 12, 1)
    add_issue("b", priority="Low", created=start, updated=start + timedelta(hours=3))
    add_issue("c", priority="Highest", assignee="user", created=start + timedelta(hours=1), updated=start)
    add_issue("a", project="SUP", priority=None, assignee="admin", created=start + timedelta(hours=2),
              updated=start + timedelta(hours=1))


def test_default_order_is_key_descending(three):
    assert keys("") == ["SUP-1", "DEMO-2", "DEMO-1"]


def test_key_orders_by_number_not_text(jira):
    for _ in range(10):
        add_issue()
    assert keys("order by key")[:3] == ["DEMO-1", "DEMO-2", "DEMO-3"]


def test_order_by_created_descending(three):
    assert keys("order by created DESC") == ["SUP-1", "DEMO-2", "DEMO-1"]


def test_order_by_updated_ascending(three):
    assert keys("ORDER BY updated asc") == ["DEMO-2", "SUP-1", "DEMO-1"]


def test_order_by_priority_descending_is_highest_first_empty_last(three):
    assert keys("order by priority desc") == ["DEMO-2", "DEMO-1", "SUP-1"]


def test_order_by_assignee_full_name_empty_last(three):
    assert keys("order by assignee") == ["SUP-1", "DEMO-2", "DEMO-1"]  # Administrator, User, nobody


def test_order_by_several_keys(three):
    assert keys("order by project desc, summary") == ["SUP-1", "DEMO-1", "DEMO-2"]


def test_order_by_applies_after_the_condition(three):
    assert keys("project = DEMO order by summary desc") == ["DEMO-2", "DEMO-1"]


def test_order_by_a_field_that_cannot_sort_refused(three):
    with pytest.raises(ValidationFailed) as raised:
        keys("order by labels")
    assert raised.value.message == "Not able to sort using field 'labels'."


def test_order_by_unknown_field_refused(three):
    with pytest.raises(ValidationFailed) as raised:
        keys("order by foo")
    assert raised.value.message == "Field 'foo' does not exist or you do not have permission to view it."


def test_page_from_start_at(three):
    assert keys("order by key", start_at=1, max_results=1) == ["DEMO-2"]


def test_total_counts_every_match_not_the_page(three):
    result = search("project = DEMO", current_username=None, start_at=0, max_results=1)
    assert (len(result.issues), result.total) == (1, 2)


def test_page_beyond_the_end_is_empty(three):
    assert keys("", start_at=10) == []


def test_page_size_capped_at_a_thousand(jira):
    _bulk_issues(1001)
    assert len(keys("", max_results=5000)) == 1000


def test_search_over_thousands_loads_only_its_page(jira):
    _bulk_issues(2000)
    loaded = []

    def count(issue, _context):
        loaded.append(issue)

    event.listen(Issue, "load", count)
    try:
        result = search("project = DEMO order by created", current_username="admin", start_at=100, max_results=20)
    finally:
        event.remove(Issue, "load", count)
    assert (result.total, len(loaded), result.issues[0].key) == (2000, 20, "DEMO-101")


def test_fields_lists_clause_names_for_the_field_resource():
    assert FIELDS["issuekey"] == ("issuekey", "key", "id", "issue") and FIELDS["issuetype"] == ("issuetype", "type")


def _bulk_issues(count: int) -> None:
    """``count`` DEMO issues in one statement, created a minute apart."""
    one = db.session.scalar
    project_id = one(select(Project.id).where(Project.key == "DEMO"))
    type_id, status_id = one(select(IssueType.id).limit(1)), one(select(Status.id).limit(1))
    admin_id = one(select(User.id).where(User.username == "admin"))
    start = datetime(2026, 1, 1)
    db.session.execute(insert(Issue), [
        {"project_id": project_id, "number": number, "key": f"DEMO-{number}", "issue_type_id": type_id,
         "summary": f"Issue {number}", "status_id": status_id, "reporter_id": admin_id,
         "created": start + timedelta(minutes=number), "updated": start}
        for number in range(1, count + 1)])
    db.session.flush()
