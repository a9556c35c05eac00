"""The request-body limit in the app: a body declared longer than ``MAX_CONTENT_LENGTH`` is refused
with 413 and a Jira error body, before it is read or its sender authenticated (tests/live/
test_server_limits.py checks that the server refuses it from the headers)."""

from __future__ import annotations

import json

from factories import REST

from plugin.config import DEFAULTS

LIMIT = DEFAULTS["MAX_CONTENT_LENGTH"]


def padded_login(size: int) -> bytes:
    """A login body of exactly ``size`` bytes."""
    body = json.dumps({"username": "admin", "password": "wrong", "padding": ""}).encode()
    return body[:-2] + b"x" * (size - len(body)) + body[-2:]


def test_a_body_over_the_limit_is_refused_with_a_jira_error(client):
    response = client.post("/rest/auth/1/session", data=padded_login(LIMIT + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json() == {
        "errorMessages": [f"The request body is larger than the limit of {LIMIT} bytes."], "errors": {}}


def test_a_body_over_the_limit_is_refused_on_a_public_node_resource(client):
    response = client.post(REST + "/node/handshake", data=b"[" * (LIMIT + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["errorMessages"] == [f"The request body is larger than the limit of {LIMIT} bytes."]


def test_a_body_at_the_limit_is_read(client):
    response = client.post("/rest/auth/1/session", data=padded_login(LIMIT), content_type="application/json")
    assert response.status_code == 401
    assert response.get_json()["errorMessages"] == [
        "Sorry, your username and password are incorrect - please try again."]


def test_the_limit_is_a_setting(make_app):
    client = make_app("small-bodies", MAX_CONTENT_LENGTH=200).test_client()
    response = client.post("/rest/auth/1/session", data=padded_login(201), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["errorMessages"] == ["The request body is larger than the limit of 200 bytes."]
