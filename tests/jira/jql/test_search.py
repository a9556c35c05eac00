"""JQL search: ORDER BY, Jira's order when none is given, paging, and a search that loads only its page."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from factories import add_issue
from sqlalchemy import event, insert, select

from plugin.db import db, refresh_statistics
from plugin.errors import ValidationFailed
from plugin.jira.jql import FIELDS, search
from plugin.jira.models import Issue, IssueLabel, IssueType, Project, Status, User


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


def test_a_page_and_what_its_issues_answer_with_take_a_few_queries_whatever_its_size(jira):
    for number in range(30):
        parent = add_issue(f"Parent {number}", comments=("first", "second"))
        add_issue(f"Sub-task {number}", issue_type="Sub-task", parent=parent)
    db.session.expire_all()
    with _statements() as statements:
        page = search("issuetype = Task", current_username="admin", start_at=0, max_results=50).issues
        answered = [(issue.comments, issue.attachments, issue.subtasks, issue.labels) for issue in page]
    assert len(answered) == 30
    assert len(statements) <= 10, statements


def test_what_a_page_answers_with_is_read_with_the_page_not_per_issue(jira):
    for number in range(10):
        parent = add_issue(f"Parent {number}", assignee="user", comments=("first",))
        add_issue(f"Sub-task {number}", issue_type="Sub-task", parent=parent, assignee="admin", reporter="user")
    db.session.expire_all()
    page = search("", current_username="admin", start_at=0, max_results=50).issues
    with _statements() as statements:
        answered = [(issue.project.key, issue.issue_type.name, issue.status.name, issue.priority.name,
                     issue.resolution, issue.assignee.username, issue.reporter.username,
                     issue.parent and issue.parent.key, [comment.author.username for comment in issue.comments])
                    for issue in page]
    assert len(answered) == 20
    assert statements == []


def test_labels_are_counted_from_the_labels_index_and_paged_in_created_order(jira):
    _bulk_issues(2000)
    db.session.execute(insert(IssueLabel), [{"issue_id": issue_id, "label": "x" if issue_id % 10 == 0 else "y"}
                                            for issue_id in db.session.scalars(select(Issue.id))])
    db.session.commit()
    refresh_statistics(db.engine)
    with _statements() as statements:
        result = search("project = DEMO AND labels = x ORDER BY created DESC", current_username="admin", start_at=0,
                        max_results=50)
    count, page = (next(run for run in statements if run[0].startswith(start))
                   for start in ("SELECT count(", "SELECT issues"))
    assert (result.total, result.issues[0].key) == (200, "DEMO-2000")
    assert "ix_issue_labels_label_issue_id" in _plan(*count) and "ix_issues_project_id_created" not in _plan(*count)
    assert "ix_issues_project_id_created" in _plan(*page) and "TEMP B-TREE" not in _plan(*page)


def test_sub_tasks_are_looked_up_by_their_parents_index(jira):
    _bulk_issues(200)
    db.session.commit()
    refresh_statistics(db.engine)
    assert "ix_issues_parent_id" in _plan("SELECT id FROM issues WHERE parent_id IN (?, ?)", (1, 2))


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


@contextmanager
def _statements():
    """Collects the (statement, parameters) the database runs meanwhile."""
    statements = []

    def record(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _plan(statement: str, parameters) -> str:
    """SQLite's query plan for ``statement``."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plans")
    rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(parameters)).all()
    return " / ".join(row[-1] for row in rows)
