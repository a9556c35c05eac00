"""Alembic environment: run by plugin.schema.upgrade_database on the app's own connection."""

from __future__ import annotations

from alembic import context

from plugin.db import Base
from plugin.exalate import models as exalate_models  # noqa: F401 - their tables join Base.metadata
from plugin.exalate.sync import models as sync_models  # noqa: F401
from plugin.jira import models as jira_models  # noqa: F401

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode does that for us.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
