"""The fields of an issue that a create or an edit may set, each checked as Jira checks it and
with Jira's message. ``IssueFieldRules.values`` turns the body's ``fields`` into values to store
(or a ``ValidationFailed`` naming every bad field at once)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..db import db
from ..errors import ValidationFailed
from ..fields import LABEL_MAX, LONG_TEXT_MAX, SUMMARY_MAX, searchable, storable
from .catalog import Catalog, as_id
from .models import Issue, User
from .projects import Projects
from .users import Users

SUMMARY_REQUIRED = "You must specify a summary of the issue."
CREATE_ONLY = ("project", "parent")
EDITABLE = ("summary", "description", "issuetype", "priority", "labels", "assignee", "reporter")
# An issue's single references, joined into the statement that reads it rather than loaded one by one
# when first touched: reading one issue for its answer took 10 statements, now 5 (issue 14).
REFERENCE_LOADS = tuple(joinedload(reference) for reference in (
    Issue.project, Issue.issue_type, Issue.status, Issue.priority, Issue.resolution, Issue.assignee,
    Issue.reporter, Issue.parent))


def cannot_set(name: str) -> str:
    return f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."


class IssueFieldRules:
    def __init__(self, users: Users, projects: Projects, catalog: Catalog):
        self.users = users
        self.projects = projects
        self.catalog = catalog

    def values(self, fields: dict, *, creating: bool) -> dict:
        """Each field's value to store, under the model's attribute names."""
        allowed = EDITABLE + (CREATE_ONLY if creating else ())
        errors = {name: cannot_set(name) for name in fields if name not in allowed}
        values = {}
        for name in allowed:
            if name not in fields and not (creating and name in ("project", "issuetype", "summary")):
                continue
            try:
                values.update(getattr(self, "_" + name)(fields.get(name)))
            except ValidationFailed as error:
                errors.update(error.field_errors)
        if errors:
            raise ValidationFailed(field_errors=errors)
        return values

    def _summary(self, value):
        if not isinstance(value, str) or not value.strip():
            raise ValidationFailed.field("summary", SUMMARY_REQUIRED)
        if len(value) > SUMMARY_MAX:
            raise ValidationFailed.field("summary", f"Summary must be less than {SUMMARY_MAX} characters.")
        if "\n" in value or "\r" in value:
            raise ValidationFailed.field("summary", "The summary is invalid because it contains newline characters.")
        _check_storable("summary", value)
        return {"summary": value.strip()}

    def _description(self, value):
        if value is None or value == "":
            return {"description": None}
        return {"description": long_text("description", value)}

    def _project(self, value):
        if value is None:
            raise ValidationFailed.field("project", "project is required")
        project = self.projects.find(value)
        if project is None:
            raise ValidationFailed.field("project", "valid project is required")
        return {"project": project}

    def _issuetype(self, value):
        if value is None:
            raise ValidationFailed.field("issuetype", "issue type is required")
        issue_type = self.catalog.issue_type(value)
        if issue_type is None:
            raise ValidationFailed.field("issuetype", "valid issue type is required")
        return {"issue_type": issue_type}

    def _priority(self, value):
        if value is None:
            return {"priority": None}
        priority = self.catalog.priority(value)
        if priority is None:
            raise ValidationFailed.field("priority", "Could not find valid 'id' or 'name' in priority object.")
        return {"priority": priority}

    def _labels(self, value):
        return {"labels": checked_labels(value or [])}

    def _assignee(self, value):
        return {"assignee": self.user("assignee", value) if value is not None else None}

    def _reporter(self, value):
        if value is None:
            raise ValidationFailed.field("reporter", "You must specify a reporter.")
        return {"reporter": self.user("reporter", value)}

    def _parent(self, value):
        if value is None:
            return {"parent": None}
        parent = find_issue(value.get("key", value.get("id")) if isinstance(value, dict) else value)
        if parent is None:
            raise ValidationFailed.field("parent", "Could not find issue by id or key.")
        if parent.issue_type.subtask:
            raise ValidationFailed.field("parent", "A sub-task cannot be the parent of another issue.")
        return {"parent": parent}

    def user(self, field_name: str, ref) -> User:
        name = ref.get("name", ref.get("key")) if isinstance(ref, dict) else ref
        user = self.users.by_username(name) if isinstance(name, str) else None
        if user is None:
            raise ValidationFailed.field(field_name, f"User '{name}' does not exist.")
        return user


def find_issue(id_or_key) -> Issue | None:
    """The issue with this id (number or digits) or key (``DEMO-1``, any case, as Jira), its single
    references read with it."""
    number = as_id(id_or_key)
    if number is not None:
        return db.session.get(Issue, number, options=REFERENCE_LOADS)
    if isinstance(id_or_key, str) and searchable(id_or_key, 32):
        return db.session.scalar(select(Issue).where(Issue.key == id_or_key.upper()).options(*REFERENCE_LOADS))
    return None


def checked_labels(labels) -> list[str]:
    """Labels as Jira takes them: no spaces, at most 255 characters; duplicates once."""
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            raise ValidationFailed.field("labels", "A label cannot be empty.")
        if any(char.isspace() for char in label):
            raise ValidationFailed.field("labels", f"The label '{label}' contains spaces which is invalid.")
        if len(label) > LABEL_MAX:
            raise ValidationFailed.field("labels", f"The label '{label[:40]}…' exceeds {LABEL_MAX} characters.")
        _check_storable("labels", label)
    return sorted(set(labels))


def long_text(field_name: str, value) -> str:
    if not isinstance(value, str):
        raise ValidationFailed.field(field_name, "This field must be text.")
    if len(value) > LONG_TEXT_MAX:
        raise ValidationFailed.field(field_name, f"The entered text is too long. It exceeds the allowed limit of "
                                                 f"{LONG_TEXT_MAX} characters.")
    _check_storable(field_name, value)
    return value


def _check_storable(field_name: str, value: str) -> None:
    if not storable(value):
        raise ValidationFailed.field(field_name, "This field must not contain NUL characters.")
