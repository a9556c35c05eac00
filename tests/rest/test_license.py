"""GET/PUT /license: the licence type, its expiry, the derived state, and what it allows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from factories import ADMIN, REST, USER, initiate_body

from .helpers import assert_error

JIRA_FORMAT = "%Y-%m-%dT%H:%M:%S.000+0000"


def put(client, body):
    return client.put(REST + "/license", json=body, headers=ADMIN)


def available_modes(client) -> list[str]:
    body = client.post(REST + "/compatibility", json={"destinationUrl": None}, headers=ADMIN).get_json()
    return [option["mode"] for option in body["modes"] if option["available"]]


def in_days(days: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()


def test_seeded_licence_is_an_evaluation_with_thirty_days(client):
    response = client.get(REST + "/license", headers=ADMIN)
    assert response.status_code == 200
    body = response.get_json()
    assert body["type"] == "EVALUATION"
    assert body["state"] == "EVALUATION"
    assert body["daysLeft"] in (29, 30)
    expires = datetime.strptime(body["expiresAt"], JIRA_FORMAT)
    assert timedelta(days=29) < expires - datetime.now(timezone.utc).replace(tzinfo=None) <= timedelta(days=30)


def test_paid_licence_with_a_future_expiry(client):
    body = put(client, {"type": "PAID", "expiresAt": in_days(365)}).get_json()
    assert body["type"] == "PAID"
    assert body["state"] == "PAID"
    assert body["daysLeft"] in (364, 365)


def test_paid_licence_without_expiry_never_expires(client):
    body = put(client, {"type": "PAID"}).get_json()
    assert body == {"type": "PAID", "expiresAt": None, "state": "PAID", "daysLeft": None}


def test_evaluation_without_expiry_gets_thirty_days(client):
    put(client, {"type": "FREE"})
    body = put(client, {"type": "EVALUATION"}).get_json()
    assert body["state"] == "EVALUATION"
    assert body["daysLeft"] in (29, 30)


@pytest.mark.parametrize("licence_type", ["EVALUATION", "PAID"])
def test_a_past_expiry_is_expired(client, licence_type):
    body = put(client, {"type": licence_type, "expiresAt": "2020-01-01T00:00:00.000+0000"}).get_json()
    assert body["type"] == licence_type
    assert body["state"] == "EXPIRED"
    assert body["daysLeft"] == 0
    assert client.get(REST + "/license", headers=ADMIN).get_json()["state"] == "EXPIRED"


def test_expiry_in_another_time_zone_is_stored_in_utc(client):
    body = put(client, {"type": "PAID", "expiresAt": "2031-06-01T12:00:00+02:00"}).get_json()
    assert body["expiresAt"] == "2031-06-01T10:00:00.000+0000"


def test_get_answer_can_be_put_back(client):
    seeded = client.get(REST + "/license", headers=ADMIN).get_json()
    again = put(client, {"type": seeded["type"], "expiresAt": seeded["expiresAt"]})
    assert again.status_code == 200
    assert again.get_json()["expiresAt"] == seeded["expiresAt"]


@pytest.mark.parametrize("licence_type", ["FREE", "NONE"])
def test_free_and_none_have_no_expiry(client, licence_type):
    body = put(client, {"type": licence_type, "expiresAt": in_days(10)}).get_json()
    assert body == {"type": licence_type, "expiresAt": None, "state": licence_type, "daysLeft": None}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"type": "EVALUATION"}, ["BASIC", "SCRIPT"]),
        ({"type": "PAID"}, ["BASIC", "SCRIPT"]),
        ({"type": "FREE"}, ["BASIC"]),
        ({"type": "NONE"}, []),
        ({"type": "PAID", "expiresAt": "2020-01-01T00:00:00Z"}, []),
    ],
)
def test_the_licence_decides_the_offered_modes(client, body, expected):
    assert put(client, body).status_code == 200
    assert available_modes(client) == expected


def test_free_licence_refuses_a_script_connection(client):
    put(client, {"type": "FREE"})
    response = client.post(REST + "/connections", headers=ADMIN, json=initiate_body())
    assert_error(response, 400, "mode", message="Free")
    assert client.get(REST + "/connections", headers=ADMIN).get_json()["total"] == 0


@pytest.mark.parametrize("licence_type", ["TRIAL", "paid", "", None, 3, ["PAID"]])
def test_type_must_be_one_of_the_four(client, licence_type):
    assert_error(put(client, {"type": licence_type}), 400, "type")
    assert client.get(REST + "/license", headers=ADMIN).get_json()["type"] == "EVALUATION"


@pytest.mark.parametrize(
    "expires_at", ["tomorrow", 1735689600, "2030-01-01T00:00:00", "0001-01-01T00:00:00+01:00",
                   "9999-12-31T23:59:59-01:00", ["2030-01-01T00:00:00Z"]],
)
def test_expiry_must_be_a_representable_aware_date_time(client, expires_at):
    assert_error(put(client, {"type": "PAID", "expiresAt": expires_at}), 400, "expiresAt")
    assert client.get(REST + "/license", headers=ADMIN).get_json()["type"] == "EVALUATION"


def test_licence_needs_an_administrator(client):
    assert_error(client.get(REST + "/license", headers=USER), 403)
    assert_error(client.put(REST + "/license", json={"type": "NONE"}, headers=USER), 403)
    assert client.get(REST + "/license", headers=ADMIN).get_json()["type"] == "EVALUATION"


def test_an_expiry_before_the_year_1000_is_shown_with_four_year_digits(client):
    """strftime's %Y writes the year 205 as "205" on Linux: not Jira's format, nor the documented pattern."""
    response = put(client, {"type": "PAID", "expiresAt": "0205-12-11T03:02:44+00:00"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["expiresAt"] == "0205-12-11T03:02:44.000+0000"
    assert response.get_json()["state"] == "EXPIRED"
