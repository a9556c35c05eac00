"""Writing a change set to the host Jira, all of it or nothing, in one transaction: create the issue on first
sync (or edit it), then its comments, attachments and workflow transitions, through the host Jira's own
operations (so its rules and listeners apply). What the sync engine calls once an incoming script has run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import ValidationFailed
from .changes import ChangeSet

# The change set's plain values as Jira REST v2 field values, as the host Jira's operations take them.
REFERENCES = {"priority": lambda v: {"name": v}, "assignee": lambda v: {"name": v}, "reporter": lambda v: {"name": v}}


@dataclass
class Applied:
    issue: object  # plugin.jira.models.Issue
    comment_traces: dict = field(default_factory=dict)  # remote comment id -> new local comment id
    attachment_traces: dict = field(default_factory=dict)


def apply_change_set(jira, changes: ChangeSet, *, actor, issue=None,
                     attachment_content: Callable[[str], bytes] | None = None) -> Applied:
    """Apply ``changes`` to ``issue`` (None on first sync: it is created) as ``actor`` (a connection's system
    actor, e.g. ``"connection:JiraA_to_JiraB"``). ``attachment_content(remote_id)`` gives the bytes of each
    attachment to add. Raises the host Jira's ``ValidationFailed``/``NotFound``, and nothing is written."""
    from ...db import transaction  # the database layer, loaded on the first write: the script world stands alone
    fields = {name: (REFERENCES[name](value) if name in REFERENCES and value is not None else value)
              for name, value in changes.fields.items()}
    if changes.issue_type is not None:
        fields["issuetype"] = {"name": changes.issue_type}
    with transaction():
        if issue is None:
            fields["project"] = {"key": changes.project_key}
            if changes.parent_id is not None:
                fields["parent"] = {"id": changes.parent_id}
            issue = jira.issues.create(actor, fields)
        elif fields:
            jira.issues.edit(actor, issue, fields)
        applied = Applied(issue)
        _comments(jira, actor, issue, changes, applied)
        _attachments(jira, actor, issue, changes, attachment_content, applied)
        for transition in changes.transitions:
            jira.issues.transition(actor, issue, transition["id"])
    return applied


def _comments(jira, actor, issue, changes: ChangeSet, applied: Applied) -> None:
    for change in changes.comments.remove:
        jira.comments.delete(actor, jira.comments.get(issue, change.id))
    for change in changes.comments.edit:
        jira.comments.edit(actor, jira.comments.get(issue, change.id), change.body)
    for change in changes.comments.add:
        author = jira.users.by_username(change.executor) if change.executor else None
        comment = jira.comments.add(actor, issue, change.body, author=author)
        if change.remote_id is not None:
            applied.comment_traces[change.remote_id] = str(comment.id)


def _attachments(jira, actor, issue, changes: ChangeSet, content: Callable | None, applied: Applied) -> None:
    for change in changes.attachments.remove:
        jira.attachments.delete(actor, jira.attachments.get(change.id))
    for change in changes.attachments.add:
        if content is None:
            raise ValidationFailed.field("attachments", f"No content for the attachment {change.filename}.")
        [attachment] = jira.attachments.add(actor, issue, [(change.filename, change.mime_type,
                                                            content(change.remote_id))])
        if change.remote_id is not None:
            applied.attachment_traces[change.remote_id] = str(attachment.id)
