"""The issue page's *More* menu: a registry of issue operations that the page reads, so that
another package adds its own (the Exalate app: Exalate, Connect, Unexalate) without the host
Jira or the issue page knowing them. Each app has its own registry
(``issue_operations(app).add(…)``); the issue pages register Edit and Delete in it themselves.
Panels of the issue page (the Exalate panel) are registered the same way: ``issue_panels(app)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

from ..jira.models import Issue, User

REGISTRY = "issue_operations"
PANELS = "issue_panels"


def always(_user: User, _issue: Issue) -> bool:
    return True


@dataclass(frozen=True)
class IssueOperation:
    """One entry of the menu: ``link(issue)`` is the address of the operation's page for an issue
    (built with ``url_for``, at render time); ``shown(user, issue)`` whether this user sees it."""

    key: str
    label: str
    link: Callable[[Issue], str]
    shown: Callable[[User, Issue], bool] = always
    weight: int = 100  # lower first, as Jira orders web items


class IssueOperations:
    def __init__(self):
        self._operations: dict[str, IssueOperation] = {}

    def add(self, operation: IssueOperation) -> None:
        if operation.key in self._operations:
            raise ValueError(f"An issue operation with the key {operation.key!r} is registered already.")
        self._operations[operation.key] = operation

    def remove(self, key: str) -> None:
        self._operations.pop(key, None)

    def for_issue(self, user: User, issue: Issue) -> list[IssueOperation]:
        """What ``user`` sees in the menu of ``issue``, in order."""
        shown = [operation for operation in self._operations.values() if operation.shown(user, issue)]
        return sorted(shown, key=lambda operation: (operation.weight, operation.label))


def issue_operations(app: Flask) -> IssueOperations:
    """The app's registry of issue operations, made on first use."""
    return app.extensions.setdefault(REGISTRY, IssueOperations())


@dataclass(frozen=True)
class IssuePanel:
    """A section of the issue page: ``render(user, issue)`` is its markup, or ``None`` where it does not
    apply to the issue (or to the user)."""

    key: str
    render: Callable[[User, Issue], str | None]
    weight: int = 100


def issue_panels(app: Flask) -> list[IssuePanel]:
    """The app's panels of the issue page, made on first use; ``rendered`` gives those that apply."""
    return app.extensions.setdefault(PANELS, [])


def rendered(app: Flask, user: User, issue: Issue) -> list[str]:
    panels = sorted(issue_panels(app), key=lambda panel: panel.weight)
    return [markup for markup in (panel.render(user, issue) for panel in panels) if markup is not None]
