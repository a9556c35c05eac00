"""Bulk Connect and Clean-up over REST: a result per pair, the counts, and Jira error bodies for a bad body,
an unknown or inactive connection."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER, create_issue_at, settle, sync_status

from rest.helpers import assert_error


def post(client, path: str, body: dict | None = None, headers=ADMIN):
    return client.post(REST + path, json=body if body is not None else {}, headers=headers)


def pairs(*keys: tuple[str, str]) -> dict:
    return {"pairs": [{"localIssueKey": local, "remoteIssueKey": remote} for local, remote in keys]}


@pytest.fixture
def issues(client, client_b, sync_connection):
    for summary in ("First", "Second"):
        create_issue_at(client, summary=summary)
        create_issue_at(client_b, summary=summary, project={"key": "SUP"})
    return sync_connection[0]["connection"]["id"]


def test_bulk_connect_answers_a_result_per_pair_and_the_counts(client, issues):
    response = post(client, f"/connections/{issues}/bulk-connect", pairs(("DEMO-1", "SUP-1"), ("DEMO-7", "SUP-2")))

    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == {
        "results": [{"localIssueKey": "DEMO-1", "remoteIssueKey": "SUP-1", "status": "CONNECTED", "message": None},
                    {"localIssueKey": "DEMO-7", "remoteIssueKey": "SUP-2", "status": "FAILED",
                     "message": "Issue 'DEMO-7' does not exist."}],
        "connected": 1, "failed": 1}


def test_bulk_connect_refuses_a_body_without_pairs(client, issues):
    assert_error(post(client, f"/connections/{issues}/bulk-connect", {}), 400, "pairs")


def test_bulk_connect_refuses_pairs_that_are_not_objects_of_strings(client, issues):
    body = {"pairs": [{"localIssueKey": 1, "remoteIssueKey": ["SUP-1"]}]}
    assert_error(post(client, f"/connections/{issues}/bulk-connect", body), 400, "pairs.0.localIssueKey",
                 "pairs.0.remoteIssueKey")


def test_bulk_connect_refuses_a_pair_that_is_a_string(client, issues):
    assert_error(post(client, f"/connections/{issues}/bulk-connect", {"pairs": ["DEMO-1,SUP-1"]}), 400, "pairs.0")


def test_bulk_connect_refuses_more_than_a_thousand_pairs(client, issues):
    too_many = pairs(*[(f"DEMO-{n}", f"SUP-{n}") for n in range(1, 1002)])
    assert_error(post(client, f"/connections/{issues}/bulk-connect", too_many), 400, "pairs",
                 message="Give at most 1,000 pairs at a time (1,001 were given).")


def test_bulk_connect_names_an_unknown_connection(client, issues):
    assert_error(post(client, "/connections/99/bulk-connect", pairs(("DEMO-1", "SUP-1"))), 404, "connection",
                 message="Connection '99' does not exist.")


def test_bulk_connect_refuses_a_deactivated_connection(client, issues):
    assert client.post(f"{REST}/connections/{issues}/deactivate", headers=ADMIN).status_code == 200
    assert_error(post(client, f"/connections/{issues}/bulk-connect", pairs(("DEMO-1", "SUP-1"))), 409, "connection",
                 message="Connection JiraA_to_JiraB is Deactivated: it cannot sync issues.")


def test_bulk_connect_is_for_administrators(client, issues):
    assert_error(post(client, f"/connections/{issues}/bulk-connect", pairs(("DEMO-1", "SUP-1")), USER), 403)


def test_clean_up_answers_how_many_were_unexalated(app, app_b, client, issues):
    post(client, f"/connections/{issues}/bulk-connect", pairs(("DEMO-1", "SUP-1"), ("DEMO-2", "SUP-2")))
    settle(app, app_b)

    response = post(client, f"/connections/{issues}/clean-up")

    assert (response.status_code, response.get_json()) == (200, {"count": 2})
    assert sync_status(client, "DEMO-1")["twins"] == []


def test_clean_up_names_an_unknown_connection(client, issues):
    assert_error(post(client, "/connections/99/clean-up"), 404, "connection", message="Connection '99' does not exist.")


def test_clean_up_is_for_administrators(client, issues):
    assert_error(post(client, f"/connections/{issues}/clean-up", headers=USER), 403)
