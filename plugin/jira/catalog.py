"""What issues draw their values from: issue types, priorities, statuses and resolutions (seeded
by migration 0008, as a new Jira ships them). Each is found by id or by name, as clients send
``{"id": "10001"}`` or ``{"name": "Task"}``."""

from __future__ import annotations

from functools import cache

from sqlalchemy import bindparam, func, select

from ..db import db
from ..fields import MAX_ID, searchable
from .models import PROJECT_ID_OFFSET, IssueType, Priority, Project, Resolution, Status, User


class Catalog:
    def issue_types(self) -> list[IssueType]:
        return list(db.session.scalars(select(IssueType).order_by(IssueType.id)))

    def priorities(self) -> list[Priority]:
        return list(db.session.scalars(select(Priority).order_by(Priority.sequence)))

    def statuses(self) -> list[Status]:
        return list(db.session.scalars(select(Status).order_by(Status.id)))

    def script_rows(self) -> dict[str, list[tuple]]:
        """The columns sync scripts see of issue types, priorities, statuses, users and projects, as plain
        rows read with core SQL (no objects loaded), in the order the lists above give them."""
        connection = db.session.connection()
        return {name: connection.execute(statement).all() for name, statement in _SCRIPT_ROWS.items()}

    def resolutions(self) -> list[Resolution]:
        return list(db.session.scalars(select(Resolution).order_by(Resolution.id)))

    def issue_type(self, ref: object) -> IssueType | None:
        return find(IssueType, ref)

    def priority(self, ref: object) -> Priority | None:
        return find(Priority, ref)

    def status(self, ref: object) -> Status | None:
        return find(Status, ref)

    def resolution(self, ref: object) -> Resolution | None:
        return find(Resolution, ref)


def as_id(value: object) -> int | None:
    """An id sent as a number or as a string of digits (Jira takes both)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def find(model, ref: object):
    """The row that ``ref`` names: ``{"id": …}`` or ``{"name": …}`` (case-insensitive, as Jira)."""
    if not isinstance(ref, dict):
        return None
    if "id" in ref:
        number = as_id(ref["id"])
        return db.session.get(model, number) if number is not None else None
    name = ref.get("name")
    if isinstance(name, str) and searchable(name):
        return db.session.scalar(_by_name(model), {"name": name.lower()})
    return None


@cache
def _by_name(model):
    """Built once per model: a create looks up three of them by name."""
    return select(model).where(func.lower(model.name) == bindparam("name"))


_SCRIPT_ROWS = {
    "issue_types": select(IssueType.id, IssueType.name, IssueType.subtask).order_by(IssueType.id),
    "priorities": select(Priority.id, Priority.name).order_by(Priority.sequence),
    "statuses": select(Status.id, Status.name, Status.category).order_by(Status.id),
    "users": select(User.username, User.display_name, User.email).order_by(User.username),
    "projects": select(Project.id + PROJECT_ID_OFFSET, Project.key, Project.name).order_by(Project.key),
}
