"""Sync errors with Retry and Resolve, and the queues of what is still pending: B's incoming rules break
(the error is listed with Groovy's message and line), Retry runs the held request again with the current
rules, Resolve drops it and releases the twin."""

from __future__ import annotations

import pytest
from factories import (
    ADMIN,
    comment_at,
    create_issue_at,
    exalate_at,
    fields_at,
    set_rules,
    settle,
    sync_status,
)

from plugin.errors import Conflict, NotFound
from plugin.exalate.sync.models import ErrorStatus

BROKEN = "issue.summary = replica.summry\n"


def monitor(app):
    return app.extensions["exalate"].sync.monitor


@pytest.fixture
def broken(app, app_b, client, client_b, twins, sync_connection):
    """B's incoming rules broken, then a comment on A held at B by the script error: B's rules as they were."""
    working = set_rules(client_b, sync_connection[1]["id"], BROKEN)
    comment_at(client, twins[0], "Held back")
    settle(app, app_b)
    return working


def only_error(app_b):
    with app_b.app_context():
        [error] = monitor(app_b).errors()
        return error.id, error.status, error.message, error.line


def test_a_broken_incoming_script_is_listed_with_groovy_message_and_line(app_b, twins, broken):
    error_id, status, message, line = only_error(app_b)
    assert (status, line) == (ErrorStatus.OPEN, 1)
    assert message.startswith("No such property: summry")


def test_retry_after_fixing_the_rules_updates_the_twin_and_resolves(app, app_b, client_b, twins, broken,
                                                                      sync_connection):
    set_rules(client_b, sync_connection[1]["id"], broken)
    with app_b.app_context():
        error_id = only_error(app_b)[0]
        monitor(app_b).retry_error(error_id)
    settle(app, app_b)

    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: Held back"]
    assert only_error(app_b)[1] == ErrorStatus.RESOLVED
    assert sync_status(client_b, twins[1])["twins"][0]["status"] == "SYNCHRONIZED"


def test_retry_with_rules_still_broken_reopens_the_error_with_the_new_message(app, app_b, client_b, twins, broken,
                                                                                sync_connection):
    set_rules(client_b, sync_connection[1]["id"], "issue.summary = replica.nope\n")
    with app_b.app_context():
        error_id = only_error(app_b)[0]
        monitor(app_b).retry_error(error_id)
    settle(app, app_b)

    again_id, status, message, _ = only_error(app_b)
    assert (again_id, status) == (error_id, ErrorStatus.OPEN)
    assert message.startswith("No such property: nope")


def test_resolve_drops_the_failed_request_and_later_changes_flow(app, app_b, client, client_b, twins, broken,
                                                                   sync_connection):
    set_rules(client_b, sync_connection[1]["id"], broken)
    edited = client.put(f"/rest/api/2/issue/{twins[0]}", json={"fields": {"summary": "Printer fixed"}},
                        headers=ADMIN)
    assert edited.status_code == 204, edited.get_data(as_text=True)
    settle(app, app_b)
    assert fields_at(client_b, twins[1])["summary"] == "Printer on fire"  # waits behind the held request

    with app_b.app_context():
        resolved = monitor(app_b).resolve_error(only_error(app_b)[0])
        assert resolved.status == ErrorStatus.RESOLVED
    settle(app, app_b)

    assert fields_at(client_b, twins[1])["summary"] == "Printer fixed"
    with app_b.app_context():
        assert monitor(app_b).pending_requests() == (0, [])


def test_a_resolved_error_cannot_be_retried(app_b, twins, broken):
    with app_b.app_context():
        error_id = only_error(app_b)[0]
        monitor(app_b).resolve_error(error_id)
        with pytest.raises(Conflict, match="resolved already"):
            monitor(app_b).retry_error(error_id)


def test_an_unknown_error_is_not_found(app_b):
    with app_b.app_context(), pytest.raises(NotFound, match="Sync error 99 does not exist"):
        monitor(app_b).error(99)


def test_the_queues_count_what_is_pending_until_it_is_delivered_and_applied(app, app_b, client, sync_connection):
    key = create_issue_at(client, summary="Queued")["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    with app.app_context():
        total, [event] = monitor(app).pending_events()
        assert (total, event.issue_key) == (1, key)
    with app.app_context():
        app.extensions["exalate"].sync.work_once()  # delivered: B holds the request
    with app_b.app_context():
        assert monitor(app_b).pending_requests(limit=0) == (1, [])

    settle(app, app_b)
    with app.app_context():
        assert monitor(app).pending_events() == (0, [])
    with app_b.app_context():
        assert monitor(app_b).pending_requests() == (0, [])


def test_cmonitor_counts_open_errors(app_b, twins, broken):
    with app_b.app_context():
        assert monitor(app_b).open_errors() == 1
        monitor(app_b).resolve_error(only_error(app_b)[0])
        assert monitor(app_b).open_errors() == 0


def test_retry_of_an_outgoing_rules_error_sends_the_change_with_the_fixed_rules(app, app_b, client, client_b, twins,
                                                                                 sync_connection):
    connection_id = sync_connection[0]["connection"]["id"]
    working = set_rules(client, connection_id, "replica.summary = issue.summry\n", side="outgoing")
    edited = client.put(f"/rest/api/2/issue/{twins[0]}", json={"fields": {"summary": "Printer fixed"}},
                        headers=ADMIN)
    assert edited.status_code == 204, edited.get_data(as_text=True)
    set_rules(client, connection_id, working, side="outgoing")
    with app.app_context():
        [error] = monitor(app).errors()
        assert monitor(app).retry_error(error.id).status == ErrorStatus.RESOLVED
    settle(app, app_b)

    assert fields_at(client_b, twins[1])["summary"] == "Printer fixed"
