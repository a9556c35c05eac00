"""The kept apps of the test session (tests/pools.py): a kept app that a test has used is, once reset, what a
new instance on a new empty database is: the same rows in every table, the same sequences, the same ids
next. On both backends (``EXALATE_TEST_DATABASE=postgresql`` for PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import create_issue_at, instance_config
from sqlalchemy import inspect, text

from plugin import create_app
from plugin.db import db

SETTINGS = instance_config(BASE_URL="http://kept.test:2990")


def snapshot(app) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order, and on PostgreSQL every sequence's state."""
    with app.app_context():
        inspector = inspect(db.engine)
        tables = {}
        for table in inspector.get_table_names():
            order = ", ".join(inspector.get_pk_constraint(table)["constrained_columns"]) or "1"
            rows = db.session.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))
            tables[table] = [tuple(row) for row in rows]
        if db.engine.dialect.name == "postgresql":
            tables["(sequences)"] = [tuple(row) for row in db.session.execute(text(
                "SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename"))]
        db.session.remove()
    return tables


@pytest.fixture
def new_instance(new_database):
    """An instance as a first start makes it: ``create_app`` on a new empty database, migrated from nothing."""
    made = []

    def make():
        made.append(create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": new_database()}))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def reset_app(app_pool):
    """A kept app used as a test would (issues created, catalog rows changed), then taken again: reset."""
    used = app_pool.take(SETTINGS, [])
    create_issue_at(used.test_client(), summary="Left behind")
    create_issue_at(used.test_client(), summary="Left behind too")
    with used.app_context():
        db.session.execute(text("UPDATE statuses SET name = name || ' (renamed)'"))
        db.session.execute(text("DELETE FROM resolutions"))
        db.session.commit()
        db.session.remove()
    reset = app_pool.take(SETTINGS, [])
    assert reset is used
    return reset


def test_a_reset_kept_app_has_the_rows_and_sequences_of_a_new_instance(reset_app, new_instance):
    first, second = snapshot(new_instance()), snapshot(new_instance())
    # What seeding randomises (the secret key, password hashes) differs between any two new instances; the
    # dates it writes (the licence's) are the second it ran.
    randomised = {(table, index, column) for table, rows in first.items() for index, row in enumerate(rows)
                  for column, value in enumerate(row)
                  if value != second[table][index][column] or isinstance(value, (date, datetime))}

    def comparable(tables):
        return {table: [tuple(None if (table, index, column) in randomised else value
                              for column, value in enumerate(row)) for index, row in enumerate(rows)]
                for table, rows in tables.items()}

    assert comparable(snapshot(reset_app)) == comparable(first)
    assert first["statuses"] and first["resolutions"]  # the migrations' catalog rows are compared


def test_ids_on_a_reset_kept_app_start_where_a_new_instance_s_start(reset_app, new_instance):
    kept = create_issue_at(reset_app.test_client(), summary="First")
    new = create_issue_at(new_instance().test_client(), summary="First")
    assert (kept["id"], kept["key"]) == (new["id"], new["key"])
