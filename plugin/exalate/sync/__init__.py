"""Issue sync (DESIGN.md §6): twins, replicas, the outgoing and incoming queues, ordered delivery between
the two ends of a connection, and sync errors. ``Sync`` composes the parts; the doors and other areas
(triggers, bulk operations) call its operations:

    exalate.sync.exalate_issue(connection_ref, "DEMO-1", actor)    # connection id or name
    exalate.sync.connect_issue(connection_ref, "DEMO-1", "SUP-7", actor)
    exalate.sync.unexalate_issue(connection_ref, "DEMO-1", actor)
    exalate.sync.sync_status("DEMO-1")
    exalate.sync.bulk_connect(connection_ref, [("DEMO-1", "SUP-7"), ...], actor)   # a result per pair
    exalate.sync.clean_up(connection_ref)                           # unexalate all under it: the count
    exalate.sync.monitor.retry_error(7) / resolve_error(7) / errors(...) / pending_events(...)
    exalate.sync.work_once() / run_until_idle()                     # the worker's steps, for tests

Every process started by ``create_app`` runs a worker thread (``start_worker``) unless ``SYNC_WORKER`` is
off, as unit tests have it so that they step the queues themselves."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import select

from ...db import db
from ...errors import NotFound
from ..partners import Partners
from . import errors, pull, queue
from .bulk import Bulk
from .delivery import Delivery
from .errors import record_error
from .incoming import Incoming
from .models import ErrorStatus, SyncEvent, SyncRequest, Twin
from .monitor import Monitor
from .operations import Operations
from .outgoing import Outgoing
from .pull import Pulls
from .worker import Worker


class Sync:
    def __init__(self, jira, peers, partners: Partners, base_url: Callable[[], str], *, attachment_max_bytes: int):
        self.jira = jira
        self.partners = partners
        self.worker: Worker | None = None
        self.outgoing = Outgoing(jira, base_url, self.wake, record_error)
        self.incoming = Incoming(jira, peers, self.outgoing, self.wake, record_error, attachment_max_bytes)
        self.delivery = Delivery(peers, self.incoming, record_error, Pulls(jira, peers, self.incoming))
        self.operations = Operations(jira, self.outgoing)
        self.exalate_issue = self.operations.exalate_issue
        self.connect_issue = self.operations.connect_issue
        self.unexalate_issue = self.operations.unexalate_issue
        self.sync_status = self.operations.sync_status
        self.bulk = Bulk(self.operations, self.outgoing)
        self.bulk_connect = self.bulk.bulk_connect
        self.clean_up = self.bulk.clean_up
        self.under_sync = self.bulk.under_sync
        self.monitor = Monitor(self.outgoing, self.wake, self.operations.connection)
        self.work_once = self.delivery.work_once
        self.run_until_idle = self.delivery.run_until_idle

    # ------------------------------------------------------------ the worker

    def start_worker(self, context: Callable[[], AbstractContextManager]) -> Worker:
        """Run the worker thread; ``context`` enters what a step needs (the app's context)."""
        self.worker = Worker(self.work_once, context)
        self.worker.start()
        return self.worker

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    # ------------------------------------------------------------ node to node

    def receive(self, uid: str, token: str | None, message: dict) -> None:
        self.incoming.receive(*self.partners.verified(uid, token), message)

    def acknowledged(self, uid: str, token: str | None, message: dict) -> None:
        self.incoming.acknowledged(self.partners.authenticate(uid, token), message)

    def hand_over(self, uid: str, token: str | None, limit: int) -> list[dict]:
        """The events the private end of a private connection fetches, oldest first."""
        return pull.hand_over(self.partners.authenticate(uid, token), limit)

    def taken(self, uid: str, token: str | None, event_ids: list) -> int:
        """The private end stored these fetched events: they are delivered."""
        return pull.taken(self.partners.authenticate(uid, token), event_ids)

    def attachment(self, uid: str, token: str | None, attachment_id: str):
        """An attachment the other end fetches: only of an issue under sync over that connection."""
        connection = self.partners.authenticate(uid, token)
        try:
            attachment = self.jira.attachments.get(attachment_id)
        except NotFound:
            attachment = None
        linked = attachment is not None and db.session.scalar(select(Twin.id).where(
            Twin.connection_id == connection.id, Twin.local_issue_id == attachment.issue_id))
        if not linked:
            raise NotFound("Attachment not found.")
        return attachment

    # ------------------------------------------------------------ what is pending, what failed

    def pending_events(self, connection_id: int | None = None) -> int:
        return queue.pending_count(SyncEvent, connection_id)

    def pending_requests(self, connection_id: int | None = None) -> int:
        return queue.pending_count(SyncRequest, connection_id)

    def errors(self, *, status: ErrorStatus | None = None, connection_id: int | None = None):
        return errors.list_errors(status=status, connection_id=connection_id)
