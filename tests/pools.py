"""Apps kept for the whole test session and the migrated template databases they are reset to.

Building an app (Flask compiles every route) and migrating its database cost more than most tests, so
each backend migrates one template database once, and a kept app's database is put back to exactly the
template's state before every test that takes it, then seeded afresh as a new instance is."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine

from plugin import create_app, seed
from plugin.config import database_url
from plugin.db import db
from plugin.schema import upgrade_database


def migrate(url: str) -> None:
    """Brings an empty database to head. Not seeded: seeding gives each instance its own secret key,
    URL and licence dates."""
    engine = create_engine(database_url(url))
    upgrade_database(engine)
    engine.dispose()


class SqliteTemplate:
    """A migrated SQLite file; instances start on copies of it."""

    def __init__(self, template: Path, folder: Path):
        self.template = template
        self.folder = folder
        self._copies = 0

    def new_database(self) -> str:
        self._copies += 1
        path = self.folder / f"instance-{self._copies}.db"
        shutil.copy(self.template, path)
        return f"sqlite:///{path}"

    def restore(self, app) -> None:
        """The app's database file replaced by a copy of the template (its connections closed first)."""
        path = Path(db.engine.url.database)
        db.engine.dispose()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copy(self.template, path)


class PostgresTemplate:
    """A migrated PostgreSQL database. New instances start on clones of it (``CREATE DATABASE … TEMPLATE``);
    a kept app's database is put back to it in place, in one transaction on the app's own connection: every
    table emptied, the template's rows (the catalogs, Alembic's version) copied back as they are, every
    sequence set where the template has it. Measured against dropping and cloning the database again, this
    takes a third of the time, and the engine's pooled connections stay open on the same database."""

    def __init__(self, server):
        import psycopg
        from psycopg import sql

        self.server = server
        self.name = server.new_database().rsplit("/", 1)[1]
        migrate(server.url(self.name))
        self._clones = 0
        with psycopg.connect(server.url(self.name)) as connection:
            tables = [sql.Identifier(name).as_string(connection) for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
            self.rows = {table: rows for table in tables if (rows := _copy_out(connection, table))}
            sequences = connection.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename),"
                " coalesce(last_value, start_value), last_value IS NOT NULL FROM pg_sequences ORDER BY 1").fetchall()
            # Replica mode: no foreign key is checked while every table is emptied, in any order.
            self.emptying = "; ".join(["SET LOCAL session_replication_role = replica",
                                       *(f"DELETE FROM {table}" for table in tables)])
            self.sequences = sql.SQL("SELECT {}").format(sql.SQL(", ").join(
                sql.SQL("setval({}, {}, {})").format(*map(sql.Literal, sequence)) for sequence in sequences
            )).as_string(connection) if sequences else None

    def new_database(self) -> str:
        """A new database in the template's state (no connection to the template may be open)."""
        import psycopg

        self._clones += 1
        name = f"{self.name}_clone_{self._clones}"
        with psycopg.connect(self.server.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}" STRATEGY FILE_COPY')
        return self.server.url(name)

    def restore(self, app) -> None:
        with db.engine.begin() as connection:
            raw = connection.connection.driver_connection
            raw.execute(self.emptying)
            for table, rows in self.rows.items():
                with raw.cursor().copy(f"COPY {table} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(rows)
            if self.sequences:
                raw.execute(self.sequences)


def _copy_out(connection, table: str) -> bytes:
    """The table's rows in COPY's binary format; empty when it has none."""
    if not connection.execute(f"SELECT EXISTS (SELECT FROM {table})").fetchone()[0]:
        return b""
    with connection.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
        return b"".join(bytes(block) for block in copy)


class AppPool:
    """Apps kept by their settings, each on its own database, reset to a new instance's state (the
    template's, seeded afresh) before every test that takes it."""

    def __init__(self, template):
        self.template = template
        self.apps: dict[tuple, list] = {}

    @staticmethod
    def can_keep(settings: dict) -> bool:
        return all(isinstance(value, (str, int, float, bool, type(None))) for value in settings.values())

    def take(self, settings: dict, taken: list):
        """A kept app with ``settings`` that this test has not taken yet, reset; or a new one."""
        key = tuple(sorted(settings.items()))
        kept = self.apps.setdefault(key, [])
        app = next((app for app in kept if app not in taken), None)
        if app is None:
            app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": self.template.new_database()})
            kept.append(app)
        else:
            self.reset(app)
        taken.append(app)
        return app

    def reset(self, app) -> None:
        with app.app_context():
            db.session.remove()
            self.template.restore(app)
            seed(app.extensions["jira"], app.extensions["exalate"])
            app.secret_key = app.config.get("SECRET_KEY") or app.extensions["exalate"].node.secret_key()
            app.extensions["jira"].use_secret(app.secret_key)
            db.session.remove()

    def close(self) -> None:
        for kept in self.apps.values():
            for app in kept:
                with app.app_context():
                    db.engine.dispose()
