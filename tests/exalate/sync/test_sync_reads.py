"""What the engine reads per issue when it syncs many: the host's catalog (types, priorities, statuses, users,
projects) once per request or worker step, not once per issue; an issue's relations with the issue, not one
lazy query each."""

from __future__ import annotations

import json
from contextlib import contextmanager

from factories import ADMIN, REST, create_issue_at
from sqlalchemy import event, select

from plugin.db import db, transaction
from plugin.exalate.sync.models import SyncEvent

CATALOG_LISTING = "FROM issue_types ORDER BY"  # the catalog's first table, listed whole


@contextmanager
def statements(app):
    """Collects the SQL statements the instance runs while the block runs."""
    seen: list[str] = []

    def record(_connection, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def bulk_exalate(client, count: int):
    for number in range(count):
        create_issue_at(client, summary=f"Bulk {number}")
    trigger = client.post(f"{REST}/connections/1/triggers", headers=ADMIN,
                          json={"query": "project = DEMO", "active": False}).get_json()
    return lambda: client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)


def test_a_bulk_exalate_reads_the_catalog_once(app, client, sync_connection):
    run = bulk_exalate(client, 3)

    with statements(app) as seen:
        answer = run()

    assert answer.get_json() == {"count": 3}
    assert len([statement for statement in seen if CATALOG_LISTING in statement]) == 1


def test_a_bulk_exalate_reads_each_issue_with_its_relations(app, client, sync_connection):
    run = bulk_exalate(client, 3)

    with statements(app) as seen:
        run()

    lazy = [statement for statement in seen if "FROM statuses \nWHERE" in statement or
            "FROM comments \nWHERE" in statement]
    assert lazy == []


def test_a_worker_step_applying_several_requests_reads_the_catalog_once(app, app_b, client, sync_connection):
    for number in range(3):
        key = create_issue_at(client, summary=f"Batch {number}")["key"]
        client.post(f"{REST}/issues/{key}/exalate", json={"connection": 1}, headers=ADMIN)
    with app.app_context():
        app.extensions["exalate"].sync.work_once()  # delivered: B holds three requests

    with statements(app_b) as seen, app_b.app_context():
        app_b.extensions["exalate"].sync.work_once()
        assert app_b.extensions["exalate"].sync.pending_requests() == 0

    assert len([statement for statement in seen if CATALOG_LISTING in statement]) == 1


def test_an_issue_a_trigger_exalates_on_create_reads_no_traces_for_its_new_twin(app, client, sync_connection):
    client.post(f"{REST}/connections/1/triggers", headers=ADMIN, json={"query": "project = DEMO", "active": True})

    with statements(app) as seen:
        created = create_issue_at(client, summary="Picked up")

    assert created["key"] == "DEMO-1"
    assert [statement for statement in seen if "FROM sync_traces" in statement] == []
    with app.app_context():
        assert app.extensions["exalate"].sync.pending_events() == 1  # the first replica, queued


def test_the_catalog_is_read_as_plain_columns(app, client, sync_connection):
    """A sync reads the catalog for each run of its rules: the columns a script sees, not whole rows."""
    run = bulk_exalate(client, 1)

    with statements(app) as seen:
        run()

    listings = [statement for statement in seen if "ORDER BY" in statement and "WHERE" not in statement
                and any(f"FROM {table}" in statement for table in ("issue_types", "users", "projects"))]
    assert len(listings) == 3, seen
    assert not any("password_hash" in statement or "issue_counter" in statement for statement in listings)


def test_an_issue_a_trigger_exalates_on_create_is_not_read_back_for_its_first_replica(app, client, sync_connection):
    client.post(f"{REST}/connections/1/triggers", headers=ADMIN, json={"query": "project = DEMO", "active": True})

    with statements(app) as seen:
        create_issue_at(client, summary="Built whole here")

    # (the trigger's condition is asked of the database; the issue itself is not read)
    assert [statement for statement in seen if "issues.summary" in statement or "FROM comments" in statement] == []


def test_an_issue_created_and_commented_in_one_transaction_sends_its_comment(app, client, sync_connection):
    """Changed after its creation within the transaction: read back whole for the replica."""
    client.post(f"{REST}/connections/1/triggers", headers=ADMIN, json={"query": "project = DEMO", "active": True})
    with app.app_context():
        jira = app.extensions["jira"]
        admin = jira.users.by_username("admin")
        with transaction():
            issue = jira.issues.create(admin, {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"},
                                               "summary": "Said at once"})
            jira.comments.add(admin, issue, "First words")
        [event] = db.session.scalars(select(SyncEvent)).all()
        replica = json.loads(event.payload)["replica"]["hubIssue"]

    assert [comment["body"] for comment in replica["comments"]] == ["First words"]
