"""A private connection (DESIGN.md §6.4 step 2) between two in-process instances: A initiated it without a
destination URL (the public side), B accepted it (the private side, which A cannot call). B fetches what
waits for it on A; B pushes its own changes to A as usual."""

from __future__ import annotations

import io

import pytest
from factories import (
    ADMIN,
    OWN_URL,
    REST,
    URL_B,
    comment_at,
    connect,
    create_issue_at,
    exalate_at,
    fields_at,
    set_rules,
    settle,
)
from factories import sync_status as status_of

from plugin.db import db
from plugin.exalate.sync.models import QueueState, SyncEvent, SyncRequest

PNG = bytes(range(256)) * 40


@pytest.fixture
def private_connection(client, client_b):
    """A's end (public side) and B's end (private side) of a private Script connection, DEMO to SUP."""
    initiated, accepted = connect(client, client_b)
    assert (initiated["connection"]["type"], accepted["type"]) == ("PRIVATE", "PRIVATE")
    return initiated["connection"], accepted


@pytest.fixture
def private_twins(app, app_b, client, private_connection):
    key = create_issue_at(client, summary="Printer on fire")["key"]
    exalate_at(client, key, private_connection[0]["id"])
    settle(app, app_b)
    return key, "SUP-1"


def calls_to(network, base_url: str) -> list[str]:
    return [call.request.url for call in network.mock.calls if call.request.url.startswith(base_url)]


def rows(app, model, state=None) -> list:
    with app.app_context():
        return [(row.kind.value, row.state.value) for row in db.session.query(model).order_by(model.id)
                if state is None or row.state == state]


def test_an_issue_exalated_on_the_public_side_gets_its_twin_on_the_private_side(app, app_b, client, client_b,
                                                                                 private_connection):
    key = create_issue_at(client, summary="Printer on fire", issuetype={"name": "Bug"})["key"]
    exalate_at(client, key, private_connection[0]["id"])
    settle(app, app_b)

    there = fields_at(client_b, "SUP-1")
    assert (there["summary"], there["issuetype"]["name"]) == ("Printer on fire", "Bug")
    [here] = status_of(client, key)["twins"]
    assert (here["status"], here["remoteIssueKey"]) == ("SYNCHRONIZED", "SUP-1")


def test_the_public_side_never_calls_the_private_side(app, app_b, client, network, private_connection):
    before = len(calls_to(network, URL_B))
    key = create_issue_at(client)["key"]
    exalate_at(client, key, private_connection[0]["id"])
    comment_at(client, key, "Anyone?")
    settle(app, app_b)

    assert calls_to(network, URL_B)[before:] == []
    assert any(url.endswith("/sync/pending?limit=100") for url in calls_to(network, OWN_URL))


def test_events_wait_on_the_public_side_until_the_private_side_fetches_them(app, app_b, client, private_connection):
    key = create_issue_at(client)["key"]
    exalate_at(client, key, private_connection[0]["id"])
    settle(app)

    assert rows(app, SyncEvent) == [("REPLICA", "PENDING")]
    settle(app_b)
    assert rows(app, SyncEvent) == [("REPLICA", "DONE")]
    assert rows(app_b, SyncRequest) == [("REPLICA", "DONE")]


def test_a_comment_on_the_private_side_comes_back_to_the_public_side(app, app_b, client, client_b, private_twins):
    comment_at(client_b, private_twins[1], "From the private side")
    settle(app, app_b)

    comments = client.get(f"/rest/api/2/issue/{private_twins[0]}/comment", headers=ADMIN).get_json()["comments"]
    assert [c["body"] for c in comments] == ["Administrator commented: From the private side"]
    assert status_of(client_b, private_twins[1])["twins"][0]["status"] == "SYNCHRONIZED"


def test_an_edit_on_the_public_side_follows_after_the_first_sync(app, app_b, client, client_b, private_twins):
    response = client.put(f"/rest/api/2/issue/{private_twins[0]}", json={"fields": {"summary": "Still burning"}},
                          headers=ADMIN)
    assert response.status_code == 204
    settle(app, app_b)

    assert fields_at(client_b, private_twins[1])["summary"] == "Still burning"


def public_end_uid(app) -> str:
    from plugin.exalate.models import Connection
    with app.app_context():
        return db.session.get(Connection, 1).uid


def fail_taken_once(app_b, monkeypatch, *, reached: bool) -> None:
    """The private side's first ``taken`` call to A fails: after A took it (``reached``: its answer is lost) or
    before it reached A."""
    from plugin.errors import RemoteNodeError

    peers = app_b.extensions["exalate"].sync.delivery.pulls.peers
    took_sync, failed = peers.took_sync, []

    def failing_once(connection, event_ids):
        if failed:
            return took_sync(connection, event_ids)
        failed.append(event_ids)
        if reached:
            took_sync(connection, event_ids)
        raise RemoteNodeError("the answer was lost")

    monkeypatch.setattr(peers, "took_sync", failing_once)


def pull_again_now(app_b) -> None:
    with app_b.app_context():
        app_b.extensions["exalate"].sync.delivery.pulls.retry_at.clear()  # rather than wait for the backoff


@pytest.mark.parametrize("reached", [True, False], ids=["answer-lost", "call-lost"])
def test_a_failed_taken_call_loses_and_doubles_nothing(app, app_b, client, client_b, monkeypatch,
                                                       private_connection, reached):
    fail_taken_once(app_b, monkeypatch, reached=reached)
    key = create_issue_at(client)["key"]
    exalate_at(client, key, private_connection[0]["id"])
    settle(app, app_b)
    pull_again_now(app_b)
    comment_at(client, key, "After the failed call")
    settle(app, app_b)

    assert rows(app, SyncEvent, QueueState.PENDING) == []
    assert rows(app_b, SyncRequest) == [("REPLICA", "DONE"), ("REPLICA", "DONE")]
    found = client_b.get("/rest/api/2/search", query_string={"jql": "project = SUP"}, headers=ADMIN).get_json()
    assert found["total"] == 1


def test_an_attachment_from_the_private_side_arrives_with_identical_bytes(app, app_b, client, client_b, network,
                                                                         private_twins):
    response = client_b.post(f"/rest/api/2/issue/{private_twins[1]}/attachments",
                             data={"file": (io.BytesIO(PNG), "screen.png")},
                             headers={**ADMIN, "X-Atlassian-Token": "no-check"}, content_type="multipart/form-data")
    assert response.status_code == 200
    before = len(calls_to(network, URL_B))
    settle(app, app_b)

    [here] = fields_at(client, private_twins[0])["attachment"]
    assert client.get(f"/rest/api/2/attachment/content/{here['id']}", headers=ADMIN).data == PNG
    assert calls_to(network, URL_B)[before:] == []


def test_a_deactivated_public_side_hands_nothing_over_until_activated(app, app_b, client, client_b,
                                                                      private_connection):
    key = create_issue_at(client)["key"]
    exalate_at(client, key, private_connection[0]["id"])
    connection_url = f"{REST}/connections/{private_connection[0]['id']}"
    assert client.post(connection_url + "/deactivate", headers=ADMIN).status_code == 200
    settle(app, app_b)
    assert rows(app, SyncEvent) == [("REPLICA", "PENDING")]

    assert client.post(connection_url + "/activate", headers=ADMIN).status_code == 200
    settle(app, app_b)
    assert fields_at(client_b, "SUP-1")["summary"] == "Printer on fire"


def test_a_trigger_of_a_private_connection_exalates_what_it_matches(app, app_b, client, client_b,
                                                                    private_connection):
    answer = client.post(f"{REST}/connections/{private_connection[0]['id']}/triggers", headers=ADMIN,
                         json={"query": "labels = sync"})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    create_issue_at(client, summary="Not this one")
    create_issue_at(client, summary="This one", labels=["sync"])
    settle(app, app_b)

    found = client_b.get("/rest/api/2/search", query_string={"jql": "project = SUP"}, headers=ADMIN).get_json()
    assert [issue["fields"]["summary"] for issue in found["issues"]] == ["This one"]


def test_the_public_side_activates_without_calling_the_private_side(app, client, private_connection):
    from plugin.exalate.models import Connection
    with app.app_context():
        db.session.get(Connection, 1).remote_url = "http://jira-gone.test:2990"  # nothing answers there
        db.session.commit()
    connection_url = f"{REST}/connections/{private_connection[0]['id']}"
    assert client.post(connection_url + "/deactivate", headers=ADMIN).status_code == 200

    answer = client.post(connection_url + "/activate", headers=ADMIN)

    assert (answer.status_code, answer.get_json()["status"]) == (200, "ACTIVE")


def test_an_error_on_the_public_side_reaches_the_private_sides_twin(app, app_b, client, client_b,
                                                                    private_connection, private_twins):
    set_rules(client, private_connection[0]["id"], 'debug.error("Not today")')
    comment_at(client_b, private_twins[1], "Will fail on A")
    settle(app, app_b)

    assert status_of(client_b, private_twins[1])["twins"][0]["status"] == "ERROR"
    assert rows(app, SyncEvent, QueueState.PENDING) == []
