"""Issues as their answers show them, read with core SQL (issue 14): one issue or a page of a search; the
issues' rows, their labels, comments, attachments and sub-tasks in one statement each, and the rows they
refer to (project, type, status, priority, resolution, people) from the process's cache of committed rows
(``plugin.db.CommittedRows``), which a commit anywhere clears. The views carry the ORM models' attribute
names, so one serialiser answers both."""

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
_PAGE = bindparam("ids", expanding=True)
_BY_IDS = select(_ISSUES).where(_ISSUES.c.id.in_(_PAGE))
_LABELS = select(IssueLabel.issue_id, IssueLabel.label).where(IssueLabel.issue_id.in_(_PAGE)) \
    .order_by(IssueLabel.issue_id, IssueLabel.label)
_COMMENTS = select(Comment.__table__).where(Comment.issue_id.in_(_PAGE)).order_by(Comment.id)
_ATTACHMENTS = select(*_ATTACHMENT_COLUMNS).where(Attachment.issue_id.in_(_PAGE)).order_by(Attachment.id)
_SUBTASKS = select(_ISSUES).where(_ISSUES.c.parent_id.in_(_PAGE)).order_by(_ISSUES.c.id)
# The collections a view can carry, by the field that shows each; a page reads only those its answer shows.
COLLECTIONS = frozenset({"comment", "attachment", "subtasks"})
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
        return _views(connection, [row])[0] if row is not None else None


def view_issues(ids: list[int], collections: frozenset[str] = COLLECTIONS) -> list[SimpleNamespace]:
    """The issues with these ids, in this order (a page of a search), and all their answers show: each of
    the ``collections`` asked for (the others are left empty) read for the whole page in one statement."""
    if not ids:
        return []
    with db.engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(_BY_IDS, {"ids": ids})}
        return _views(connection, [rows[issue_id] for issue_id in ids if issue_id in rows], collections)


def _views(connection, rows: list, collections: frozenset[str] = COLLECTIONS) -> list[SimpleNamespace]:
    page = {"ids": [row.id for row in rows]}
    refer = _References()
    views = {row.id: refer.issue(row) for row in rows}
    for view in views.values():
        view.labels, view.comments, view.attachments, view.subtasks = [], [], [], []
    for issue_id, label in connection.execute(_LABELS, page):
        views[issue_id].labels.append(label)
    for comment in connection.execute(_COMMENTS, page) if "comment" in collections else ():
        views[comment.issue_id].comments.append(refer.authored(comment))
    for attachment in connection.execute(_ATTACHMENTS, page) if "attachment" in collections else ():
        views[attachment.issue_id].attachments.append(refer.authored(attachment))
    for subtask in connection.execute(_SUBTASKS, page) if "subtasks" in collections else ():
        views[subtask.parent_id].subtasks.append(refer.issue(subtask))
    parent_ids = sorted({row.parent_id for row in rows if row.parent_id is not None})
    parents = {row.id: refer.issue(row) for row in connection.execute(_BY_IDS, {"ids": parent_ids})} \
        if parent_ids else {}
    for view in views.values():
        view.parent = parents.get(view.parent_id)
    return list(views.values())


class _References:
    """The rows the views of one read refer to, each looked up once (a page shares its few)."""

    def __init__(self):
        self._seen: dict[tuple[str, int], SimpleNamespace | None] = {}

    def issue(self, row) -> SimpleNamespace:
        view = SimpleNamespace(**row._mapping)
        for column, (name, model) in _REFERENCES.items():
            setattr(view, name, self.referenced(model, getattr(row, column)))
        return view

    def authored(self, row) -> SimpleNamespace:
        return SimpleNamespace(**row._mapping, author=self.referenced(User, row.author_id))

    def referenced(self, model, row_id: int | None) -> SimpleNamespace | None:
        if row_id is None:
            return None
        key = (model.__tablename__, row_id)
        if key not in self._seen:
            self._seen[key] = _referenced(model, row_id)
        return self._seen[key]


def _referenced(model, row_id: int) -> SimpleNamespace | None:
    table = model.__table__
    row = committed_rows().row((table.name, row_id), lambda: select(table).where(table.c.id == row_id))
    if row is None:
        return None
    view = SimpleNamespace(**row._mapping)
    if model is Project:
        view.jira_id = PROJECT_ID_OFFSET + row.id
    return view
