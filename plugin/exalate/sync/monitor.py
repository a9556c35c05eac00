"""Watching and mending the sync (DESIGN.md §6.5, §6.7): the errors with Retry and Resolve, the two queues
of what is still pending, and the count of open errors for monitoring.

Retry puts the items an error held back in the queue with the rules as they are now; the worker takes them,
and the error is resolved when its item goes through (or reopened with the new message when it fails again).
An outgoing rules error held no item: Retry runs the outgoing rules again at once. Resolve drops the failed
item and releases the twin, so its later items flow. An error of impact CONNECTION held the whole connection:
Retry releases it and runs again every open error that holds it; Resolve releases it once no other does."""

from __future__ import annotations

from sqlalchemy import func, select

from ...db import db, transaction, utcnow
from ...errors import Conflict, NotFound
from ...fields import MAX_ID
from ..connections import Page
from . import queue
from .errors import list_errors
from .models import ErrorImpact, ErrorStatus, QueueState, SyncError, SyncEvent, SyncRequest, Twin, TwinStatus
from .outgoing import wake_after_commit
from .statistics import ConnectionStatistics, connection_statistics, pending_page


class Monitor:
    def __init__(self, outgoing, wake, connection):
        self.outgoing = outgoing
        self.wake = wake
        self.connection = connection  # a connection by id or name, NotFound naming ``connection`` otherwise

    # ------------------------------------------------------------ errors

    def errors(self, *, status: ErrorStatus | None = None, connection=None) -> list[SyncError]:
        return list_errors(status=status, connection_id=self._connection_id(connection))

    def error(self, error_id: int) -> SyncError:
        found = db.session.get(SyncError, error_id) if 0 < error_id <= MAX_ID else None
        if found is None:
            raise NotFound(f"Sync error {error_id} does not exist.")
        return found

    def open_errors(self) -> int:
        return db.session.scalar(select(func.count()).select_from(SyncError)
                                 .where(SyncError.status == ErrorStatus.OPEN))

    def retry_error(self, error_id: int) -> SyncError:
        with transaction():
            error = self.error(error_id)
            if error.status == ErrorStatus.RESOLVED:
                raise Conflict(f"Sync error {error_id} is resolved already.")
            if error.impact == ErrorImpact.CONNECTION:  # the others share its cause: they run again with it
                error.connection.release()
                for other in _open_connection_errors(error):
                    self._retry(other, skip_nothing=True)
            self._retry(error)
        return error

    def _retry(self, error: SyncError, *, skip_nothing: bool = False) -> None:
        item = _held_item(error)
        if item is not None:
            item.state, item.next_attempt_at, item.attempts = QueueState.PENDING, utcnow(), 0
            queue.release_held(type(item), item.connection_id, _issue_of(item))
            wake_after_commit(self.wake)
        elif not (skip_nothing and error.twin_id is None):
            self._rerun_outgoing(error)

    def resolve_error(self, error_id: int) -> SyncError:
        with transaction():
            error = self.error(error_id)
            item = _held_item(error)
            if item is not None and item.state != QueueState.DONE:
                queue.done(item)
            twin = db.session.get(Twin, error.twin_id) if error.twin_id is not None else None
            if twin is not None and twin.status == TwinStatus.ERROR:
                twin.status = TwinStatus.SYNCHRONIZED
            error.status = ErrorStatus.RESOLVED
            if error.impact == ErrorImpact.CONNECTION and not _open_connection_errors(error):
                error.connection.release()
            wake_after_commit(self.wake)
        return error

    def _rerun_outgoing(self, error: SyncError) -> None:
        twin = db.session.get(Twin, error.twin_id) if error.twin_id is not None else None
        if twin is None:
            raise Conflict(f"Sync error {error.id} held nothing that can run again: resolve it.")
        unanswered = twin.remote_issue_id is None  # the first sync (or Connect) has not arrived yet
        if self.outgoing.queue_replica(twin, first_sync=unanswered and twin.remote_issue_key is None,
                                       connect_to=twin.remote_issue_key if unanswered else None):
            error.status = ErrorStatus.RESOLVED
            wake_after_commit(self.wake)

    # ------------------------------------------------------------ queues

    def pending_events(self, *, connection=None, limit: int | None = None) -> tuple[int, list[SyncEvent]]:
        return self._pending(SyncEvent, connection, limit)

    def pending_requests(self, *, connection=None, limit: int | None = None) -> tuple[int, list[SyncRequest]]:
        return self._pending(SyncRequest, connection, limit)

    def _pending(self, model, connection, limit):
        connection_id = self._connection_id(connection)
        total = queue.pending_count(model, connection_id)
        return total, (queue.pending(model, connection_id, limit) if limit != 0 else [])

    def _connection_id(self, connection) -> int | None:
        return self.connection(connection).id if connection is not None else None

    # ------------------------------------------------------------ for the monitoring pages

    def statistics(self, connection) -> ConnectionStatistics:
        return connection_statistics(self.connection(connection).id)

    def events_page(self, *, connection=None, issue_key: str | None = None, start_at: int = 0,
                    max_results: int = 50) -> Page:
        return self._page(SyncEvent, connection, issue_key, start_at, max_results)

    def requests_page(self, *, connection=None, issue_key: str | None = None, start_at: int = 0,
                      max_results: int = 50) -> Page:
        return self._page(SyncRequest, connection, issue_key, start_at, max_results)

    def _page(self, model, connection, issue_key, start_at, max_results) -> Page:
        return pending_page(model, connection_id=self._connection_id(connection), issue_key=issue_key,
                            start_at=start_at, max_results=max_results)


def _open_connection_errors(error: SyncError) -> list[SyncError]:
    """The other open errors that hold ``error``'s connection."""
    return list(db.session.scalars(select(SyncError).where(
        SyncError.connection_id == error.connection_id, SyncError.impact == ErrorImpact.CONNECTION,
        SyncError.status == ErrorStatus.OPEN, SyncError.id != error.id).order_by(SyncError.id)))


def _held_item(error: SyncError) -> SyncEvent | SyncRequest | None:
    if error.request_id is not None:
        return db.session.get(SyncRequest, error.request_id)
    return db.session.get(SyncEvent, error.event_id) if error.event_id is not None else None


def _issue_of(item: SyncEvent | SyncRequest):
    return item.remote_issue_id if isinstance(item, SyncRequest) else item.issue_id
