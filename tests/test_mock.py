"""The in-process mock: real apps behind ``responses``, no sockets. Instances take the tests'
cheap password hash through their configuration (``factories.mock_exalate``)."""

from __future__ import annotations

import pytest
import requests
import responses
from factories import AUTH, CHEAP_HASH, REST, connect_at, created_at, issue_fields, mock_exalate, settle

from plugin.mock import ExalateMock

A, B = "http://jira-a.test", "http://jira-b.test"


def _initiate(source: str, destination: str | None) -> dict:
    return created_at(source, destinationUrl=destination)


def test_full_handshake_without_sockets():
    with mock_exalate(A, B) as nodes:
        initiated = _initiate(A, B)
        accepted = requests.post(B + REST + "/invitations/accept", auth=AUTH,
                                 json={"invitationCode": initiated["invitationCode"], "projectKey": "SUP"})
        assert accepted.status_code == 201, accepted.text
        end_a = requests.get(f"{A}{REST}/connections/{initiated['connection']['id']}", auth=AUTH).json()
        assert end_a["status"] == "ACTIVE"
        assert end_a["communication"]["remoteUrl"] == B
        assert accepted.json()["connection"]["communication"]["remoteUrl"] == A
        assert set(nodes.instances) == {A, B}


def test_an_instance_can_present_another_platform():
    with mock_exalate(A, ("http://snow.test", {"EXALATE_PLATFORM": "servicenow"})):
        report = requests.post(A + REST + "/compatibility", auth=AUTH,
                               json={"destinationUrl": "http://snow.test"}).json()
    assert report["destination"]["platform"] == "servicenow"
    assert [(m["mode"], m["available"]) for m in report["modes"]] == [
        ("BASIC", True), ("VISUAL", False), ("SCRIPT", True)]


def test_coexists_with_the_callers_own_mocks():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as own:
        own.add(responses.GET, "http://elsewhere.test/ping", json={"pong": True})
        with mock_exalate(A, requests_mock=own):
            assert requests.get("http://elsewhere.test/ping").json() == {"pong": True}
            assert requests.get(A + REST + "/info").json()["baseUrl"] == A
        # the caller's mock is still running after the emulator's block ends
        assert requests.get("http://elsewhere.test/ping").json() == {"pong": True}


def test_session_cookies_flow_through_the_mock():
    with mock_exalate(A):
        session = requests.Session()
        login = session.post(A + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        assert login.status_code == 200
        assert session.get(A + REST + "/connections").status_code == 200


def test_decorator_form_starts_fresh_instances_per_call():
    @ExalateMock((A, CHEAP_HASH))
    def count_connections():
        _initiate(A, None)
        return requests.get(A + REST + "/connections", auth=AUTH).json()["total"]

    assert count_connections() == 1
    assert count_connections() == 1


def test_an_unreachable_destination_is_reported_by_the_checker():
    with mock_exalate(A):
        report = requests.post(A + REST + "/compatibility", auth=AUTH,
                               json={"destinationUrl": "http://nowhere.test"}).json()
    assert report["problem"]["code"] == "CONNECTION_REFUSED"
    assert not any(m["available"] for m in report["modes"])


def test_instance_urls_must_be_bare_origins():
    with pytest.raises(ValueError, match="scheme://host"):
        with mock_exalate("ftp://x.test"):
            pass


@pytest.mark.parametrize("platform", ["servicenow", "azure-devops", "zendesk", "github", "jira-cloud"])
def test_a_node_presenting_another_platform_accepts_invitations(platform):
    other = f"http://{platform}.test"
    with mock_exalate(A, (other, {"EXALATE_PLATFORM": platform})):
        initiated = _initiate(A, other)
        accepted = requests.post(other + REST + "/invitations/accept", auth=AUTH,
                                 json={"invitationCode": initiated["invitationCode"], "projectKey": "SUP"})
        assert accepted.status_code == 201, accepted.text
        assert requests.get(other + REST + "/info").json()["platform"] == platform
        end_a = requests.get(f"{A}{REST}/connections/{initiated['connection']['id']}", auth=AUTH).json()
        assert end_a["status"] == "ACTIVE"


def test_issues_are_served_by_the_mock_too():
    """The host Jira's REST v2 through ``requests``, with no socket: create, comment, search."""
    jira_rest = A + "/rest/api/2"
    with mock_exalate(A):
        created = requests.post(jira_rest + "/issue", auth=AUTH, json={"fields": issue_fields(labels=["mocked"])})
        assert created.status_code == 201, created.text
        key = created.json()["key"]
        assert created.json()["self"].startswith(jira_rest + "/issue/")
        comment = requests.post(f"{jira_rest}/issue/{key}/comment", auth=AUTH, json={"body": "Seen from the mock"})
        assert comment.status_code == 201, comment.text
        found = requests.get(jira_rest + "/search", auth=AUTH, params={"jql": "labels = mocked", "fields": "summary"})
        assert found.status_code == 200, found.text
        assert [issue["key"] for issue in found.json()["issues"]] == [key]
        assert found.json()["total"] == 1


def test_issues_sync_through_the_mock_when_its_queues_are_stepped():
    with mock_exalate(A, B) as nodes:
        initiated, _ = connect_at(A, B)
        key = requests.post(A + "/rest/api/2/issue", auth=AUTH, json={"fields": issue_fields()}).json()["key"]
        answer = requests.post(f"{A}{REST}/issues/{key}/exalate", auth=AUTH,
                               json={"connection": initiated["connection"]["name"]})
        assert answer.status_code == 202, answer.text
        settle(nodes[A].app, nodes[B].app)

        [twin] = requests.get(f"{A}{REST}/issues/{key}/sync-status", auth=AUTH).json()["twins"]
        assert twin["status"] == "SYNCHRONIZED"
        assert requests.get(f"{B}/rest/api/2/issue/{twin['remoteIssueKey']}", auth=AUTH).json()["fields"][
            "summary"] == "Printer on fire"


def _exalated_at_a(connection: str) -> str:
    """A new DEMO issue on A, exalated over ``connection``: its key."""
    key = requests.post(A + "/rest/api/2/issue", auth=AUTH, json={"fields": issue_fields()}).json()["key"]
    answer = requests.post(f"{A}{REST}/issues/{key}/exalate", auth=AUTH, json={"connection": connection})
    assert answer.status_code == 202, answer.text
    return key


def test_wait_for_twin_steps_the_queues_and_answers_the_twins_key():
    with mock_exalate(A, B) as nodes:
        initiated, _ = connect_at(A, B)
        key = _exalated_at_a(initiated["connection"]["name"])

        remote_key = nodes.wait_for_twin(A, key)

        assert requests.get(f"{B}/rest/api/2/issue/{remote_key}", auth=AUTH).json()["fields"][
            "summary"] == "Printer on fire"
        assert nodes.wait_for_twin(A, key, connection=initiated["connection"]["id"]) == remote_key


def test_wait_for_twin_of_an_issue_not_under_sync_says_so():
    with mock_exalate(A, B) as nodes:
        key = requests.post(A + "/rest/api/2/issue", auth=AUTH, json={"fields": issue_fields()}).json()["key"]
        with pytest.raises(LookupError, match=f"{key} on {A} has no synchronized twin \\(not under sync\\)"):
            nodes.wait_for_twin(A, key)


def test_sync_steps_until_every_queue_is_idle():
    with mock_exalate(A, B) as nodes:
        initiated, _ = connect_at(A, B)
        _exalated_at_a(initiated["connection"]["name"])
        assert nodes.sync() > 0
        assert nodes.sync() == 0


def test_with_sync_on_every_call_leaves_the_twins_up_to_date():
    """``sync=True``: when a call returns, what it changed has reached the other side, both ways."""
    with mock_exalate(A, B, sync=True):
        initiated, _ = connect_at(A, B)
        key = _exalated_at_a(initiated["connection"]["name"])
        [twin] = requests.get(f"{A}{REST}/issues/{key}/sync-status", auth=AUTH).json()["twins"]
        assert twin["status"] == "SYNCHRONIZED"
        remote_key = twin["remoteIssueKey"]

        commented = requests.post(f"{B}/rest/api/2/issue/{remote_key}/comment", auth=AUTH, json={"body": "On B"})
        assert commented.status_code == 201, commented.text

        comments = requests.get(f"{A}/rest/api/2/issue/{key}/comment", auth=AUTH).json()["comments"]
        assert [comment["body"] for comment in comments] == ["Administrator commented: On B"]
