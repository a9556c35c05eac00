"""JQL search: the matching issues of one page, in order, and how many match in all; both counted and
paged by the database.

Without ORDER BY, issues come as Jira Server lists them: by key, newest first (``ORDER BY key DESC``).
Every order ends with the issue id, so pages never overlap. Empty values sort after the others in
ascending order and before them in descending order, on SQLite as on PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import aliased, selectinload

from ...db import ANALYSIS_INTERVAL, db, refresh_statistics, utcnow
from ...fields import MAX_PAGE
from ..issue_fields import REFERENCE_LOADS
from ..issue_views import COLLECTIONS, view_issues
from ..models import Attachment, Comment, Issue, IssueType, Priority, Project, Resolution, Status, User
from .fields import sortable_field
from .syntax import SortKey, parse
from .translate import Translation

DEFAULT_ORDER = (SortKey("key", descending=True),)
# What an issue of a page answers with, read with the page (its single references joined, each collection in
# one query for the whole page) rather than per issue: lazily, a page of 50 made about 400 loads (issue 14).
PAGE_LOADS = (
    *REFERENCE_LOADS,
    selectinload(Issue.comments).joinedload(Comment.author),
    selectinload(Issue.attachments).joinedload(Attachment.author), selectinload(Issue.subtasks),
)


@dataclass(frozen=True)
class SearchResult:
    issues: list[Issue]
    total: int


def search(jql: str, *, current_username: str | None, start_at: int, max_results: int) -> SearchResult:
    """The issues ``jql`` matches, ``max_results`` (at most MAX_PAGE, as Jira caps it) from ``start_at``.
    An empty query matches every issue; one Jira would refuse raises ValidationFailed in Jira's words."""
    statement, total = _matching(jql, current_username)
    page = _paged(statement.options(*PAGE_LOADS), start_at, max_results)
    return SearchResult(issues=list(db.session.scalars(page)), total=total)


def search_views(jql: str, *, current_username: str | None, start_at: int, max_results: int,
                 fields: set[str] | None = None) -> SearchResult:
    """``search``, its page read-only in core SQL (``plugin.jira.issue_views``): for answers, not changes. Of
    the issues' collections, only those among the ``fields`` the answer shows are read (None: all of them; the
    others are left empty)."""
    collections = COLLECTIONS if fields is None else COLLECTIONS & frozenset(fields)
    statement, total = _matching(jql, current_username)
    ids = list(db.session.connection().scalars(_paged(statement.with_only_columns(Issue.id), start_at, max_results)))
    return SearchResult(issues=view_issues(ids, collections), total=total)


def _matching(jql: str, current_username: str | None) -> tuple[Select, int]:
    """The ordered statement of the issues ``jql`` matches, and how many there are."""
    query = parse(jql or "")
    refresh_statistics(db.engine, interval=ANALYSIS_INTERVAL)  # the planner's view of a growing database
    db.session.flush()  # the count, the look-ups and the page read through the connection: see this transaction
    now = utcnow()
    looked_up: dict = {}  # the names both translations look up, once
    condition = Translation(current_username, now, looked_up=looked_up).condition(query.where)
    statement = _ordered(select(Issue).where(condition), query.order_by or DEFAULT_ORDER)
    counted = Translation(current_username, now, counting=True, looked_up=looked_up).condition(query.where)
    return statement, db.session.connection().scalar(select(func.count(Issue.id)).where(counted))


def _paged(statement: Select, start_at: int, max_results: int) -> Select:
    return statement.offset(max(start_at, 0)).limit(min(max(max_results, 0), MAX_PAGE))


def checked_condition(jql: str, *, current_username: str | None) -> ColumnElement[bool]:
    """What ``jql`` selects, as a condition on issues to combine with others (one issue's id, a page after an
    id), once the whole query, its ORDER BY too, is one Jira would run: ValidationFailed in Jira's words
    otherwise. An empty query matches every issue."""
    query = parse(jql or "")
    for sort_key in query.order_by:
        sortable_field(sort_key.field)
    return Translation(current_username, utcnow()).condition(query.where)


def _ordered(statement: Select, sort_keys: tuple[SortKey, ...]) -> Select:
    orders = []
    for sort_key in sort_keys:
        field = sortable_field(sort_key.field)
        statement, columns = _sort_columns(statement, field.id)
        descending = bool(sort_key.descending)
        if field.id == "priority":  # Highest has the smallest sequence number and comes first in DESC
            descending = not descending
        orders += [column.desc().nulls_first() if descending else column.asc().nulls_last() for column in columns]
    return statement.order_by(*orders, Issue.id.desc())


def _sort_columns(statement: Select, field: str) -> tuple[Select, list]:
    """``statement`` joined to what orders issues by ``field``, and the columns to order by."""
    if field in ("created", "updated", "summary"):
        return statement, [getattr(Issue, field)]
    if field in ("project", "issuekey"):
        project = aliased(Project)
        statement = statement.join(project, Issue.project_id == project.id)
        return statement, [project.key] + ([Issue.number] if field == "issuekey" else [])
    if field in ("assignee", "reporter"):
        user = aliased(User)
        return statement.outerjoin(user, getattr(Issue, f"{field}_id") == user.id), [user.display_name]
    model, foreign_key, column = {
        "issuetype": (IssueType, Issue.issue_type_id, "name"), "status": (Status, Issue.status_id, "name"),
        "priority": (Priority, Issue.priority_id, "sequence"), "resolution": (Resolution, Issue.resolution_id, "name"),
    }[field]
    table = aliased(model)
    return statement.outerjoin(table, foreign_key == table.id), [getattr(table, column)]
