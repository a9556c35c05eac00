"""Sync errors (DESIGN.md §6.5): recorded where a step failed, listed for administrators. A script error
keeps Groovy's message and line; an error holds what its step held (its twin's later items wait)."""

from __future__ import annotations

from sqlalchemy import select

from ...db import db
from ...jira.models import Issue
from ...script import ScriptError
from .models import ErrorImpact, ErrorStatus, ErrorType, SyncError


def record_error(connection, error: ScriptError | str, *, error_type: ErrorType = ErrorType.SCRIPT, twin=None,
                 request=None, event=None, line: int | None = None, local_issue_key: str | None = None,
                 remote_issue_key: str | None = None) -> SyncError:
    """Add an open error (in the caller's transaction)."""
    if isinstance(error, ScriptError):
        message, line, details = error.message, error.line, error.exception_class
    else:
        message, details = error, None
    if local_issue_key is None and twin is not None:
        issue = db.session.get(Issue, twin.local_issue_id)
        local_issue_key = issue.key if issue is not None else None
    found = SyncError(impact=ErrorImpact.ISSUE, type=error_type, connection_id=connection.id,
                      twin_id=twin.id if twin is not None else None, request_id=request.id if request else None,
                      event_id=event.id if event else None, local_issue_key=local_issue_key,
                      remote_issue_key=remote_issue_key or (twin.remote_issue_key if twin is not None else None),
                      message=message, line=line, details=details)
    db.session.add(found)
    return found


def list_errors(*, status: ErrorStatus | None = None, connection_id: int | None = None) -> list[SyncError]:
    query = select(SyncError).order_by(SyncError.id)
    if status is not None:
        query = query.where(SyncError.status == status)
    if connection_id is not None:
        query = query.where(SyncError.connection_id == connection_id)
    return list(db.session.scalars(query))
