"""The sync engine's tables: twins (a local issue linked to a remote one under a connection, with the
replicas last sent and received and the comment/attachment traces), the outgoing queue (sync events), the
incoming queue (sync requests, one per event received, deduplicated on the sender's event id) and sync
errors. Everything lives in the database, so a killed process loses nothing it acknowledged."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ...db import db, enum_column, utcnow
from ...fields import ISSUE_KEY_MAX, URL_MAX
from ..models import Connection


class TwinStatus(str, enum.Enum):
    WAITING = "WAITING"  # queued here, not yet delivered
    IN_PROGRESS = "IN_PROGRESS"  # delivered, the other side has not acknowledged it yet
    SYNCHRONIZED = "SYNCHRONIZED"
    ERROR = "ERROR"


class EventKind(str, enum.Enum):
    REPLICA = "REPLICA"  # a change of the local issue, for its twin
    UNEXALATE = "UNEXALATE"  # the link is gone here (unexalated or the issue deleted): remove it there
    ACK = "ACK"  # an incoming replica was applied here: the new key and traces, for the sender


class QueueState(str, enum.Enum):
    PENDING = "PENDING"
    DONE = "DONE"
    ERROR = "ERROR"  # held by a sync error: it and the twin's later items wait


class TraceKind(str, enum.Enum):
    COMMENT = "COMMENT"
    ATTACHMENT = "ATTACHMENT"


class ErrorStatus(str, enum.Enum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


class Twin(db.Model):
    __tablename__ = "sync_twins"
    __table_args__ = (UniqueConstraint("connection_id", "local_issue_id"),
                      Index("ix_sync_twins_connection_id_remote_issue_id", "connection_id", "remote_issue_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    local_issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    remote_issue_id: Mapped[str | None] = mapped_column(String(64))
    remote_issue_key: Mapped[str | None] = mapped_column(String(ISSUE_KEY_MAX))
    remote_issue_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    status: Mapped[TwinStatus] = mapped_column(enum_column(TwinStatus))
    last_sync: Mapped[datetime | None]
    local_replica: Mapped[str | None] = mapped_column(Text)  # JSON: the last replica sent
    remote_replica: Mapped[str | None] = mapped_column(Text)  # JSON: the last replica received
    created: Mapped[datetime] = mapped_column(default=utcnow)

    connection: Mapped[Connection] = relationship()
    traces: Mapped[list[TwinTrace]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                   order_by="TwinTrace.id")


class TwinTrace(db.Model):
    """Which local comment or attachment matches which remote one; ``copy`` when the local one is the
    copy an incoming sync made (the outgoing replica marks those with their remote id)."""

    __tablename__ = "sync_traces"
    id: Mapped[int] = mapped_column(primary_key=True)
    twin_id: Mapped[int] = mapped_column(ForeignKey("sync_twins.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TraceKind] = mapped_column(enum_column(TraceKind))
    local_id: Mapped[str] = mapped_column(String(64))
    remote_id: Mapped[str] = mapped_column(String(64))
    copy: Mapped[bool] = mapped_column(default=False)


class Queued:
    """What a row of either queue holds: its message (JSON), where it stands, and a worker's claim."""

    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    payload: Mapped[str] = mapped_column(Text)
    state: Mapped[QueueState] = mapped_column(enum_column(QueueState), default=QueueState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    claim: Mapped[str | None] = mapped_column(String(32))
    created: Mapped[datetime] = mapped_column(default=utcnow)

    @declared_attr
    def connection(cls) -> Mapped[Connection]:
        return relationship()


class SyncEvent(Queued, db.Model):
    """Outgoing: delivered per (connection, local issue) in id order."""

    __tablename__ = "sync_events"
    __table_args__ = (Index("ix_sync_events_state_next_attempt", "state", "next_attempt_at"),
                      Index("ix_sync_events_connection_id_issue_id", "connection_id", "issue_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    issue_id: Mapped[int]  # the local issue (it may since have been deleted)
    issue_key: Mapped[str] = mapped_column(String(ISSUE_KEY_MAX))


class SyncRequest(Queued, db.Model):
    """Incoming: one per event received (a repeated delivery finds its row), applied per (connection,
    remote issue) in id order."""

    __tablename__ = "sync_requests"
    __table_args__ = (UniqueConstraint("connection_id", "event_id"),
                      Index("ix_sync_requests_state_next_attempt", "state", "next_attempt_at"),
                      Index("ix_sync_requests_connection_id_remote_issue_id", "connection_id", "remote_issue_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(64))
    remote_issue_id: Mapped[str] = mapped_column(String(64))
    remote_issue_key: Mapped[str] = mapped_column(String(ISSUE_KEY_MAX))


class ErrorImpact(str, enum.Enum):
    ISSUE = "ISSUE"
    CONNECTION = "CONNECTION"
    NODE = "NODE"


class ErrorType(str, enum.Enum):
    SCRIPT = "SCRIPT"
    ISSUE_TRACKER = "ISSUE_TRACKER"
    NETWORK = "NETWORK"
    AUTH = "AUTH"


class SyncError(db.Model):
    __tablename__ = "sync_errors"
    __table_args__ = (Index("ix_sync_errors_status_connection_id", "status", "connection_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ErrorStatus] = mapped_column(enum_column(ErrorStatus), default=ErrorStatus.OPEN)
    impact: Mapped[ErrorImpact] = mapped_column(enum_column(ErrorImpact))
    type: Mapped[ErrorType] = mapped_column(enum_column(ErrorType))
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"))
    twin_id: Mapped[int | None] = mapped_column(ForeignKey("sync_twins.id", ondelete="SET NULL"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("sync_requests.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("sync_events.id", ondelete="SET NULL"))
    local_issue_key: Mapped[str | None] = mapped_column(String(ISSUE_KEY_MAX))
    remote_issue_key: Mapped[str | None] = mapped_column(String(ISSUE_KEY_MAX))
    message: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None]
    details: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    connection: Mapped[Connection] = relationship()
