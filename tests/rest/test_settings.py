"""GET/PUT /settings: General Settings (the Exalate URL, whether the instance is public, the sync workers
switch)."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER

from .helpers import assert_error


def put(client, body):
    return client.put(REST + "/settings", json=body, headers=ADMIN)


def test_seeded_settings_are_the_base_url_and_public(client):
    response = client.get(REST + "/settings", headers=ADMIN)
    assert response.status_code == 200
    assert response.get_json() == {"exalateUrl": "http://jira-a.test:2990", "public": True, "syncWorkers": True}


def test_put_changes_both_and_is_kept(client):
    response = put(client, {"exalateUrl": "https://jira.example.com/", "public": False})
    assert response.status_code == 200
    expected = {"exalateUrl": "https://jira.example.com", "public": False, "syncWorkers": True}
    assert response.get_json() == expected
    assert client.get(REST + "/settings", headers=ADMIN).get_json() == expected


def test_put_with_one_field_leaves_the_other(client):
    put(client, {"public": False})
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["exalateUrl"] == "http://jira-a.test:2990"


def test_put_switches_the_sync_workers_off_and_it_is_kept(client):
    assert put(client, {"syncWorkers": False}).get_json()["syncWorkers"] is False
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["syncWorkers"] is False


@pytest.mark.parametrize("value", ["off", "false", 0, [], {}])
def test_sync_workers_must_be_a_boolean(client, value):
    assert_error(put(client, {"syncWorkers": value}), 400, "syncWorkers")
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["syncWorkers"] is True


@pytest.mark.parametrize(
    "url", ["ftp://jira.example.com", "jira.example.com", "http://u:p@jira.example.com", "http://169.254.169.254",
            "https://jira.example.com/?q=1", "", "https://" + "j" * 300 + ".example.com"],
)
def test_exalate_url_must_be_a_callable_http_url(client, url):
    assert_error(put(client, {"exalateUrl": url}), 400, "exalateUrl")
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["exalateUrl"] == "http://jira-a.test:2990"


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, [], {}])
def test_public_must_be_a_boolean(client, value):
    assert_error(put(client, {"public": value}), 400, "public")
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["public"] is True


def test_a_flag_that_is_not_a_boolean_is_refused_at_the_door_and_nothing_changes(client):
    """Types are checked before any rule: a malformed body is refused for its types alone."""
    assert_error(put(client, {"exalateUrl": "gopher://x", "public": "no"}), 400, "public")
    assert client.get(REST + "/settings", headers=ADMIN).get_json() == {
        "exalateUrl": "http://jira-a.test:2990", "public": True, "syncWorkers": True}


def test_a_bad_url_with_a_good_flag_changes_nothing(client):
    assert_error(put(client, {"exalateUrl": "gopher://x", "public": False}), 400, "exalateUrl")
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["public"] is True


def test_exalate_url_must_be_text(client):
    assert_error(put(client, {"exalateUrl": 8080}), 400, "exalateUrl")


def test_settings_need_an_administrator(client):
    assert_error(client.get(REST + "/settings", headers=USER), 403)
    assert_error(client.put(REST + "/settings", json={"public": False}, headers=USER), 403)
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["public"] is True
