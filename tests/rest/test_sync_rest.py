"""The issue sync resources: Exalate, Connect, Unexalate and sync status, their Jira error bodies, and the
node-to-node resources' refusal of unsigned calls."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER, create_issue_at, exalate_at, fields_at, settle, sync_status

from rest.helpers import assert_error


def post(client, path: str, body: dict, headers=ADMIN):
    return client.post(REST + path, json=body, headers=headers)


def test_an_issue_not_under_sync_has_no_twins(client):
    key = create_issue_at(client)["key"]
    assert sync_status(client, key) == {"issueKey": key, "twins": []}


def test_the_sync_status_of_an_unknown_issue_is_not_found(client):
    assert_error(client.get(REST + "/issues/DEMO-99/sync-status", headers=ADMIN), 404,
                 message="Issue 'DEMO-99' does not exist.")


@pytest.mark.parametrize("name", ["Nope", "No\x00pe"], ids=["unknown", "nul"])
def test_exalate_names_an_unknown_connection(client, sync_connection, name):
    """Also a name no database could hold (PostgreSQL refuses NUL): it names no connection."""
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/exalate", {"connection": name}), 404, "connection",
                 message=f"Connection '{name}' does not exist.")


def test_exalate_needs_a_connection(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/exalate", {}), 400, "connection")
    assert_error(post(client, f"/issues/{key}/exalate", {"connection": ["JiraA_to_JiraB"]}), 400, "connection")


def test_exalate_names_an_unknown_issue(client, sync_connection):
    assert_error(post(client, "/issues/DEMO-42/exalate", {"connection": 1}), 404,
                 message="Issue 'DEMO-42' does not exist.")


def test_exalate_refuses_a_connection_that_is_not_active(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert client.post(f"{REST}/connections/1/deactivate", headers=ADMIN).status_code == 200
    assert_error(post(client, f"/issues/{key}/exalate", {"connection": 1}), 409, "connection",
                 message="Connection JiraA_to_JiraB is Deactivated: it cannot sync issues.")


def test_exalate_refuses_an_issue_already_under_the_connection(client, sync_connection):
    key = create_issue_at(client)["key"]
    exalate_at(client, key, 1)
    assert_error(post(client, f"/issues/{key}/exalate", {"connection": "jiraa_to_jirab"}), 409, "issueKey",
                 message=f"Issue {key} is already under sync with connection JiraA_to_JiraB.")


def test_exalate_is_for_administrators(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/exalate", {"connection": 1}, USER), 403)


def test_unexalate_refuses_an_issue_not_under_the_connection(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/unexalate", {"connection": 1}), 409, "issueKey",
                 message=f"Issue {key} is not under sync with connection JiraA_to_JiraB.")


def test_connect_links_two_existing_issues(app, app_b, client, client_b, sync_connection):
    key = create_issue_at(client, summary="Linked here")["key"]
    remote = create_issue_at(client_b, project={"key": "SUP"}, summary="Already there")["key"]

    answer = post(client, f"/issues/{key}/connect", {"connection": 1, "remoteIssueKey": remote})
    settle(app, app_b)

    assert answer.status_code == 202, answer.get_data(as_text=True)
    assert sync_status(client, key)["twins"][0]["remoteIssueKey"] == remote
    assert sync_status(client_b, remote)["twins"][0]["remoteIssueKey"] == key
    assert fields_at(client_b, remote)["summary"] == "Linked here"
    assert client_b.get("/rest/api/2/issue/SUP-2", headers=ADMIN).status_code == 404  # nothing new made


def test_connect_needs_the_remote_issue_key(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/connect", {"connection": 1}), 400, "remoteIssueKey")


def test_the_node_sync_resource_refuses_an_unsigned_call(app_b, client_b, sync_connection):
    from plugin.db import db
    from plugin.exalate.models import Connection
    with app_b.app_context():
        uid = db.session.get(Connection, sync_connection[1]["id"]).uid
    answer = client_b.post(f"{REST}/node/connections/{uid}/sync", json={"kind": "REPLICA"})
    assert_error(answer, 401, message="The request is not signed for this connection.")


def test_connect_refuses_a_remote_key_longer_than_a_key_can_be(client, sync_connection):
    key = create_issue_at(client)["key"]
    assert_error(post(client, f"/issues/{key}/connect", {"connection": 1, "remoteIssueKey": "SUP-" + "1" * 40}),
                 400, "remoteIssueKey")


def test_connect_to_an_issue_linked_already_is_an_error_there(app, app_b, client, client_b, twins):
    key = create_issue_at(client, summary="Another")["key"]
    assert post(client, f"/issues/{key}/connect", {"connection": 1, "remoteIssueKey": twins[1]}).status_code == 202
    settle(app, app_b)

    with app_b.app_context():
        [error] = app_b.extensions["exalate"].sync.errors()
        assert error.message == f"Issue {twins[1]} is already under sync with connection JiraA_to_JiraB."
    assert sync_status(client_b, twins[1])["twins"][0]["remoteIssueKey"] == twins[0]


def test_connect_to_an_issue_that_does_not_exist_there_is_an_error_there(app, app_b, client, client_b,
                                                                         sync_connection):
    key = create_issue_at(client)["key"]
    assert post(client, f"/issues/{key}/connect", {"connection": 1, "remoteIssueKey": "SUP-404"}).status_code == 202
    settle(app, app_b)

    with app_b.app_context():
        [error] = app_b.extensions["exalate"].sync.errors()
        assert (error.message, error.type.value) == ("Issue SUP-404 does not exist.", "ISSUE_TRACKER")


def signed_for(app_b, connection_id: int) -> tuple[str, dict]:
    """B's end's uid and a node token its partner (A) would send."""
    from plugin.db import db
    from plugin.exalate import nodeauth
    from plugin.exalate.models import Connection
    with app_b.app_context():
        end = db.session.get(Connection, connection_id)
        token = nodeauth.issue(end.shared_secret, sender=end.remote_uid, receiver=end.uid)
        return end.uid, {nodeauth.HEADER: token}


def test_the_node_sync_resource_refuses_an_event_without_a_replica(app_b, client_b, sync_connection):
    uid, headers = signed_for(app_b, sync_connection[1]["id"])
    event = {"kind": "REPLICA", "eventId": "x-1", "issueId": "1", "issueKey": "DEMO-1", "replica": ["not", "one"]}
    assert_error(client_b.post(f"{REST}/node/connections/{uid}/sync", json=event, headers=headers), 400, "replica")


def test_the_node_sync_resource_refuses_what_is_not_a_sync_event(app_b, client_b, sync_connection):
    uid, headers = signed_for(app_b, sync_connection[1]["id"])
    event = {"kind": "ACK", "eventId": "x-1", "issueId": "1", "issueKey": "DEMO-1"}
    assert_error(client_b.post(f"{REST}/node/connections/{uid}/sync", json=event, headers=headers), 400,
                 message="This is not a sync event.")
