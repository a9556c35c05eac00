"""Issues: create, read, edit (fields and Jira's ``update`` verbs), assign, transition, delete.
Anyone logged in browses, creates, comments and transitions; only the reporter, the assignee or a
Jira administrator edits, assigns or deletes. Each write is one transaction, and the listeners
(``events``) hear of it before it commits."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value

from ..db import db, transaction, utcnow
from ..errors import NotFound, PermissionDenied, ValidationFailed
from . import events as ev
from .catalog import Catalog, as_id
from .comments import Comments
from .events import Actor, IssueEvents
from .issue_fields import IssueFieldRules, checked_labels, find_issue
from .issue_views import view_issue
from .models import Issue, IssueLabel, Project, User
from .projects import Projects
from .users import Users
from .workflow import KEEP, Transition, Workflow

ISSUE_NOT_FOUND = "Issue Does Not Exist"
# What the event's ``changes`` and JQL call each stored attribute.
FIELD_NAMES = {"summary": "summary", "description": "description", "issue_type": "issuetype",
               "priority": "priority", "labels": "labels", "assignee": "assignee", "reporter": "reporter",
               "status": "status", "resolution": "resolution"}


def may_edit(actor: Actor, issue: Issue) -> bool:
    """The reporter, the assignee and Jira administrators edit and delete; system actors
    (a connection applying a change) act for the instance."""
    if isinstance(actor, str):
        return True
    return actor.is_admin or actor.id in (issue.reporter_id, issue.assignee_id)


class Issues:
    def __init__(self, users: Users, projects: Projects, catalog: Catalog, workflow: Workflow, events: IssueEvents,
                 comments: Comments):
        self.users = users
        self.comments = comments
        self.catalog = catalog
        self.workflow = workflow
        self.events = events
        self.rules = IssueFieldRules(users, projects, catalog)

    def get(self, id_or_key) -> Issue:
        issue = find_issue(id_or_key)
        if issue is None:
            raise NotFound(ISSUE_NOT_FOUND)
        return issue

    def view(self, id_or_key) -> SimpleNamespace:
        """The issue and all its answer shows, read-only, in core SQL (``plugin.jira.issue_views``)."""
        issue = view_issue(id_or_key)
        if issue is None:
            raise NotFound(ISSUE_NOT_FOUND)
        return issue

    def create(self, actor: Actor, fields: dict) -> Issue:
        values = self.rules.values(fields, creating=True)
        self._check_parent(values["issue_type"].subtask, values.get("parent"))
        values.setdefault("priority", self.catalog.priority({"name": "Medium"}))
        if "reporter" not in values:
            values["reporter"] = actor if isinstance(actor, User) else self.users.by_username(values["project"].lead)
        labels = values.pop("labels", [])
        with transaction():
            number = next_issue_number(values["project"])
            issue = Issue(number=number, key=f"{values['project'].key}-{number}",
                          status=self.catalog.status({"name": self.workflow.initial}), **values)
            issue.label_rows = [IssueLabel(label=label) for label in labels]
            issue.comments, issue.attachments = [], []  # a new issue has none: nothing to load on use
            db.session.add(issue)
            db.session.flush()
            self.events.emit(ev.CREATED, issue, actor)
            identity = {"id": issue.id, "key": issue.key}
        # The commit expired the issue: its id and key, what a caller reads first, stay readable without
        # reading the issue back (with whatever the sync's listeners loaded with it).
        for name, value in identity.items():
            set_committed_value(issue, name, value)
        return issue

    def edit(self, actor: Actor, issue: Issue, fields: dict, update: dict | None = None) -> None:
        """``fields`` set values; ``update`` applies Jira's verbs (``labels``: add, remove, set;
        ``comment``: add, edit, remove; any editable field: set), all in one transaction."""
        self._require_edit(actor, issue)
        fields = dict(fields)
        update = dict(update or {})
        comment_steps = self.comments.plan(actor, issue, update.pop("comment", []))
        label_ops = []
        for name, operations in update.items():
            for operation in operations:
                verb, value = _verb(name, operation)
                if name == "labels" and verb in ("add", "remove"):
                    label_ops.append((verb, value))
                elif verb == "set":
                    fields[name] = value
                else:
                    raise ValidationFailed.field(name, f"Operation '{verb}' is not supported for field '{name}'.")
        values = self.rules.values(fields, creating=False)
        if "issue_type" in values:
            self._check_parent(values["issue_type"].subtask, issue.parent)
        if label_ops:
            values["labels"] = _apply_label_ops(values.get("labels", issue.labels), label_ops)
        with transaction():
            self._change(actor, issue, values)
            comment_steps()

    def assign(self, actor: Actor, issue: Issue, username: str | None) -> None:
        """Assign to a user, or unassign (``None``); Jira's ``-1`` means automatic: the project lead."""
        self._require_edit(actor, issue)
        if username == "-1":
            username = issue.project.lead
        assignee = self.rules.user("assignee", username) if username is not None else None
        with transaction():
            self._change(actor, issue, {"assignee": assignee})

    def delete(self, actor: Actor, issue: Issue) -> None:
        if not may_edit(actor, issue):
            raise PermissionDenied("You do not have permission to delete issues in this project.")
        with transaction():
            self.events.emit(ev.DELETED, issue, actor)
            db.session.delete(issue)

    def transitions(self, issue: Issue) -> list[Transition]:
        return self.workflow.available(issue.status.name)

    def transition(self, actor: Actor, issue: Issue, transition_id, fields: dict | None = None,
                   comment: list | None = None) -> None:
        """Perform a transition by its id; ``fields`` may set the resolution (or any editable field),
        ``comment`` (``update.comment`` verbs) may comment, all in one transaction."""
        chosen = next((t for t in self.transitions(issue) if t.id == as_id(transition_id)), None)
        if chosen is None:
            raise ValidationFailed.field("transition", f"Transition id '{transition_id}' is not valid for this issue.")
        comment_steps = self.comments.plan(actor, issue, comment or [])
        fields = dict(fields or {})
        resolution_ref = fields.pop("resolution", None)
        values = self.rules.values(fields, creating=False) if fields else {}
        values["status"] = self.catalog.status({"name": chosen.to})
        if resolution_ref is not None:
            values["resolution"] = self.catalog.resolution(resolution_ref)
            if values["resolution"] is None:
                raise ValidationFailed.field("resolution", "Could not find valid 'id' or 'name' in resolution object.")
        elif chosen.resolution is not KEEP:
            values["resolution"] = self.catalog.resolution({"name": chosen.resolution}) if chosen.resolution else None
        with transaction():
            old_status = issue.status.name
            self._change(actor, issue, values, kind=None)
            self.events.emit(ev.TRANSITIONED, issue, actor, changes={"status": (old_status, chosen.to)})
            comment_steps()

    def _change(self, actor: Actor, issue: Issue, values: dict, kind: str | None = ev.CHANGED) -> None:
        changes = {}
        for attribute, new in values.items():
            old = issue.labels if attribute == "labels" else getattr(issue, attribute)
            if old == new:
                continue
            changes[FIELD_NAMES[attribute]] = (_plain(old), _plain(new))
            if attribute == "labels":
                issue.label_rows = [IssueLabel(label=label) for label in new]
            else:
                setattr(issue, attribute, new)
        if not changes:
            return
        issue.updated = utcnow()
        db.session.flush()
        if kind is not None:
            self.events.emit(kind, issue, actor, changes=changes)

    def _require_edit(self, actor: Actor, issue: Issue) -> None:
        if not may_edit(actor, issue):
            raise PermissionDenied("You do not have permission to edit issues in this project.")

    @staticmethod
    def _check_parent(subtask: bool, parent: Issue | None) -> None:
        if subtask and parent is None:
            raise ValidationFailed.field("parent", "Issue type is a sub-task but parent issue key or id not specified.")
        if not subtask and parent is not None:
            raise ValidationFailed.field("issuetype", "Only a sub-task can have a parent.")


def next_issue_number(project: Project) -> int:
    """The project's next issue number, taken atomically: never reused, whichever process or node asks."""
    return db.session.execute(_NEXT_NUMBER, {"project_id": project.id}).scalar_one()


_NEXT_NUMBER = (update(Project).where(Project.id == bindparam("project_id"))
                .values(issue_counter=Project.issue_counter + 1).returning(Project.issue_counter))


def _verb(name: str, operation) -> tuple[str, object]:
    if not isinstance(operation, dict) or len(operation) != 1:
        raise ValidationFailed.field(name, "Each operation must be an object with one verb: add, set, remove, edit.")
    [(verb, value)] = operation.items()
    return verb, value


def _apply_label_ops(labels: list[str], operations: list[tuple[str, object]]) -> list[str]:
    result = list(labels)
    for verb, value in operations:
        [label] = checked_labels([value])
        if verb == "add" and label not in result:
            result.append(label)
        elif verb == "remove" and label in result:
            result.remove(label)
    return sorted(result)


def _plain(value):
    """A field's value as the event tells it: names, not rows."""
    if isinstance(value, User):
        return value.username
    return getattr(value, "name", value)
