"""The sending side of a change (DESIGN.md §6.4, step 1). A listener on the host Jira's issue events notes
which issues changed and who changed them; just before the transaction commits, the outgoing rules of each
twin of those issues run, and a sync event is queued when the replica differs from the last one sent. The
changes a connection's incoming sync makes (actor ``connection:NAME``) are never sent back over that
connection. Deleting an issue queues the removal of the link for each of its twins."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from sqlalchemy import bindparam, select
from sqlalchemy import event as orm_event
from sqlalchemy.orm import Session, joinedload, selectinload

from ...db import db
from ...jira import events as ev
from ...jira.models import Attachment, Comment, Issue
from ...script import ScriptError
from ..models import Connection, Status
from ..scripting import IssueSnapshot, Replica, ScriptCatalog, jira_catalog, run_outgoing
from ..scripting.world import ConnectionRef
from .errors import impact_of
from .models import EventKind, SyncEvent, TraceKind, Twin, TwinStatus

# What the outgoing rules read of an issue, loaded with it rather than one lazy query each.
SNAPSHOT_LOADS = (joinedload(Issue.project), joinedload(Issue.issue_type), joinedload(Issue.status),
                  joinedload(Issue.priority), joinedload(Issue.resolution), joinedload(Issue.assignee),
                  joinedload(Issue.reporter), selectinload(Issue.comments).joinedload(Comment.author),
                  selectinload(Issue.attachments).joinedload(Attachment.author))
PENDING_KEY = "sync.changed"  # session.info: {Outgoing: {issue id: set of actor names}}
WAKE_KEY = "sync.wake"  # session.info: the wake-ups to give once the transaction commits
CATALOG_KEY = "sync.catalog"  # session.info: the host's catalog, as the scripts of this session see it
FRESH_KEY = "sync.fresh"  # session.info: ids of issues this transaction created and changed no further


def system_actor(connection) -> str:
    return f"connection:{connection.name}"


def issue_url(base_url: str, key: str) -> str:
    return f"{base_url}/browse/{key}"


def traces(twin: Twin | None, kind: TraceKind, *, copies: bool) -> dict[str, str]:
    """Local id → remote id of a twin's traces of ``kind``: the copies an incoming sync made here, or the
    originals whose copies are there."""
    if twin is None:
        return {}
    return {t.local_id: t.remote_id for t in twin.traces if t.kind == kind and t.copy == copies}


def session_catalog(jira) -> ScriptCatalog:
    """The host's catalog (types, priorities, statuses, users, projects), read once per database session: a
    Bulk Exalate or a worker's batch runs the rules of many issues in one request or step, each in its own
    transaction, and reading the catalog was five queries of each run."""
    info = db.session.info
    if CATALOG_KEY not in info:
        info[CATALOG_KEY] = jira_catalog(jira)
    return info[CATALOG_KEY]


def snapshot(issue, twin: Twin | None) -> IssueSnapshot:
    return IssueSnapshot.of(issue, comment_traces=traces(twin, TraceKind.COMMENT, copies=True),
                            attachment_traces=traces(twin, TraceKind.ATTACHMENT, copies=True))


class Outgoing:
    def __init__(self, jira, base_url: Callable[[], str], wake: Callable[[], None], record_error):
        self.jira = jira
        # The connections whose active triggers select an issue (``Triggers.matching``), once triggers exist.
        self.matching: Callable[[object], list[int]] | None = None
        self.base_url = base_url
        self.wake = wake
        self.record_error = record_error
        jira.events.listen(self.on_issue_event)

    # ------------------------------------------------------------ the listener

    def on_issue_event(self, issue_event: ev.IssueEvent) -> None:
        if issue_event.kind == ev.DELETED:
            self._deleted(issue_event.issue)
            return
        changed = db.session.info.setdefault(PENDING_KEY, {}).setdefault(self, {})
        changed.setdefault(issue_event.issue.id, set()).add(ev.actor_name(issue_event.actor))
        fresh = db.session.info.setdefault(FRESH_KEY, set())
        if issue_event.kind == ev.CREATED:
            fresh.add(issue_event.issue.id)
        else:
            fresh.discard(issue_event.issue.id)

    def changed(self, session: Session, changed: dict) -> None:
        """Just before the transaction that changed these issues commits: queue what their twins send."""
        for issue_id, actors in changed.items():
            twins = session.scalars(_TWINS_OF_ISSUE, {"issue_id": issue_id}).all()
            for twin in twins:
                if actors != {system_actor(twin.connection)}:
                    self.queue_replica(twin)
            if self.matching is not None:
                self._exalate_matches(issue_id, {twin.connection_id for twin in twins})

    def _exalate_matches(self, issue_id: int, linked: set[int]) -> None:
        """An issue that an active trigger of a connection selects, and that is not under sync with it yet, is
        exalated over it (if the connection can sync now)."""
        issue = db.session.get(Issue, issue_id)
        if issue is None:
            return
        for connection_id in self.matching(issue):
            connection = db.session.get(Connection, connection_id)
            if (connection_id not in linked and connection.status == Status.ACTIVE and connection.syncs_issues
                    and connection.sends):
                self.start_sync(connection, issue)

    def start_sync(self, connection, issue, *, remote_issue_key: str | None = None) -> Twin:
        """A new twin of ``issue`` under ``connection``, its first replica queued (to connect it with
        ``remote_issue_key`` when given)."""
        twin = Twin(connection=connection, local_issue_id=issue.id, status=TwinStatus.WAITING,
                    remote_issue_key=remote_issue_key, traces=[])  # new: none to load
        db.session.add(twin)
        db.session.flush()
        self.queue_replica(twin, first_sync=remote_issue_key is None, connect_to=remote_issue_key)
        return twin

    def _deleted(self, issue) -> None:
        for twin in db.session.scalars(_TWINS_OF_ISSUE, {"issue_id": issue.id}).all():
            self.queue_unexalate(twin)  # the twin row goes with the issue (ON DELETE CASCADE)

    # ------------------------------------------------------------ queueing

    def queue_replica(self, twin: Twin, *, first_sync: bool = False, connect_to: str | None = None) -> bool:
        """Run the twin's outgoing rules and queue the replica if it differs from the last sent (or when
        ``first_sync`` / ``connect_to`` start the sync). False when the rules failed (an error is recorded)."""
        connection = twin.connection
        if not connection.sends:  # a Visual configuration disabled this direction
            return True
        issue = _fresh(twin.local_issue_id) or _for_snapshot(twin.local_issue_id) or \
            self.jira.issues.get(twin.local_issue_id)
        try:
            replica = run_outgoing(connection.outgoing_rules, snapshot(issue, twin), session_catalog(self.jira),
                                   connection=ConnectionRef(connection.id, connection.name), first_sync=first_sync,
                                   previous=_replica(twin.local_replica)).replica.to_json()
        except ScriptError as error:
            twin.status = TwinStatus.ERROR
            self.record_error(connection, error, twin=twin, local_issue_key=issue.key, impact=impact_of(error))
            return False
        text = json.dumps(replica, sort_keys=True)
        if text == twin.local_replica and not (first_sync or connect_to):
            return True
        twin.local_replica = text
        twin.status = TwinStatus.WAITING
        self._queue(twin.connection_id, issue.id, issue.key, EventKind.REPLICA, {
            "issueUrl": issue_url(self.base_url(), issue.key), "firstSync": first_sync, "connectTo": connect_to,
            "replica": replica, "attachments": {str(a.id): _sha256(a.content) for a in issue.attachments}})
        return True

    def queue_unexalate(self, twin: Twin) -> None:
        self._queue(twin.connection_id, twin.local_issue_id, _issue_key(twin), EventKind.UNEXALATE, {})

    def queue_ack(self, twin: Twin, issue, remote_issue_id: str, applied) -> None:
        self._queue(twin.connection_id, issue.id, issue.key, EventKind.ACK, {
            "issueUrl": issue_url(self.base_url(), issue.key), "remoteIssueId": remote_issue_id,
            "commentTraces": applied.comment_traces, "attachmentTraces": applied.attachment_traces})

    def queue_error_ack(self, twin: Twin | None, connection_id: int, remote_issue_id: str, message: str) -> None:
        """For an end that fetches its answers: its event failed here (an issue not made here has none)."""
        self._queue(connection_id, twin.local_issue_id if twin else 0, _issue_key(twin) if twin else "",
                    EventKind.ACK, {"error": message, "remoteIssueId": remote_issue_id})

    def _queue(self, connection_id: int, issue_id: int, issue_key: str, kind: EventKind, payload: dict) -> None:
        db.session.add(SyncEvent(connection_id=connection_id, issue_id=issue_id, issue_key=issue_key, kind=kind,
                                 payload=json.dumps({"kind": kind.value, "issueId": str(issue_id),
                                                     "issueKey": issue_key, **payload})))
        wake_after_commit(self.wake)


def wake_after_commit(wake: Callable[[], None]) -> None:
    db.session.info.setdefault(WAKE_KEY, set()).add(wake)


def _before_commit(session: Session) -> None:
    for outgoing, changed in session.info.pop(PENDING_KEY, {}).items():
        outgoing.changed(session, changed)


def _after_commit(session: Session) -> None:
    session.info.pop(FRESH_KEY, None)
    for wake in session.info.pop(WAKE_KEY, ()):
        wake()


def _after_rollback(session: Session) -> None:
    session.info.pop(FRESH_KEY, None)
    session.info.pop(WAKE_KEY, None)
    session.info.pop(PENDING_KEY, None)


orm_event.listen(Session, "before_commit", _before_commit)
orm_event.listen(Session, "after_commit", _after_commit)
orm_event.listen(Session, "after_rollback", _after_rollback)


_TWINS_OF_ISSUE = select(Twin).where(Twin.local_issue_id == bindparam("issue_id"))  # built once


def _fresh(issue_id: int) -> Issue | None:
    """An issue this transaction created and changed no further, as the session holds it: it was built
    whole here (no comments or attachments yet), so there is nothing to read back."""
    return db.session.get(Issue, issue_id) if issue_id in db.session.info.get(FRESH_KEY, ()) else None


def _for_snapshot(issue_id: int) -> Issue | None:
    """The issue with what its snapshot reads, in three queries rather than one per relation. Read again
    even when the session holds it: what the transaction changed is flushed first."""
    return db.session.get(Issue, issue_id, options=SNAPSHOT_LOADS, populate_existing=True)


def _issue_key(twin: Twin) -> str:
    issue = db.session.get(Issue, twin.local_issue_id)
    return issue.key if issue is not None else ""


def _replica(text: str | None) -> Replica | None:
    return Replica.from_json(json.loads(text)) if text else None


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
