"""Issues flow between two in-process instances (the ``network`` fixture routes their HTTP): Exalate makes
the twin in the incoming project, edits and comments follow both ways, no ping-pong."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, URL_B, connect, create_issue_at, settle, sync_status


@pytest.fixture
def linked(client, client_b):
    """A connection DEMO (A) → SUP (B): A's end and B's end."""
    return connect(client, client_b, destinationUrl=URL_B)


def exalate(client, key: str, connection) -> dict:
    response = client.post(f"{REST}/issues/{key}/exalate", json={"connection": connection}, headers=ADMIN)
    assert response.status_code == 202, response.get_data(as_text=True)
    return response.get_json()


def issue(client, key: str) -> dict:
    response = client.get(f"/rest/api/2/issue/{key}", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["fields"]


def test_exalate_makes_the_twin_in_the_incoming_project_with_the_type(app, app_b, client, client_b, linked):
    initiated, _ = linked
    key = create_issue_at(client, summary="Printer on fire", issuetype={"name": "Bug"})["key"]

    twin = exalate(client, key, initiated["connection"]["id"])
    settle(app, app_b)

    assert twin["status"] == "WAITING"
    [here] = sync_status(client, key)["twins"]
    assert here["status"] == "SYNCHRONIZED" and here["remoteIssueKey"] == "SUP-1"
    assert here["remoteIssueUrl"] == "http://jira-b.test:2990/browse/SUP-1"
    there = issue(client_b, "SUP-1")
    assert (there["summary"], there["issuetype"]["name"], there["project"]["key"]) == ("Printer on fire", "Bug", "SUP")
    [back] = sync_status(client_b, "SUP-1")["twins"]
    assert back["remoteIssueKey"] == key and back["status"] == "SYNCHRONIZED"
