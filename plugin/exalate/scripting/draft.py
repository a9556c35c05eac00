"""``issue`` in the incoming script: a draft of the local issue (a new one on first sync) that takes the
script's assignments, checked against the catalog where Jira would refuse them, so that the error points at
the script's line. ``setStatus`` walks the workflow from the draft's status. Nothing is written: the
change set (changes.py) is read from the draft when the script ends."""

from __future__ import annotations

from ...script.errors import GroovyRuntimeError
from .catalog import ScriptCatalog
from .hub import HubIssue

PROJECT_KEY_NOT_SET = "Project key was not set"
# Where a draft's assignment keeps the catalog's answer, and what Jira says of a value it does not know.
LOOKUPS = {
    "type": ("issue_type", "Issue type '{}' does not exist."),
    "priority": ("priority", "Priority '{}' does not exist."),
    "project": ("project", "Project '{}' does not exist."),
}
USERS = ("assignee", "reporter")


class IssueDraft(HubIssue):
    def __init__(self, fields: dict, catalog: ScriptCatalog, *, first_sync: bool):
        super().__init__(fields)
        self.catalog = catalog
        self.first_sync = first_sync
        self.transitions: list = []  # workflow transitions, in order, that setStatus chose
        self.stored = False

    def assign(self, name: str, value) -> None:
        if name in ("typeName", "projectKey"):
            name = "type" if name == "typeName" else "project"
            value = {"name": value} if name == "type" and value is not None else value
        if name == "status":
            self.set_status(value.get("name") if isinstance(value, dict) else value)
        elif name in LOOKUPS and value is not None:
            self.fields[name] = self._looked_up(name, value)
        elif name in USERS and value is not None:
            self.fields[name] = self._user(name, value)
        else:
            self.fields[name] = value

    def call_method(self, name: str, args: list):
        if name == "setStatus" and len(args) == 1:
            self.set_status(args[0])
            return None
        return super().call_method(name, args)

    def has_method(self, name: str) -> bool:
        return name == "setStatus"

    def set_status(self, name) -> None:
        target = self.catalog.status(name)
        if target is None:
            raise GroovyRuntimeError(f"Could not find status '{name}'.", "IllegalArgumentException")
        current = (self.fields.get("status") or {}).get("name") or self.catalog.workflow.initial
        path = self.catalog.status_path(current, target["name"])
        if path is None:
            raise GroovyRuntimeError(f"Status '{target['name']}' cannot be reached from '{current}': no transition "
                                     "of the workflow leads there.", "IllegalStateException")
        self.transitions.extend(path)
        self.fields["status"] = target

    def project_key(self) -> str:
        """The project the draft is created in; the product's error when the script named none."""
        key = self.get_property("projectKey")
        if not key:
            raise GroovyRuntimeError(PROJECT_KEY_NOT_SET, "IssueTrackerException")
        return key

    def _looked_up(self, name: str, value) -> dict:
        finder, message = LOOKUPS[name]
        wanted = value.get("key" if name == "project" else "name") if isinstance(value, dict) else value
        found = getattr(self.catalog, finder)(wanted)
        if found is None:
            raise GroovyRuntimeError(message.format(wanted), "IllegalArgumentException")
        return found

    def _user(self, name: str, value) -> dict:
        username = value.get("username") or value.get("key") if isinstance(value, dict) else value
        found = self.catalog.user_by_username(username)
        if found is None:
            raise GroovyRuntimeError(f"User '{username}' does not exist (the {name} of the issue).",
                                     "IllegalArgumentException")
        return found
