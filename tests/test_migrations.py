"""Schema upgrades: a database made by an earlier version keeps its data when a newer emulator
starts on it (Alembic migrations run at start)."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from factories import ADMIN, REST, instance_config
from sqlalchemy import create_engine, inspect, text

from plugin import create_app, database_url
from plugin.schema import alembic_config


def _engine(url):
    return create_engine(database_url(url))


def test_a_first_version_database_is_upgraded_and_keeps_its_data(new_database):
    url = new_database()
    engine = _engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    first = create_app(instance_config(SQLALCHEMY_DATABASE_URI=url))  # today's version: upgrades, then seeds
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
        connection.execute(text(
            "INSERT INTO connections (uid, name, name_key, description, status, mode, type, role, local_short_name,"
            " remote_short_name, project_key, remote_url, shared_secret, outgoing_rules, incoming_rules, created,"
            " updated) VALUES ('0123456789abcdef0123456789abcdef', 'Old_One', 'old_one', '', 'ACTIVE', 'SCRIPT',"
            " 'PUBLIC', 'INITIATOR', 'A', 'B', 'DEMO', 'http://b.test', 's', 'out', 'in', :now, :now)"),
            {"now": "2025-01-01 00:00:00"})
    del first

    upgraded = create_app(instance_config(SQLALCHEMY_DATABASE_URI=url))
    connections = upgraded.test_client().get(REST + "/connections", headers=ADMIN).json
    assert [c["name"] for c in connections["results"]] == ["Old_One"]
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert {"node_token_uses", "login_failures", "destination_info"} <= set(inspect(connection).get_table_names())
    engine.dispose()


def test_every_migration_downgrades_and_upgrades_again(new_database):
    url = new_database()
    engine = _engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        assert "connections" in inspect(connection).get_table_names()
    engine.dispose()


def test_the_models_and_the_migrations_agree(new_database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from plugin.db import Base

    engine = _engine(new_database())
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_existing_database_gets_the_issue_catalogs_and_the_user_display_name(new_database):
    url = new_database()
    engine = _engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0007")
        connection.execute(text(
            "INSERT INTO users (username, display_name, email, password_hash, is_admin)"
            " VALUES ('user', 'Jira User', 'user@example.com', 'x', false)"))
        command.upgrade(alembic_config(connection), "head")
        assert connection.execute(text("SELECT display_name FROM users WHERE username = 'user'")).scalar() == "User"
        assert connection.execute(text("SELECT name FROM issue_types ORDER BY id")).scalars().all() == [
            "Bug", "Task", "Story", "Epic", "Sub-task"]
        assert connection.execute(text("SELECT name FROM priorities ORDER BY sequence")).scalars().all() == [
            "Highest", "High", "Medium", "Low", "Lowest"]
        assert connection.execute(text("SELECT id, name, category FROM statuses ORDER BY id")).all() == [
            (3, "In Progress", "indeterminate"), (10000, "To Do", "new"), (10001, "Done", "done")]
        assert connection.execute(text("SELECT name FROM resolutions ORDER BY id")).scalars().all() == [
            "Done", "Won't Do", "Duplicate"]
    engine.dispose()
