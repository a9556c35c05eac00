"""What an incoming script would do to the local issue — a change set, not a write. It is read from the draft
(``issue``) when the script ends, against the snapshot it started from: on first sync every field the script
set; later only fields whose value differs. ``apply.py`` writes one in one transaction; Test Run shows it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ...script.values import to_string
from .draft import IssueDraft
from .hub import plain
from .snapshot import IssueSnapshot

# The draft's properties the host Jira stores, by their Jira REST v2 field name, with how to read the value.
FIELDS = {
    "summary": ("summary", lambda v: plain(v)),
    "description": ("description", lambda v: plain(v) if v != "" else None),
    "priority": ("priority", lambda v: v["name"] if v else None),
    "assignee": ("assignee", lambda v: v["username"] if v else None),
    "reporter": ("reporter", lambda v: v["username"] if v else None),
    "labels": ("labels", lambda v: _labels(v)),
}
# Set by a script, but nothing this Jira holds: shown, not applied.
UNHELD = ("resolution", "components", "fixVersions", "affectedVersions", "due", "environment", "watchers",
          "issueLinks", "workLogs", "customFields")


@dataclass
class CommentChange:
    body: str
    id: str | None = None  # the local comment edited or removed; None for a new one
    remote_id: str | None = None
    author: str | None = None  # the remote author's display name
    executor: str | None = None  # the local user a new comment is written as (None: the connection's user)


@dataclass
class AttachmentChange:
    filename: str
    id: str | None = None
    remote_id: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass
class Changes:
    add: list = field(default_factory=list)
    edit: list = field(default_factory=list)
    remove: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.add or self.edit or self.remove)


@dataclass
class ChangeSet:
    first_sync: bool
    project_key: str | None = None  # first sync: where the issue is created
    issue_type: str | None = None
    parent_id: str | None = None  # first sync: the local parent of a sub-task
    fields: dict = field(default_factory=dict)  # Jira field name -> plain value (a name, a username, labels)
    comments: Changes = field(default_factory=Changes)
    attachments: Changes = field(default_factory=Changes)
    transitions: list = field(default_factory=list)  # [{"id", "name", "to"}], in order
    stored: bool = False  # the script called store(issue)
    ignored: list = field(default_factory=list)  # properties set that this Jira does not hold

    @property
    def empty(self) -> bool:
        return not (self.first_sync or self.fields or self.comments or self.attachments or self.transitions)

    def to_json(self) -> dict:
        data = asdict(self)
        return {_camel(key): _camel_keys(value) for key, value in data.items()}


def change_set(draft: IssueDraft, before: IssueSnapshot | None) -> ChangeSet:
    """The change set of a finished incoming run (raises the draft's error when a first sync names no
    project)."""
    first_sync = before is None
    start = before.hub(draft.catalog) if before is not None else {}
    changes = ChangeSet(first_sync=first_sync, stored=draft.stored,
                        transitions=[{"id": t.id, "name": t.name, "to": t.to} for t in draft.transitions])
    if first_sync:
        changes.project_key = draft.project_key()
        changes.issue_type = draft.get_property("typeName")
        parent = draft.fields.get("parentId")
        changes.parent_id = str(parent) if parent is not None else None
    else:
        changes.issue_type = _changed(draft.get_property("typeName"), start["type"]["name"])
        if draft.get_property("projectKey") != before.project_key:
            changes.ignored.append("project")
    for name, (prop, read) in FIELDS.items():
        value = read(draft.fields.get(prop))
        if (first_sync and value not in (None, [])) or (not first_sync and value != read(start.get(prop))):
            changes.fields[name] = value
    changes.comments = _comment_changes(draft.fields.get("comments"), start.get("comments", []))
    changes.attachments = _attachment_changes(draft.fields.get("attachments"), start.get("attachments", []))
    changes.ignored.extend(name for name in UNHELD if draft.fields.get(name) != (start.get(name) or _empty(name)))
    return changes


def _comment_changes(final, start: list) -> Changes:
    before = {c["id"]: c for c in start}
    kept = {str(c.get("id")) for c in _dicts(final) if c.get("id") is not None}
    changes = Changes(remove=[CommentChange(c["body"], c["id"], c.get("remoteId")) for c in start
                              if c["id"] not in kept])
    for comment in _dicts(final):
        body = str(comment.get("body") or "")
        local_id = str(comment["id"]) if comment.get("id") is not None else None
        remote_id = str(comment["remoteId"]) if comment.get("remoteId") is not None else None
        if local_id is None:
            author, executor = _named(comment.get("author"), "displayName"), _named(comment.get("executor"), "username")
            changes.add.append(CommentChange(body, None, remote_id, author, executor))
        elif local_id in before and before[local_id]["body"] != body:
            changes.edit.append(CommentChange(body, local_id, remote_id))
    return changes


def _attachment_changes(final, start: list) -> Changes:
    kept = {str(a.get("id")) for a in _dicts(final) if a.get("id") is not None}
    return Changes(
        add=[AttachmentChange(str(a.get("filename")), None, str(a["remoteId"]) if a.get("remoteId") else None,
                              _named(a, "mimetype"), plain(a.get("filesize"))) for a in _dicts(final)
             if a.get("id") is None],
        remove=[AttachmentChange(a["filename"], a["id"], a.get("remoteId")) for a in start if a["id"] not in kept])


def _labels(labels) -> list[str]:
    """Labels as names: the hub's ``[label: …]`` maps or plain text (what Jira checks when they are applied)."""
    names = {to_string(label.get("label") if isinstance(label, dict) else label)
             for label in labels if label is not None} if isinstance(labels, list) else set()
    return sorted(names)


def _named(value, key: str) -> str | None:
    """A map's text value (an author's display name, an executor's user name); None for anything else."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def _dicts(items) -> list[dict]:
    return [item for item in items or [] if isinstance(item, dict)]


def _changed(new, old):
    return new if new is not None and new != old else None


def _empty(name: str):
    return {} if name == "customFields" else [] if name not in ("resolution", "due", "environment") else None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _camel_keys(value):
    if isinstance(value, dict):
        return {_camel(key): _camel_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_camel_keys(item) for item in value]
    return value
