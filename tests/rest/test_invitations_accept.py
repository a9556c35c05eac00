"""Accepting an invitation across two instances: POST /invitations/accept on the acceptor, which
calls POST /node/handshake on the initiator. Each instance is a real app with its own database;
the acceptor's outbound call is routed into the initiator's test client (see ``network``)."""

from __future__ import annotations

import threading
import time

import pytest
import requests
import responses
from factories import ADMIN, REST, URL_B, accept, create_connection
from factories import OWN_URL as URL_A

from plugin.exalate import invitations

from .helpers import assert_error, lose_first_handshake_answer

HANDSHAKE = REST + "/node/handshake"


def connections(client) -> list[dict]:
    return client.get(REST + "/connections", headers=ADMIN).get_json()["results"]


def connection(client, connection_id) -> dict:
    return client.get(REST + f"/connections/{connection_id}", headers=ADMIN).get_json()


def flip(text: str) -> str:
    return ("B" if text[0] == "A" else "A") + text[1:]


def with_bad_signature(code: str) -> str:
    payload, signature = code.rsplit(".", 1)
    return payload + "." + flip(signature)


def with_bad_payload(code: str) -> str:
    payload, signature = code.rsplit(".", 1)
    middle = len(payload) // 2
    return payload[:middle] + flip(payload[middle:]) + "." + signature


def secret_key_of(app) -> str:
    with app.app_context():
        return app.extensions["exalate"].node.secret_key()


def forged(code: str, key: str, **changes) -> str:
    """The invitation inside ``code`` with ``changes``, signed with ``key``."""
    fields = {**invitations.read(code).__dict__, **changes}
    return invitations.sign(invitations.Invitation(**fields), key)


# -------------------------------------------------------------------------- success


def test_accepting_makes_both_ends_active_and_matching(client, client_b):
    initiated = create_connection(client, description="Escalations")
    response = accept(client_b, initiated["invitationCode"], "SUP")
    assert response.status_code == 201
    acceptor = response.get_json()["connection"]
    assert response.headers["Location"].endswith(f"/connections/{acceptor['id']}")
    initiator = connection(client, initiated["connection"]["id"])

    assert (initiator["status"], acceptor["status"]) == ("ACTIVE", "ACTIVE")
    assert (initiator["role"], acceptor["role"]) == ("INITIATOR", "ACCEPTOR")
    assert initiator["communication"] == {"remoteUrl": URL_B}
    assert acceptor["communication"] == {"remoteUrl": URL_A}
    assert (acceptor["localShortName"], acceptor["remoteShortName"]) == ("JiraB", "JiraA")
    assert (initiator["localShortName"], initiator["remoteShortName"]) == ("JiraA", "JiraB")
    assert acceptor["name"] == initiator["name"] == "JiraA_to_JiraB"
    assert acceptor["description"] == "Escalations"
    assert (acceptor["mode"], acceptor["type"]) == ("SCRIPT", "PRIVATE")
    assert (acceptor["projectKey"], initiator["projectKey"]) == ("SUP", "DEMO")


def test_the_acceptors_project_is_in_its_incoming_rules(client, client_b):
    code = create_connection(client)["invitationCode"]
    acceptor = accept(client_b, code, "SUP").get_json()["connection"]
    rules = client_b.get(REST + f"/connections/{acceptor['id']}/rules", headers=ADMIN).get_json()
    assert 'issue.projectKey   = "SUP"' in rules["incoming"]
    assert '"DEMO"' not in rules["incoming"]


def test_a_public_connection_is_accepted_too(client, client_b):
    initiated = create_connection(client, destinationUrl=URL_B, mode="BASIC")
    acceptor = accept(client_b, initiated["invitationCode"]).get_json()["connection"]
    assert (acceptor["type"], acceptor["mode"], acceptor["status"]) == ("PUBLIC", "BASIC", "ACTIVE")
    assert connection(client, initiated["connection"]["id"])["status"] == "ACTIVE"


def test_the_invitation_is_not_offered_once_accepted(client, client_b):
    initiated = create_connection(client)
    accept(client_b, initiated["invitationCode"])
    response = client.get(REST + f"/connections/{initiated['connection']['id']}/invitation", headers=ADMIN)
    assert_error(response, 409)


def test_surrounding_whitespace_in_the_code_is_ignored(client, client_b):
    code = create_connection(client)["invitationCode"]
    assert accept(client_b, f"\n  {code}  \n").status_code == 201


# --------------------------------------------------------------------- single use


def test_accepting_the_same_code_again_is_a_conflict(client, client_b):
    code = create_connection(client)["invitationCode"]
    assert accept(client_b, code).status_code == 201
    assert_error(accept(client_b, code), 409, "invitationCode")
    assert len(connections(client_b)) == 1


def test_a_third_instance_cannot_accept_a_used_code(client, client_b, make_app, network):
    client_c = network.add(make_app("jira-c")).test_client()
    initiated = create_connection(client)
    assert accept(client_b, initiated["invitationCode"]).status_code == 201
    assert_error(accept(client_c, initiated["invitationCode"]), 409, "invitationCode")
    assert connections(client_c) == []
    assert connection(client, initiated["connection"]["id"])["communication"] == {"remoteUrl": URL_B}


def test_concurrent_handshakes_for_one_code_have_exactly_one_winner(app, client):
    code = create_connection(client)["invitationCode"]
    start = threading.Barrier(2)
    statuses = []

    def handshake(uid):
        start.wait()
        response = app.test_client().post(HANDSHAKE, json={
            "invitationCode": code, "acceptor": {"url": f"http://{uid[:4]}.test", "connectionUid": uid}})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=handshake, args=(digit * 32,)) for digit in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]


def test_a_retried_handshake_from_the_same_acceptor_succeeds(client):
    code = create_connection(client)["invitationCode"]
    body = {"invitationCode": code, "acceptor": {"url": URL_B, "connectionUid": "c" * 32}}
    first = client.post(HANDSHAKE, json=body)
    assert first.status_code == 200
    assert first.get_json()["url"] == URL_A
    assert client.post(HANDSHAKE, json=body).get_json() == first.get_json()


# ------------------------------------------------------------------- refused codes


def _nothing_changed(client, client_b, initiated):
    assert connection(client, initiated["connection"]["id"])["status"] == "PENDING"
    assert connections(client_b) == []


def test_a_code_with_a_tampered_signature_is_refused_on_both_sides(client, client_b):
    initiated = create_connection(client)
    assert_error(accept(client_b, with_bad_signature(initiated["invitationCode"])), 400, "invitationCode")
    _nothing_changed(client, client_b, initiated)


def test_a_code_with_a_tampered_payload_is_refused_on_both_sides(client, client_b):
    initiated = create_connection(client)
    assert_error(accept(client_b, with_bad_payload(initiated["invitationCode"])), 400, "invitationCode")
    _nothing_changed(client, client_b, initiated)


def test_a_code_signed_with_another_key_is_refused(app, client, client_b):
    initiated = create_connection(client)
    code = forged(initiated["invitationCode"], "not the initiator's key", name="Hijacked")
    assert_error(accept(client_b, code), 400, "invitationCode")
    _nothing_changed(client, client_b, initiated)


def test_an_expired_code_is_refused(client_b, make_app, network):
    client_c = network.add(make_app("jira-c", INVITATION_DAYS=-1)).test_client()
    initiated = create_connection(client_c)
    assert_error(accept(client_b, initiated["invitationCode"]), 400, "invitationCode", message="expired")
    _nothing_changed(client_c, client_b, initiated)


def test_the_initiator_checks_expiry_itself(app, client):
    initiated = create_connection(client)
    code = forged(initiated["invitationCode"], secret_key_of(app), expires_at=int(time.time()) - 1)
    response = client.post(HANDSHAKE, json={"invitationCode": code,
                                            "acceptor": {"url": URL_B, "connectionUid": "d" * 32}})
    assert_error(response, 400, "invitationCode", message="expired")
    assert connection(client, initiated["connection"]["id"])["status"] == "PENDING"


@pytest.mark.parametrize("code", ["garbage", "a.b.c", ".", "eyJ9.abc", "é" * 20, "x" * 5000])
def test_garbage_codes_are_refused(client_b, network, code):
    assert_error(accept(client_b, code), 400, "invitationCode")
    assert not network.mock.calls


@pytest.mark.parametrize("code", [None, "", "   ", 5, ["code"], {"code": 1}])
def test_a_missing_or_non_text_code_is_named(client_b, code):
    assert_error(accept(client_b, code), 400, "invitationCode")


def test_a_bad_project_and_a_bad_code_are_named_together(client_b, network):
    assert_error(accept(client_b, "garbage", "NOPE"), 400, "invitationCode", "projectKey")
    assert not network.mock.calls


def test_an_unknown_project_is_refused_before_calling_the_initiator(client, client_b, network):
    initiated = create_connection(client)
    assert_error(accept(client_b, initiated["invitationCode"], "NOPE"), 400, "projectKey")
    assert not network.mock.calls
    _nothing_changed(client, client_b, initiated)


def test_an_instance_cannot_accept_its_own_invitation(client):
    initiated = create_connection(client)
    assert_error(accept(client, initiated["invitationCode"], "SUP"), 400, "invitationCode")
    assert connection(client, initiated["connection"]["id"])["status"] == "PENDING"


def test_a_name_already_used_on_the_acceptor_is_a_conflict(client, client_b, network):
    create_connection(client_b, name="jiraa_to_jirab")
    initiated = create_connection(client)
    assert_error(accept(client_b, initiated["invitationCode"]), 409, "invitationCode")
    assert connection(client, initiated["connection"]["id"])["status"] == "PENDING"
    assert len(connections(client_b)) == 1


def test_a_deleted_initiator_end_refuses_the_code(client, client_b):
    initiated = create_connection(client)
    client.delete(REST + f"/connections/{initiated['connection']['id']}", headers=ADMIN)
    assert_error(accept(client_b, initiated["invitationCode"]), 400, "invitationCode")
    assert connections(client_b) == []


@pytest.mark.parametrize(("licence", "mode", "accepted"), [("FREE", "SCRIPT", False), ("FREE", "BASIC", True),
                                                           ("NONE", "BASIC", False)])
def test_the_acceptor_checks_its_own_licence(client, client_b, licence, mode, accepted):
    client_b.put(REST + "/license", json={"type": licence}, headers=ADMIN)
    initiated = create_connection(client, mode=mode)
    response = accept(client_b, initiated["invitationCode"])
    if accepted:
        assert response.status_code == 201
    else:
        assert_error(response, 400, "invitationCode")
        _nothing_changed(client, client_b, initiated)


# ---------------------------------------------------------------- the other node fails


def test_an_unreachable_initiator_is_a_502_and_nothing_is_stored(client_b, make_app, network):
    app_c = make_app("jira-c")
    initiated = create_connection(app_c.test_client())
    network.mock.add(responses.POST, "http://jira-c.test:2990" + HANDSHAKE,
                     body=requests.ConnectionError("connection refused"))
    assert_error(accept(client_b, initiated["invitationCode"]), 502)
    _nothing_changed(app_c.test_client(), client_b, initiated)


def test_an_initiator_timing_out_is_a_504_and_nothing_is_stored(client_b, make_app, network):
    app_c = make_app("jira-c")
    initiated = create_connection(app_c.test_client())
    network.mock.add(responses.POST, "http://jira-c.test:2990" + HANDSHAKE,
                     body=requests.exceptions.ReadTimeout("read timed out"))
    assert_error(accept(client_b, initiated["invitationCode"]), 504)
    _nothing_changed(app_c.test_client(), client_b, initiated)


def test_accepting_again_after_a_lost_answer_completes_both_ends(client_b, make_app, network):
    """The initiator activated its end but its answer never arrived: the retry succeeds."""
    app_c = make_app("jira-c")
    initiated = create_connection(app_c.test_client())
    lose_first_handshake_answer(network, app_c)
    assert_error(accept(client_b, initiated["invitationCode"]), 504)
    assert connections(client_b) == []
    assert connection(app_c.test_client(), initiated["connection"]["id"])["status"] == "ACTIVE"

    retried = accept(client_b, initiated["invitationCode"])
    assert retried.status_code == 201
    assert retried.get_json()["connection"]["status"] == "ACTIVE"
    assert retried.get_json()["connection"]["communication"] == {"remoteUrl": "http://jira-c.test:2990"}


@pytest.mark.parametrize(
    "reply",
    [
        {"status": 500, "json": {"errorMessages": ["boom"], "errors": {}}},
        {"status": 200, "body": "<html>ok</html>", "content_type": "text/html"},
        {"status": 200, "json": ["url"]},
        {"status": 200, "json": {"url": {"not": "a url"}, "connectionUid": "x"}},
        {"status": 200, "json": {"url": "javascript:alert(1)", "connectionUid": "x"}},
        {"status": 302, "headers": {"Location": "http://169.254.169.254/"}},
    ],
)
def test_an_unusable_initiator_answer_is_a_502_and_nothing_is_stored(client_b, make_app, network, reply):
    app_c = make_app("jira-c")
    initiated = create_connection(app_c.test_client())
    network.mock.add(responses.POST, "http://jira-c.test:2990" + HANDSHAKE, **reply)
    assert_error(accept(client_b, initiated["invitationCode"]), 502)
    assert connections(client_b) == []


@pytest.mark.parametrize(
    "body",
    [{"errorMessages": 5, "errors": "x"}, {"errorMessages": [1, None], "errors": {"a": 2}}, "refused", None],
)
def test_an_odd_refusal_from_the_initiator_is_still_a_clear_400(client_b, make_app, network, body):
    app_c = make_app("jira-c")
    initiated = create_connection(app_c.test_client())
    network.mock.add(responses.POST, "http://jira-c.test:2990" + HANDSHAKE, status=400, json=body)
    assert_error(accept(client_b, initiated["invitationCode"]), 400, "invitationCode")
    assert connections(client_b) == []


# ------------------------------------------------------------------ the handshake itself


def test_the_handshake_needs_no_jira_user_but_refuses_a_bad_code(client):
    response = client.post(HANDSHAKE, json={"invitationCode": "garbage",
                                            "acceptor": {"url": URL_B, "connectionUid": "e" * 32}})
    assert_error(response, 400, "invitationCode")
    assert "WWW-Authenticate" not in response.headers


@pytest.mark.parametrize(
    ("acceptor", "field"),
    [({"url": "ftp://jira-b.test", "connectionUid": "e" * 32}, "acceptor.url"),
     ({"url": "http://169.254.169.254", "connectionUid": "e" * 32}, "acceptor.url"),
     ({"url": URL_B + "/" + "j" * 300, "connectionUid": "e" * 32}, "acceptor.url"),  # longer than remote URLs
     ({"url": URL_B, "connectionUid": "not-hex"}, "acceptor.connectionUid"),
     ({"url": URL_B}, "acceptor.connectionUid")],
)
def test_the_handshake_checks_the_acceptor(client, acceptor, field):
    initiated = create_connection(client)
    response = client.post(HANDSHAKE, json={"invitationCode": initiated["invitationCode"], "acceptor": acceptor})
    assert_error(response, 400, field)
    assert connection(client, initiated["connection"]["id"])["status"] == "PENDING"


@pytest.mark.parametrize("acceptor", [None, "jira-b", ["x"]])
def test_the_handshake_needs_an_acceptor_object(client, acceptor):
    response = client.post(HANDSHAKE, json={"invitationCode": "garbage", "acceptor": acceptor})
    assert_error(response, 400)
    assert any(key.startswith("acceptor") for key in response.get_json()["errors"])


def test_the_handshake_body_must_be_json(client):
    response = client.post(HANDSHAKE, data="invitationCode=x", content_type="application/x-www-form-urlencoded",
                           headers={"X-Atlassian-Token": "no-check"})
    assert_error(response, 400)
