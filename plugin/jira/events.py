"""What happens to issues, told to whoever listens (the Exalate app's sync triggers, for one),
inside the transaction that makes the change: a listener that raises undoes the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import Attachment, Comment, Issue, User

CREATED = "created"
CHANGED = "changed"
COMMENTED = "commented"
ATTACHMENT_ADDED = "attachment_added"
ATTACHMENT_REMOVED = "attachment_removed"
TRANSITIONED = "transitioned"
DELETED = "deleted"

Actor = User | str  # a user, or a named system actor such as "connection:JiraA_to_JiraB"


@dataclass(frozen=True)
class IssueEvent:
    kind: str
    issue: Issue
    actor: Actor
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (old, new)
    comment: Comment | None = None
    attachment: Attachment | None = None


Listener = Callable[[IssueEvent], None]


class IssueEvents:
    """The registry: ``jira.events.listen(callback)``; the domain calls ``emit`` before it commits."""

    def __init__(self):
        self._listeners: list[Listener] = []

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def emit(self, kind: str, issue: Issue, actor: Actor, **details) -> None:
        event = IssueEvent(kind, issue, actor, **details)
        for listener in list(self._listeners):
            listener(event)


def actor_name(actor: Actor) -> str:
    return actor if isinstance(actor, str) else actor.username
