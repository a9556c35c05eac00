"""The sync monitoring resources: errors listed, read, retried and resolved; the queues of what is pending
with ``limit=0`` counting; ``cmonitor``; and Jira error bodies for every bad input."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, comment_at, create_issue_at, exalate_at, set_rules, settle

from rest.helpers import assert_error


def get(client, path: str):
    response = client.get(REST + path, headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.fixture
def held(app, app_b, client, client_b, twins, sync_connection):
    """B's incoming rules broken and a comment from A held at B: B's rules as they were."""
    working = set_rules(client_b, sync_connection[1]["id"], "issue.summary = replica.summry\n")
    comment_at(client, twins[0], "Held back")
    settle(app, app_b)
    return working


def test_errors_list_in_the_wire_shape(client_b, twins, held, sync_connection):
    body = get(client_b, "/errors")
    assert body["total"] == 1
    [error] = body["results"]
    assert set(error) == {"id", "status", "impact", "type", "connection", "localIssueKey", "remoteIssueKey",
                          "message", "lineNumber", "details", "created"}
    assert (error["status"], error["impact"], error["type"], error["lineNumber"]) == ("OPEN", "ISSUE", "SCRIPT", 1)
    assert (error["localIssueKey"], error["remoteIssueKey"]) == (twins[1], twins[0])
    assert error["connection"] == {"id": sync_connection[1]["id"], "name": sync_connection[1]["name"]}
    assert error["message"].startswith("No such property: summry")


def test_errors_filter_by_status_and_connection(client_b, held, sync_connection):
    name = sync_connection[1]["name"]
    assert get(client_b, "/errors?status=RESOLVED")["total"] == 0
    assert get(client_b, f"/errors?status=OPEN&connection={name}")["total"] == 1
    assert get(client_b, f"/errors?connection={sync_connection[1]['id']}")["total"] == 1


def test_an_error_is_read_by_its_id(client_b, held):
    [error] = get(client_b, "/errors")["results"]
    assert get(client_b, f"/errors/{error['id']}") == error


def test_retry_answers_202_and_the_worker_resolves_the_error(app, app_b, client_b, held, sync_connection):
    set_rules(client_b, sync_connection[1]["id"], held)
    [error] = get(client_b, "/errors")["results"]
    response = client_b.post(f"{REST}/errors/{error['id']}/retry", headers=ADMIN)
    assert response.status_code == 202, response.get_data(as_text=True)
    settle(app, app_b)
    assert get(client_b, f"/errors/{error['id']}")["status"] == "RESOLVED"


def test_resolve_answers_the_resolved_error_and_cmonitor_drops_it(client_b, held):
    [error] = get(client_b, "/errors")["results"]
    assert get(client_b, "/cmonitor") == {"numErrors": 1}
    response = client_b.post(f"{REST}/errors/{error['id']}/resolve", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["status"] == "RESOLVED"
    assert get(client_b, "/cmonitor") == {"numErrors": 0}


def test_retrying_a_resolved_error_is_a_conflict(client_b, held):
    [error] = get(client_b, "/errors")["results"]
    client_b.post(f"{REST}/errors/{error['id']}/resolve", headers=ADMIN)
    assert_error(client_b.post(f"{REST}/errors/{error['id']}/retry", headers=ADMIN), 409,
                 message="is resolved already")


def test_the_queues_list_what_is_pending_and_limit_0_counts_only(app, app_b, client, client_b, sync_connection):
    key = create_issue_at(client)["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    events = get(client, "/syncevents")
    assert (events["limit"], events["total"], [e["issueKey"] for e in events["results"]]) == (50, 1, [key])
    assert get(client, "/syncevents?limit=0") == {"limit": 0, "total": 1, "results": []}
    settle(app, app_b)
    assert get(client, "/syncevents")["total"] == 0
    assert get(client_b, "/syncrequests?connection=" + sync_connection[1]["name"]) == {
        "limit": 50, "total": 0, "results": []}


@pytest.mark.parametrize("path", ["/syncevents?limit=-1", "/syncevents?limit=x", "/syncrequests?limit=1001"])
def test_a_bad_limit_is_named(client, path):
    assert_error(client.get(REST + path, headers=ADMIN), 400, "limit")


def test_a_bad_status_filter_is_named(client):
    assert_error(client.get(REST + "/errors?status=CLOSED", headers=ADMIN), 400, "status",
                 message="status must be one of OPEN, RESOLVED.")


@pytest.mark.parametrize("path", ["/errors?connection=Nope", "/syncevents?connection=Nope",
                                  "/syncrequests?connection=42"])
def test_an_unknown_connection_is_named(client, path):
    assert_error(client.get(REST + path, headers=ADMIN), 404, "connection", message="does not exist")


@pytest.mark.parametrize("method, path", [("get", "/errors/99"), ("post", "/errors/99/retry"),
                                          ("post", "/errors/99/resolve"), ("post", f"/errors/{10 ** 40}/retry")])
def test_an_unknown_error_is_not_found(client, method, path):
    assert_error(getattr(client, method)(REST + path, headers=ADMIN), 404, message="does not exist.")


@pytest.mark.parametrize("path", ["/errors?connection=%00", "/syncevents?connection=", "/syncrequests?connection=%00"])
def test_an_unusable_connection_filter_is_named(client, path):
    assert_error(client.get(REST + path, headers=ADMIN), 400, "connection")
