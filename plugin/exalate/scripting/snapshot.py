"""A local issue as the script world reads it: a plain snapshot, built from the database row before a run
(``IssueSnapshot.of``), or from JSON for the CLI (``IssueSnapshot.from_json``: Jira REST v2's issue shape, as
``GET /rest/api/2/issue/KEY`` answers, or the hub issue shape of a replica). ``hub()`` is the issue as the
script sees it: the hub issue's property names and shapes (users, type, status… as maps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from .catalog import ScriptCatalog, hub_user


def epoch_millis(moment: datetime | None) -> int | None:
    """A date as the hub issue carries it (a Java ``Date``: milliseconds since 1970, UTC)."""
    if moment is None:
        return None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp() * 1000)


@dataclass(frozen=True)
class CommentSnapshot:
    id: str
    body: str
    author: dict | None  # a hub user
    created: int | None = None
    updated: int | None = None

    def hub(self, remote_id: str | None) -> dict:
        return {"id": self.id, "body": self.body, "author": _copy(self.author), "updateAuthor": _copy(self.author),
                "created": self.created, "updated": self.updated, "internal": False, "remoteId": remote_id,
                "executor": None}


@dataclass(frozen=True)
class AttachmentSnapshot:
    id: str
    filename: str
    mime_type: str
    size: int
    author: dict | None = None
    created: int | None = None

    def hub(self, remote_id: str | None) -> dict:
        return {"id": self.id, "filename": self.filename, "mimetype": self.mime_type, "filesize": self.size,
                "author": _copy(self.author), "created": self.created, "remoteId": remote_id}


@dataclass(frozen=True)
class IssueSnapshot:
    key: str | None
    project_key: str | None
    issue_type: str
    summary: str | None
    status: str
    id: str | None = None
    description: str | None = None
    priority: str | None = None
    resolution: str | None = None
    labels: tuple[str, ...] = ()
    assignee: dict | None = None
    reporter: dict | None = None
    parent_id: str | None = None
    created: int | None = None
    updated: int | None = None
    comments: tuple[CommentSnapshot, ...] = ()
    attachments: tuple[AttachmentSnapshot, ...] = ()
    # Which local comment/attachment ids are copies that a connection's incoming sync made, and of which
    # remote id: what ``commentHelper`` and ``attachmentHelper`` match the replica's against.
    comment_traces: dict = field(default_factory=dict)
    attachment_traces: dict = field(default_factory=dict)

    @classmethod
    def of(cls, issue, *, comment_traces: dict | None = None, attachment_traces: dict | None = None):
        """The snapshot of a stored issue (``plugin.jira.models.Issue``)."""
        return cls(
            id=str(issue.id), key=issue.key, project_key=issue.project.key, issue_type=issue.issue_type.name,
            summary=issue.summary, description=issue.description, status=issue.status.name,
            priority=issue.priority.name if issue.priority else None,
            resolution=issue.resolution.name if issue.resolution else None, labels=tuple(issue.labels),
            assignee=hub_user(issue.assignee), reporter=hub_user(issue.reporter),
            parent_id=str(issue.parent_id) if issue.parent_id else None,
            created=epoch_millis(issue.created), updated=epoch_millis(issue.updated),
            comments=tuple(CommentSnapshot(str(c.id), c.body, hub_user(c.author), epoch_millis(c.created),
                                           epoch_millis(c.updated)) for c in issue.comments),
            attachments=tuple(AttachmentSnapshot(str(a.id), a.filename, a.mime_type, a.size, hub_user(a.author),
                                                 epoch_millis(a.created)) for a in issue.attachments),
            comment_traces=dict(comment_traces or {}), attachment_traces=dict(attachment_traces or {}))

    @classmethod
    def from_json(cls, data: dict) -> IssueSnapshot:
        """From Jira REST v2's issue (``{"key", "fields": {…}}``) or a hub issue (``{"key", "summary", …}``,
        also wrapped as a replica). Raises ValueError naming what is missing."""
        from .json_issues import snapshot_fields
        try:
            return cls(**snapshot_fields(data))
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"the issue is neither Jira REST v2's issue nor a hub issue ({error!r})") from None

    def hub(self, catalog: ScriptCatalog) -> dict:
        """The issue's properties as a script reads them."""
        project = catalog.project(self.project_key) or {"id": None, "key": self.project_key, "name": None,
                                                        "versions": [], "components": []}
        return {
            "id": self.id, "key": self.key, "summary": self.summary, "description": self.description,
            "project": project, "type": catalog.issue_type(self.issue_type) or {"id": None, "name": self.issue_type},
            "status": catalog.status(self.status) or {"id": None, "name": self.status},
            "priority": catalog.priority(self.priority) or _named(self.priority),
            "resolution": _named(self.resolution), "labels": [{"label": label} for label in self.labels],
            "assignee": _copy(self.assignee), "reporter": _copy(self.reporter), "creator": _copy(self.reporter),
            "parentId": self.parent_id, "created": self.created, "updated": self.updated,
            "comments": [c.hub(self.comment_traces.get(c.id)) for c in self.comments],
            "attachments": [a.hub(self.attachment_traces.get(a.id)) for a in self.attachments],
        }


def _named(name: str | None) -> dict | None:
    return {"id": None, "name": name} if name is not None else None


def _copy(value: dict | None) -> dict | None:
    return dict(value) if value is not None else None
