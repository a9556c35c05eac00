"""The worker's steps (DESIGN.md §6.4, steps 2–4): deliver the next due sync event to the other end, or
apply the next due sync request here. A node that cannot be reached is tried again with backoff; nothing
leaves the queue before the other end took it."""

from __future__ import annotations

import logging
import time
from functools import cache

from sqlalchemy import select

from ...db import db, transaction
from ...errors import RemoteNodeError, RemoteNodeRefused
from ..models import Connection, Instance, Status
from . import queue
from .errors import impact_of
from .incoming import Incoming
from .models import ErrorType, EventKind, SyncEvent, SyncRequest
from .pull import Pulls, delivered

log = logging.getLogger(__name__)
# A node that has not taken an event after this many attempts is an error worth showing (it is still retried).
REPORTED_ATTEMPTS = 5
# Rows one step claims at once: one claiming transaction for several deliveries when much is queued (a Bulk
# Exalate). A step stops taking its rows well within their lease, so that no other worker takes one meanwhile.
BATCH = 10
BATCH_SECONDS = queue.LEASE.total_seconds() / 2


class Delivery:
    def __init__(self, peers, incoming: Incoming, record_error, pulls: Pulls):
        self.peers = peers
        self.incoming = incoming
        self.record_error = record_error
        self.pulls = pulls

    def work_once(self) -> bool:
        """One step: a batch of events delivered or of requests applied (or put back for later), or what
        waits on the public end of a private connection fetched. False when nothing was due, or when General
        Settings switched the sync workers off (read at each step, so that every process of a cluster obeys at
        once)."""
        if not db.session.scalar(select(Instance.sync_workers).limit(1)):
            return False
        if self.pulls.overdue() and self.pulls.pull():
            return True
        events = queue.claim(SyncEvent, _ready(deliverable=True), BATCH)
        if events:
            self._in_turn(events, self.deliver)
            return True
        requests = queue.claim(SyncRequest, _ready(deliverable=False), BATCH)
        if requests:
            self._in_turn(requests, self.incoming.apply)
            return True
        return self.pulls.pull()

    @staticmethod
    def _in_turn(rows: list, work) -> None:
        """Each claimed row in turn while its claim's lease has time enough; the rest go back to the queue.
        A connection that stalls in the batch (held by an error, or its other end did not take an event:
        ``work`` answers False) keeps its remaining rows back for a later step, so that one error is
        recorded once and a slow node is not called again at once."""
        deadline = time.monotonic() + BATCH_SECONDS
        stalled: set[int] = set()
        for number, row in enumerate(rows):
            if time.monotonic() > deadline:
                _give_back(rows[number:])
                return
            if row.connection_id in stalled or row.connection.status != Status.ACTIVE:
                stalled.add(row.connection_id)
                _give_back([row])
                continue
            try:
                if work(row) is False:
                    stalled.add(row.connection_id)
            except BaseException:
                _give_back(rows[number + 1:])
                raise

    def deliver(self, event: SyncEvent) -> bool:
        """Send one event to the other end; False when it did not take it (the event waits)."""
        connection = event.connection
        message = self.pulls.outgoing_message(event)
        try:
            if event.kind == EventKind.ACK:
                self.peers.acknowledge_sync(connection, message)
            else:
                self.peers.deliver_sync(connection, message)
        except RemoteNodeRefused as error:  # not worth retrying: the connection waits for an administrator
            with transaction():
                queue.held(event)
                self.record_error(connection, error.message, error_type=ErrorType.AUTH, event=event,
                                  local_issue_key=event.issue_key, impact=impact_of(error))
            return False
        except RemoteNodeError as error:
            log.info("Sync event %s waits: %s", event.id, error.message)
            with transaction():
                queue.retry_later(event)
                if event.attempts == REPORTED_ATTEMPTS:
                    self.record_error(connection, error.message, error_type=ErrorType.NETWORK, event=event,
                                      local_issue_key=event.issue_key)
            return False
        with transaction():
            delivered(event)
        log.debug("Sync event %s delivered", message["eventId"])
        return True

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


@cache
def _ready(*, deliverable: bool):
    """The connections whose queued rows may go now: active ones (a deactivated connection keeps
    queueing); to deliver, the other end must also have an address and be one this end calls (the private
    end of a private connection fetches its events instead). Built once: the claim keeps the statements
    made from it."""
    query = select(Connection.id).where(Connection.status == Status.ACTIVE)
    return query.where(Connection.remote_url.is_not(None), ~Connection.is_pulled) if deliverable else query
