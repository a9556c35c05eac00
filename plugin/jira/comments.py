"""Comments on issues: anyone logged in reads and adds them; their author or a Jira administrator
edits and deletes them. Also Jira's ``update.comment`` verbs of an issue edit (add, edit, remove)."""

from __future__ import annotations

from ..db import db, transaction, utcnow
from ..errors import NotFound, PermissionDenied, ValidationFailed
from . import events as ev
from .catalog import as_id
from .events import Actor, IssueEvents
from .issue_fields import long_text
from .models import Comment, Issue, User

BODY_REQUIRED = "Comment body can not be empty!"


class Comments:
    def __init__(self, events: IssueEvents):
        self.events = events

    def list(self, issue: Issue) -> list[Comment]:
        return list(issue.comments)

    def get(self, issue: Issue, comment_id) -> Comment:
        number = as_id(comment_id)
        comment = db.session.get(Comment, number) if number is not None else None
        if comment is None or comment.issue_id != issue.id:
            raise NotFound(f"Can not find a comment for the id: {comment_id}.")
        return comment

    def add(self, actor: Actor, issue: Issue, body, *, author: User | None = None) -> Comment:
        """``author``: whom a system actor writes as (a sync's executor); by default the actor, or the
        issue's reporter for a system actor."""
        body = _body(body)
        with transaction():
            comment = self._add(actor, issue, body, author)
        return comment

    def edit(self, actor: Actor, comment: Comment, body) -> Comment:
        body = _body(body)
        _require_author(actor, comment, "edit")
        with transaction():
            self._edit(actor, comment, body)
        return comment

    def delete(self, actor: Actor, comment: Comment) -> None:
        _require_author(actor, comment, "delete")
        with transaction():
            self._delete(actor, comment)

    def apply(self, actor: Actor, issue: Issue, operations: list) -> None:
        """An issue edit's ``update.comment`` verbs, in one transaction."""
        steps = self.plan(actor, issue, operations)
        with transaction():
            steps()

    def plan(self, actor: Actor, issue: Issue, operations: list):
        """``update.comment`` verbs checked now: what to call, inside the caller's transaction, to apply them."""
        steps = []
        for operation in operations:
            if not isinstance(operation, dict) or len(operation) != 1:
                raise ValidationFailed.field("comment", "Each operation must be an object with one verb.")
            [(verb, value)] = operation.items()
            value = value if isinstance(value, dict) else {}
            if verb == "add":
                steps.append((self._add, issue, _body(value.get("body"))))
            elif verb == "edit":
                comment = self.get(issue, value.get("id"))
                _require_author(actor, comment, "edit")
                steps.append((self._edit, comment, _body(value.get("body"))))
            elif verb == "remove":
                comment = self.get(issue, value.get("id"))
                _require_author(actor, comment, "delete")
                steps.append((self._delete, comment))
            else:
                raise ValidationFailed.field("comment", f"Operation '{verb}' is not supported for field 'comment'.")

        def run() -> None:
            for step, *arguments in steps:
                step(actor, *arguments)

        return run

    def _add(self, actor: Actor, issue: Issue, body: str, author: User | None = None) -> Comment:
        author = author or (actor if isinstance(actor, User) else issue.reporter)
        comment = Comment(issue=issue, author=author, body=body)
        issue.updated = utcnow()
        db.session.add(comment)
        db.session.flush()
        self.events.emit(ev.COMMENTED, issue, actor, comment=comment)
        return comment

    def _edit(self, actor: Actor, comment: Comment, body: str) -> None:
        if comment.body == body:
            return
        old = comment.body
        comment.body = body
        comment.updated = comment.issue.updated = utcnow()
        db.session.flush()
        self.events.emit(ev.CHANGED, comment.issue, actor, changes={"comment": (old, body)}, comment=comment)

    def _delete(self, actor: Actor, comment: Comment) -> None:
        issue = comment.issue
        self.events.emit(ev.CHANGED, issue, actor, changes={"comment": (comment.body, None)}, comment=comment)
        issue.comments.remove(comment)
        db.session.delete(comment)
        issue.updated = utcnow()


def _body(body) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ValidationFailed.field("comment", BODY_REQUIRED)
    return long_text("comment", body)


def may_change(actor: Actor, comment: Comment) -> bool:
    """The comment's author and Jira administrators edit and delete it; system actors act for
    the instance."""
    return not isinstance(actor, User) or actor.is_admin or actor.id == comment.author_id


def _require_author(actor: Actor, comment: Comment, verb: str) -> None:
    if not may_change(actor, comment):
        raise PermissionDenied(f"You do not have the permission to {verb} this comment.")
