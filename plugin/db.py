"""The database both rooms of the domain share: the Flask-SQLAlchemy handle, the declarative
base their tables derive from, the time every table stores, and one transaction helper.

Only the domain (``plugin.jira``, ``plugin.exalate``) writes; the doors read through it."""

from __future__ import annotations

import enum
import time
from contextlib import contextmanager
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Enum, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    """Naive UTC, second precision: what every database stores alike."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def enum_column(cls: type[enum.Enum]) -> Enum:
    """An enum stored as its name in a short text column, the same on SQLite and PostgreSQL."""
    return Enum(cls, native_enum=False, length=16, validate_strings=True)


@contextmanager
def transaction():
    """Commit what the block did, or roll all of it back. A transaction opened inside another joins it:
    operations composed into one (a sync applying a change set) commit or roll back together."""
    info = db.session.info
    if info.get("in_transaction"):
        yield
        return
    info["in_transaction"] = True
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        info.pop("in_transaction", None)


def read_row(statement):
    """The one row (or None) of a read-only core statement, on a pooled connection of its own: no
    ORM session, no identity map, for the hot reads that need neither (``GET /info``). It sees what
    is committed, by this process or any other node of the cluster."""
    with db.engine.connect() as connection:
        return connection.execute(statement).one_or_none()


# SQLite's planner statistics: ANALYZE reads this many rows of each index (about 2 ms at 100,000 issues;
# estimates, which is all the planner needs), at start and then at most once an hour per process, as the
# SQLite documentation advises for long-lived connections. PostgreSQL gathers its own (autovacuum).
ANALYSIS_ROWS = 1000
ANALYSIS_INTERVAL = 3600.0  # seconds
_last_analysis: dict[str, float] = {}


def refresh_statistics(engine: Engine, *, interval: float = 0.0) -> None:
    """Tell SQLite's query planner how the tables' values spread, unless this process did it less than
    ``interval`` seconds ago. Without them it takes every index for equally selective: "labels = x" in a
    large project would then be counted through the project's issues rather than the label's few."""
    if engine.dialect.name != "sqlite":
        return
    now = time.monotonic()
    if now - _last_analysis.get(str(engine.url), -interval) < interval:
        return
    _last_analysis[str(engine.url)] = now
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
        connection.exec_driver_sql("ANALYZE")


SQLITE_MINIMUM = (3, 35)  # INSERT … ON CONFLICT … RETURNING (the login throttle's atomic claim)


def check_database_version(engine: Engine) -> None:
    """Refuse to start, saying why, on an SQLite too old for the statements the domain uses."""
    if engine.dialect.name == "sqlite" and engine.dialect.dbapi.sqlite_version_info < SQLITE_MINIMUM:
        raise RuntimeError(f"SQLite {'.'.join(map(str, SQLITE_MINIMUM))} or later is needed; this Python has "
                           f"{engine.dialect.dbapi.sqlite_version}. Use a newer Python or --database postgresql://…")


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
