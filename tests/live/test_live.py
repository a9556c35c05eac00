"""Two real instances (``exalate-emulator serve`` processes) connecting over HTTP."""

from __future__ import annotations

from factories import REST, created_at


def _initiate(source, destination, mode="SCRIPT", name="JiraA_to_JiraB"):
    return created_at(source.url, destinationUrl=destination.url, mode=mode, name=name)


def test_initiate_accept_both_active_and_survives_restart(two_instances):
    a, b = two_instances
    initiated = _initiate(a, b)
    assert initiated["connection"]["status"] == "PENDING"
    code = initiated["invitationCode"]

    accepted = b.api.post(b.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert accepted.status_code == 201, accepted.text
    end_b = accepted.json()["connection"]
    end_a = a.api.get(a.rest(f"/connections/{initiated['connection']['id']}")).json()

    assert (end_a["status"], end_b["status"]) == ("ACTIVE", "ACTIVE")
    assert end_a["communication"]["remoteUrl"] == b.url
    assert end_b["communication"]["remoteUrl"] == a.url
    assert (end_a["role"], end_b["role"]) == ("INITIATOR", "ACCEPTOR")

    assert a.stop() == 0
    a.start()
    after_restart = a.api.get(a.rest(f"/connections/{end_a['id']}")).json()
    assert after_restart["status"] == "ACTIVE"
    assert after_restart["communication"]["remoteUrl"] == b.url


def test_basic_connection_and_reused_code(two_instances):
    a, b = two_instances
    code = _initiate(a, b, mode="BASIC", name="basic_one")["invitationCode"]
    first = b.api.post(b.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert first.status_code == 201, first.text
    assert first.json()["connection"]["mode"] == "BASIC"
    again = b.api.post(b.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert again.status_code == 409
    assert again.json()["errorMessages"] == ["This invitation has already been accepted."]
    assert b.api.get(b.rest("/connections")).json()["total"] == 1


def test_unreachable_initiator_leaves_the_acceptor_unchanged(two_instances):
    a, b = two_instances
    code = _initiate(a, b)["invitationCode"]
    a.stop()
    refused = b.api.post(b.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert refused.status_code == 502
    assert a.url in refused.json()["errorMessages"][0]
    assert b.api.get(b.rest("/connections")).json()["total"] == 0

    a.start()
    retried = b.api.post(b.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert retried.status_code == 201, retried.text


def test_node_info_is_public_and_the_rest_is_not(two_instances):
    a, _ = two_instances
    import requests

    assert requests.get(a.url + REST + "/info").json()["baseUrl"] == a.url
    assert requests.get(a.url + REST + "/connections").status_code == 401
