"""The slice of Jira's own REST API: serverInfo, myself, project GET/POST, auth/1/session."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER, initiate_body

from .helpers import assert_error

PROJECTS = "/rest/api/2/project"
SESSION = "/rest/auth/1/session"
COOKIE = "JSESSIONID_2990"  # the app fixture's base URL names port 2990


def test_server_info_is_anonymous(client):
    response = client.get("/rest/api/2/serverInfo")
    assert response.status_code == 200
    body = response.get_json()
    assert body["baseUrl"] == "http://jira-a.test:2990"
    assert body["version"] == "9.12.0"
    assert body["versionNumbers"] == [9, 12, 0]
    assert body["deploymentType"] == "Server"


@pytest.mark.parametrize(("headers", "name", "admin"), [(ADMIN, "admin", True), (USER, "user", False)])
def test_myself_describes_the_user(client, headers, name, admin):
    response = client.get("/rest/api/2/myself", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == name
    assert body["active"] is True
    groups = {group["name"] for group in body["groups"]["items"]}
    assert ("jira-administrators" in groups) is admin
    assert "jira-users" in groups


def test_myself_needs_a_user(client):
    response = client.get("/rest/api/2/myself")
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_seeded_projects_are_listed_to_any_user(client):
    response = client.get(PROJECTS, headers=USER)
    assert response.status_code == 200
    assert [project["key"] for project in response.get_json()] == ["DEMO", "SUP"]


def test_projects_need_a_user(client):
    assert_error(client.get(PROJECTS), 401)


def test_an_administrator_creates_a_project(client):
    response = client.post(PROJECTS, json={"key": "OPS", "name": "Operations", "lead": "user"}, headers=ADMIN)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["key"], body["name"], body["lead"]["name"]) == ("OPS", "Operations", "user")
    assert "OPS" in [project["key"] for project in client.get(PROJECTS, headers=ADMIN).get_json()]


def test_a_new_project_can_take_the_incoming_sync(client):
    client.post(PROJECTS, json={"key": "OPS", "name": "Operations"}, headers=ADMIN)
    response = client.post(REST + "/connections", headers=ADMIN, json=initiate_body(projectKey="OPS"))
    assert response.status_code == 201


def test_a_user_cannot_create_a_project(client):
    assert_error(client.post(PROJECTS, json={"key": "OPS", "name": "Operations"}, headers=USER), 403)
    assert len(client.get(PROJECTS, headers=USER).get_json()) == 2


@pytest.mark.parametrize("key", ["ops", "O", "OPERATIONS1", "1OPS", "OPS\n", "OP S", "", None, 12])
def test_project_keys_are_checked(client, key):
    assert_error(client.post(PROJECTS, json={"key": key, "name": "Operations"}, headers=ADMIN), 400, "key")
    assert len(client.get(PROJECTS, headers=ADMIN).get_json()) == 2


def test_a_project_key_is_unique(client):
    assert_error(client.post(PROJECTS, json={"key": "DEMO", "name": "Again"}, headers=ADMIN), 400, "key")


@pytest.mark.parametrize(("body", "fields"), [
    ({"key": "OPS"}, ["name"]),
    ({"key": "OPS", "name": "n" * 81}, ["name"]),
    ({"key": "OPS", "name": "Operations", "lead": "nobody"}, ["lead"]),
    ({}, ["key", "name"]),
])
def test_project_fields_are_checked(client, body, fields):
    assert_error(client.post(PROJECTS, json=body, headers=ADMIN), 400, *fields)


def test_login_sets_a_session_cookie_that_opens_the_rest_api(client):
    response = client.post(SESSION, json={"username": "admin", "password": "admin"})
    assert response.status_code == 200
    assert response.get_json()["session"]["name"] == COOKIE
    assert client.get_cookie(COOKIE) is not None
    assert client.get(REST + "/connections").status_code == 200
    assert client.get(SESSION).get_json()["name"] == "admin"


def test_logout_ends_the_session(client):
    client.post(SESSION, json={"username": "admin", "password": "admin"})
    assert client.delete(SESSION, headers={"X-Atlassian-Token": "no-check"}).status_code == 204
    assert_error(client.get(REST + "/connections"), 401)


def test_a_user_session_is_still_not_an_administrator(client):
    client.post(SESSION, json={"username": "user", "password": "user"})
    assert_error(client.get(REST + "/connections"), 403)


@pytest.mark.parametrize("body", [{"username": "admin", "password": "wrong"}, {"username": "ghost", "password": "x"},
                                  {"username": "admin"}, {}, {"username": ["admin"], "password": "admin"}])
def test_a_failed_login_sets_no_session(client, body):
    response = client.post(SESSION, json=body)
    assert response.status_code in (400, 401)
    assert_error(response, response.status_code)
    assert client.get_cookie(COOKIE) is None
    assert_error(client.get(REST + "/connections"), 401)


def test_login_body_must_be_json(client):
    response = client.post(SESSION, data="username=admin&password=admin",
                           content_type="application/x-www-form-urlencoded", headers={"X-Atlassian-Token": "no-check"})
    assert_error(response, 400)
    assert client.get_cookie(COOKIE) is None
