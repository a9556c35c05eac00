"""Database schema management: Alembic migrations in ``plugin/migrations`` bring any earlier
database up to this version at start, so existing data survives an upgrade of the emulator."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number: nodes of a cluster starting together take turns at migrating.
_MIGRATION_LOCK = 724061


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_database(engine: Engine) -> None:
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        # Starting on a database that is already at head is the common case; Alembic's own
        # no-op upgrade loads its environment and every migration script to find that out.
        if MigrationContext.configure(connection).get_current_heads() == (head_revision(),):
            return
        command.upgrade(alembic_config(connection), "head")
