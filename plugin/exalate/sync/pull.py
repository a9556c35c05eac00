"""Private connections (DESIGN.md §6.4, step 2): the private end cannot be called ("private-public connection
works by polling data from the public side"), so its worker fetches what waits for it. The public end hands
over the connection's pending events, oldest first, and counts them delivered only once the private end says
it stored them (as sync requests, deduplicated on the event id: an answer lost on the way loses nothing and
doubles nothing). The private end pushes its own events as over a public connection, with the content of the
attachments they announce, since the public end cannot fetch them."""

from __future__ import annotations

import base64
import json
import logging
import re
import time

from sqlalchemy import bindparam, select

from ...db import db, transaction
from ...errors import Conflict, NotFound, RemoteNodeError, ValidationFailed
from ..models import Connection, Status
from . import queue
from .incoming import Incoming
from .models import EventKind, QueueState, SyncEvent, Twin, TwinStatus

log = logging.getLogger(__name__)
BATCH = 100  # events fetched at once (and the most the public end hands over)
# An answer stays well under the size a node reads from another (OUTBOUND_MAX_BYTES' default, 1 MB); one event
# goes alone whatever its size, as a push of it would.
HAND_OVER_BYTES = 500_000
# While the worker has other work, it still fetches at least this often (when idle, at every poll).
PULL_EVERY_SECONDS = 1.0


def message(event: SyncEvent) -> dict:
    """What travels for ``event``: its payload and an id unique across the connection's two ends."""
    return {**json.loads(event.payload), "eventId": f"{event.connection.uid}-{event.id}"}


def delivered(event: SyncEvent) -> None:
    """The other end took ``event`` (in the caller's transaction): it leaves the queue."""
    queue.done(event)
    if event.kind == EventKind.REPLICA:
        twin = db.session.scalar(_TWIN_OF_LOCAL, {"connection_id": event.connection_id,
                                                  "issue_id": event.issue_id})
        if twin is not None and twin.status == TwinStatus.WAITING:
            twin.status = TwinStatus.IN_PROGRESS


# Built once: every event delivered looks its twin up.
_TWIN_OF_LOCAL = select(Twin).where(Twin.connection_id == bindparam("connection_id"),
                                    Twin.local_issue_id == bindparam("issue_id"))


# ------------------------------------------------------------------ the public end


def hand_over(connection: Connection, limit: int) -> list[dict]:
    """The events waiting for the private end of ``connection``, oldest first (none while it is not
    active here: a deactivated connection keeps queueing)."""
    _require_pulled(connection)
    if connection.status != Status.ACTIVE:
        return []
    answer, size = [], 0
    for event in queue.handed_over(connection.id, limit):
        size += len(event.payload)
        if answer and size > HAND_OVER_BYTES:
            break
        answer.append(message(event))
    return answer


def taken(connection: Connection, event_ids: list) -> int:
    """The private end stored these events: they are delivered. How many were still pending."""
    _require_pulled(connection)
    pattern = re.compile(re.escape(connection.uid) + r"-([0-9]{1,18})")
    numbers = {int(found[1]) for found in (pattern.fullmatch(e) for e in event_ids if isinstance(e, str)) if found}
    with transaction():
        events = db.session.scalars(select(SyncEvent).where(SyncEvent.connection_id == connection.id,
                                                            SyncEvent.id.in_(numbers),
                                                            SyncEvent.state == QueueState.PENDING)).all()
        for event in events:
            delivered(event)
    return len(events)


def _require_pulled(connection: Connection) -> None:
    if not connection.is_pulled:
        raise Conflict(f"Connection {connection.name} delivers its events itself: they are not fetched.")


# ------------------------------------------------------------------ the private end


class Pulls:
    def __init__(self, jira, peers, incoming: Incoming):
        self.jira = jira
        self.peers = peers
        self.incoming = incoming
        self.last_pull = 0.0
        self.retry_at: dict[int, float] = {}  # connection id → when a public end that failed is asked again
        self.failures: dict[int, int] = {}

    def overdue(self) -> bool:
        return time.monotonic() - self.last_pull >= PULL_EVERY_SECONDS

    def pull(self) -> bool:
        """Fetch and store what waits on the public end of each active private connection here; True when
        something came."""
        self.last_pull = now = time.monotonic()
        connections = db.session.scalars(select(Connection).where(
            Connection.status == Status.ACTIVE, Connection.pulls, Connection.remote_url.is_not(None))).all()
        fetched = False
        for connection in connections:
            if self.retry_at.get(connection.id, 0.0) > now:
                continue
            try:
                fetched = self._pull(connection) or fetched
                self.failures.pop(connection.id, None)
            except RemoteNodeError as error:
                failures = self.failures[connection.id] = self.failures.get(connection.id, 0) + 1
                self.retry_at[connection.id] = now + queue.BACKOFF_SECONDS[
                    min(failures, len(queue.BACKOFF_SECONDS)) - 1]
                log.info("Connection %s could not fetch its events: %s", connection.name, error.message)
        return fetched

    def _pull(self, connection: Connection) -> bool:
        stored = []
        for item in self.peers.pending_sync(connection, BATCH):
            try:
                if item.get("kind") == EventKind.ACK.value:
                    self.incoming.acknowledged(connection, item)
                else:
                    self.incoming.receive(connection, None, item)
            except ValidationFailed as error:
                log.warning("Connection %s fetched an event it cannot store: %s", connection.name, error.message)
                continue
            stored.append(item["eventId"])
        if stored:
            self.peers.took_sync(connection, stored)
        return bool(stored)

    def outgoing_message(self, event: SyncEvent) -> dict:
        """``message(event)``, from the private end with the content of the attachments it announces."""
        sent = message(event)
        if event.connection.pulls and isinstance(sent.get("attachments"), dict):
            sent["attachmentContents"] = {attachment_id: content for attachment_id in sent["attachments"]
                                          if (content := self._content(attachment_id)) is not None}
        return sent

    def _content(self, attachment_id: str) -> str | None:
        try:
            return base64.b64encode(self.jira.attachments.get(attachment_id).content).decode()
        except NotFound:
            return None  # deleted since: the other end reports it missing
