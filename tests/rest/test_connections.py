"""Connections: initiate (POST), list with paging, read, rename (PUT), delete, invitation
re-fetch, activate and deactivate."""

from __future__ import annotations

import pytest
import requests
from factories import ADMIN, OWN_URL, REST, initiate_body

from .helpers import assert_error

MODE_TOGGLE = "You cannot toggle between the different modes"
CONNECTION_KEYS = {"id", "name", "description", "status", "mode", "type", "role", "localShortName",
                   "remoteShortName", "projectKey", "communication", "created", "updated"}


def initiate(client, **overrides):
    return client.post(REST + "/connections", json=initiate_body(**overrides), headers=ADMIN)


def total(client) -> int:
    return client.get(REST + "/connections", headers=ADMIN).get_json()["total"]


def local_connection(create_connection, **overrides) -> dict:
    """An ACTIVE connection between two projects of this instance."""
    body = {"destinationUrl": OWN_URL, "destinationProjectKey": "SUP", "name": "Demo_to_Sup", **overrides}
    return create_connection(**body)["connection"]


# ---------------------------------------------------------------------------- initiate


def test_private_script_connection_is_pending_with_an_invitation(client):
    response = initiate(client, description="Support escalations")
    assert response.status_code == 201
    body = response.get_json()
    connection = body["connection"]
    assert CONNECTION_KEYS <= set(connection)
    assert connection["status"] == "PENDING"
    assert connection["mode"] == "SCRIPT"
    assert connection["type"] == "PRIVATE"
    assert connection["role"] == "INITIATOR"
    assert connection["name"] == "JiraA_to_JiraB"
    assert connection["description"] == "Support escalations"
    assert (connection["localShortName"], connection["remoteShortName"]) == ("JiraA", "JiraB")
    assert connection["projectKey"] == "DEMO"
    assert connection["communication"] == {"remoteUrl": None}
    assert isinstance(body["invitationCode"], str) and len(body["invitationCode"]) > 40
    assert response.headers["Location"] == f"http://jira-a.test:2990{REST}/connections/{connection['id']}"


def test_private_basic_connection_is_allowed(client):
    body = initiate(client, mode="BASIC").get_json()
    assert body["connection"]["mode"] == "BASIC"
    assert body["invitationCode"]


def test_private_visual_connection_is_refused(client):
    assert_error(initiate(client, mode="VISUAL"), 400, "mode")
    assert total(client) == 0


def test_missing_required_fields_are_all_named_at_once(client):
    body = {"destinationUrl": None, "mode": "SCRIPT"}
    response = client.post(REST + "/connections", json=body, headers=ADMIN)
    assert_error(response, 400, "localShortName", "remoteShortName", "name", "projectKey")
    assert total(client) == 0


def test_blank_required_fields_are_named(client):
    response = initiate(client, localShortName="  ", remoteShortName="", name=" ", projectKey="")
    assert_error(response, 400, "localShortName", "remoteShortName", "name", "projectKey")


def test_the_name_is_not_filled_in_by_rest(client):
    response = client.post(REST + "/connections", headers=ADMIN,
                           json={k: v for k, v in initiate_body().items() if k != "name"})
    body = assert_error(response, 400, "name")
    assert set(body["errors"]) == {"name"}


@pytest.mark.parametrize(
    "short_name", ["Jira A", "Jira/A", "Jíra", "a" * 65, "JiraA\n", "<script>", "Jira:A", "\tJiraA"],
)
def test_invalid_short_names_are_refused(client, short_name):
    response = initiate(client, localShortName=short_name, remoteShortName=short_name)
    assert_error(response, 400, "localShortName", "remoteShortName")
    assert total(client) == 0


@pytest.mark.parametrize("short_name", ["J", "a" * 64, "Jira.A-1_x", "42"])
def test_valid_short_names_are_kept(client, short_name):
    connection = initiate(client, localShortName=short_name).get_json()["connection"]
    assert connection["localShortName"] == short_name


def test_name_of_255_characters_is_accepted(client):
    assert initiate(client, name="n" * 255).status_code == 201


def test_name_longer_than_255_characters_is_refused(client):
    assert_error(initiate(client, name="n" * 256), 400, "name")


def test_name_is_unique_regardless_of_case(client, create_connection):
    create_connection()
    assert_error(initiate(client, name="jiraa_TO_jirab"), 400, "name", message="already exists")
    assert_error(initiate(client, name="  JiraA_to_JiraB "), 400, "name")
    assert total(client) == 1


def test_description_is_limited(client):
    assert_error(initiate(client, description="d" * 4001), 400, "description")


def test_unknown_project_is_refused(client):
    assert_error(initiate(client, projectKey="NOPE"), 400, "projectKey", message="NOPE")


@pytest.mark.parametrize("mode", ["script", "MANUAL", "", 1])
def test_mode_must_be_one_of_the_three(client, mode):
    assert_error(initiate(client, mode=mode), 400, "mode")


def test_missing_mode_is_named(client):
    response = client.post(REST + "/connections", headers=ADMIN,
                           json={k: v for k, v in initiate_body().items() if k != "mode"})
    assert_error(response, 400, "mode")


@pytest.mark.parametrize("value", [7, 1.5, True, ["JiraA"], {"name": "JiraA"}])
@pytest.mark.parametrize("field", ["localShortName", "remoteShortName", "name", "description", "projectKey",
                                   "destinationUrl"])
def test_wrong_json_types_are_named(client, field, value):
    assert_error(initiate(client, **{field: value}), 400, field)
    assert total(client) == 0


def test_malformed_json_is_a_400(client):
    response = client.post(REST + "/connections", data='{"name": ', content_type="application/json", headers=ADMIN)
    assert_error(response, 400, message="not valid JSON")


@pytest.mark.parametrize("raw", ["[]", '[{"name": "x"}]', '"JiraA"', "42", "null"])
def test_a_body_that_is_not_an_object_is_a_400(client, raw):
    response = client.post(REST + "/connections", data=raw, content_type="application/json", headers=ADMIN)
    assert_error(response, 400)


def test_deeply_nested_json_is_a_400_not_a_crash(client):
    raw = "[" * 100_000 + "]" * 100_000
    response = client.post(REST + "/connections", data=raw, content_type="application/json", headers=ADMIN)
    assert_error(response, 400)


def test_invalid_utf8_is_a_400(client):
    response = client.post(REST + "/connections", data=b'{"name": "\xff"}', content_type="application/json",
                           headers=ADMIN)
    assert_error(response, 400)


def test_unknown_fields_are_ignored(client):
    assert initiate(client, status="ACTIVE", id=99).get_json()["connection"]["status"] == "PENDING"


def test_initiating_when_not_public_is_refused(client):
    client.put(REST + "/settings", json={"public": False}, headers=ADMIN)
    assert_error(initiate(client), 400, "mode", message="not public")
    assert total(client) == 0


@pytest.mark.parametrize("url", ["ftp://jira-b.test", "http://169.254.169.254", "http://u:p@jira-b.test"])
def test_refused_destination_urls_are_a_400(client, url):
    assert_error(initiate(client, destinationUrl=url), 400, "destinationUrl")
    assert total(client) == 0


def test_unreachable_destination_is_a_502_and_stores_nothing(client, network):
    network.mock.add("GET", "http://down.test/rest/issuehub/4.0/info", body=requests.ConnectionError("refused"))
    assert_error(initiate(client, destinationUrl="http://down.test"), 502, "destinationUrl")
    assert total(client) == 0


def test_destination_timing_out_is_a_504_and_stores_nothing(client, network):
    network.mock.add("GET", "http://slow.test/rest/issuehub/4.0/info",
                     body=requests.exceptions.ReadTimeout("slow"))
    assert_error(initiate(client, destinationUrl="http://slow.test"), 504, "destinationUrl")
    assert total(client) == 0


def test_public_connection_remembers_the_destination(client, client_b):
    body = initiate(client, destinationUrl="http://jira-b.test:2990/").get_json()
    assert body["connection"]["type"] == "PUBLIC"
    assert body["connection"]["status"] == "PENDING"
    assert body["connection"]["communication"] == {"remoteUrl": "http://jira-b.test:2990"}
    assert body["invitationCode"]


def test_public_visual_connection_needs_destination_credentials_and_project(client, client_b):
    response = initiate(client, destinationUrl="http://jira-b.test:2990", mode="VISUAL")
    assert_error(response, 400, "destinationAdmin", "destinationProjectKey")
    assert total(client) == 0


# ------------------------------------------------------------------------------- local


def test_local_connection_is_active_at_once_without_invitation(client):
    response = initiate(client, destinationUrl=OWN_URL, destinationProjectKey="SUP")
    assert response.status_code == 201
    body = response.get_json()
    assert body["invitationCode"] is None
    connection = body["connection"]
    assert (connection["type"], connection["status"], connection["role"]) == ("LOCAL", "ACTIVE", "INITIATOR")
    assert connection["communication"] == {"remoteUrl": OWN_URL}


@pytest.mark.parametrize("destination_project", [None, "", "NOPE"])
def test_local_connection_needs_the_destination_project(client, destination_project):
    response = initiate(client, destinationUrl=OWN_URL, destinationProjectKey=destination_project)
    assert_error(response, 400, "destinationProjectKey")
    assert total(client) == 0


def test_local_connection_through_the_exalate_url(client):
    client.put(REST + "/settings", json={"exalateUrl": "https://jira.example.com"}, headers=ADMIN)
    response = initiate(client, destinationUrl="https://JIRA.example.com/", destinationProjectKey="SUP")
    assert response.get_json()["connection"]["type"] == "LOCAL"


# ------------------------------------------------------------------------ list, paging


def test_empty_list(client):
    response = client.get(REST + "/connections", headers=ADMIN)
    assert response.status_code == 200
    assert response.get_json() == {"results": [], "total": 0, "startAt": 0, "maxResults": 50, "isLast": True}


def test_a_listed_connection_is_shown_as_its_own_resource_shows_it(client, create_connection):
    """The list reads plain rows of what it shows; the resource, the whole connection: the same answer."""
    made = create_connection(name="Listed", description="Shown the same")["connection"]["id"]
    [listed] = client.get(REST + "/connections", headers=ADMIN).get_json()["results"]
    assert listed == client.get(REST + f"/connections/{made}", headers=ADMIN).get_json()


def test_pages_through_several_connections(client, create_connection):
    ids = [create_connection(name=f"Connection_{n}")["connection"]["id"] for n in range(5)]
    first = client.get(REST + "/connections?startAt=0&maxResults=2", headers=ADMIN).get_json()
    assert [c["id"] for c in first["results"]] == ids[:2]
    assert (first["total"], first["startAt"], first["maxResults"], first["isLast"]) == (5, 0, 2, False)
    middle = client.get(REST + "/connections?startAt=2&maxResults=2", headers=ADMIN).get_json()
    assert [c["id"] for c in middle["results"]] == ids[2:4]
    assert middle["isLast"] is False
    last = client.get(REST + "/connections?startAt=4&maxResults=2", headers=ADMIN).get_json()
    assert [c["id"] for c in last["results"]] == ids[4:]
    assert (last["total"], last["startAt"], last["isLast"]) == (5, 4, True)
    beyond = client.get(REST + "/connections?startAt=10", headers=ADMIN).get_json()
    assert beyond["results"] == [] and beyond["isLast"] is True and beyond["total"] == 5


def test_paging_counts_the_connections_left_after_deletions(client, create_connection):
    ids = [create_connection(name=f"Connection_{n}")["connection"]["id"] for n in range(5)]
    for deleted in (ids[1], ids[3]):
        assert client.delete(REST + f"/connections/{deleted}", headers=ADMIN).status_code == 204
    page = client.get(REST + "/connections?startAt=1&maxResults=2", headers=ADMIN).get_json()
    assert [c["id"] for c in page["results"]] == [ids[2], ids[4]]
    assert (page["total"], page["isLast"]) == (3, True)


def test_max_results_zero_counts_without_results(client, create_connection):
    create_connection()
    body = client.get(REST + "/connections?maxResults=0", headers=ADMIN).get_json()
    assert (body["results"], body["total"], body["isLast"]) == ([], 1, False)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("startAt=-1", ["startAt"]),
        ("startAt=abc", ["startAt"]),
        ("startAt=1.5", ["startAt"]),
        ("startAt=99999999999999999999999", ["startAt"]),
        ("maxResults=-1", ["maxResults"]),
        ("maxResults=1001", ["maxResults"]),
        ("maxResults=ten", ["maxResults"]),
        ("startAt=-1&maxResults=abc", ["startAt", "maxResults"]),
    ],
)
def test_paging_parameters_are_validated(client, query, fields):
    assert_error(client.get(REST + "/connections?" + query, headers=ADMIN), 400, *fields)


# -------------------------------------------------------------------------------- read


def test_get_one_connection(client, create_connection):
    created = create_connection()["connection"]
    response = client.get(REST + f"/connections/{created['id']}", headers=ADMIN)
    assert response.status_code == 200
    assert response.get_json() == created


@pytest.mark.parametrize("connection_id", ["0", "999", str(2**53 + 1), "9" * 40])
def test_unknown_ids_are_a_404(client, create_connection, connection_id):
    create_connection()
    for suffix in ("", "/invitation", "/rules"):
        assert_error(client.get(REST + f"/connections/{connection_id}{suffix}", headers=ADMIN), 404)
    assert_error(client.put(REST + f"/connections/{connection_id}", json={"name": "x"}, headers=ADMIN), 404)
    assert_error(client.delete(REST + f"/connections/{connection_id}", headers=ADMIN), 404)
    assert_error(client.post(REST + f"/connections/{connection_id}/activate", headers=ADMIN), 404)
    assert_error(client.post(REST + f"/connections/{connection_id}/deactivate", headers=ADMIN), 404)


@pytest.mark.parametrize("path", ["/connections/abc", "/connections/-1", "/connections/1.5"])
def test_ids_that_are_not_numbers_are_a_json_404(client, path):
    assert_error(client.get(REST + path, headers=ADMIN), 404)


# ------------------------------------------------------------------------------ update


def test_put_renames_and_describes(client, create_connection):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", headers=ADMIN,
                          json={"name": "Renamed", "description": "Now with a description"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["name"], body["description"]) == ("Renamed", "Now with a description")
    assert body["mode"] == "SCRIPT"
    assert client.get(REST + f"/connections/{created['id']}", headers=ADMIN).get_json()["name"] == "Renamed"


def test_put_may_change_the_case_of_its_own_name(client, create_connection):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", json={"name": "JIRAA_TO_JIRAB"}, headers=ADMIN)
    assert response.get_json()["name"] == "JIRAA_TO_JIRAB"


def test_put_with_the_same_mode_is_allowed(client, create_connection):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", json={"mode": "SCRIPT"}, headers=ADMIN)
    assert response.status_code == 200


@pytest.mark.parametrize("mode", ["BASIC", "VISUAL"])
def test_put_refuses_a_mode_change(client, create_connection, mode):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", json={"mode": mode, "name": "Other"},
                          headers=ADMIN)
    body = assert_error(response, 400, "mode")
    assert body["errors"]["mode"].startswith(MODE_TOGGLE)
    after = client.get(REST + f"/connections/{created['id']}", headers=ADMIN).get_json()
    assert (after["mode"], after["name"]) == ("SCRIPT", "JiraA_to_JiraB")


def test_put_refuses_another_connections_name(client, create_connection):
    create_connection(name="First")
    second = create_connection(name="Second")["connection"]
    response = client.put(REST + f"/connections/{second['id']}", json={"name": "FIRST"}, headers=ADMIN)
    assert_error(response, 400, "name")


@pytest.mark.parametrize(("body", "field"), [({"name": "n" * 256}, "name"), ({"name": " "}, "name"),
                                             ({"name": 5}, "name"), ({"description": ["x"]}, "description")])
def test_put_validates_and_changes_nothing(client, create_connection, body, field):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", json={"description": "changed", **body},
                          headers=ADMIN)
    assert_error(response, 400, field)
    assert client.get(REST + f"/connections/{created['id']}", headers=ADMIN).get_json() == created


def test_put_malformed_json_is_a_400(client, create_connection):
    created = create_connection()["connection"]
    response = client.put(REST + f"/connections/{created['id']}", data="{", content_type="application/json",
                          headers=ADMIN)
    assert_error(response, 400)


# ------------------------------------------------------------------------------ delete


def test_delete_then_gone(client, create_connection):
    created = create_connection()["connection"]
    response = client.delete(REST + f"/connections/{created['id']}", headers=ADMIN)
    assert response.status_code == 204
    assert response.get_data() == b""
    assert_error(client.get(REST + f"/connections/{created['id']}", headers=ADMIN), 404)
    assert_error(client.delete(REST + f"/connections/{created['id']}", headers=ADMIN), 404)
    assert total(client) == 0


def test_a_deleted_name_can_be_used_again(client, create_connection):
    created = create_connection()["connection"]
    client.delete(REST + f"/connections/{created['id']}", headers=ADMIN)
    assert initiate(client).status_code == 201


# -------------------------------------------------------------------------- invitation


def test_invitation_can_be_fetched_again_while_pending(client, create_connection):
    created = create_connection()
    response = client.get(REST + f"/connections/{created['connection']['id']}/invitation", headers=ADMIN)
    assert response.status_code == 200
    assert response.get_json() == {"invitationCode": created["invitationCode"]}


def test_no_invitation_for_a_local_connection(client, create_connection):
    connection = local_connection(create_connection)
    assert_error(client.get(REST + f"/connections/{connection['id']}/invitation", headers=ADMIN), 409)


# ---------------------------------------------------------------- activate, deactivate


def test_deactivate_and_activate_again(client, create_connection):
    connection = local_connection(create_connection)
    deactivated = client.post(REST + f"/connections/{connection['id']}/deactivate", headers=ADMIN)
    assert deactivated.status_code == 200
    assert deactivated.get_json()["status"] == "DEACTIVATED"
    assert client.get(REST + f"/connections/{connection['id']}", headers=ADMIN).get_json()["status"] == "DEACTIVATED"
    activated = client.post(REST + f"/connections/{connection['id']}/activate", headers=ADMIN)
    assert activated.status_code == 200
    assert activated.get_json()["status"] == "ACTIVE"


def test_status_changes_are_idempotent(client, create_connection):
    connection = local_connection(create_connection)
    assert client.post(REST + f"/connections/{connection['id']}/activate", headers=ADMIN).status_code == 200
    client.post(REST + f"/connections/{connection['id']}/deactivate", headers=ADMIN)
    again = client.post(REST + f"/connections/{connection['id']}/deactivate", headers=ADMIN)
    assert again.get_json()["status"] == "DEACTIVATED"


@pytest.mark.parametrize("action", ["activate", "deactivate"])
def test_a_pending_connection_cannot_change_status(client, create_connection, action):
    connection = create_connection()["connection"]
    assert_error(client.post(REST + f"/connections/{connection['id']}/{action}", headers=ADMIN), 409,
                 message="Pending")
    assert client.get(REST + f"/connections/{connection['id']}", headers=ADMIN).get_json()["status"] == "PENDING"


def test_status_changes_are_posts_only(client, create_connection):
    connection = local_connection(create_connection)
    assert_error(client.get(REST + f"/connections/{connection['id']}/activate", headers=ADMIN), 405)


@pytest.mark.parametrize("advertised", ["javascript:alert(1)", "http://169.254.169.254", "ftp://jira-b.test",
                                        "http://jira-b.test/?x=<script>", 42, None])
def test_a_destination_cannot_plant_an_unusable_remote_url(client, network, advertised):
    network.mock.add("GET", "http://dest.test/rest/issuehub/4.0/info", json={
        "platform": "jira-server", "platformVersion": "9.12.0", "exalateVersion": "5.12.0",
        "baseUrl": "http://dest.test", "exalateUrl": advertised, "public": True})
    connection = initiate(client, destinationUrl="http://dest.test").get_json()["connection"]
    assert connection["communication"] == {"remoteUrl": "http://dest.test"}


def test_a_destination_url_longer_than_the_stored_remote_url_is_refused(client, network):
    assert_error(initiate(client, destinationUrl="http://dest.test/" + "j" * 250), 400, "destinationUrl")
    assert not network.mock.calls and total(client) == 0


@pytest.mark.parametrize("value", ["1_0", " 7", "٣", "1e3", "0x10"])
def test_paging_parameters_are_plain_numbers(client, value):
    response = client.get(REST + "/connections", query_string={"startAt": value}, headers=ADMIN)
    assert_error(response, 400, "startAt")
