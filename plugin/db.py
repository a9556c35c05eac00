"""The database both rooms of the domain share: the Flask-SQLAlchemy handle, the declarative
base their tables derive from, the time every table stores, and one transaction helper.

Only the domain (``plugin.jira``, ``plugin.exalate``) writes; the doors read through it."""

from __future__ import annotations

import enum
import os
import sqlite3
import threading
import time
import weakref
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


class CommittedRows:
    """Rows of read-only core statements remembered by this process until anything is committed to the
    database, by any connection of any process: every node of a cluster sees a change (General Settings,
    the licence, a password) on its next request, and a request that finds nothing committed since reads
    nothing. On SQLite, "anything committed" is ``PRAGMA data_version`` asked on a connection of the cache's
    own that never writes (a few microseconds, no statement compiled, no pool); other databases read the
    row every time, with core SQL. Any commit clears every remembered row: the hot reads are read-mostly."""

    LIMIT = 4096  # rows remembered at most; then the cache starts again

    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        self._rows: dict = {}
        self._version = None
        self._database = _watched_file(engine)
        self._watch: sqlite3.Connection | None = None  # opened on first use, in the process that uses it
        self._pid = os.getpid()
        # A disposed engine may next open another file at the same path (a restored backup): start afresh.
        event.listen(engine, "engine_disposed", lambda _engine: self._restart())

    def row(self, key, statement):
        """The one row (or None) of ``statement`` (or of the statement it makes, when a function), remembered
        under ``key``."""
        version = self._committed_version()
        if version is None:
            return read_row(statement() if callable(statement) else statement)
        with self._lock:
            if version != self._version:
                self._rows, self._version = {}, version
            if key in self._rows:
                return self._rows[key]
        row = read_row(statement() if callable(statement) else statement)
        with self._lock:
            if version == self._version and len(self._rows) < self.LIMIT:
                self._rows[key] = row
        return row

    def _committed_version(self) -> int | None:
        if self._database is None:
            return None
        with self._lock:
            if self._pid != os.getpid():  # a forked worker: a connection of its own
                self._watch, self._pid = None, os.getpid()
            if self._watch is None:
                self._watch = sqlite3.connect(self._database, check_same_thread=False, isolation_level=None)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def _restart(self) -> None:
        with self._lock:
            if self._watch is not None and self._pid == os.getpid():
                self._watch.close()
            self._watch, self._rows, self._version = None, {}, None


def _watched_file(engine: Engine) -> str | None:
    """The SQLite database file whose commits the cache watches; None for other databases (and SQLite
    in memory, which no other connection shares)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:") or database.startswith("file:"):
        return None
    return database


_committed_rows: weakref.WeakKeyDictionary[Engine, CommittedRows] = weakref.WeakKeyDictionary()
_committed_rows_lock = threading.Lock()


def committed_rows() -> CommittedRows:
    """The committed-row cache of this app's database (created on first use)."""
    engine = db.engine
    cache = _committed_rows.get(engine)
    if cache is None:
        with _committed_rows_lock:
            cache = _committed_rows.setdefault(engine, CommittedRows(engine))
    return cache


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
