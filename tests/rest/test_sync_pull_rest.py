"""The node-to-node resources a private connection syncs through (``…/sync/pending``, ``…/sync/taken``): signed
calls only, only for the public end of a private connection, Jira error bodies for bad input; and the issue
operations over a local connection, which stay refused."""

from __future__ import annotations

from factories import ADMIN, OWN_URL, REST, URL_B, connect, create_connection, create_issue_at, exalate_at

from plugin.db import db
from plugin.exalate import nodeauth
from plugin.exalate.models import Connection
from rest.helpers import assert_error


def signed_by_partner(app, connection_id: int = 1) -> tuple[str, dict]:
    """The uid of ``app``'s end and a node token from its partner."""
    with app.app_context():
        end = db.session.get(Connection, connection_id)
        return end.uid, {nodeauth.HEADER: nodeauth.issue(end.shared_secret, sender=end.remote_uid, receiver=end.uid)}


def pending(client, uid: str, headers: dict, **query):
    return client.get(f"{REST}/node/connections/{uid}/sync/pending", query_string=query, headers=headers)


def test_pending_answers_the_waiting_events_oldest_first(app, client, client_b):
    connect(client, client_b)
    keys = [create_issue_at(client, summary=f"Issue {n}")["key"] for n in range(3)]
    for key in keys:
        exalate_at(client, key, 1)
    uid, headers = signed_by_partner(app)

    answer = pending(client, uid, headers, limit="2")

    assert answer.status_code == 200, answer.get_data(as_text=True)
    results = answer.get_json()["results"]
    assert [(r["kind"], r["issueKey"], r["eventId"]) for r in results] == [
        ("REPLICA", keys[0], f"{uid}-1"), ("REPLICA", keys[1], f"{uid}-2")]


def test_pending_refuses_an_unsigned_call(app, client, client_b):
    connect(client, client_b)
    uid, _ = signed_by_partner(app)
    assert_error(pending(client, uid, {}), 401, message="The request is not signed for this connection.")


def test_pending_refuses_a_limit_out_of_range(app, client, client_b):
    connect(client, client_b)
    uid, headers = signed_by_partner(app)
    assert_error(pending(client, uid, headers, limit="0"), 400, "limit", message="limit must be a number from 1")


def test_the_events_of_a_public_connection_are_not_handed_over(app, client, client_b):
    connect(client, client_b, destinationUrl=URL_B)
    uid, headers = signed_by_partner(app)
    assert_error(pending(client, uid, headers), 409,
                 message="Connection JiraA_to_JiraB delivers its events itself: they are not fetched.")


def test_taken_counts_the_events_it_marks_delivered_once(app, client, client_b):
    connect(client, client_b)
    exalate_at(client, create_issue_at(client)["key"], 1)
    uid, headers = signed_by_partner(app)
    url = f"{REST}/node/connections/{uid}/sync/taken"

    first = client.post(url, json={"eventIds": [f"{uid}-1", "someone-else-1", f"{uid}-99"]}, headers=headers)
    _, headers = signed_by_partner(app)
    again = client.post(url, json={"eventIds": [f"{uid}-1"]}, headers=headers)

    assert (first.status_code, first.get_json(), again.get_json()) == (200, {"count": 1}, {"count": 0})


def test_taken_needs_a_list_of_event_ids(app, client, client_b):
    connect(client, client_b)
    uid, headers = signed_by_partner(app)
    answer = client.post(f"{REST}/node/connections/{uid}/sync/taken", json={"eventIds": "1"}, headers=headers)
    assert_error(answer, 400, "eventIds")


def test_an_issue_cannot_be_exalated_over_a_local_connection(client):
    create_connection(client, destinationUrl=OWN_URL, destinationProjectKey="SUP")
    key = create_issue_at(client)["key"]
    answer = client.post(f"{REST}/issues/{key}/exalate", json={"connection": 1}, headers=ADMIN)
    assert_error(answer, 409, "connection",
                 message="Connection JiraA_to_JiraB is local: issues cannot be synced within one instance yet.")
