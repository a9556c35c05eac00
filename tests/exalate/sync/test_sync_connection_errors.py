"""Errors of impact CONNECTION (DESIGN.md §6.5): rules that do not parse, or the other end refusing this
node's credentials, hold every item of the connection, which shows *Error* with the message; Retry and
Resolve release it, and its items flow."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, create_issue_at, exalate_at, fields_at, settle

from plugin.db import db
from plugin.exalate.models import Connection, Status
from plugin.exalate.sync.models import ErrorImpact, ErrorStatus, ErrorType

UNPARSEABLE = "issue.summary = (\n"


def monitor(app):
    return app.extensions["exalate"].sync.monitor


def write(app, connection_id: int, **columns) -> dict:
    """Set a connection's columns straight in the database (the doors refuse rules that do not parse); the
    values they replace."""
    with app.app_context():
        connection = db.session.get(Connection, connection_id)
        replaced = {name: getattr(connection, name) for name in columns}
        for name, value in columns.items():
            setattr(connection, name, value)
        db.session.commit()
        return replaced


def connection_state(app, connection_id: int) -> tuple[Status, str | None]:
    with app.app_context():
        connection = db.session.get(Connection, connection_id)
        return connection.status, connection.error_message


def open_errors(app) -> list[tuple[ErrorImpact, ErrorType, str]]:
    with app.app_context():
        return [(e.impact, e.type, e.message) for e in monitor(app).errors(status=ErrorStatus.OPEN)]


def assert_held_by(app, connection_id: int, error_type: ErrorType) -> str:
    """The one open error is of impact CONNECTION and ``error_type``, and the connection shows it; its message."""
    [(impact, found_type, message)] = open_errors(app)
    assert (impact, found_type) == (ErrorImpact.CONNECTION, error_type)
    assert connection_state(app, connection_id) == (Status.ERROR, message)
    return message


def act_on_the_error(app, action: str) -> None:
    """Retry or resolve the one error of ``app``."""
    with app.app_context():
        [error] = monitor(app).errors()
        getattr(monitor(app), f"{action}_error")(error.id)


def edit(client, key: str, summary: str) -> None:
    response = client.put(f"/rest/api/2/issue/{key}", json={"fields": {"summary": summary}}, headers=ADMIN)
    assert response.status_code == 204, response.get_data(as_text=True)


@pytest.fixture
def two_twins(app, app_b, client, sync_connection):
    """DEMO-1 ↔ SUP-1 and DEMO-2 ↔ SUP-2, synchronized; the two ends' connection ids."""
    for summary in ("First", "Second"):
        exalate_at(client, create_issue_at(client, summary=summary)["key"], sync_connection[0]["connection"]["id"])
    settle(app, app_b)
    return sync_connection[0]["connection"]["id"], sync_connection[1]["id"]


@pytest.fixture
def incoming_unparseable(app, app_b, client, two_twins):
    """B's incoming rules do not parse; a change of each twin on A: B's rules as they were."""
    working = write(app_b, two_twins[1], incoming_rules=UNPARSEABLE)["incoming_rules"]
    edit(client, "DEMO-1", "First, edited")
    edit(client, "DEMO-2", "Second, edited")
    settle(app, app_b)
    return working


def test_incoming_rules_that_do_not_parse_hold_the_connection_and_show_error(app_b, two_twins, incoming_unparseable):
    assert_held_by(app_b, two_twins[1], ErrorType.SCRIPT)


def test_a_connection_held_by_its_incoming_rules_sends_nothing_either(app, app_b, client, client_b, two_twins,
                                                                      incoming_unparseable):
    edit(client_b, "SUP-2", "Renamed on B")
    settle(app, app_b)

    with app_b.app_context():
        assert app_b.extensions["exalate"].sync.pending_events() == 1
    assert fields_at(client, "DEMO-2")["summary"] == "Second, edited"


def test_the_other_end_checking_the_connection_does_not_release_the_hold(client, app_b, two_twins,
                                                                         incoming_unparseable):
    checked = client.post(f"{REST}/connections/{two_twins[0]}/check", headers=ADMIN)
    assert checked.status_code == 200, checked.get_data(as_text=True)

    assert connection_state(app_b, two_twins[1])[0] == Status.ERROR


def test_retry_after_fixing_incoming_rules_releases_the_connection_and_every_item_flows(
        app, app_b, client_b, two_twins, incoming_unparseable):
    write(app_b, two_twins[1], incoming_rules=incoming_unparseable)
    act_on_the_error(app_b, "retry")
    settle(app, app_b)

    assert connection_state(app_b, two_twins[1]) == (Status.ACTIVE, None)
    assert [fields_at(client_b, key)["summary"] for key in ("SUP-1", "SUP-2")] == ["First, edited", "Second, edited"]
    assert open_errors(app_b) == []


def test_retry_with_the_rules_still_unparseable_holds_the_connection_again(app, app_b, two_twins,
                                                                          incoming_unparseable):
    act_on_the_error(app_b, "retry")
    settle(app, app_b)

    assert connection_state(app_b, two_twins[1])[0] == Status.ERROR
    assert [e[0] for e in open_errors(app_b)] == [ErrorImpact.CONNECTION]


def test_resolve_releases_the_connection_and_the_later_items_flow(app, app_b, client, client_b, two_twins,
                                                                  incoming_unparseable):
    write(app_b, two_twins[1], incoming_rules=incoming_unparseable)
    act_on_the_error(app_b, "resolve")
    settle(app, app_b)

    assert connection_state(app_b, two_twins[1]) == (Status.ACTIVE, None)
    assert fields_at(client_b, "SUP-2")["summary"] == "Second, edited"


def test_outgoing_rules_that_do_not_parse_hold_the_connection_and_retry_releases_it(app, app_b, client, client_b,
                                                                                    two_twins):
    working = write(app, two_twins[0], outgoing_rules=UNPARSEABLE)["outgoing_rules"]
    edit(client, "DEMO-1", "First, edited")
    settle(app, app_b)
    assert_held_by(app, two_twins[0], ErrorType.SCRIPT)

    write(app, two_twins[0], outgoing_rules=working)
    act_on_the_error(app, "retry")
    settle(app, app_b)

    assert connection_state(app, two_twins[0]) == (Status.ACTIVE, None)
    assert fields_at(client_b, "SUP-1")["summary"] == "First, edited"


def test_a_held_connection_delivers_nothing_of_its_other_issues(app, app_b, client, client_b, two_twins):
    write(app, two_twins[0], outgoing_rules=UNPARSEABLE)
    edit(client, "DEMO-1", "First, edited")
    write(app, two_twins[0], outgoing_rules="replica.summary = issue.summary\n")
    edit(client, "DEMO-2", "Second, edited")
    settle(app, app_b)

    with app.app_context():
        assert app.extensions["exalate"].sync.pending_events() == 1
    assert fields_at(client_b, "SUP-2")["summary"] == "Second"


def test_the_other_end_refusing_our_credentials_holds_the_connection_as_auth(app, app_b, client, client_b,
                                                                             two_twins):
    secret = write(app, two_twins[0], shared_secret="not-the-shared-secret")["shared_secret"]
    edit(client, "DEMO-1", "First, edited")
    settle(app, app_b)
    assert assert_held_by(app, two_twins[0], ErrorType.AUTH).endswith("(HTTP 401).")

    write(app, two_twins[0], shared_secret=secret)
    act_on_the_error(app, "retry")
    settle(app, app_b)

    assert connection_state(app, two_twins[0]) == (Status.ACTIVE, None)
    assert fields_at(client_b, "SUP-1")["summary"] == "First, edited"
