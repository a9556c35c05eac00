"""Hostile text on the sync monitoring pages: an issue summary that travels in a replica and comes back as a sync
error's message (``debug.error(replica.summary)``), and values typed into the pages' filters and look-up. Each
is shown escaped on every page that shows it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from factories import create_issue_at, exalate_at, set_rules, settle

from plugin.web import exalate as current_exalate

from .test_escaping import PAYLOAD, SERVLET, assert_escaped

SUMMARY = "S" + PAYLOAD


def login(client):
    response = client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert response.status_code in (302, 303), response.text
    return client


@pytest.fixture
def hostile_error(app, app_b, client, client_b, sync_connection):
    """An issue of A with a hostile summary exalated to B, whose incoming rules raise it as the error message:
    A's key, B's connection id and the error's id."""
    connection_b = sync_connection[1]["id"]
    set_rules(client_b, connection_b, "debug.error(replica.summary)\n")
    key = create_issue_at(client, summary=SUMMARY)["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    settle(app, app_b)
    with app_b.app_context():
        [error] = current_exalate().sync.monitor.errors()
        return key, connection_b, error.id


def test_an_error_message_from_a_replica_is_escaped_on_every_page(client_b, hostile_error):
    key, connection_b, error_id = hostile_error
    login(client_b)
    for path in (f"{SERVLET}/errors", f"{SERVLET}/errors/{error_id}", f"{SERVLET}/connections/{connection_b}"):
        response = client_b.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.text, SUMMARY, page=path)


def test_a_replica_is_escaped_on_entity_sync_status(client, hostile_error):
    key, _, _ = hostile_error
    path = f"{SERVLET}/entity-sync-status?issueKey={key}"

    response = login(client).get(path)

    assert response.status_code == 200
    assert_escaped(response.text, page=path)
    assert "S&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.parametrize("path", ["entity-sync-status?issueKey=", "sync-queue?issueKey="])
def test_a_typed_issue_key_is_escaped(admin_client, path):
    response = admin_client.get(f"{SERVLET}/{path}{quote(PAYLOAD)}")

    assert response.status_code in (200, 400, 404)
    assert_escaped(response.text, PAYLOAD, page=path)
