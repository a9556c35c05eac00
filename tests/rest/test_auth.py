"""Who may call what: Basic auth, 401/403, the XSRF rules (the header for form content types, the
header or the atl_token for any change the session cookie authenticates), and the JSON answers
for bad bodies and unknown paths under /rest/."""

from __future__ import annotations

import pytest
from admin.pagetools import atl_token, page
from factories import ADMIN, OWN_URL, REST, USER, basic, create_connection

from .helpers import assert_error

XSRF_FAILED = "XSRF check failed"
ADMIN_RESOURCES = [
    ("GET", "/connections"),
    ("POST", "/connections"),
    ("GET", "/connections/1"),
    ("PUT", "/connections/1"),
    ("DELETE", "/connections/1"),
    ("GET", "/connections/1/invitation"),
    ("POST", "/connections/1/activate"),
    ("POST", "/connections/1/deactivate"),
    ("GET", "/connections/1/rules"),
    ("PUT", "/connections/1/rules"),
    ("POST", "/invitations/accept"),
    ("GET", "/settings"),
    ("PUT", "/settings"),
    ("GET", "/license"),
    ("PUT", "/license"),
    ("POST", "/compatibility"),
]


def call(client, method, path, headers=None):
    return client.open(REST + path, method=method, json={}, headers=headers or {})


@pytest.mark.parametrize(("method", "path"), ADMIN_RESOURCES)
def test_anonymous_calls_are_a_401_with_a_challenge(client, method, path):
    response = call(client, method, path)
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize(("method", "path"), ADMIN_RESOURCES)
def test_a_user_who_is_not_an_administrator_gets_a_403(client, method, path):
    assert_error(call(client, method, path, USER), 403, message="administrator")


def test_the_same_user_may_read_myself(client):
    assert client.get("/rest/api/2/myself", headers=USER).status_code == 200


@pytest.mark.parametrize("headers", [basic("admin", "wrong"), basic("ghost", "admin"), basic("", ""),
                                     {"Authorization": "Basic !!!not-base64"}, {"Authorization": "Bearer token"}])
def test_wrong_credentials_are_a_401(client, headers):
    response = client.get(REST + "/connections", headers=headers)
    assert_error(response, 401)
    assert "WWW-Authenticate" in response.headers


def test_wrong_basic_credentials_win_over_a_good_session(client):
    client.post("/rest/auth/1/session", json={"username": "admin", "password": "admin"})
    assert_error(client.get(REST + "/connections", headers=basic("admin", "wrong")), 401)


def test_node_info_is_public(client):
    assert client.get(REST + "/info").status_code == 200


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                          "text/plain"])
@pytest.mark.parametrize("path", [REST + "/connections", REST + "/node/handshake", "/rest/auth/1/session",
                                  "/rest/api/2/project"])
def test_form_content_without_the_xsrf_header_is_a_403(client, content_type, path):
    response = client.post(path, data="name=x", content_type=content_type, headers=ADMIN)
    assert_error(response, 403, message=XSRF_FAILED)
    assert client.get(REST + "/connections", headers=ADMIN).get_json()["total"] == 0


@pytest.mark.parametrize("token", ["no-check", "nocheck", "No-Check"])
def test_the_xsrf_header_lets_form_content_through_to_the_json_check(client, token):
    response = client.post(REST + "/connections", data="name=x", content_type="application/x-www-form-urlencoded",
                           headers={**ADMIN, "X-Atlassian-Token": token})
    assert_error(response, 400, message="JSON")


def test_xsrf_applies_to_put_too(client):
    response = client.put(REST + "/settings", data="public=false", content_type="application/x-www-form-urlencoded",
                          headers=ADMIN)
    assert_error(response, 403, message=XSRF_FAILED)
    assert client.get(REST + "/settings", headers=ADMIN).get_json()["public"] is True


def test_json_needs_no_xsrf_header(client):
    response = client.put(REST + "/settings", json={"public": False}, headers=ADMIN)
    assert response.status_code == 200


@pytest.mark.parametrize("content_type", ["text/xml", "application/xml", "application/octet-stream"])
def test_other_content_types_are_a_400(client, content_type):
    response = client.post(REST + "/connections", data="<x/>", content_type=content_type, headers=ADMIN)
    assert_error(response, 400, message="JSON")


def test_a_post_without_a_body_where_one_is_needed_is_a_400(client):
    assert_error(client.post(REST + "/connections", headers=ADMIN), 400)


def test_malformed_json_is_a_400(client):
    response = client.put(REST + "/license", data="{'type': 'PAID'}", content_type="application/json",
                          headers=ADMIN)
    assert_error(response, 400, message="not valid JSON")


@pytest.mark.parametrize("path", [REST + "/nothing", REST + "/connections/1/nothing", "/rest/api/2/nothing",
                                  "/rest/issuehub/3.0/connections", "/rest/"])
def test_unknown_rest_paths_are_a_json_404(client, path):
    assert_error(client.get(path, headers=ADMIN), 404)
    assert_error(client.get(path), 404)


@pytest.mark.parametrize(("method", "path"), [("DELETE", REST + "/settings"), ("PATCH", REST + "/connections"),
                                              ("PUT", REST + "/compatibility"), ("POST", "/rest/api/2/myself")])
def test_wrong_methods_are_a_json_405(client, method, path):
    assert_error(client.open(path, method=method, headers=ADMIN), 405)


def test_a_wrong_method_is_a_json_405_with_allow(client):
    response = client.patch(REST + "/connections", headers=ADMIN, json={})
    assert response.status_code == 405
    assert set(response.get_json()) == {"errorMessages", "errors"}
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def _active_connection(client) -> int:
    """A local connection: active at once, so each action would change or check it."""
    body = {"destinationUrl": OWN_URL, "destinationProjectKey": "SUP", "name": "Demo_to_Sup"}
    return create_connection(client, **body)["connection"]["id"]


def _cookie_login(client):
    response = client.post("/rest/auth/1/session", json={"username": "admin", "password": "admin"})
    assert response.status_code == 200


def _status(client, connection_id):
    return client.get(REST + f"/connections/{connection_id}", headers=ADMIN).get_json()["status"]


@pytest.mark.parametrize("action", ["deactivate", "activate", "check"])
def test_a_cookie_authenticated_change_without_content_or_xsrf_header_is_a_403(client, action):
    connection_id = _active_connection(client)
    before = _status(client, connection_id)
    _cookie_login(client)
    assert_error(client.post(REST + f"/connections/{connection_id}/{action}"), 403, message=XSRF_FAILED)
    assert _status(client, connection_id) == before


def test_a_cookie_authenticated_logout_without_the_xsrf_header_is_a_403(client):
    _cookie_login(client)
    assert_error(client.delete("/rest/auth/1/session"), 403, message=XSRF_FAILED)
    assert client.get("/rest/api/2/myself").status_code == 200


def test_a_cookie_authenticated_change_with_the_xsrf_header_passes(client):
    connection_id = _active_connection(client)
    _cookie_login(client)
    response = client.post(REST + f"/connections/{connection_id}/deactivate", headers={"X-Atlassian-Token": "no-check"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _status(client, connection_id) == "DEACTIVATED"


def test_a_cookie_authenticated_change_with_the_atl_token_passes(client):
    connection_id = _active_connection(client)
    _cookie_login(client)
    token = atl_token(client.get(page("connections")).get_data(as_text=True))
    response = client.post(REST + f"/connections/{connection_id}/deactivate?atl_token={token}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _status(client, connection_id) == "DEACTIVATED"


def test_a_cookie_authenticated_change_with_a_wrong_atl_token_is_a_403(client):
    connection_id = _active_connection(client)
    _cookie_login(client)
    assert_error(client.post(REST + f"/connections/{connection_id}/deactivate?atl_token=guessed"), 403,
                 message=XSRF_FAILED)
    assert _status(client, connection_id) != "DEACTIVATED"


def test_a_basic_authenticated_change_needs_no_xsrf_header(client):
    connection_id = _active_connection(client)
    response = client.post(REST + f"/connections/{connection_id}/deactivate", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _status(client, connection_id) == "DEACTIVATED"


def test_a_change_with_the_cookie_of_an_ended_session_is_unauthenticated_not_forged(client):
    connection_id = _active_connection(client)
    _cookie_login(client)
    cookie_name = client.application.config["SESSION_COOKIE_NAME"]
    ended = client.get_cookie(cookie_name).value
    client.delete("/rest/auth/1/session", headers={"X-Atlassian-Token": "no-check"})
    client.set_cookie(cookie_name, ended)  # a copy kept from before the logout
    response = client.post(REST + f"/connections/{connection_id}/deactivate")
    assert_error(response, 401)
    assert _status(client, connection_id) == "ACTIVE"
