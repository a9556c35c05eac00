"""Data Center mode: several ``exalate-emulator serve`` processes on one database behave as one
instance. Runs on the backend under test (a shared SQLite file, or PostgreSQL with tox -e postgres)."""

from __future__ import annotations

import pytest
import requests
from factories import initiate_body

from live.instances import LiveInstance, free_port


@pytest.fixture
def cluster_and_partner(tmp_path, new_database):
    """Nodes X1 and X2 of one instance (one database, one base URL: X1's, standing in for the
    load balancer), and a separate instance Y."""
    shared = new_database()
    base_url = f"http://127.0.0.1:{free_port()}"
    nodes = []
    for name in ("x1", "x2"):
        folder = tmp_path / name
        folder.mkdir()
        port = int(base_url.rsplit(":", 1)[1]) if name == "x1" else free_port()
        nodes.append(LiveInstance(port, folder, ("--database", shared, "--base-url", base_url, "--workers", "1")))
    partner_folder = tmp_path / "y"
    partner_folder.mkdir()
    partner = LiveInstance(free_port(), partner_folder, ("--database", new_database()))
    started = [instance.start() for instance in (*nodes, partner)]
    yield started
    for instance in started:
        instance.stop()


def test_a_connection_initiated_on_one_node_is_accepted_through_the_other(cluster_and_partner):
    x1, x2, y = cluster_and_partner
    initiated = y.api.post(y.rest("/connections"), json=initiate_body(
        destinationUrl=x1.url, localShortName="Y", remoteShortName="X", name="Y_to_X"))
    assert initiated.status_code == 201, initiated.text
    code = initiated.json()["invitationCode"]

    accepted = x2.api.post(x2.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert accepted.status_code == 201, accepted.text
    again = x1.api.post(x1.rest("/invitations/accept"), json={"invitationCode": code, "projectKey": "SUP"})
    assert again.status_code == 409
    [seen_on_x1] = x1.api.get(x1.rest("/connections")).json()["results"]
    assert seen_on_x1["status"] == "ACTIVE"
    assert seen_on_x1["communication"]["remoteUrl"] == y.url


def test_a_pending_invitation_is_visible_and_single_use_across_nodes(cluster_and_partner):
    x1, x2, y = cluster_and_partner
    initiated = x1.api.post(x1.rest("/connections"), json=initiate_body(
        destinationUrl=y.url, mode="BASIC", localShortName="X", remoteShortName="Y", name="X_to_Y")).json()
    connection_id = initiated["connection"]["id"]
    assert x2.api.get(x2.rest(f"/connections/{connection_id}/invitation")).json() == {
        "invitationCode": initiated["invitationCode"]}

    accepted = y.api.post(y.rest("/invitations/accept"), json={
        "invitationCode": initiated["invitationCode"], "projectKey": "SUP"})
    assert accepted.status_code == 201, accepted.text
    assert x2.api.get(x2.rest(f"/connections/{connection_id}")).json()["status"] == "ACTIVE"
    assert x2.api.get(x2.rest(f"/connections/{connection_id}/invitation")).status_code == 409


def test_a_session_from_one_node_works_on_the_other(cluster_and_partner):
    x1, x2, _ = cluster_and_partner
    browser = requests.Session()
    login = browser.post(x1.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
    assert login.status_code == 200
    name = login.json()["session"]["name"]  # the cluster's, named after its base URL
    cookies = {name: browser.cookies.get(name)}
    response = requests.get(x2.rest("/connections"), cookies=cookies)
    assert response.status_code == 200
    page = requests.get(x2.url + "/plugins/servlet/exalate/connections", cookies=cookies, allow_redirects=False)
    assert page.status_code == 200


def test_settings_changed_on_one_node_are_seen_by_the_other(cluster_and_partner):
    x1, x2, _ = cluster_and_partner
    assert x1.api.put(x1.rest("/license"), json={"type": "FREE"}).status_code == 200
    assert x2.api.get(x2.rest("/license")).json()["type"] == "FREE"
    report = x2.api.post(x2.rest("/compatibility"), json={"destinationUrl": None}).json()
    assert [m["available"] for m in report["modes"]] == [True, False, False]
