"""Receiving a sync event from the other end: the request's token is spent in the transaction that stores
the event, and a token is accepted once, also with an event that arrives again."""

from __future__ import annotations

import pytest
from factories import REST, comment_at
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from plugin.db import db
from plugin.exalate import nodeauth
from plugin.exalate.models import NodeTokenUse
from plugin.exalate.sync.models import QueueState, SyncEvent, SyncRequest
from plugin.exalate.sync.pull import message

REPLAYED = "This token has been used before."


@pytest.fixture
def pending(app, client, twins):
    """A comment on A's twin: the message of its pending event and a maker of tokens for it (A signing to B)."""
    comment_at(client, twins[0], "Travelling")
    with app.app_context():
        queued = db.session.scalars(select(SyncEvent).where(SyncEvent.state == QueueState.PENDING)).one()
        connection = queued.connection
        sender, receiver, secret = connection.uid, connection.remote_uid, connection.shared_secret
        sent = message(queued)
    return sent, receiver, lambda: nodeauth.issue(secret, sender=sender, receiver=receiver)


def _deliver(client_b, receiver: str, token: str, sent: dict):
    return client_b.post(f"{REST}/node/connections/{receiver}/sync", json=sent, headers={nodeauth.HEADER: token})


def _requests(app_b) -> int:
    with app_b.app_context():
        return db.session.scalar(select(func.count()).select_from(SyncRequest))


def test_an_event_and_its_token_are_stored_in_one_commit(app_b, client_b, pending):
    sent, receiver, token = pending
    stored_before = _requests(app_b)
    commits = []
    record = lambda session: commits.append(session)  # noqa: E731
    event.listen(Session, "after_commit", record)
    try:
        response = _deliver(client_b, receiver, token(), sent)
    finally:
        event.remove(Session, "after_commit", record)

    assert response.status_code == 202, response.get_data(as_text=True)
    assert len(commits) == 1
    assert _requests(app_b) == stored_before + 1
    with app_b.app_context():
        assert db.session.scalar(select(func.count()).select_from(NodeTokenUse)) >= 1


def test_a_spent_token_stores_nothing(app_b, client_b, pending):
    sent, receiver, token = pending
    used = token()
    assert _deliver(client_b, receiver, used, {**sent, "eventId": "other-event"}).status_code == 202
    stored_before = _requests(app_b)

    replayed = _deliver(client_b, receiver, used, sent)

    assert replayed.status_code == 401
    assert replayed.get_json()["errorMessages"] == [REPLAYED]
    assert _requests(app_b) == stored_before


def test_a_token_that_brought_an_event_again_is_still_spent(app_b, client_b, pending):
    sent, receiver, token = pending
    assert _deliver(client_b, receiver, token(), sent).status_code == 202
    again = token()
    assert _deliver(client_b, receiver, again, sent).status_code == 202  # stored once, answered as taken
    stored = _requests(app_b)

    replayed = _deliver(client_b, receiver, again, {**sent, "eventId": "another-event"})

    assert replayed.status_code == 401
    assert replayed.get_json()["errorMessages"] == [REPLAYED]
    assert _requests(app_b) == stored

