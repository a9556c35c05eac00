"""Publishing a Visual configuration across two in-process instances: the destination's half travels over the
node resources with the connection's tokens, a destination that is down or fails leaves both sides as they
were, and the published rules run in the sync engine (mappings, Disabled, Automatic)."""

from __future__ import annotations

import re

import pytest
import requests
from factories import (
    ADMIN,
    REST,
    URL_B,
    create_issue_at,
    exalate_at,
    fields_at,
    settle,
    sync_status,
    visual_body,
    visual_connection,
)
from rest.helpers import assert_error

from plugin.db import db
from plugin.exalate import nodeauth
from plugin.exalate.models import Connection
from plugin.mock import forward

AUTOMATIC = {"localToRemote": "AUTOMATIC", "remoteToLocal": "MANUAL"}


@pytest.fixture
def visual(client, client_b):
    """A Visual connection, A (DEMO) to B (SUP): A's end and B's, as REST answers them."""
    created = visual_connection(client)["connection"]
    [end_b] = client_b.get(REST + "/connections", headers=ADMIN).get_json()["results"]
    return created, end_b


def _publish(client, connection_id: int, **changes):
    return client.put(f"{REST}/connections/{connection_id}/visual", json=visual_body(**changes), headers=ADMIN)


def _published(client, connection_id: int, **changes) -> dict:
    response = _publish(client, connection_id, **changes)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _state(client, connection_id: int) -> tuple:
    rules = client.get(f"{REST}/connections/{connection_id}/rules", headers=ADMIN).get_json()
    visual = client.get(f"{REST}/connections/{connection_id}/visual", headers=ADMIN).get_json()
    triggers = client.get(f"{REST}/connections/{connection_id}/triggers", headers=ADMIN).get_json()
    return rules, visual, triggers


def _reroute(network, answer) -> None:
    """B's address answers with ``answer(request)`` from now on (which may raise, as a network does)."""
    for registered in list(network.mock.registered()):
        if getattr(registered.url, "pattern", "").startswith(re.escape(URL_B)):
            network.mock.remove(registered)
    for method in ("GET", "POST", "PUT", "DELETE"):
        network.mock.add_callback(method, re.compile(re.escape(URL_B) + r"(/.*)?$"), callback=answer)


def _refused(request):
    raise requests.ConnectionError("Connection refused")


def test_a_destination_that_is_down_leaves_this_side_unchanged(client, network, visual):
    before = _state(client, visual[0]["id"])
    _reroute(network, _refused)
    response = _publish(client, visual[0]["id"], syncMethod=AUTOMATIC)
    assert_error(response, 502, message="http://jira-b.test:2990 could not be reached")
    assert _state(client, visual[0]["id"]) == before


def test_a_destination_that_fails_to_take_its_half_leaves_both_sides_unchanged(client, client_b, app_b, network,
                                                                               visual):
    before_a, before_b = _state(client, visual[0]["id"]), _state(client_b, visual[1]["id"])

    def mirror_fails(request):
        if request.method == "POST" and request.url.endswith("/visual"):
            return 500, {}, b"Internal server error"
        return forward(app_b, request)

    _reroute(network, mirror_fails)
    response = _publish(client, visual[0]["id"], syncMethod=AUTOMATIC)
    assert_error(response, 502, message="did not take the Visual configuration")
    assert (_state(client, visual[0]["id"]), _state(client_b, visual[1]["id"])) == (before_a, before_b)


def _uid(app_b, connection_id: int) -> str:
    with app_b.app_context():
        return db.session.get(Connection, connection_id).uid


def test_the_destinations_catalog_needs_the_connections_token(app_b, client_b, visual):
    response = client_b.get(f"{REST}/node/connections/{_uid(app_b, visual[1]['id'])}/visual/catalog")
    assert_error(response, 401, message="not signed for this connection")


def test_the_destinations_half_needs_the_connections_token(app_b, client_b, visual):
    before = _state(client_b, visual[1]["id"])
    response = client_b.post(f"{REST}/node/connections/{_uid(app_b, visual[1]['id'])}/visual",
                             json={"configuration": {}, "publishedAt": "2026-12-02T01:30:00", "triggerJql": None})
    assert_error(response, 401, message="not signed for this connection")
    assert _state(client_b, visual[1]["id"]) == before


def test_the_destination_gets_its_trigger_for_an_automatic_direction(client, client_b, visual):
    _published(client, visual[0]["id"], syncMethod={"localToRemote": "MANUAL", "remoteToLocal": "AUTOMATIC"})
    [trigger] = client_b.get(f"{REST}/connections/{visual[1]['id']}/triggers", headers=ADMIN).get_json()["results"]
    assert trigger["query"] == 'project = "SUP"'
    assert client.get(f"{REST}/connections/{visual[0]['id']}/triggers", headers=ADMIN).get_json()["results"] == []


def test_an_automatic_direction_syncs_the_issues_its_scope_selects(app, app_b, client, client_b, visual):
    scope = visual_body()["scope"]
    scope["local"]["labels"] = ["sync"]
    _published(client, visual[0]["id"], scope=scope, syncMethod=AUTOMATIC)
    picked = create_issue_at(client, summary="Picked", labels=["sync"])["key"]
    left = create_issue_at(client, summary="Left", labels=["other"])["key"]
    settle(app, app_b)
    assert [twin["remoteIssueKey"] for twin in sync_status(client, picked)["twins"]] == ["SUP-1"]
    assert sync_status(client, left)["twins"] == []


def test_a_status_mapping_applies_on_the_receiving_side(app, app_b, client, client_b, visual):
    mapping = {"field": "status", "values": [{"local": "To Do", "remote": "In Progress"}], "fallback": None}
    _published(client, visual[0]["id"], mappings=[mapping])
    key = create_issue_at(client, summary="Mapped")["key"]
    exalate_at(client, key, visual[0]["id"])
    settle(app, app_b)
    assert fields_at(client_b, "SUP-1")["status"]["name"] == "In Progress"


def test_a_priority_fallback_applies_to_a_value_without_a_pair(app, app_b, client, client_b, visual):
    mapping = {"field": "priority", "values": [{"local": "High", "remote": "Highest"}],
               "fallback": {"local": "Low", "remote": "Lowest"}}
    _published(client, visual[0]["id"], mappings=[mapping])
    key = create_issue_at(client, summary="Fallback", priority={"name": "Medium"})["key"]
    exalate_at(client, key, visual[0]["id"])
    settle(app, app_b)
    assert fields_at(client_b, "SUP-1")["priority"]["name"] == "Lowest"


def test_a_disabled_direction_refuses_the_exalate_operation(client, visual):
    _published(client, visual[0]["id"], syncMethod={"localToRemote": "DISABLED", "remoteToLocal": "MANUAL"})
    key = create_issue_at(client, summary="Stays")["key"]
    response = client.post(f"{REST}/issues/{key}/exalate", json={"connection": visual[0]["id"]}, headers=ADMIN)
    assert_error(response, 409, "connection", message="is Disabled")


def test_a_disabled_direction_sends_no_change_of_an_issue_under_sync(app, app_b, client, client_b, visual):
    key = create_issue_at(client, summary="Before")["key"]
    exalate_at(client, key, visual[0]["id"])
    settle(app, app_b)
    _published(client, visual[0]["id"], syncMethod={"localToRemote": "DISABLED", "remoteToLocal": "MANUAL"})
    client.put(f"/rest/api/2/issue/{key}", json={"fields": {"summary": "After"}}, headers=ADMIN)
    assert client.get(REST + "/syncevents", headers=ADMIN).get_json()["total"] == 0
    settle(app, app_b)
    assert fields_at(client_b, "SUP-1")["summary"] == "Before"


def test_an_incomplete_half_is_refused_and_changes_nothing(app_b, client_b, visual):
    before = _state(client_b, visual[1]["id"])
    with app_b.app_context():
        end = db.session.get(Connection, visual[1]["id"])
        token = nodeauth.issue(end.shared_secret, sender=end.remote_uid, receiver=end.uid)
        uid = end.uid
    response = client_b.post(f"{REST}/node/connections/{uid}/visual", headers={nodeauth.HEADER: token},
                             json={"configuration": {"scope": 1}, "publishedAt": "2026-12-02T01:30:00",
                                   "triggerJql": None})
    assert_error(response, 400, message="The Visual configuration sent is incomplete.")
    assert _state(client_b, visual[1]["id"]) == before
