"""The queues: a deactivated connection keeps queueing and delivers once active again; a claimed row is
taken by one worker only, and again once its claim's lease has run out (its worker died); script errors on
either side are recorded with Groovy's words."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from factories import ADMIN, REST, comment_at, create_issue_at, exalate_at, fields_at, settle, sync_status
from sqlalchemy import select

from plugin.db import db, utcnow
from plugin.exalate.sync import queue
from plugin.exalate.sync.models import ErrorStatus, SyncEvent


def sync(app):
    return app.extensions["exalate"].sync


def test_a_deactivated_connection_queues_and_delivers_once_activated(app, app_b, client, client_b, twins):
    assert client.post(f"{REST}/connections/1/deactivate", headers=ADMIN).status_code == 200
    comment_at(client, twins[0], "Queued while inactive")
    settle(app, app_b)
    with app.app_context():
        assert sync(app).pending_events() == 1
    assert fields_at(client_b, twins[1])["comment"]["comments"] == []

    assert client.post(f"{REST}/connections/1/activate", headers=ADMIN).status_code == 200
    settle(app, app_b)
    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: Queued while inactive"]


def test_a_claimed_event_is_taken_by_one_worker_only(app, twins, client):
    comment_at(client, twins[0], "Claimed once")
    with app.app_context():
        first = queue.claim_next(SyncEvent, select(SyncEvent.connection_id))
    with app.app_context():  # another worker, with its own session
        second = queue.claim_next(SyncEvent, select(SyncEvent.connection_id))
        assert second is None
    assert first is not None


def test_a_claim_whose_lease_ran_out_is_taken_again(app, twins, client):
    comment_at(client, twins[0], "Its worker died")
    with app.app_context():
        claimed = queue.claim_next(SyncEvent, select(SyncEvent.connection_id))
        claimed.claimed_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
        claimed_id = claimed.id
    with app.app_context():
        again = queue.claim_next(SyncEvent, select(SyncEvent.connection_id))
        assert again is not None and again.id == claimed_id


def put_rules(client, connection_id: int, **rules) -> None:
    current = client.get(f"{REST}/connections/{connection_id}/rules", headers=ADMIN).get_json()
    answer = client.put(f"{REST}/connections/{connection_id}/rules", headers=ADMIN, json={**current, **rules})
    assert answer.status_code == 200, answer.get_data(as_text=True)


def test_a_failing_outgoing_script_puts_the_twin_in_error(app, client, sync_connection):
    put_rules(client, 1, outgoing="replica.summary = issue.summary\nreplica.key = issue.nothing.key\n")
    key = create_issue_at(client)["key"]

    twin = exalate_at(client, key, 1)

    assert twin["status"] == "ERROR"
    with app.app_context():
        [error] = sync(app).errors(status=ErrorStatus.OPEN)
        assert (error.type.value, error.line, error.local_issue_key) == ("SCRIPT", 2, key)
        assert "No such property: nothing" in error.message


def test_a_first_sync_whose_rules_name_no_project_is_an_error(app, app_b, client, client_b, sync_connection):
    put_rules(client_b, sync_connection[1]["id"], incoming="issue.summary = replica.summary\n")
    key = create_issue_at(client)["key"]
    exalate_at(client, key, 1)
    settle(app, app_b)

    with app_b.app_context():
        [error] = sync(app_b).errors()
        assert (error.message, error.remote_issue_key, error.local_issue_key) == ("Project key was not set", key,
                                                                                  None)
    assert sync_status(client, key)["twins"][0]["status"] == "ERROR"  # the sender was told


def test_workers_racing_for_the_queue_never_take_the_same_row(app, client, sync_connection):
    for number in range(12):
        exalate_at(client, create_issue_at(client, summary=f"Race {number}")["key"], 1)
    taken: list[list[int]] = [[], []]
    start = threading.Barrier(2)

    def worker(mine: list[int]) -> None:
        with app.app_context():
            start.wait()
            while (row := queue.claim_next(SyncEvent, select(SyncEvent.connection_id))) is not None:
                mine.append(row.id)

    threads = [threading.Thread(target=worker, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    everything = taken[0] + taken[1]
    assert len(everything) == len(set(everything)) == 12


def test_one_claim_takes_several_due_rows_of_distinct_issues_oldest_first(app, client, sync_connection):
    for number in range(4):
        exalate_at(client, create_issue_at(client, summary=f"Batch {number}")["key"], 1)
    with app.app_context():
        claimed = queue.claim(SyncEvent, select(SyncEvent.connection_id), 3)
        assert [row.issue_key for row in claimed] == ["DEMO-1", "DEMO-2", "DEMO-3"]
        assert len({row.claim for row in claimed}) == 1
    with app.app_context():  # another worker finds only the row left
        assert [row.issue_key for row in queue.claim(SyncEvent, select(SyncEvent.connection_id), 3)] == ["DEMO-4"]


def test_a_step_delivers_a_batch_of_events(app, app_b, client, sync_connection):
    for number in range(3):
        exalate_at(client, create_issue_at(client, summary=f"Batch {number}")["key"], 1)
    with app.app_context():
        assert sync(app).work_once()
        assert sync(app).pending_events() == 0


def test_a_row_put_back_waits_at_least_its_first_backoff(app, client, sync_connection):
    exalate_at(client, create_issue_at(client)["key"], 1)
    with app.app_context():
        row = queue.claim_next(SyncEvent, select(SyncEvent.connection_id))
        queue.retry_later(row)
        earliest = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(seconds=queue.BACKOFF_SECONDS[0])
        assert row.next_attempt_at >= earliest


def test_a_worker_step_builds_its_claim_statements_once(app, exalate):
    """Building the claim's statements cost more than running them: every step after the first reuses them."""
    with app.app_context():
        exalate.sync.work_once()
        built = queue._claim_statements.cache_info().currsize
        for _ in range(3):
            exalate.sync.work_once()
        assert queue._claim_statements.cache_info().currsize == built
