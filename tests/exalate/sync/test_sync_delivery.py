"""What travels and how: attachments with identical bytes, Unexalate and deletion, ordered delivery, a peer
that is down, a delivery repeated, a failing incoming script that holds its twin."""

from __future__ import annotations

import io
import json

from factories import ADMIN, REST, URL_B, comment_at, create_issue_at, exalate_at, fields_at, settle, sync_status
from sqlalchemy import select

from plugin.db import db
from plugin.exalate.sync.delivery import REPORTED_ATTEMPTS
from plugin.exalate.sync.models import ErrorStatus, QueueState, SyncEvent, SyncRequest

PNG = bytes(range(256)) * 40  # binary, every byte value


def attach(client, key: str, name: str, content: bytes) -> dict:
    response = client.post(f"/rest/api/2/issue/{key}/attachments", data={"file": (io.BytesIO(content), name)},
                           headers={**ADMIN, "X-Atlassian-Token": "no-check"}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()[0]


def sync(app):
    return app.extensions["exalate"].sync


def test_an_attachment_arrives_with_identical_bytes(app, app_b, client, client_b, twins):
    attach(client, twins[0], "screen.png", PNG)
    settle(app, app_b)

    [there] = fields_at(client_b, twins[1])["attachment"]
    assert there["filename"] == "screen.png"
    assert client_b.get(f"/rest/api/2/attachment/content/{there['id']}", headers=ADMIN).data == PNG


def test_an_attachment_that_does_not_match_its_hash_is_refused(app, app_b, client, client_b, twins, network):
    attach(client, twins[0], "screen.png", PNG)
    with app.app_context():
        event = db.session.scalars(select(SyncEvent).order_by(SyncEvent.id.desc())).first()
        payload = json.loads(event.payload)
        payload["attachments"] = {key: "0" * 64 for key in payload["attachments"]}
        event.payload = json.dumps(payload)
        db.session.commit()
    settle(app, app_b)

    assert fields_at(client_b, twins[1])["attachment"] == []
    with app_b.app_context():
        [error] = sync(app_b).errors()
        assert "does not match its SHA-256 hash" in error.message and error.type.value == "ISSUE_TRACKER"


def test_unexalate_unlinks_both_sides_and_keeps_both_issues(app, app_b, client, client_b, twins, sync_connection):
    response = client.post(f"{REST}/issues/{twins[0]}/unexalate", json={"connection": "JiraA_to_JiraB"},
                           headers=ADMIN)
    settle(app, app_b)

    assert response.status_code == 204
    assert sync_status(client, twins[0])["twins"] == [] and sync_status(client_b, twins[1])["twins"] == []
    comment_at(client, twins[0], "After unexalate")
    settle(app, app_b)
    assert fields_at(client_b, twins[1])["summary"] == fields_at(client, twins[0])["summary"] == "Printer on fire"
    assert fields_at(client_b, twins[1])["comment"]["comments"] == []


def test_deleting_an_issue_unlinks_its_twin_which_stays(app, app_b, client, client_b, twins):
    assert client.delete(f"/rest/api/2/issue/{twins[0]}", headers=ADMIN).status_code == 204
    settle(app, app_b)

    assert sync_status(client_b, twins[1])["twins"] == []
    assert fields_at(client_b, twins[1])["summary"] == "Printer on fire"


def test_a_later_event_waits_for_an_earlier_one_of_its_twin(app, app_b, client, client_b, twins):
    move_peer(app, "http://jira-gone.test:2990")
    comment_at(client, twins[0], "First")
    settle(app, app_b)  # the first fails and waits for its backoff
    move_peer(app, URL_B)
    comment_at(client, twins[0], "Second")
    settle(app, app_b)

    assert fields_at(client_b, twins[1])["comment"]["comments"] == []
    release_backoff(app)
    settle(app, app_b)
    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: First", "Administrator commented: Second"]


def release_backoff(app) -> None:
    with app.app_context():
        for event in db.session.scalars(select(SyncEvent).where(SyncEvent.state == QueueState.PENDING)):
            event.next_attempt_at = event.created
        db.session.commit()


def test_a_peer_that_is_down_is_retried_and_nothing_is_lost(app, app_b, client, client_b, twins):
    move_peer(app, "http://jira-gone.test:2990")  # nothing answers there
    comment_at(client, twins[0], "While B is down")
    settle(app, app_b)
    with app.app_context():
        [event] = db.session.scalars(select(SyncEvent).where(SyncEvent.state == QueueState.PENDING)).all()
        assert event.attempts == 1 and event.next_attempt_at > event.created
    release_backoff(app)
    move_peer(app, URL_B)
    settle(app, app_b)

    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: While B is down"]


def test_a_step_calls_a_node_that_is_down_once_and_keeps_its_other_events_back(app, client, twins,
                                                                                sync_connection):
    other = create_issue_at(client, summary="Second issue")["key"]
    exalate_at(client, other, sync_connection[0]["connection"]["id"])
    move_peer(app, "http://jira-gone.test:2990")
    comment_at(client, twins[0], "While B is down")
    with app.app_context():
        sync(app).work_once()
        events = db.session.scalars(select(SyncEvent).where(SyncEvent.state == QueueState.PENDING)
                                    .order_by(SyncEvent.id)).all()

        assert [event.attempts for event in events] == [1, 0]  # the second waits for a later step
        assert all(event.claim is None for event in events)


def move_peer(app, url: str) -> None:
    from plugin.exalate.models import Connection
    with app.app_context():
        db.session.scalars(select(Connection)).one().remote_url = url
        db.session.commit()


def test_a_repeated_delivery_is_applied_once(app, app_b, client, client_b, twins):
    comment_at(client, twins[0], "Only once")
    with app.app_context():
        event = db.session.scalars(select(SyncEvent).where(SyncEvent.state == QueueState.PENDING)).one()
        sync(app).delivery.deliver(event)
        event.state = QueueState.PENDING  # as if the answer had been lost: delivered again
        db.session.commit()
    settle(app, app_b)

    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: Only once"]


def test_a_failing_incoming_script_holds_the_twin_and_is_listed(app, app_b, client, client_b, twins,
                                                                 sync_connection):
    rules = client_b.get(f"{REST}/connections/{sync_connection[1]['id']}/rules", headers=ADMIN).get_json()
    broken = client_b.put(f"{REST}/connections/{sync_connection[1]['id']}/rules", headers=ADMIN,
                          json={**rules, "incoming": "issue.summary = replica.summry\n"})
    assert broken.status_code == 200, broken.get_data(as_text=True)
    comment_at(client, twins[0], "First")
    comment_at(client, twins[0], "Second")
    settle(app, app_b)

    with app_b.app_context():
        [error] = sync(app_b).errors(status=ErrorStatus.OPEN)
        assert (error.type.value, error.impact.value, error.line) == ("SCRIPT", "ISSUE", 1)
        assert "No such property: summry" in error.message
        assert error.remote_issue_key == twins[0] and error.local_issue_key == twins[1]
        states = db.session.scalars(select(SyncRequest.state).order_by(SyncRequest.id)).all()
    assert states[-2:] == [QueueState.ERROR, QueueState.PENDING]  # the later one waits behind it
    assert sync_status(client_b, twins[1])["twins"][0]["status"] == "ERROR"


def test_a_deleted_attachment_is_deleted_on_the_twin(app, app_b, client, client_b, twins):
    attached = attach(client, twins[0], "old.log", b"old lines")
    settle(app, app_b)
    assert client.delete(f"/rest/api/2/attachment/{attached['id']}", headers=ADMIN).status_code == 204
    settle(app, app_b)

    assert fields_at(client_b, twins[1])["attachment"] == []


def test_a_peer_that_stays_down_is_listed_as_a_network_error(app, app_b, client, twins):
    move_peer(app, "http://jira-gone.test:2990")
    comment_at(client, twins[0], "Nobody hears")
    for _ in range(REPORTED_ATTEMPTS):
        release_backoff(app)
        settle(app)

    with app.app_context():
        [error] = sync(app).errors(status=ErrorStatus.OPEN)
        assert (error.type.value, error.local_issue_key) == ("NETWORK", twins[0])
        assert "could not be reached" in error.message
        assert sync(app).pending_events() == 1  # still retried


def test_a_subtask_arrives_under_the_twin_of_its_parent(app, app_b, client, client_b, twins):
    subtask = create_issue_at(client, summary="Smaller fire", issuetype={"name": "Sub-task"},
                              parent={"key": twins[0]})["key"]
    exalate_at(client, subtask, 1)
    settle(app, app_b)

    remote_key = sync_status(client, subtask)["twins"][0]["remoteIssueKey"]
    there = fields_at(client_b, remote_key)
    assert (there["issuetype"]["name"], there["parent"]["key"]) == ("Sub-task", twins[1])


def test_an_attachment_larger_than_other_node_answers_arrives(app, app_b, client, client_b, twins):
    content = bytes(range(256)) * 6000  # 1.5 MB: past the outbound limit, within the attachment limit
    attach(client, twins[0], "dump.bin", content)
    settle(app, app_b)

    [there] = fields_at(client_b, twins[1])["attachment"]
    assert client_b.get(f"/rest/api/2/attachment/content/{there['id']}", headers=ADMIN).data == content


def test_an_issue_whose_replica_is_larger_than_a_rest_body_gets_its_twin(app, app_b, client, client_b,
                                                                         sync_connection):
    """A long history (40 long comments: a replica past MAX_CONTENT_LENGTH) is still one sync message."""
    key = create_issue_at(client, summary="Long history")["key"]
    for number in range(40):
        comment_at(client, key, f"{number} " + "c" * 30_000)
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    settle(app, app_b)

    [twin] = sync_status(client, key)["twins"]
    assert twin["status"] == "SYNCHRONIZED"
    comments = client_b.get(f"/rest/api/2/issue/{twin['remoteIssueKey']}/comment", headers=ADMIN).get_json()
    assert comments["total"] == 40
