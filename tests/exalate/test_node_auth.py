"""After the handshake the two ends authenticate each other with the shared secret: short-lived
HS256 tokens in ``X-exalate-jwt``; a removed end is noticed on the next call."""

from __future__ import annotations

import logging

import pytest
import requests
from factories import AUTH, REST, connect_at, mock_exalate

from plugin.exalate import nodeauth

A, B = "http://jira-a.test", "http://jira-b.test"
REMOVED = "Connection `A_to_B` not found. Seems like it was removed on the Destination side."


@pytest.fixture
def connected():
    """Two mocked instances with an active Script connection; (end on A, end on B, secret)."""
    with mock_exalate(A, B) as nodes:
        initiated, end_b = connect_at(A, B, localShortName="A", remoteShortName="B", name="A_to_B")
        secret = _secret_of(nodes, A, initiated["connection"]["id"])
        yield nodes, initiated["connection"], end_b, secret


def _secret_of(nodes, url, connection_id):
    from plugin.web import exalate

    with nodes[url].app.app_context():
        return exalate().connections.get(connection_id).shared_secret


def _uids(nodes, end_a):
    from plugin.web import exalate

    with nodes[A].app.app_context():
        connection = exalate().connections.get(end_a["id"])
        return connection.uid, connection.remote_uid


def test_check_reports_a_healthy_partner(connected):
    _, end_a, _, _ = connected
    checked = requests.post(f"{A}{REST}/connections/{end_a['id']}/check", auth=AUTH)
    assert checked.status_code == 200
    assert checked.json()["status"] == "ACTIVE"


def test_removing_one_end_puts_the_other_in_error_on_its_next_call(connected):
    _, end_a, end_b, _ = connected
    assert requests.delete(f"{B}{REST}/connections/{end_b['id']}", auth=AUTH).status_code == 204
    checked = requests.post(f"{A}{REST}/connections/{end_a['id']}/check", auth=AUTH).json()
    assert checked["status"] == "ERROR"
    assert checked["errorMessage"] == REMOVED


def test_activating_learns_the_partner_was_removed(connected):
    _, end_a, end_b, _ = connected
    requests.post(f"{A}{REST}/connections/{end_a['id']}/deactivate", auth=AUTH)
    requests.delete(f"{B}{REST}/connections/{end_b['id']}", auth=AUTH)
    refused = requests.post(f"{A}{REST}/connections/{end_a['id']}/activate", auth=AUTH)
    assert refused.status_code == 409
    assert refused.json()["errorMessages"] == [REMOVED]
    assert requests.get(f"{A}{REST}/connections/{end_a['id']}", auth=AUTH).json()["status"] == "ERROR"


def _ask(nodes, receiver_uid, token):
    headers = {} if token is None else {nodeauth.HEADER: token}
    return nodes[B].client.get(f"{REST}/node/connections/{receiver_uid}", headers=headers)


def test_a_valid_token_is_accepted_once(connected):
    nodes, end_a, _, secret = connected
    sender, receiver = _uids(nodes, end_a)
    token = nodeauth.issue(secret, sender=sender, receiver=receiver)
    first = _ask(nodes, receiver, token)
    assert first.status_code == 200
    assert first.json == {"uid": receiver, "name": "A_to_B", "status": "ACTIVE"}
    replayed = _ask(nodes, receiver, token)
    assert replayed.status_code == 401
    assert replayed.json["errorMessages"] == ["This token has been used before."]


@pytest.mark.parametrize("forge", ["missing", "garbage", "wrong-secret", "expired", "other-sender", "none-alg"])
def test_bad_tokens_are_refused_and_logged(connected, forge, caplog):
    nodes, end_a, _, secret = connected
    sender, receiver = _uids(nodes, end_a)
    token = {
        "missing": None,
        "garbage": "a.b.c",
        "wrong-secret": nodeauth.issue("not-the-secret", sender=sender, receiver=receiver),
        "other-sender": nodeauth.issue(secret, sender="0" * 32, receiver=receiver),
        "expired": _expired(secret, sender, receiver),
        "none-alg": _unsigned(sender, receiver),
    }[forge]
    with caplog.at_level(logging.WARNING, logger="plugin.exalate.partners"):
        refused = _ask(nodes, receiver, token)
    assert refused.status_code == 401
    assert refused.json["errorMessages"] == ["The request is not signed for this connection."]
    assert any("Refused a node request" in record.message for record in caplog.records)


def test_an_unknown_connection_is_404(connected):
    nodes, *_ = connected
    assert _ask(nodes, "f" * 32, None).status_code == 404


def test_the_shared_secret_is_never_shown(connected):
    nodes, end_a, end_b, secret = connected
    for url, end in ((A, end_a), (B, end_b)):
        for path in ("", "/rules"):
            assert secret not in requests.get(f"{url}{REST}/connections/{end['id']}{path}", auth=AUTH).text
        assert secret not in requests.get(f"{url}{REST}/connections", auth=AUTH).text
        assert requests.get(f"{url}{REST}/connections/{end['id']}/invitation", auth=AUTH).status_code == 409
    page = nodes[A].client
    page.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert secret not in page.get(f"/plugins/servlet/exalate/connections/{end_a['id']}").get_data(as_text=True)


def _expired(secret, sender, receiver):
    import time
    from unittest import mock

    with mock.patch.object(nodeauth, "now_ms", return_value=int(time.time() * 1000) - 120_000):
        return nodeauth.issue(secret, sender=sender, receiver=receiver)


def _unsigned(sender, receiver):
    header = nodeauth._encode({"typ": "JWT", "alg": "none"})
    payload = nodeauth._encode({"iss": "EXALATE", "sender": sender, "sub": receiver, "iat": nodeauth.now_ms(),
                                "exp": nodeauth.now_ms() + 1000, "jti": "x"})
    return f"{header}.{payload}."


def test_the_other_end_can_withdraw_this_end_only_with_a_valid_token(connected):
    nodes, end_a, end_b, secret = connected
    sender, receiver = _uids(nodes, end_a)
    forged = nodeauth.issue("forged", sender=sender, receiver=receiver)
    refused = nodes[B].client.delete(f"{REST}/node/connections/{receiver}", headers={nodeauth.HEADER: forged})
    assert refused.status_code == 401
    assert requests.get(f"{B}{REST}/connections/{end_b['id']}", auth=AUTH).status_code == 200

    token = nodeauth.issue(secret, sender=sender, receiver=receiver)
    withdrawn = nodes[B].client.delete(f"{REST}/node/connections/{receiver}", headers={nodeauth.HEADER: token})
    assert withdrawn.status_code == 204
    assert requests.get(f"{B}{REST}/connections/{end_b['id']}", auth=AUTH).status_code == 404
