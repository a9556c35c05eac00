"""The worker's steps (DESIGN.md §6.4, steps 2–4): deliver the next due sync event to the other end, or
apply the next due sync request here. A node that cannot be reached is tried again with backoff; nothing
leaves the queue before the other end took it."""

from __future__ import annotations

import json
import logging
import time

from sqlalchemy import select

from ...db import db, transaction
from ...errors import RemoteNodeError
from ..models import Connection, Status
from . import queue
from .incoming import Incoming
from .models import ErrorType, EventKind, SyncEvent, SyncRequest, Twin, TwinStatus

log = logging.getLogger(__name__)
# A node that has not taken an event after this many attempts is an error worth showing (it is still retried).
REPORTED_ATTEMPTS = 5
# Rows one step claims at once: one claiming transaction for several deliveries when much is queued (a Bulk
# Exalate). A step stops taking its rows well within their lease, so that no other worker takes one meanwhile.
BATCH = 10
BATCH_SECONDS = queue.LEASE.total_seconds() / 2


class Delivery:
    def __init__(self, peers, incoming: Incoming, record_error):
        self.peers = peers
        self.incoming = incoming
        self.record_error = record_error

    def work_once(self) -> bool:
        """One step: a batch of events delivered or of requests applied (or put back for later). False when
        nothing was due."""
        events = queue.claim(SyncEvent, _ready(deliverable=True), BATCH)
        if events:
            self._in_turn(events, self.deliver)
            return True
        requests = queue.claim(SyncRequest, _ready(deliverable=False), BATCH)
        self._in_turn(requests, self.incoming.apply)
        return bool(requests)

    @staticmethod
    def _in_turn(rows: list, work) -> None:
        """Each claimed row in turn while its claim's lease has time enough; the rest go back to the queue."""
        deadline = time.monotonic() + BATCH_SECONDS
        for number, row in enumerate(rows):
            if time.monotonic() > deadline:
                _give_back(rows[number:])
                return
            try:
                work(row)
            except BaseException:
                _give_back(rows[number + 1:])
                raise

    def deliver(self, event: SyncEvent) -> None:
        connection = event.connection
        message = {**json.loads(event.payload), "eventId": f"{connection.uid}-{event.id}"}
        try:
            if event.kind == EventKind.ACK:
                self.peers.acknowledge_sync(connection, message)
            else:
                self.peers.deliver_sync(connection, message)
        except RemoteNodeError as error:
            log.info("Sync event %s waits: %s", event.id, error.message)
            with transaction():
                queue.retry_later(event)
                if event.attempts == REPORTED_ATTEMPTS:
                    self.record_error(connection, error.message, error_type=ErrorType.NETWORK, event=event,
                                      local_issue_key=event.issue_key)
            return
        with transaction():
            queue.done(event)
            if event.kind == EventKind.REPLICA:
                twin = _twin(event)
                if twin is not None and twin.status == TwinStatus.WAITING:
                    twin.status = TwinStatus.IN_PROGRESS

    def run_until_idle(self, max_steps: int = 10_000) -> int:
        """Steps until nothing is due (for tests and tools); how many were taken."""
        steps = 0
        while steps < max_steps and self.work_once():
            steps += 1
        return steps


def _give_back(rows: list) -> None:
    with transaction():
        for row in rows:
            queue.release(row)


def _ready(*, deliverable: bool):
    """The connections whose queued rows may go now: active ones (a deactivated connection keeps
    queueing); to deliver, the other end must also have an address."""
    query = select(Connection.id).where(Connection.status == Status.ACTIVE)
    return query.where(Connection.remote_url.is_not(None)) if deliverable else query


def _twin(event: SyncEvent) -> Twin | None:
    return db.session.scalar(select(Twin).where(Twin.connection_id == event.connection_id,
                                                Twin.local_issue_id == event.issue_id))
