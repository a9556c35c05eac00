"""What a sync script may look up in the host Jira: issue types, priorities, statuses, users, projects and
the workflow. It is read before a run — from the database by ``jira_catalog``, or the values a new instance
starts with by ``default_catalog`` (for the CLI) — so that nothing touches the database while a script runs.
Every lookup answers a fresh map (a script may change what it gets) or None."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ...jira.workflow import Transition, Workflow, load_workflow


@dataclass(frozen=True)
class ScriptCatalog:
    issue_types: tuple[dict, ...]  # {"id", "name", "subtask"}
    priorities: tuple[dict, ...]  # {"id", "name"}
    statuses: tuple[dict, ...]  # {"id", "name", "category"}
    users: tuple[dict, ...]  # hub users: {"key", "username", "displayName", "email", "active"}
    projects: tuple[dict, ...]  # {"id", "key", "name"}
    workflow: Workflow

    def issue_type(self, name) -> dict | None:
        return _named(self.issue_types, name)

    def priority(self, name) -> dict | None:
        return _named(self.priorities, name)

    def status(self, name) -> dict | None:
        return _named(self.statuses, name)

    def project(self, key) -> dict | None:
        found = next((p for p in self.projects if isinstance(key, str) and p["key"] == key.upper()), None)
        return dict(found, versions=[], components=[]) if found else None

    def user_by_username(self, username) -> dict | None:
        return _first(self.users, "username", username)

    def user_by_email(self, email) -> dict | None:
        if not isinstance(email, str):
            return None
        return next((dict(u) for u in self.users if u["email"].lower() == email.lower()), None)

    def status_path(self, current: str, target: str) -> list[Transition] | None:
        """The shortest chain of workflow transitions from ``current`` to ``target`` ([] when already
        there; None when ``target`` cannot be reached)."""
        paths = {current: []}
        waiting = deque([current])
        while waiting:
            status = waiting.popleft()
            if status == target:
                return paths[status]
            for transition in self.workflow.available(status):
                if transition.to not in paths:
                    paths[transition.to] = [*paths[status], transition]
                    waiting.append(transition.to)
        return None


def _named(rows: tuple[dict, ...], name) -> dict | None:
    if not isinstance(name, str):
        return None
    return next((dict(row) for row in rows if row["name"].lower() == name.lower()), None)


def _first(rows: tuple[dict, ...], key: str, value) -> dict | None:
    return next((dict(row) for row in rows if row[key] == value), None) if isinstance(value, str) else None


def hub_user(user) -> dict | None:
    """A Jira user (a row or anything with the same attributes) as sync scripts see users."""
    if user is None:
        return None
    return {"key": user.username, "username": user.username, "displayName": user.display_name,
            "email": user.email, "active": True}


def jira_catalog(jira) -> ScriptCatalog:
    """The host Jira's catalog, read now (``jira`` is ``plugin.jira.Jira``): the columns a script sees, in
    core SQL (a sync reads it for every run of the rules, so loading rows as objects would be most of its
    cost)."""
    rows = jira.catalog.script_rows()
    return ScriptCatalog(
        issue_types=tuple({"id": str(i), "name": n, "subtask": bool(s)} for i, n, s in rows["issue_types"]),
        priorities=tuple({"id": str(i), "name": n} for i, n in rows["priorities"]),
        statuses=tuple({"id": str(i), "name": n, "category": c} for i, n, c in rows["statuses"]),
        users=tuple({"key": u, "username": u, "displayName": d, "email": e, "active": True}
                    for u, d, e in rows["users"]),
        projects=tuple({"id": str(i), "key": k, "name": n} for i, k, n in rows["projects"]),
        workflow=jira.issues.workflow,
    )


def default_catalog() -> ScriptCatalog:
    """What a new instance holds (migration 0008 and the first-start seed; a test checks they agree)."""
    types = (("10000", "Bug", False), ("10001", "Task", False), ("10002", "Story", False), ("10003", "Epic", False),
             ("10004", "Sub-task", True))
    return ScriptCatalog(
        issue_types=tuple({"id": i, "name": n, "subtask": s} for i, n, s in types),
        priorities=tuple({"id": str(i), "name": n}
                         for i, n in enumerate(("Highest", "High", "Medium", "Low", "Lowest"), start=1)),
        statuses=({"id": "3", "name": "In Progress", "category": "indeterminate"},
                  {"id": "10000", "name": "To Do", "category": "new"},
                  {"id": "10001", "name": "Done", "category": "done"}),
        users=({"key": "admin", "username": "admin", "displayName": "Administrator", "email": "admin@example.com",
                "active": True},
               {"key": "user", "username": "user", "displayName": "User", "email": "user@example.com",
                "active": True}),
        projects=({"id": "10001", "key": "DEMO", "name": "Demo"}, {"id": "10002", "key": "SUP", "name": "Support"}),
        workflow=load_workflow(),
    )
