"""One issue as its answer shows it, read with core SQL (issue 14): the issue's row, its labels, comments,
attachments and sub-tasks in one statement each, and the rows it refers to (project, type, status, priority,
resolution, people) from the process's cache of committed rows (``plugin.db.CommittedRows``), which a commit
anywhere clears. The views carry the ORM models' attribute names, so one serialiser answers both."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import bindparam, select

from ..db import committed_rows, db
from ..fields import searchable
from .catalog import as_id
from .models import (
    PROJECT_ID_OFFSET,
    Attachment,
    Comment,
    Issue,
    IssueLabel,
    IssueType,
    Priority,
    Project,
    Resolution,
    Status,
    User,
)

_ISSUES, _USERS = Issue.__table__, User.__table__
_ATTACHMENT_COLUMNS = [column for column in Attachment.__table__.columns if column.key != "content"]
# Built once: building a statement cost more than running it.
_BY_ID = select(_ISSUES).where(_ISSUES.c.id == bindparam("issue_id"))
_BY_KEY = select(_ISSUES).where(_ISSUES.c.key == bindparam("key"))
_LABELS = select(IssueLabel.label).where(IssueLabel.issue_id == bindparam("issue_id")).order_by(IssueLabel.label)
_COMMENTS = select(Comment.__table__).where(Comment.issue_id == bindparam("issue_id")).order_by(Comment.id)
_ATTACHMENTS = select(*_ATTACHMENT_COLUMNS).where(Attachment.issue_id == bindparam("issue_id")) \
    .order_by(Attachment.id)
_SUBTASKS = select(_ISSUES).where(_ISSUES.c.parent_id == bindparam("issue_id")).order_by(_ISSUES.c.id)
_REFERENCES = {"project_id": ("project", Project), "issue_type_id": ("issue_type", IssueType),
               "status_id": ("status", Status), "priority_id": ("priority", Priority),
               "resolution_id": ("resolution", Resolution), "assignee_id": ("assignee", User),
               "reporter_id": ("reporter", User)}


def view_issue(id_or_key) -> SimpleNamespace | None:
    """The issue with this id or key (as ``find_issue`` takes them) and all its answer shows, or None."""
    number = as_id(id_or_key)
    if number is not None:
        statement, arguments = _BY_ID, {"issue_id": number}
    elif isinstance(id_or_key, str) and searchable(id_or_key, 32):
        statement, arguments = _BY_KEY, {"key": id_or_key.upper()}
    else:
        return None
    with db.engine.connect() as connection:
        row = connection.execute(statement, arguments).one_or_none()
        if row is None:
            return None
        own = {"issue_id": row.id}
        issue = _with_references(row)
        issue.labels = list(connection.scalars(_LABELS, own))
        issue.comments = [_with_author(comment) for comment in connection.execute(_COMMENTS, own)]
        issue.attachments = [_with_author(attachment) for attachment in connection.execute(_ATTACHMENTS, own)]
        issue.subtasks = [_with_references(subtask) for subtask in connection.execute(_SUBTASKS, own)]
        parent = connection.execute(_BY_ID, {"issue_id": row.parent_id}).one_or_none() \
            if row.parent_id is not None else None
    issue.parent = _with_references(parent) if parent is not None else None
    return issue


def _with_references(row) -> SimpleNamespace:
    view = SimpleNamespace(**row._mapping)
    for column, (name, model) in _REFERENCES.items():
        setattr(view, name, _referenced(model, getattr(row, column)))
    return view


def _with_author(row) -> SimpleNamespace:
    return SimpleNamespace(**row._mapping, author=_referenced(User, row.author_id))


def _referenced(model, row_id: int | None) -> SimpleNamespace | None:
    if row_id is None:
        return None
    table = model.__table__
    row = committed_rows().row((table.name, row_id), lambda: select(table).where(table.c.id == row_id))
    if row is None:
        return None
    view = SimpleNamespace(**row._mapping)
    if model is Project:
        view.jira_id = PROJECT_ID_OFFSET + row.id
    return view
