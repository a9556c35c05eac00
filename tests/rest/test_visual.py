"""``GET``/``PUT /connections/{id}/visual``: a Visual connection's configuration, read and published for both
sides (in process: A initiates, B is the destination on the routed network)."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, create_connection, visual_body, visual_connection

from rest.helpers import assert_error


@pytest.fixture
def visual(client, client_b):
    """A Visual connection, A (DEMO) to B (SUP): A's id and B's."""
    created = visual_connection(client)
    [end_b] = client_b.get(REST + "/connections", headers=ADMIN).get_json()["results"]
    return created["connection"]["id"], end_b["id"]


def _url(connection_id: int) -> str:
    return f"{REST}/connections/{connection_id}/visual"


def _put(client, connection_id: int, body: dict):
    return client.put(_url(connection_id), json=body, headers=ADMIN)


def test_a_new_visual_connection_starts_with_the_default_configuration(client, visual):
    body = client.get(_url(visual[0]), headers=ADMIN).get_json()
    expected = visual_body()
    assert {key: body[key] for key in expected} == expected
    assert body["publishedAt"] is None


def test_publishing_answers_the_configuration_with_both_sides_rules(client, visual):
    response = _put(client, visual[0], visual_body())
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["publishedAt"]
    assert "replica.summary" in body["compiled"]["local"]["outgoing"]
    assert 'issue.projectKey   = "SUP"' in body["compiled"]["remote"]["incoming"]
    assert 'issue.projectKey   = "DEMO"' in body["compiled"]["local"]["incoming"]


def test_publishing_stores_the_rules_as_the_connections_rules_on_both_sides(client, client_b, visual):
    compiled = _put(client, visual[0], visual_body()).get_json()["compiled"]
    rules_a = client.get(f"{REST}/connections/{visual[0]}/rules", headers=ADMIN).get_json()
    rules_b = client_b.get(f"{REST}/connections/{visual[1]}/rules", headers=ADMIN).get_json()
    assert (rules_a["outgoing"], rules_a["incoming"]) == (compiled["local"]["outgoing"], compiled["local"]["incoming"])
    assert (rules_b["outgoing"], rules_b["incoming"]) == (compiled["remote"]["outgoing"],
                                                          compiled["remote"]["incoming"])


def test_the_destination_reads_the_mirrored_configuration(client, client_b, visual):
    body = visual_body(syncMethod={"localToRemote": "AUTOMATIC", "remoteToLocal": "DISABLED"},
                       mappings=[{"field": "status", "values": [{"local": "To Do", "remote": "In Progress"}],
                                  "fallback": None}])
    body["rules"][0]["direction"] = "LOCAL_TO_REMOTE"
    _put(client, visual[0], body)
    mirrored = client_b.get(_url(visual[1]), headers=ADMIN).get_json()
    assert mirrored["scope"]["local"]["projectKey"] == "SUP"
    assert mirrored["syncMethod"] == {"localToRemote": "DISABLED", "remoteToLocal": "AUTOMATIC"}
    assert mirrored["rules"][0] == {"field": "summary", "direction": "REMOTE_TO_LOCAL"}
    assert mirrored["mappings"][0]["values"] == [{"local": "In Progress", "remote": "To Do"}]
    assert mirrored["configuredFrom"] == "http://jira-a.test:2990"


def test_the_destination_cannot_publish(client, client_b, visual):
    _put(client, visual[0], visual_body())
    assert_error(_put(client_b, visual[1], visual_body()), 409, message="configured from http://jira-a.test:2990")


def test_an_automatic_direction_makes_a_trigger_from_the_scope(client, visual):
    scope = visual_body()["scope"]
    scope["local"].update(issueTypes=["Bug", "Task"], labels=["sync"])
    _put(client, visual[0], visual_body(scope=scope, syncMethod={"localToRemote": "AUTOMATIC",
                                                                 "remoteToLocal": "MANUAL"}))
    [trigger] = client.get(f"{REST}/connections/{visual[0]}/triggers", headers=ADMIN).get_json()["results"]
    assert trigger["query"] == 'project = "DEMO" AND issuetype in ("Bug", "Task") AND labels in ("sync")'


def test_publishing_again_replaces_the_trigger(client, visual):
    automatic = {"localToRemote": "AUTOMATIC", "remoteToLocal": "MANUAL"}
    _put(client, visual[0], visual_body(syncMethod=automatic))
    _put(client, visual[0], visual_body(syncMethod={"localToRemote": "MANUAL", "remoteToLocal": "MANUAL"}))
    assert client.get(f"{REST}/connections/{visual[0]}/triggers", headers=ADMIN).get_json()["results"] == []


def test_the_script_editor_refuses_a_visual_connections_rules(client, visual):
    response = client.put(f"{REST}/connections/{visual[0]}/rules", json={"outgoing": "replica.key = issue.key"},
                          headers=ADMIN)
    assert_error(response, 400, message="compiled from its Visual configuration")


def test_a_connection_that_is_not_visual_has_no_configuration(client):
    connection_id = create_connection(client)["connection"]["id"]
    assert_error(client.get(_url(connection_id), headers=ADMIN), 409, message="not a Visual connection")
    assert_error(_put(client, connection_id, visual_body()), 409, message="not a Visual connection")


def test_an_unknown_connection_is_not_found(client):
    assert_error(client.get(_url(4242), headers=ADMIN), 404, message="Connection 4242 does not exist.")


def test_the_catalog_lists_both_sides(client, visual):
    body = client.get(_url(visual[0]) + "/catalog", headers=ADMIN).get_json()
    assert {"key": "SUP", "name": "Support"} in body["remote"]["projects"]
    assert "In Progress" in body["local"]["statuses"] and "Highest" in body["remote"]["priorities"]


def _scope(side: str, **values) -> dict:
    scope = visual_body()["scope"]
    scope[side].update(values)
    return scope


@pytest.mark.parametrize(("change", "field"), [
    ({"scope": _scope("local", projectKey="NOPE")}, "scope.local.projectKey"),
    ({"scope": _scope("remote", projectKey=None)}, "scope.remote.projectKey"),
    ({"scope": _scope("remote", projectKey=7)}, "scope.remote.projectKey"),
    ({"scope": _scope("local", issueTypes=["Bug", "Saga"])}, "scope.local.issueTypes[1]"),
    ({"scope": _scope("remote", priorities=["Urgent"])}, "scope.remote.priorities[0]"),
    ({"scope": _scope("local", statuses=["Closed"])}, "scope.local.statuses[0]"),
    ({"scope": _scope("local", labels=["two words"])}, "scope.local.labels[0]"),
    ({"scope": _scope("local", labels="sync")}, "scope.local.labels"),
    ({"syncMethod": {"localToRemote": "SOMETIMES", "remoteToLocal": "MANUAL"}}, "syncMethod.localToRemote"),
    ({"syncMethod": {"localToRemote": "MANUAL"}}, "syncMethod.remoteToLocal"),
    ({"rules": [*visual_body()["rules"][:2], {"field": "description", "direction": "UP"}, *visual_body()["rules"][3:]]},
     "rules[2].direction"),
    ({"rules": [{"field": "summary", "direction": 1}]}, "rules[0].direction"),
    ({"rules": [*visual_body()["rules"], {"field": "summary", "direction": "BOTH"}]}, "rules[9].field"),
    ({"rules": visual_body()["rules"][:-1]}, "rules"),
    ({"mappings": [{"field": "resolution", "values": []}]}, "mappings[0].field"),
    ({"mappings": [{"field": "status", "values": [{"local": "To Do", "remote": "In Progress"},
                                                  {"local": "Done", "remote": "Closed"}]}]},
     "mappings[0].values[1].remote"),
    ({"mappings": [{"field": "priority", "values": [], "fallback": {"local": "Urgent", "remote": "High"}}]},
     "mappings[0].fallback.local"),
    ({"mappings": [{"field": "priority", "values": [{"local": "High"}]}]}, "mappings[0].values[0].remote"),
    ({"scripts": {"localToRemote": "issue.summary = (", "remoteToLocal": ""}}, "scripts.localToRemote"),
    ({"scripts": {"localToRemote": "", "remoteToLocal": ["x"]}}, "scripts.remoteToLocal"),
])
def test_a_bad_value_is_named_and_nothing_is_published(client, client_b, visual, change, field):
    before = client.get(f"{REST}/connections/{visual[0]}/rules", headers=ADMIN).get_json()
    assert_error(_put(client, visual[0], visual_body(**change)), 400, field)
    assert client.get(f"{REST}/connections/{visual[0]}/rules", headers=ADMIN).get_json() == before
    assert client_b.get(_url(visual[1]), headers=ADMIN).get_json()["publishedAt"] is None


def test_a_missing_part_is_named(client, visual):
    body = visual_body()
    del body["scope"]
    assert_error(_put(client, visual[0], body), 400, "scope")


def test_a_label_with_quotes_and_a_dollar_sign_makes_a_valid_trigger(client, visual):
    automatic = {"localToRemote": "AUTOMATIC", "remoteToLocal": "MANUAL"}
    response = _put(client, visual[0], visual_body(scope=_scope("local", labels=['say"hi"', "$HOME"]),
                                                   syncMethod=automatic))
    assert response.status_code == 200, response.get_data(as_text=True)
    [trigger] = client.get(f"{REST}/connections/{visual[0]}/triggers", headers=ADMIN).get_json()["results"]
    assert trigger["query"] == 'project = "DEMO" AND labels in ("say\\"hi\\"", "$HOME")'
