"""Triggers over REST: a connection's list and a new one (201 with the trigger), read, change, delete, Bulk
Exalate and Bulk Unexalate answering ``{"count"}``; every bad input a Jira error body naming its field."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER, add_issue

from plugin.db import db

from .helpers import assert_error

KEYS = {"id", "connection", "entityType", "query", "notes", "active"}


@pytest.fixture
def connection(create_connection) -> dict:
    return create_connection()["connection"]


@pytest.fixture
def add_trigger(client, connection):
    def add(**body):
        response = client.post(f"{REST}/connections/{connection['id']}/triggers",
                               json={"query": "project = DEMO", **body}, headers=ADMIN)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()

    return add


def test_a_new_trigger_answers_201_with_the_trigger(client, connection):
    response = client.post(f"{REST}/connections/{connection['id']}/triggers",
                           json={"query": "project = DEMO AND labels = sync", "notes": "Support"}, headers=ADMIN)

    assert response.status_code == 201
    trigger = response.get_json()
    assert trigger == {"id": trigger["id"], "connection": {"id": connection["id"], "name": connection["name"]},
                       "entityType": "issue", "query": "project = DEMO AND labels = sync", "notes": "Support",
                       "active": True}
    assert response.headers["Location"] == f"http://jira-a.test:2990{REST}/triggers/{trigger['id']}"


def test_the_list_is_the_connections_triggers_as_results(client, connection, add_trigger):
    first, second = add_trigger(), add_trigger(query="project = SUP", active=False)

    response = client.get(f"{REST}/connections/{connection['id']}/triggers", headers=ADMIN)

    assert response.status_code == 200
    assert response.get_json() == {"results": [first, second]}


def test_a_trigger_is_read_by_its_id(client, add_trigger):
    trigger = add_trigger()

    response = client.get(f"{REST}/triggers/{trigger['id']}", headers=ADMIN)

    assert response.status_code == 200
    assert set(response.get_json()) == KEYS and response.get_json() == trigger


def test_put_changes_what_it_is_given(client, add_trigger):
    trigger = add_trigger(notes="Kept")

    response = client.put(f"{REST}/triggers/{trigger['id']}", json={"query": "project = SUP", "active": False},
                          headers=ADMIN)

    assert response.status_code == 200
    assert response.get_json() == {**trigger, "query": "project = SUP", "active": False}


def test_put_moves_a_trigger_to_a_connection_named(client, create_connection, add_trigger):
    trigger = add_trigger()
    other = create_connection(name="Other_One")["connection"]

    response = client.put(f"{REST}/triggers/{trigger['id']}", json={"connection": "Other_One"}, headers=ADMIN)

    assert response.get_json()["connection"] == {"id": other["id"], "name": "Other_One"}


def test_delete_answers_204_and_the_trigger_is_gone(client, add_trigger):
    trigger = add_trigger()

    assert client.delete(f"{REST}/triggers/{trigger['id']}", headers=ADMIN).status_code == 204

    assert_error(client.get(f"{REST}/triggers/{trigger['id']}", headers=ADMIN), 404,
                 message=f"Trigger {trigger['id']} does not exist.")


def test_invalid_jql_is_refused_in_jiras_words_under_query(client, connection):
    response = client.post(f"{REST}/connections/{connection['id']}/triggers", json={"query": "foo = bar"},
                           headers=ADMIN)

    body = assert_error(response, 400, "query")
    assert body["errors"] == {"query": "Field 'foo' does not exist or you do not have permission to view it."}


def test_a_missing_query_is_refused_under_query(client, connection):
    body = assert_error(client.post(f"{REST}/connections/{connection['id']}/triggers", json={"notes": "x"},
                                    headers=ADMIN), 400, "query")
    assert body["errors"]["query"] == "This field is required."


def test_an_unknown_entity_type_is_refused_under_its_wire_name(client, connection):
    response = client.post(f"{REST}/connections/{connection['id']}/triggers",
                           json={"query": "project = DEMO", "entityType": "sprint"}, headers=ADMIN)

    assert_error(response, 400, "entityType", message="The entity type 'sprint' is not supported")


@pytest.mark.parametrize("body, field", [
    ({"query": 7}, "query"),
    ({"query": "project = DEMO", "active": "yes"}, "active"),
    ({"query": "project = DEMO", "notes": ["a"]}, "notes"),
    ({"query": "project = DEMO", "notes": "a\x00b"}, "notes"),
])
def test_bad_types_are_named(client, connection, body, field):
    assert_error(client.post(f"{REST}/connections/{connection['id']}/triggers", json=body, headers=ADMIN), 400,
                 field)


@pytest.mark.parametrize("ref, message", [(999, "Connection 999 does not exist."),
                                          ("Nobody", "Connection Nobody does not exist."),
                                          (True, "Give the connection's id (a number) or its name."),
                                          (2**40, f"Connection {2**40} does not exist.")])
def test_put_to_an_unknown_connection_is_refused_under_connection(client, add_trigger, ref, message):
    trigger = add_trigger()

    body = assert_error(client.put(f"{REST}/triggers/{trigger['id']}", json={"connection": ref}, headers=ADMIN),
                        400, "connection")
    assert body["errors"]["connection"] == message


def test_a_trigger_for_an_unknown_connection_is_not_found(client):
    response = client.post(f"{REST}/connections/999/triggers", json={"query": "project = DEMO"}, headers=ADMIN)

    assert_error(response, 404, message="Connection 999 does not exist.")


def test_an_unknown_connections_list_is_not_found(client):
    assert_error(client.get(f"{REST}/connections/999/triggers", headers=ADMIN), 404,
                 message="Connection 999 does not exist.")


def test_triggers_are_for_administrators(client, connection):
    response = client.get(f"{REST}/connections/{connection['id']}/triggers", headers=USER)

    assert_error(response, 403)


def test_bulk_exalate_answers_the_count(app, client, connection, add_trigger, recording_sync):
    trigger = add_trigger(query="project = DEMO AND labels = sync")
    with app.app_context():
        add_issue(labels=("sync",)), add_issue(), add_issue(labels=("sync",))
        db.session.commit()

    response = client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)

    assert response.status_code == 200
    assert response.get_json() == {"count": 2}
    assert recording_sync.calls == [("exalate", connection["id"], "DEMO-1", "admin"),
                          ("exalate", connection["id"], "DEMO-3", "admin")]


def test_bulk_unexalate_answers_the_count(app, client, connection, add_trigger, recording_sync):
    trigger = add_trigger()
    with app.app_context():
        add_issue()
        db.session.commit()

    response = client.post(f"{REST}/triggers/{trigger['id']}/bulk-unexalate", headers=ADMIN)

    assert response.get_json() == {"count": 1}
    assert recording_sync.calls == [("unexalate", connection["id"], "DEMO-1", "admin")]


def test_bulk_on_an_unknown_trigger_is_not_found(client, recording_sync):
    assert_error(client.post(f"{REST}/triggers/5/bulk-exalate", headers=ADMIN), 404,
                 message="Trigger 5 does not exist.")


def test_bulk_without_a_sync_engine_is_a_conflict(app, client, add_trigger, monkeypatch):
    monkeypatch.setattr(app.extensions["exalate"].triggers, "sync", None)
    trigger = add_trigger()

    assert_error(client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN), 409,
                 message="Issue sync is not running on this instance")


def test_the_trigger_resources_are_in_the_openapi_document(client):
    document = client.get(REST + "/openapi.json", headers=ADMIN).get_json()

    paths = {path.removeprefix(REST): operations for path, operations in document["paths"].items()}
    assert set(paths["/connections/{connectionId}/triggers"]) == {"get", "post"}
    assert set(paths["/triggers/{triggerId}"]) == {"get", "put", "delete"}
    assert "post" in paths["/triggers/{triggerId}/bulk-exalate"] and "post" in paths[
        "/triggers/{triggerId}/bulk-unexalate"]
    links = paths["/connections/{connectionId}/triggers"]["post"]["responses"]["201"]["links"]
    assert "get_trigger" in links and "bulk_exalate" in links
