"""The database connection every instance opens: SQLite with foreign keys on and in WAL mode
(what tests/live/test_durability.py relies on)."""

from __future__ import annotations

import time

import pytest
from factories import instance_config
from sqlalchemy import create_engine, event, text

from plugin import create_app
from plugin.db import ANALYSIS_INTERVAL, check_database_version, db, refresh_statistics


def test_foreign_keys_and_wal_are_on(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite pragmas")
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            connection.close()


def test_an_sqlite_too_old_for_the_domain_is_refused_with_a_reason(tmp_path, monkeypatch):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    monkeypatch.setattr(engine.dialect.dbapi, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(engine.dialect.dbapi, "sqlite_version", "3.31.1")
    with pytest.raises(RuntimeError, match="SQLite 3.35 or later is needed; this Python has 3.31.1"):
        check_database_version(engine)


def test_the_query_planner_has_statistics_from_the_start(new_database):
    app = create_app(instance_config(SQLALCHEMY_DATABASE_URI=new_database()))
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL gathers its own")
        tables = db.session.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars().all()
        db.engine.dispose()
    assert {"users", "statuses", "priorities"} <= set(tables)  # the tables with rows


def test_the_statistics_are_refreshed_at_most_once_an_interval(app, monkeypatch):
    analysed = []

    def record(_connection, _cursor, statement, *_rest):
        analysed.append(statement == "ANALYZE")

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL gathers its own")
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            refresh_statistics(db.engine)
            refresh_statistics(db.engine, interval=ANALYSIS_INTERVAL)  # too soon: skipped
            later = time.monotonic() + ANALYSIS_INTERVAL + 1
            monkeypatch.setattr(time, "monotonic", lambda: later)
            refresh_statistics(db.engine, interval=ANALYSIS_INTERVAL)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert analysed.count(True) == 2
