"""The receiving side (DESIGN.md §6.4, step 2): a sync event from the other end is stored as a sync request
(once, whatever how often it is delivered) and applied later by a worker: the incoming rules run on the
replica (a first sync creates the issue in the project they name), the change set is written in one
transaction as the connection's system actor, and an acknowledgement (the key made here, the comment and
attachment traces) is queued back. Attachments are fetched from the sender and checked against the SHA-256
the event carries."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from ...db import db, transaction, utcnow
from ...errors import Conflict, DomainError, NotFound, RemoteNodeError, ValidationFailed
from ...fields import ISSUE_KEY_MAX, URL_MAX
from ...script import ScriptError
from ..models import Connection
from ..scripting import Replica, apply_change_set, run_incoming
from ..scripting.world import ConnectionRef
from . import queue
from .errors import impact_of
from .models import ErrorImpact, ErrorType, EventKind, SyncRequest, TraceKind, Twin, TwinStatus, TwinTrace
from .outgoing import Outgoing, session_catalog, snapshot, system_actor, wake_after_commit

log = logging.getLogger(__name__)
ID_MAX = 64


class AttachmentRefused(Exception):
    """The sender's attachment did not match the hash its event announced."""


class Incoming:
    def __init__(self, jira, peers, outgoing: Outgoing, wake, record_error, attachment_max_bytes: int):
        self.jira = jira
        self.attachment_max_bytes = attachment_max_bytes
        self.peers = peers
        self.outgoing = outgoing
        self.wake = wake
        self.record_error = record_error

    def receive(self, connection: Connection, spend_token: Callable[[], None] | None, message: dict) -> None:
        """Store a sync event from the other end of ``connection``, once; ``spend_token`` (None when the
        event was fetched, not sent) spends the request's token in the same transaction."""
        kind, event_id = message.get("kind"), message.get("eventId")
        issue_id, issue_key = message.get("issueId"), message.get("issueKey")
        if kind not in (EventKind.REPLICA.value, EventKind.UNEXALATE.value) or not all(
                isinstance(v, str) and 0 < len(v) <= limit
                for v, limit in ((event_id, ID_MAX), (issue_id, ID_MAX), (issue_key, ISSUE_KEY_MAX))):
            raise ValidationFailed("This is not a sync event.")
        if kind == EventKind.REPLICA.value:
            try:
                Replica.from_json(message.get("replica"))
            except ValueError:
                raise ValidationFailed.field("replica", "A replica event carries a replica.") from None
        try:
            with transaction():
                if spend_token is not None:
                    spend_token()
                db.session.add(SyncRequest(connection_id=connection.id, event_id=event_id, remote_issue_id=issue_id,
                                           remote_issue_key=issue_key, kind=EventKind(kind),
                                           payload=json.dumps(message)))
                wake_after_commit(self.wake)
        except IntegrityError:
            log.info("Sync event %s of connection %s arrived again", event_id, connection.name)
            if spend_token is not None:
                spend_token()  # rolled back with the event stored twice: a token is accepted once all the same

    def acknowledged(self, connection: Connection, message: dict) -> None:
        """The other end applied one of our events: our twin learns its key and traces."""
        twin = db.session.scalar(select(Twin).where(Twin.connection_id == connection.id,
                                                    Twin.local_issue_id == _int(message.get("remoteIssueId"))))
        if twin is None:
            return  # unexalated here meanwhile
        if isinstance(message.get("error"), str):
            with transaction():
                twin.status = TwinStatus.ERROR
            return
        with transaction():
            twin.remote_issue_id = str(message.get("issueId"))[:ID_MAX]
            twin.remote_issue_key = str(message.get("issueKey"))[:ISSUE_KEY_MAX]
            twin.remote_issue_url = str(message.get("issueUrl"))[:URL_MAX]
            twin.status = TwinStatus.SYNCHRONIZED
            twin.last_sync = utcnow()
            _add_traces(twin, TraceKind.COMMENT, message.get("commentTraces"), copies=False)
            _add_traces(twin, TraceKind.ATTACHMENT, message.get("attachmentTraces"), copies=False)

    # ------------------------------------------------------------ the worker's step

    def apply(self, request: SyncRequest) -> None:
        """Apply one claimed request; whatever happens, it is released (done, held by an error, or later)."""
        connection = request.connection
        message = json.loads(request.payload)
        twin = db.session.scalar(_TWIN_OF_REMOTE, {"connection_id": connection.id,
                                                   "remote_issue_id": request.remote_issue_id})
        if request.kind == EventKind.UNEXALATE:
            with transaction():
                if twin is not None:
                    db.session.delete(twin)
                queue.done(request)
            return
        try:
            issue = self._local_issue(connection, twin, message)
        except DomainError as error:
            return self._fail(request, twin, connection, ErrorType.ISSUE_TRACKER, error.message or str(error),
                              local_issue_key=str(message.get("connectTo") or "")[:ISSUE_KEY_MAX] or None)
        if issue is False:
            with transaction():
                queue.done(request)  # no longer under sync here
            return
        try:
            self._run_and_apply(connection, request, twin, issue, message)
        except ScriptError as error:
            self._fail(request, twin, connection, ErrorType.SCRIPT, error.message, line=error.line,
                       impact=impact_of(error))
        except RemoteNodeError as error:
            log.info("Sync request %s waits: %s", request.id, error.message)
            with transaction():
                queue.retry_later(request)
        except (AttachmentRefused, DomainError) as error:
            self._fail(request, twin, connection, ErrorType.ISSUE_TRACKER, getattr(error, "message", str(error)))

    def _local_issue(self, connection: Connection, twin: Twin | None, message: dict):
        """The local issue the request changes, None to create one (first sync), False when the issue is no
        longer under sync here."""
        if twin is not None:
            return self.jira.issues.get(twin.local_issue_id)
        if message.get("connectTo"):
            try:
                issue = self.jira.issues.get(str(message["connectTo"]))
            except NotFound:
                raise NotFound(f"Issue {message['connectTo']} does not exist.") from None
            if db.session.scalar(select(Twin.id).where(Twin.connection_id == connection.id,
                                                       Twin.local_issue_id == issue.id)):
                raise Conflict(f"Issue {issue.key} is already under sync with connection {connection.name}.")
            return issue
        return None if message.get("firstSync") else False

    def _run_and_apply(self, connection, request, twin, issue, message) -> None:
        replica = Replica.from_json(message["replica"])
        previous = Replica.from_json(json.loads(twin.remote_replica)) if twin and twin.remote_replica else None
        ran = run_incoming(connection.incoming_rules, replica, session_catalog(self.jira),
                           issue=snapshot(issue, twin) if issue is not None else None, previous=previous,
                           connection=ConnectionRef(connection.id, connection.name),
                           local_issue_from_remote_id=lambda remote_id: self._local_twin_issue(connection, remote_id))
        contents = {change.remote_id: self._attachment(connection, change.remote_id, message)
                    for change in ran.changes.attachments.add if change.remote_id is not None}
        with transaction():
            applied = apply_change_set(self.jira, ran.changes, actor=system_actor(connection), issue=issue,
                                       attachment_content=contents.get)
            if twin is None:
                twin = Twin(connection_id=connection.id, local_issue_id=applied.issue.id,
                            remote_issue_id=request.remote_issue_id)
                db.session.add(twin)
            twin.remote_issue_key = request.remote_issue_key
            twin.remote_issue_url = str(message.get("issueUrl") or "")[:URL_MAX] or None
            twin.remote_replica = json.dumps(message["replica"], sort_keys=True)
            twin.status = TwinStatus.SYNCHRONIZED
            twin.last_sync = utcnow()
            _add_traces(twin, TraceKind.COMMENT, applied.comment_traces, copies=True, flip=True)
            _add_traces(twin, TraceKind.ATTACHMENT, applied.attachment_traces, copies=True, flip=True)
            db.session.flush()
            self.outgoing.queue_ack(twin, applied.issue, request.remote_issue_id, applied)
            queue.done(request)

    def _attachment(self, connection: Connection, remote_id: str, message: dict) -> bytes:
        expected = (message.get("attachments") or {}).get(remote_id)
        inline = message.get("attachmentContents")  # from the private end of a private connection
        encoded = inline.get(remote_id) if isinstance(inline, dict) else None
        if not isinstance(encoded, str):
            encoded = self.peers.fetch_attachment(connection, remote_id, self.attachment_max_bytes)["content"]
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise AttachmentRefused(f"The attachment {remote_id} arrived damaged.") from None
        if not isinstance(expected, str) or hashlib.sha256(content).hexdigest() != expected:
            raise AttachmentRefused(f"The attachment {remote_id} does not match its SHA-256 hash.")
        return content

    def _local_twin_issue(self, connection: Connection, remote_id: str):
        twin = db.session.scalar(_TWIN_OF_REMOTE, {"connection_id": connection.id, "remote_issue_id": remote_id})
        return {"id": str(twin.local_issue_id)} if twin is not None else None

    def _fail(self, request, twin, connection, error_type: ErrorType, message: str, line: int | None = None,
              local_issue_key: str | None = None, impact: ErrorImpact = ErrorImpact.ISSUE) -> None:
        with transaction():
            if twin is not None:
                twin.status = TwinStatus.ERROR
            queue.held(request)
            self.record_error(connection, message, error_type=error_type, twin=twin, request=request, line=line,
                              local_issue_key=local_issue_key, remote_issue_key=request.remote_issue_key,
                              impact=impact)
            if connection.is_pulled:  # the private end cannot be called: it fetches the answer with its events
                self.outgoing.queue_error_ack(twin, connection.id, request.remote_issue_id, message)
        if connection.is_pulled:
            return
        try:  # the sender's twin shows the error too; the error listed here is what counts
            self.peers.acknowledge_sync(connection, {"kind": EventKind.ACK.value, "error": message,
                                                     "remoteIssueId": request.remote_issue_id})
        except RemoteNodeError as error:
            log.info("The sender of sync request %s was not told of its error: %s", request.id, error.message)


# Built once: every request applied looks its twin up.
_TWIN_OF_REMOTE = select(Twin).where(Twin.connection_id == bindparam("connection_id"),
                                     Twin.remote_issue_id == bindparam("remote_issue_id"))


def _add_traces(twin: Twin, kind: TraceKind, pairs, *, copies: bool, flip: bool = False) -> None:
    """Record ``pairs``: ours → theirs, or (``flip``) theirs → ours as ``apply_change_set`` gives them."""
    for key, value in (pairs or {}).items() if isinstance(pairs, dict) else ():
        local_id, remote_id = (value, key) if flip else (key, value)
        twin.traces.append(TwinTrace(kind=kind, local_id=str(local_id)[:ID_MAX], remote_id=str(remote_id)[:ID_MAX],
                                     copy=copies))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
