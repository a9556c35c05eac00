"""The Exalate app's tables: the instance's settings and licence, connection ends and their triggers,
spent node tokens and the compatibility check's cache. A connection owns its status transitions."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, and_
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db, enum_column, utcnow
from ..errors import Conflict
from ..fields import NAME_MAX, SECRET_MAX, URL_MAX, name_key

ISSUE_ENTITY = "issue"  # what a trigger selects: the only entity type a Jira node syncs here
# The end of the message of a connection whose other end is gone (the product's words).
REMOVED_REMOTELY = "not found. Seems like it was removed on the Destination side."


class Mode(str, enum.Enum):
    BASIC = "BASIC"
    VISUAL = "VISUAL"
    SCRIPT = "SCRIPT"


class ConnectionType(str, enum.Enum):
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    LOCAL = "LOCAL"


class Role(str, enum.Enum):
    INITIATOR = "INITIATOR"
    ACCEPTOR = "ACCEPTOR"


class Status(str, enum.Enum):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    DEACTIVATED = "DEACTIVATED"
    ERROR = "ERROR"


class LicenseType(str, enum.Enum):
    EVALUATION = "EVALUATION"
    PAID = "PAID"
    FREE = "FREE"
    NONE = "NONE"


class Instance(db.Model):
    """One row: this Jira instance's secrets and Exalate General Settings."""

    __tablename__ = "instance"
    id: Mapped[int] = mapped_column(primary_key=True)
    secret_key: Mapped[str] = mapped_column(String(SECRET_MAX))
    exalate_url: Mapped[str] = mapped_column(String(URL_MAX), default="")
    public: Mapped[bool] = mapped_column(default=True)
    # Off (a staging copy): no sync event is delivered and no sync request applied; both keep queueing.
    sync_workers: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    license_type: Mapped[LicenseType] = mapped_column(enum_column(LicenseType))
    license_expires_at: Mapped[datetime | None]


class Connection(db.Model):
    """One end of an Exalate connection, as this instance stores it."""

    __tablename__ = "connections"
    # SQLite keeps rows in the primary key's b-tree at their full width (the sync rules make
    # ~2 KB). This narrow copy of the ids lets count(*) and the OFFSET of a page step over
    # entries of a few bytes instead of whole rows (bench/RESULTS.md: 100,000 connections).
    id: Mapped[int] = mapped_column(primary_key=True, index=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # Names are unique per instance regardless of case.
    name_key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[Status] = mapped_column(enum_column(Status))
    mode: Mapped[Mode] = mapped_column(enum_column(Mode))
    type: Mapped[ConnectionType] = mapped_column(enum_column(ConnectionType))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    local_short_name: Mapped[str] = mapped_column(String(64))
    remote_short_name: Mapped[str] = mapped_column(String(64))
    project_key: Mapped[str] = mapped_column(String(16))
    remote_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    remote_uid: Mapped[str | None] = mapped_column(String(32))
    shared_secret: Mapped[str] = mapped_column(String(SECRET_MAX))
    # The invitation's identity: unique, so one code makes at most one end per instance.
    invitation_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    # The Initiate wizard's id for one run: a repeated submit of that run finds this end.
    request_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    invitation_code: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    outgoing_rules: Mapped[str] = mapped_column(Text)
    incoming_rules: Mapped[str] = mapped_column(Text)
    # Off when a Visual configuration disables the direction from this end: no change is sent over it.
    sends: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def has_partner(self) -> bool:
        """Whether another node holds the other end (a local connection is its own partner)."""
        return self.type != ConnectionType.LOCAL and self.status != Status.PENDING and bool(self.remote_uid)

    @property
    def syncs_issues(self) -> bool:
        """Whether issues can sync over this end (not yet within one instance: a local connection)."""
        return self.type in (ConnectionType.PUBLIC, ConnectionType.PRIVATE)

    @hybrid_property
    def is_pulled(self) -> bool:
        """The public end of a private connection: its partner cannot be called, it fetches what waits for it
        here (the private end is the one that accepted the invitation: it could call the initiator)."""
        return self.type == ConnectionType.PRIVATE and self.role == Role.INITIATOR

    @is_pulled.inplace.expression
    @classmethod
    def _is_pulled_expression(cls):
        return and_(cls.type == ConnectionType.PRIVATE, cls.role == Role.INITIATOR)

    @hybrid_property
    def pulls(self) -> bool:
        """The private end of a private connection: it fetches what waits for it on the public end."""
        return self.type == ConnectionType.PRIVATE and self.role == Role.ACCEPTOR

    @pulls.inplace.expression
    @classmethod
    def _pulls_expression(cls):
        return and_(cls.type == ConnectionType.PRIVATE, cls.role == Role.ACCEPTOR)

    def rename(self, name: str) -> None:
        self.name = name.strip()
        self.name_key = name_key(name)

    def activate(self) -> None:
        if self.status == Status.ERROR:
            raise Conflict(self.error_message or f"Connection {self.name} is in error.")
        self._move(Status.ACTIVE, "activated", allowed_from={Status.DEACTIVATED, Status.ACTIVE})

    def deactivate(self) -> None:
        self._move(Status.DEACTIVATED, "deactivated", allowed_from={Status.ACTIVE, Status.DEACTIVATED})

    def mark_removed_remotely(self) -> None:
        """The other end is gone: this end can carry nothing until an administrator acts."""
        self.status = Status.ERROR
        self.error_message = f"Connection `{self.name}` {REMOVED_REMOTELY}"

    def hold(self, message: str) -> None:
        """An error about the whole connection (its rules do not parse, the other end refuses us): it carries
        nothing until the error is retried or resolved. A deactivated connection stays deactivated."""
        if self.status in (Status.ACTIVE, Status.ERROR):
            self.status = Status.ERROR
            self.error_message = message

    def release(self) -> None:
        """The error that held the connection was retried or resolved: it is active again."""
        if self.status == Status.ERROR:
            self.status = Status.ACTIVE
            self.error_message = None

    def partner_found(self) -> None:
        """The other end answered: an end in ERROR for its absence (not for a sync error) is active again."""
        if (self.error_message or "").endswith(REMOVED_REMOTELY):
            self.release()

    def _move(self, status: Status, verb: str, *, allowed_from: set[Status]) -> None:
        if self.status not in allowed_from:
            raise Conflict(f"Connection {self.name} is {self.status.value.capitalize()}: it cannot be {verb}.")
        self.status = status


class Trigger(db.Model):
    """*If* the JQL query matches an issue, *then sync* it with the connection. A connection's
    triggers go with it."""

    __tablename__ = "triggers"
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"), index=True)
    entity_type: Mapped[str] = mapped_column(String(16), default=ISSUE_ENTITY)
    # Not "query": Flask-SQLAlchemy's models have a ``query`` attribute of their own.
    jql: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Made by publishing a Visual configuration (an Automatic direction): publishing again replaces it.
    visual: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    connection: Mapped[Connection] = relationship(lazy="joined")


class VisualConfiguration(db.Model):
    """A Visual connection's configuration (``plugin.exalate.visual``), as JSON; on the destination, the
    initiator's mirrored, with the initiator it is ``configured_from``."""

    __tablename__ = "visual_configs"
    connection_id: Mapped[int] = mapped_column(ForeignKey("connections.id", ondelete="CASCADE"), primary_key=True)
    config: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    configured_from: Mapped[str | None] = mapped_column(String(URL_MAX))


class NodeTokenUse(db.Model):
    """Node-to-node tokens already accepted, kept until they expire, so none is accepted twice."""

    __tablename__ = "node_token_uses"
    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class DestinationInfo(db.Model):
    """Recent answers of destinations' node-info resource, so a wizard that checks again does
    not ask again. In the database, not in a process, so every node of a cluster agrees."""

    __tablename__ = "destination_info"
    url: Mapped[str] = mapped_column(String(URL_MAX), primary_key=True)
    info: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime]
