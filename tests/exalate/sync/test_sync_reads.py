"""What the engine reads per issue when it syncs many: the host's catalog (types, priorities, statuses, users,
projects) is read once per request or worker step, not once per issue."""

from __future__ import annotations

from contextlib import contextmanager

from factories import ADMIN, REST, create_issue_at
from sqlalchemy import event

from plugin.db import db


@contextmanager
def catalog_reads(app):
    """Collects the statements listing every issue type (the catalog's first table) while the block runs."""
    reads = []

    def seen(_connection, _cursor, statement, *_args):
        if "FROM issue_types ORDER BY" in statement:
            reads.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield reads
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_a_bulk_exalate_reads_the_catalog_once(app, client, sync_connection):
    for number in range(3):
        create_issue_at(client, summary=f"Bulk {number}")
    trigger = client.post(f"{REST}/connections/1/triggers", headers=ADMIN,
                          json={"query": "project = DEMO", "active": False}).get_json()

    with catalog_reads(app) as reads:
        answer = client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)

    assert answer.get_json() == {"count": 3}
    assert len(reads) == 1


def test_a_worker_step_applying_several_requests_reads_the_catalog_once(app, app_b, client, sync_connection):
    for number in range(3):
        key = create_issue_at(client, summary=f"Batch {number}")["key"]
        client.post(f"{REST}/issues/{key}/exalate", json={"connection": 1}, headers=ADMIN)
    with app.app_context():
        app.extensions["exalate"].sync.work_once()  # delivered: B holds three requests

    with catalog_reads(app_b) as reads, app_b.app_context():
        app_b.extensions["exalate"].sync.work_once()
        assert app_b.extensions["exalate"].sync.pending_requests() == 0

    assert len(reads) == 1
