"""Domain errors. The backend raises them; each front door (REST, admin pages) renders them.

They know nothing of HTTP: the REST layer maps each class to a status code."""

from __future__ import annotations

MODE_TOGGLE_MESSAGE = (
    "You cannot toggle between the different modes. To do so, you need to create a new "
    "Connection in Visual mode, Script mode, or Basic mode."
)
BASIC_RULES_MESSAGE = "You cannot modify Sync Rules in Basic Mode."
VISUAL_RULES_MESSAGE = ("The Sync Rules of a Visual connection are compiled from its Visual configuration: change "
                        "the configuration and publish it instead.")


class DomainError(Exception):
    """Base class: a message for people, and optionally messages per field."""

    def __init__(self, message: str = "", field_errors: dict[str, str] | None = None):
        super().__init__(message or "; ".join((field_errors or {}).values()))
        self.message = message
        self.field_errors = dict(field_errors or {})

    @property
    def messages(self) -> list[str]:
        return [self.message] if self.message else []


class ValidationFailed(DomainError):
    """Input that cannot be accepted; ``field_errors`` names each offending field."""

    @classmethod
    def field(cls, name: str, message: str) -> ValidationFailed:
        return cls(field_errors={name: message})


class ScriptSyntaxRefused(ValidationFailed):
    """Sync rules that do not parse: per side, the message (``line L, column C: …``) and the position."""

    def __init__(self, positions: dict[str, tuple[int, int]], field_errors: dict[str, str]):
        super().__init__(field_errors=field_errors)
        self.positions = dict(positions)


class NotAuthenticated(DomainError):
    """No or wrong credentials."""


class PermissionDenied(DomainError):
    """Authenticated, but not allowed."""


class NodeNotAuthenticated(NotAuthenticated):
    """Another node's request without a valid ``X-exalate-jwt`` token."""


class TooManyAttempts(DomainError):
    """Refused for a while after repeated failures (Jira shows a CAPTCHA at this point)."""


class NotFound(DomainError):
    """The thing asked for does not exist."""


class Conflict(DomainError):
    """The operation clashes with the current state (e.g. an invitation already accepted)."""


class RemoteNodeError(DomainError):
    """The other Exalate node failed or gave an answer we cannot use."""


class RemoteNodeRefused(RemoteNodeError):
    """The other Exalate node refused this node's credentials (401/403): whatever is sent fails alike."""


class RemoteNodeTimeout(RemoteNodeError):
    """The other Exalate node did not answer in time."""
