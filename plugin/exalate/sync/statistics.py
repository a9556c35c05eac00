"""What the monitoring pages count and page through (DESIGN.md §6.7): a connection's statistics (issues under
sync, events sent and pending, requests received and pending, open errors) and one page of a queue's pending
rows, filtered by connection and issue key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ...db import db
from ...jira.models import Issue
from ..connections import Page
from .models import ErrorStatus, QueueState, SyncError, SyncEvent, SyncRequest, Twin


@dataclass(frozen=True)
class ConnectionStatistics:
    issues_under_sync: int
    events_sent: int
    events_pending: int
    requests_received: int
    requests_pending: int
    open_errors: int


def connection_statistics(connection_id: int) -> ConnectionStatistics:
    def count(model, *conditions) -> int:
        return db.session.scalar(select(func.count()).select_from(model)
                                 .where(model.connection_id == connection_id, *conditions))

    return ConnectionStatistics(
        issues_under_sync=count(Twin),
        events_sent=count(SyncEvent, SyncEvent.state == QueueState.DONE),
        events_pending=count(SyncEvent, SyncEvent.state != QueueState.DONE),
        requests_received=count(SyncRequest),  # every one stored here, applied or not yet
        requests_pending=count(SyncRequest, SyncRequest.state != QueueState.DONE),
        open_errors=count(SyncError, SyncError.status == ErrorStatus.OPEN),
    )


def pending_page(model, *, connection_id: int | None = None, issue_key: str | None = None, start_at: int = 0,
                 max_results: int = 50) -> Page:
    """The pending rows of ``model`` (SyncEvent or SyncRequest), oldest first, from ``start_at``. An issue key
    matches an event's local issue; a request's remote issue, or the local issue twinned with it."""
    conditions = [model.state != QueueState.DONE]
    if connection_id is not None:
        conditions.append(model.connection_id == connection_id)
    if issue_key:
        conditions.append(_issue_matches(model, issue_key.strip().upper()))
    total = db.session.scalar(select(func.count()).select_from(model).where(*conditions))
    rows = db.session.scalars(select(model).where(*conditions).order_by(model.id)
                              .offset(start_at).limit(max_results)).all()
    return Page(list(rows), total, start_at, max_results)


def _issue_matches(model, key: str):
    if model is SyncEvent:
        return func.upper(SyncEvent.issue_key) == key
    twinned = (select(Twin.remote_issue_id).join(Issue, Issue.id == Twin.local_issue_id)
               .where(Twin.connection_id == SyncRequest.connection_id, Issue.key == key))
    return or_(func.upper(SyncRequest.remote_issue_key) == key, SyncRequest.remote_issue_id.in_(twinned))
