"""Database tables (Flask-SQLAlchemy). Only the backend writes to them."""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Enum, String, Text, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SHORT_TEXT = 255


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    """Naive UTC, second precision: what every backend stores alike."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


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


def _enum(cls):
    return Enum(cls, native_enum=False, length=16, validate_strings=True)


class Instance(db.Model):
    """One row: this Jira instance's secrets and Exalate General Settings."""

    __tablename__ = "instance"
    id: Mapped[int] = mapped_column(primary_key=True)
    secret_key: Mapped[str] = mapped_column(String(128))
    exalate_url: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    public: Mapped[bool] = mapped_column(default=True)
    license_type: Mapped[LicenseType] = mapped_column(_enum(LicenseType))
    license_expires_at: Mapped[datetime | None]


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(SHORT_TEXT), unique=True)
    display_name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    email: Mapped[str] = mapped_column(String(SHORT_TEXT))
    password_hash: Mapped[str] = mapped_column(String(SHORT_TEXT))
    is_admin: Mapped[bool] = mapped_column(default=False)


class Project(db.Model):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    lead: Mapped[str] = mapped_column(String(SHORT_TEXT))
    description: Mapped[str] = mapped_column(Text, default="")


class Connection(db.Model):
    """One end of an Exalate connection, as this instance stores it."""

    __tablename__ = "connections"
    # SQLite keeps rows in the primary key's b-tree at their full width (the sync rules make
    # ~2 KB). This narrow copy of the ids lets count(*) and the OFFSET of a page step over
    # entries of a few bytes instead of whole rows (bench/RESULTS.md: 100,000 connections).
    id: Mapped[int] = mapped_column(primary_key=True, index=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    # Names are unique per instance regardless of case.
    name_key: Mapped[str] = mapped_column(String(SHORT_TEXT), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[Status] = mapped_column(_enum(Status))
    mode: Mapped[Mode] = mapped_column(_enum(Mode))
    type: Mapped[ConnectionType] = mapped_column(_enum(ConnectionType))
    role: Mapped[Role] = mapped_column(_enum(Role))
    local_short_name: Mapped[str] = mapped_column(String(64))
    remote_short_name: Mapped[str] = mapped_column(String(64))
    project_key: Mapped[str] = mapped_column(String(16))
    remote_url: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    remote_uid: Mapped[str | None] = mapped_column(String(32))
    shared_secret: Mapped[str] = mapped_column(String(128))
    # The invitation's identity: unique, so one code makes at most one end per instance.
    invitation_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    invitation_code: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    outgoing_rules: Mapped[str] = mapped_column(Text)
    incoming_rules: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """Foreign keys on, WAL journal: a killed process leaves a consistent database. In WAL mode,
    synchronous=NORMAL keeps that (only a power cut may undo the last commits) and spares the
    fsync of every commit, which cost more than the rest of a handshake (bench/RESULTS.md)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


class NodeTokenUse(db.Model):
    """Node-to-node tokens already accepted, kept until they expire, so none is accepted twice."""

    __tablename__ = "node_token_uses"
    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginFailure(db.Model):
    """Failed logins per user name, for throttling; shared by every node of a cluster."""

    __tablename__ = "login_failures"
    username: Mapped[str] = mapped_column(String(SHORT_TEXT), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    first_failed_at: Mapped[datetime]


class DestinationInfo(db.Model):
    """Recent answers of destinations' node-info resource, so a wizard that checks again does
    not ask again. In the database, not in a process, so every node of a cluster agrees."""

    __tablename__ = "destination_info"
    url: Mapped[str] = mapped_column(String(SHORT_TEXT), primary_key=True)
    info: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime]
