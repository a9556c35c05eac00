"""Visual connections: admin access to the destination, both ends created directly."""

from __future__ import annotations

import requests
from factories import ADMIN, AUTH, REST, initiate_body, mock_exalate

A, B, C = "http://jira-a.test", "http://jira-b.test", "http://jira-c.test"


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
