"""A Pending end's invitation code over REST: never kept by a cache, and replaced by a fresh one
when it has expired (the old code stops working)."""

from __future__ import annotations

import time

import pytest
from factories import ADMIN, OWN_URL, REST, accept, create_connection

from plugin.exalate.handshake import REPLACED
from plugin.exalate.initiation import RENEW_ONLY_PENDING

from .helpers import assert_error

EIGHT_DAYS = 8 * 86400  # past the default validity of seven


def invitation_path(connection_id: int) -> str:
    return REST + f"/connections/{connection_id}/invitation"


def renew(client, connection_id: int):
    return client.post(invitation_path(connection_id), headers=ADMIN)


@pytest.fixture
def eight_days_later(monkeypatch):
    """Every clock of the process, a week and a day on: codes issued before have expired."""
    real_time = time.time

    def later():
        monkeypatch.setattr(time, "time", lambda: real_time() + EIGHT_DAYS)

    return later


def test_initiating_answers_with_the_code_and_no_store(client):
    response = client.post(REST + "/connections", json={
        "destinationUrl": None, "mode": "SCRIPT", "localShortName": "A", "remoteShortName": "B", "name": "A_to_B",
        "projectKey": "DEMO"}, headers=ADMIN)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"


def test_fetching_the_code_again_answers_with_no_store(client):
    connection_id = create_connection(client)["connection"]["id"]
    response = client.get(invitation_path(connection_id), headers=ADMIN)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_an_expired_code_is_replaced_by_a_fresh_one_that_is_accepted(client, client_b, eight_days_later):
    initiated = create_connection(client)
    connection_id = initiated["connection"]["id"]
    eight_days_later()
    assert_error(accept(client_b, initiated["invitationCode"]), 400, "invitationCode", message="expired")

    renewed = renew(client, connection_id)
    assert renewed.status_code == 201, renewed.get_data(as_text=True)
    assert renewed.headers["Cache-Control"] == "no-store"
    assert renewed.headers["Location"] == OWN_URL + invitation_path(connection_id)
    code = renewed.get_json()["invitationCode"]
    assert code != initiated["invitationCode"]
    assert client.get(invitation_path(connection_id), headers=ADMIN).get_json() == {"invitationCode": code}
    accepted = accept(client_b, code)
    assert accepted.status_code == 201, accepted.get_data(as_text=True)
    assert accepted.get_json()["connection"]["status"] == "ACTIVE"


def test_the_replaced_code_stops_working(client, client_b):
    initiated = create_connection(client)
    assert renew(client, initiated["connection"]["id"]).status_code == 201
    assert_error(accept(client_b, initiated["invitationCode"]), 400, "invitationCode", message=REPLACED)
    assert client_b.get(REST + "/connections", headers=ADMIN).get_json()["total"] == 0


def test_an_active_connection_gets_no_new_code(client):
    local = create_connection(client, destinationUrl=OWN_URL, destinationProjectKey="SUP")
    assert_error(renew(client, local["connection"]["id"]), 409, message=RENEW_ONLY_PENDING)


def test_no_new_code_for_an_unknown_connection(client):
    assert_error(renew(client, 4242), 404, message="Connection 4242 does not exist.")


def test_a_new_code_needs_an_administrator(client):
    connection_id = create_connection(client)["connection"]["id"]
    assert_error(client.post(invitation_path(connection_id)), 401)
