"""What both front doors (REST resources and pages) share: the domain of the app serving the
request, the HTTP status each domain error is answered with, and the wire's names for the
domain's fields."""

from __future__ import annotations

from flask import current_app

from .errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RemoteNodeError,
    RemoteNodeTimeout,
    TooManyAttempts,
    ValidationFailed,
)
from .rest.schemas import wire_names

STATUS_BY_ERROR = (
    (ValidationFailed, 400),
    (NotAuthenticated, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (Conflict, 409),
    # Jira itself answers 403 and asks for a CAPTCHA (X-Authentication-Denied-Reason, which is sent
    # too); without a CAPTCHA to solve, "try again later" is what 429 says.
    (TooManyAttempts, 429),
    (RemoteNodeTimeout, 504),
    (RemoteNodeError, 502),
)


def jira():
    """The host Jira of the app serving this request (``plugin.jira.Jira``)."""
    return current_app.extensions["jira"]


def exalate():
    """The Exalate app of the app serving this request (``plugin.exalate.Exalate``)."""
    return current_app.extensions["exalate"]


def status_for(error: DomainError) -> int:
    return next(code for cls, code in STATUS_BY_ERROR if isinstance(error, cls))


def wire_name(field_name: str) -> str:
    """The wire's name for a domain field (``acceptor.connection_uid`` → ``acceptor.connectionUid``),
    as the REST schemas declare it; forms use the same names."""
    return ".".join(_wire_part(part) for part in field_name.split("."))


def _wire_part(part: str) -> str:
    """One part of a dotted field name, an index kept (``issue_types[1]`` → ``issueTypes[1]``)."""
    name, bracket, index = part.partition("[")
    return wire_names().get(name, name) + bracket + index


def wire_errors(error: DomainError) -> dict[str, str]:
    return {wire_name(name): message for name, message in error.field_errors.items()}
