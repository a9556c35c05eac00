"""Sync errors (DESIGN.md §6.5): recorded where a step failed, listed for administrators. A script error
keeps Groovy's message and line; an error holds what its step held (its twin's later items wait), or, with
impact CONNECTION (rules that do not parse, the other end refusing our credentials), the whole connection. A
held item that fails again reopens its error with the new message; one that goes through resolves it."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from ...db import db
from ...errors import RemoteNodeRefused
from ...jira.models import Issue
from ...script import ScriptError, ScriptSyntaxError
from .models import ErrorImpact, ErrorStatus, ErrorType, SyncError, SyncEvent, SyncRequest


def record_error(connection, error: ScriptError | str, *, error_type: ErrorType = ErrorType.SCRIPT, twin=None,
                 request=None, event=None, line: int | None = None, local_issue_key: str | None = None,
                 remote_issue_key: str | None = None, impact: ErrorImpact = ErrorImpact.ISSUE) -> SyncError:
    """Add an open error, or reopen the one its item already has (in the caller's transaction). An error of
    impact CONNECTION holds the whole connection (it shows *Error* with the message)."""
    if isinstance(error, ScriptError):
        message, line, details = error.message, error.line, error.exception_class
    else:
        message, details = error, None
    if local_issue_key is None and twin is not None:
        issue = db.session.get(Issue, twin.local_issue_id)
        local_issue_key = issue.key if issue is not None else None
    found = _error_of(connection, twin, request, event)
    if found is None:
        found = SyncError(impact=impact, type=error_type, connection_id=connection.id,
                          twin_id=twin.id if twin is not None else None, request_id=request.id if request else None,
                          event_id=event.id if event else None)
        db.session.add(found)
    found.status, found.type, found.message, found.line, found.details = (ErrorStatus.OPEN, error_type, message,
                                                                          line, details)
    found.impact = impact
    if impact == ErrorImpact.CONNECTION:
        connection.hold(message)
    found.local_issue_key = local_issue_key
    found.remote_issue_key = remote_issue_key or (twin.remote_issue_key if twin is not None else None)
    return found


def _error_of(connection, twin, request, event) -> SyncError | None:
    """The error already recorded for the same held item (a request, an event, or a twin's outgoing rules)."""
    query = select(SyncError).where(SyncError.connection_id == connection.id)
    if request is not None:
        query = query.where(SyncError.request_id == request.id)
    elif event is not None:
        query = query.where(SyncError.event_id == event.id)
    elif twin is not None:
        query = query.where(SyncError.twin_id == twin.id, SyncError.request_id.is_(None),
                            SyncError.event_id.is_(None))
    else:
        return None
    return db.session.scalars(query.order_by(SyncError.id.desc()).limit(1)).first()


def resolve_held_by(row: SyncEvent | SyncRequest) -> None:
    """``row`` went through: the errors it caused are resolved."""
    db.session.execute(_RESOLVE_HELD_BY[type(row)], {"row_id": row.id})


# Built once: every row that goes through runs one (building it cost more than running it).
_RESOLVE_HELD_BY = {
    model: update(SyncError).where(column == bindparam("row_id"), SyncError.status == ErrorStatus.OPEN)
    .values(status=ErrorStatus.RESOLVED).execution_options(synchronize_session=False)
    for model, column in ((SyncEvent, SyncError.event_id), (SyncRequest, SyncError.request_id))}


def list_errors(*, status: ErrorStatus | None = None, connection_id: int | None = None) -> list[SyncError]:
    query = select(SyncError).order_by(SyncError.id)
    if status is not None:
        query = query.where(SyncError.status == status)
    if connection_id is not None:
        query = query.where(SyncError.connection_id == connection_id)
    return list(db.session.scalars(query))



def impact_of(error: Exception) -> ErrorImpact:
    """What an error is about: rules that do not parse, or the other end refusing this node, fail every issue
    of the connection alike; anything else is about one issue."""
    return ErrorImpact.CONNECTION if isinstance(error, (ScriptSyntaxError, RemoteNodeRefused)) else ErrorImpact.ISSUE
