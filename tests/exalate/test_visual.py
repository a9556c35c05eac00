"""Visual connections: admin access to the destination, both ends created directly."""

from __future__ import annotations

import pytest
import requests
from factories import ADMIN, AUTH, REST, URL_B, initiate_body, mock_exalate

from plugin.errors import RemoteNodeError, ValidationFailed

A, B, C = "http://jira-a.test", "http://jira-b.test", "http://jira-c.test"
ADMIN_LOGIN = {"username": "admin", "password": "admin"}


def _visual(destination=B, admin=("admin", "admin"), project="SUP", name="A_to_B"):
    body = initiate_body(destinationUrl=destination, mode="VISUAL", localShortName="A", remoteShortName="B",
                         name=name, destinationProjectKey=project)
    if admin is not None:
        body["destinationAdmin"] = {"username": admin[0], "password": admin[1]}
    return requests.post(A + REST + "/connections", auth=AUTH, json=body)


def _totals():
    return [requests.get(url + REST + "/connections", auth=AUTH).json()["total"] for url in (A, B)]


def test_visual_creates_both_ends_active_without_a_code():
    with mock_exalate(A, B):
        response = _visual()
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["invitationCode"] is None
        assert body["connection"]["status"] == "ACTIVE"
        assert body["connection"]["mode"] == "VISUAL"
        [end_b] = requests.get(B + REST + "/connections", auth=AUTH).json()["results"]
        assert (end_b["status"], end_b["role"], end_b["projectKey"]) == ("ACTIVE", "ACCEPTOR", "SUP")
        assert end_b["communication"]["remoteUrl"] == A


def test_wrong_destination_credentials_leave_nothing():
    with mock_exalate(A, B):
        response = _visual(admin=("admin", "wrong"))
        assert response.status_code == 400
        assert "destinationAdmin" in response.json()["errors"]
        assert _totals() == [0, 0]


def test_a_destination_user_who_is_not_admin_is_refused():
    with mock_exalate(A, B):
        response = _visual(admin=("user", "user"))
        assert response.status_code == 400
        assert "not an administrator" in response.json()["errors"]["destinationAdmin"]
        assert _totals() == [0, 0]


def test_missing_credentials_and_project_are_named():
    with mock_exalate(A, B):
        response = _visual(admin=None, project=None)
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"destinationAdmin", "destinationProjectKey"}
        assert _totals() == [0, 0]


def test_unknown_destination_project_leaves_nothing():
    with mock_exalate(A, B):
        response = _visual(project="NOPE")
        assert response.status_code == 400
        assert "NOPE" in response.json()["errors"]["destinationProjectKey"]
        assert _totals() == [0, 0]


def test_a_failing_destination_leaves_nothing():
    with mock_exalate(A, B) as nodes:
        # The destination's licence has expired: it refuses to create its end.
        nodes[B].client.put(REST + "/license", headers=ADMIN, json={
            "type": "EVALUATION", "expiresAt": "2020-01-01T00:00:00+00:00"})
        response = _visual()
        assert response.status_code == 400
        assert _totals() == [0, 0]


def test_visual_is_not_offered_for_servicenow():
    with mock_exalate(A, ("http://snow.test", {"EXALATE_PLATFORM": "servicenow"})):
        response = _visual(destination="http://snow.test")
        assert response.status_code == 400
        assert response.json()["errors"]["mode"] == "Visual mode is not available for ServiceNow destinations."



def test_the_destination_admin_credentials_do_not_follow_an_advertised_url_to_another_host():
    """B's node info names C as its Exalate URL: the password typed for B must not reach C."""
    with mock_exalate(A, B, C) as nodes:
        nodes[B].client.put(REST + "/settings", headers=ADMIN, json={"exalateUrl": C})
        response = _visual()
        assert response.status_code == 201, response.text
        assert _totals() == [1, 1]
        assert requests.get(C + REST + "/connections", auth=AUTH).json()["total"] == 0


def test_the_destination_admin_credentials_go_to_the_typed_scheme_and_port():
    """B advertises itself on another port (plain http, say, behind its TLS proxy): nothing is sent there."""
    with mock_exalate(A, B) as nodes:
        nodes[B].client.put(REST + "/settings", headers=ADMIN, json={"exalateUrl": B + ":8080"})
        response = _visual()  # a call to B:8080 would find nobody there (the mock refuses it)
        assert response.status_code == 201, response.text
        assert _totals() == [1, 1]


# ------------------------------------------------- the destination's projects, for the wizard's list

def test_the_destination_projects_are_listed_with_its_admin_credentials(exalate, app_b):
    projects = exalate.initiation.destination_projects(destination_url=URL_B, destination_admin=ADMIN_LOGIN)

    assert ("SUP", "Support") in [(project.key, project.name) for project in projects]


def test_listing_the_destination_projects_with_wrong_credentials_names_them(exalate, app_b):
    with pytest.raises(ValidationFailed) as refused:
        exalate.initiation.destination_projects(destination_url=URL_B,
                                                destination_admin={"username": "admin", "password": "wrong"})

    assert refused.value.field_errors == {"destination_admin": "The destination rejected these administrator "
                                                               "credentials."}


def test_listing_the_projects_of_an_unreachable_destination_says_so(exalate, network):
    with pytest.raises(RemoteNodeError) as failed:
        exalate.initiation.destination_projects(destination_url="http://nobody.test:2990",
                                                destination_admin=ADMIN_LOGIN)

    assert "http://nobody.test:2990 could not be reached" in str(failed.value)


def test_listing_the_destination_projects_needs_the_credentials(exalate, app_b):
    with pytest.raises(ValidationFailed) as refused:
        exalate.initiation.destination_projects(destination_url=URL_B, destination_admin=None)

    assert set(refused.value.field_errors) == {"destination_admin"}


def test_a_destination_project_outside_its_list_is_refused_before_anything_is_made():
    with mock_exalate(A, B):
        response = _visual(project="NOPE")

        assert response.status_code == 400
        assert response.json() == {"errorMessages": [],
                                   "errors": {"destinationProjectKey": "The destination has no project 'NOPE'."}}
        assert _totals() == [0, 0]
