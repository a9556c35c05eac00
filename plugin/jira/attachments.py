"""Attachments: files kept in the database (so every node of a cluster serves them). Anyone
logged in reads and adds them; their author or a Jira administrator deletes them."""

from __future__ import annotations

import mimetypes

from ..db import db, transaction, utcnow
from ..errors import NotFound, PermissionDenied, ValidationFailed
from ..fields import SHORT_TEXT_MAX, storable
from . import events as ev
from .catalog import as_id
from .events import Actor, IssueEvents
from .models import Attachment, Issue, User


class Attachments:
    def __init__(self, events: IssueEvents):
        self.events = events

    def get(self, attachment_id) -> Attachment:
        number = as_id(attachment_id)
        attachment = db.session.get(Attachment, number) if number is not None else None
        if attachment is None:
            raise NotFound(f"The attachment with id '{attachment_id}' does not exist.")
        return attachment

    def add(self, actor: Actor, issue: Issue, files: list[tuple[str, str | None, bytes]]) -> list[Attachment]:
        """Attach each ``(filename, mime type or None, content)``, all or none."""
        if not files:
            raise ValidationFailed("No attachments were found in the request.")
        for filename, _mime_type, _content in files:
            if not filename or len(filename) > SHORT_TEXT_MAX or not storable(filename) or "/" in filename:
                raise ValidationFailed.field("file", f"The file name '{filename[:40]}' is not valid.")
        author = actor if isinstance(actor, User) else issue.reporter
        added = []
        with transaction():
            for filename, mime_type, content in files:
                mime_type = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
                attachment = Attachment(issue=issue, filename=filename, mime_type=mime_type[:SHORT_TEXT_MAX],
                                        size=len(content), author=author, content=content)
                db.session.add(attachment)
                added.append(attachment)
            issue.updated = utcnow()
            db.session.flush()
            for attachment in added:
                self.events.emit(ev.ATTACHMENT_ADDED, issue, actor, attachment=attachment)
        return added

    def delete(self, actor: Actor, attachment: Attachment) -> None:
        if isinstance(actor, User) and not (actor.is_admin or actor.id == attachment.author_id):
            raise PermissionDenied(f"You do not have permission to delete attachment with id: {attachment.id}")
        issue = attachment.issue
        with transaction():
            self.events.emit(ev.ATTACHMENT_REMOVED, issue, actor, attachment=attachment)
            issue.attachments.remove(attachment)
            db.session.delete(attachment)
            issue.updated = utcnow()
