"""The database connection every instance opens: SQLite with foreign keys on and in WAL mode
(what tests/live/test_durability.py relies on)."""

from __future__ import annotations

import pytest

from plugin.db import db


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
