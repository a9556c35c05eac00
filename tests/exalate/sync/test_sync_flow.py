"""Issues flow between two in-process instances (the ``network`` fixture routes their HTTP): Exalate makes
the twin in the incoming project, edits and comments follow both ways, no ping-pong."""

from __future__ import annotations

from factories import (
    ADMIN,
    REST,
    comment_at,
    connect,
    create_issue_at,
    exalate_at,
    fields_at,
    settle,
    sync_status,
)

from plugin.db import db


def test_exalate_makes_the_twin_in_the_incoming_project_with_the_type(app, app_b, client, client_b, sync_connection):
    initiated, _ = sync_connection
    key = create_issue_at(client, summary="Printer on fire", issuetype={"name": "Bug"})["key"]

    twin = exalate_at(client, key, initiated["connection"]["id"])
    settle(app, app_b)

    assert twin["status"] == "WAITING"
    [here] = sync_status(client, key)["twins"]
    assert here["status"] == "SYNCHRONIZED" and here["remoteIssueKey"] == "SUP-1"
    assert here["remoteIssueUrl"] == "http://jira-b.test:2990/browse/SUP-1"
    there = fields_at(client_b, "SUP-1")
    assert (there["summary"], there["issuetype"]["name"], there["project"]["key"]) == ("Printer on fire", "Bug", "SUP")
    [back] = sync_status(client_b, "SUP-1")["twins"]
    assert back["remoteIssueKey"] == key and back["status"] == "SYNCHRONIZED"


def edit(client, key: str, **fields) -> None:
    response = client.put(f"/rest/api/2/issue/{key}", json={"fields": fields}, headers=ADMIN)
    assert response.status_code == 204, response.get_data(as_text=True)


def comments(client, key: str) -> list[str]:
    return [c["body"] for c in client.get(f"/rest/api/2/issue/{key}/comment", headers=ADMIN).get_json()["comments"]]


def test_summary_description_and_labels_follow_an_edit_on_a(app, app_b, client, client_b, twins):
    edit(client, twins[0], summary="Printer still on fire", description="Smoke", labels=["fire", "printer"])
    settle(app, app_b)

    there = fields_at(client_b, twins[1])
    assert (there["summary"], there["description"], there["labels"]) == ("Printer still on fire", "Smoke",
                                                                          ["fire", "printer"])


def test_an_edit_on_b_follows_back_to_a(app, app_b, client, client_b, twins):
    edit(client_b, twins[1], summary="Renamed on B", labels=["b-side"])
    settle(app, app_b)

    here = fields_at(client, twins[0])
    assert (here["summary"], here["labels"]) == ("Renamed on B", ["b-side"])


def test_comments_arrive_with_their_author_both_ways(app, app_b, client, client_b, twins):
    comment_at(client, twins[0], "From A")
    comment_at(client_b, twins[1], "From B")
    settle(app, app_b)

    assert comments(client_b, twins[1]) == ["From B", "Administrator commented: From A"]
    assert comments(client, twins[0]) == ["From A", "Administrator commented: From B"]


def test_an_edited_and_a_deleted_comment_follow_on_the_twin(app, app_b, client, client_b, twins):
    kept, dropped = comment_at(client, twins[0], "First"), comment_at(client, twins[0], "Second")
    settle(app, app_b)
    assert client.put(f"/rest/api/2/issue/{twins[0]}/comment/{kept}", json={"body": "First, edited"},
                      headers=ADMIN).status_code == 200
    assert client.delete(f"/rest/api/2/issue/{twins[0]}/comment/{dropped}", headers=ADMIN).status_code == 204
    settle(app, app_b)

    assert comments(client_b, twins[1]) == ["Administrator commented: First, edited"]


def replicas_sent(app) -> int:
    from sqlalchemy import func, select

    from plugin.db import db
    from plugin.exalate.sync.models import EventKind, SyncEvent
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SyncEvent).where(SyncEvent.kind == EventKind.REPLICA))


def test_nothing_comes_back_over_the_connection_that_brought_it(app, app_b, client, client_b, twins):
    edit(client, twins[0], summary="Once")
    settle(app, app_b)
    comment_at(client_b, twins[1], "Once from B")
    settle(app, app_b)

    assert (replicas_sent(app), replicas_sent(app_b)) == (2, 1)  # exalate and edit on A; the comment on B
    assert comments(client, twins[0]) == ["Administrator commented: Once from B"]
    assert fields_at(client, twins[0])["summary"] == fields_at(client_b, twins[1])["summary"] == "Once"


def test_a_change_another_connection_brought_goes_on_over_this_one(app, app_b, client, client_b, twins, make_app,
                                                                    network):
    app_c = network.add(make_app("jira-c"))
    client_c = app_c.test_client()
    initiated, _ = connect(client_b, client_c, destinationUrl="http://jira-c.test:2990", name="JiraB_to_JiraC",
                           localShortName="JiraB", remoteShortName="JiraC", projectKey="SUP")
    exalate_at(client_b, twins[1], initiated["connection"]["id"])
    settle(app, app_b, app_c)

    edit(client, twins[0], summary="Told A to B to C")
    settle(app, app_b, app_c)

    [c_twin] = sync_status(client_b, twins[1])["twins"][1:]
    assert fields_at(client_c, c_twin["remoteIssueKey"])["summary"] == "Told A to B to C"


def test_bulk_exalate_of_a_trigger_sends_each_matching_issue(app, app_b, client, client_b, sync_connection):
    for labels in (["sync"], [], ["sync"]):
        create_issue_at(client, labels=labels)
    trigger = client.post(f"{REST}/connections/1/triggers", headers=ADMIN,
                          json={"query": "project = DEMO AND labels = sync"}).get_json()

    answer = client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)
    settle(app, app_b)

    assert answer.get_json() == {"count": 2}
    found = client_b.get("/rest/api/2/search", query_string={"jql": "project = SUP"}, headers=ADMIN).get_json()
    assert found["total"] == 2


def test_bulk_exalate_again_updates_the_issues_under_sync(app, app_b, client, client_b, sync_connection):
    key = create_issue_at(client, labels=["sync"])["key"]
    trigger = client.post(f"{REST}/connections/1/triggers", headers=ADMIN, json={"query": "labels = sync"}).get_json()
    client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)
    settle(app, app_b)
    with app.app_context():  # changed without telling anyone, as a database import would
        app.extensions["jira"].issues.get(key).summary = "Imported"
        db.session.commit()

    again = client.post(f"{REST}/triggers/{trigger['id']}/bulk-exalate", headers=ADMIN)
    settle(app, app_b)

    assert again.get_json() == {"count": 1}
    assert fields_at(client_b, "SUP-1")["summary"] == "Imported"


def add_trigger(client, connection_id: int, query: str) -> None:
    answer = client.post(f"{REST}/connections/{connection_id}/triggers", headers=ADMIN, json={"query": query})
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_an_issue_a_trigger_selects_is_exalated_when_created(app, app_b, client, client_b, sync_connection):
    add_trigger(client, 1, "project = DEMO AND labels = sync")
    picked = create_issue_at(client, labels=["sync"])["key"]
    left = create_issue_at(client)["key"]
    settle(app, app_b)

    assert sync_status(client, picked)["twins"][0]["status"] == "SYNCHRONIZED"
    assert sync_status(client, left)["twins"] == []


def test_triggers_selecting_everything_on_both_sides_make_one_twin_each(app, app_b, client, client_b,
                                                                         sync_connection):
    add_trigger(client, 1, "project = DEMO")
    add_trigger(client_b, sync_connection[1]["id"], "project = SUP")
    create_issue_at(client, summary="From A")
    create_issue_at(client_b, project={"key": "SUP"}, summary="From B")
    settle(app, app_b)

    for each, project in ((client, "DEMO"), (client_b, "SUP")):
        found = each.get("/rest/api/2/search", query_string={"jql": f"project = {project}"}, headers=ADMIN)
        assert sorted(i["fields"]["summary"] for i in found.get_json()["issues"]) == ["From A", "From B"]
