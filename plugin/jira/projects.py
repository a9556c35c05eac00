"""Projects: the seeded two, Jira's rules for a new one's key and name, and lookups by key."""

from __future__ import annotations

from sqlalchemy import select

from ..db import db, transaction
from ..errors import ValidationFailed
from ..fields import DESCRIPTION_MAX, PROJECT_KEY_RULE, PROJECT_NAME_MAX, is_blank, is_project_key, shorten, text_errors
from .catalog import as_id
from .models import PROJECT_ID_OFFSET, Project
from .users import Users

SELECT_A_PROJECT = "Select a project."


class Projects:
    def __init__(self, users: Users):
        self.users = users

    def seed(self) -> None:
        """The two projects of a new instance; the caller commits."""
        db.session.add_all([
            Project(key="DEMO", name="Demo", lead="admin", description="Demonstration project"),
            Project(key="SUP", name="Support", lead="admin", description="Support desk"),
        ])

    def list(self) -> list[Project]:
        return list(db.session.scalars(select(Project).order_by(Project.key)))

    def get(self, key: str) -> Project | None:
        if not is_project_key(key):  # cannot exist; and PostgreSQL refuses NUL in a comparison
            return None
        return db.session.scalar(select(Project).where(Project.key == key))

    def find(self, ref: object) -> Project | None:
        """The project a body names: ``{"key": "DEMO"}``, ``{"id": "10001"}``, or a key or id alone."""
        if isinstance(ref, dict):
            ref = ref.get("key", ref.get("id"))
        if isinstance(ref, str) and is_project_key(ref):
            return self.get(ref)
        number = as_id(ref)
        if number is None or number <= PROJECT_ID_OFFSET:
            return None
        return db.session.get(Project, number - PROJECT_ID_OFFSET)

    def create(self, *, key: str | None, name: str | None, lead: str | None = None,
               description: str | None = "") -> Project:
        errors = {}
        if not is_project_key(key):
            errors["key"] = PROJECT_KEY_RULE
        elif self.get(key) is not None:
            errors["key"] = f"Project '{key}' uses this project key."
        errors.update(text_errors({"name": name}, required=("name",), max_length=PROJECT_NAME_MAX))
        if lead is not None and self.users.by_username(lead) is None:
            errors["lead"] = "The user you have specified as project lead does not exist."
        errors.update(text_errors({"description": description}, max_length=DESCRIPTION_MAX))
        if errors:
            raise ValidationFailed(field_errors=errors)
        with transaction():
            project = Project(key=key, name=name.strip(), lead=lead or "admin", description=description or "")
            db.session.add(project)
        return project

    def choice_errors(self, field_name: str, key: str | None) -> dict[str, str]:
        """The error for a project chosen in a form or body, keyed by ``field_name``, if any."""
        if is_blank(key):
            return {field_name: SELECT_A_PROJECT}
        if self.get(key) is None:
            return {field_name: f"Project '{shorten(key)}' does not exist."}
        return {}
