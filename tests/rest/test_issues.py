"""REST v2 issues in Jira's shapes and error bodies: create, read with fields and names, edit,
delete, permissions, the latest alias, ids as strings or numbers."""

from __future__ import annotations

from factories import ADMIN, USER, issue_fields

from .helpers import assert_error

API = "/rest/api/2"


def _create(client, headers=ADMIN, **fields):
    response = client.post(API + "/issue", json={"fields": issue_fields(**fields)}, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def test_create_answers_id_key_and_an_absolute_self_link(client):
    assert _create(client) == {"id": "1", "key": "DEMO-1", "self": "http://jira-a.test:2990/rest/api/2/issue/1"}


def test_a_missing_summary_is_refused_with_jiras_message(client):
    response = client.post(API + "/issue", json={"fields": issue_fields(summary=None)}, headers=ADMIN)
    assert_error(response, 400, "summary")
    assert response.get_json()["errors"] == {"summary": "You must specify a summary of the issue."}


def test_read_selects_fields_and_expands_names(client):
    _create(client, labels=["b", "a"])
    issue = client.get(API + "/issue/DEMO-1?fields=summary,labels,status&expand=names", headers=ADMIN).get_json()
    assert issue["fields"] == {"summary": "Printer on fire", "labels": ["a", "b"], "status": issue["fields"]["status"]}
    assert issue["fields"]["status"]["statusCategory"]["key"] == "new"
    assert issue["names"] == {"summary": "Summary", "labels": "Labels", "status": "Status"}


def test_latest_is_an_alias_and_ids_are_accepted(client):
    _create(client)
    assert client.get("/rest/api/latest/issue/1", headers=ADMIN).get_json()["key"] == "DEMO-1"
    assert client.get(API + "/issue/demo-1", headers=ADMIN).get_json()["id"] == "1"


def test_project_and_type_by_id_as_number_or_string(client):
    fields = issue_fields(project={"id": 10001}, issuetype={"id": "10000"})
    created = client.post(API + "/issue", json={"fields": fields}, headers=ADMIN)
    assert created.status_code == 201
    issue = client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()
    assert (issue["fields"]["project"]["key"], issue["fields"]["issuetype"]["name"]) == ("DEMO", "Bug")


def test_an_unknown_issue_is_404_with_jiras_message(client):
    response = client.get(API + "/issue/DEMO-99", headers=ADMIN)
    assert_error(response, 404, message="Issue Does Not Exist")


def test_edit_with_update_verbs(client):
    _create(client, labels=["a"])
    response = client.put(API + "/issue/DEMO-1", headers=ADMIN, json={
        "update": {"labels": [{"add": "b"}, {"remove": "a"}], "summary": [{"set": "Renamed"}],
                   "comment": [{"add": {"body": "Looked at it"}}]}})
    assert response.status_code == 204
    issue = client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]
    assert (issue["labels"], issue["summary"]) == (["b"], "Renamed")
    assert [c["body"] for c in issue["comment"]["comments"]] == ["Looked at it"]


def test_a_user_who_is_neither_reporter_nor_assignee_cannot_delete(client):
    _create(client)
    response = client.delete(API + "/issue/DEMO-1", headers=USER)
    assert_error(response, 403, message="You do not have permission to delete issues in this project.")
    assert client.get(API + "/issue/DEMO-1", headers=ADMIN).status_code == 200


def test_the_reporter_may_delete(client):
    _create(client, headers=USER)
    assert client.delete(API + "/issue/DEMO-1", headers=USER).status_code == 204


def test_anonymous_is_refused(client):
    assert_error(client.get(API + "/issue/DEMO-1"), 401)


def test_an_invalid_transition_is_refused(client):
    _create(client)
    response = client.post(API + "/issue/DEMO-1/transitions", json={"transition": {"id": "41"}}, headers=ADMIN)
    assert_error(response, 400, "transition", message="Transition id '41' is not valid for this issue.")


def test_a_transition_may_set_the_resolution(client):
    _create(client)
    response = client.post(API + "/issue/DEMO-1/transitions", headers=ADMIN,
                           json={"transition": {"id": 31}, "fields": {"resolution": {"name": "Won't Do"}}})
    assert response.status_code == 204
    assert client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]["resolution"]["name"] == "Won't Do"


def test_assign_as_the_jira_client_does(client):
    _create(client)
    assert client.put(API + "/issue/DEMO-1/assignee", json={"name": "user"}, headers=ADMIN).status_code == 204
    assignee = client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]["assignee"]
    assert (assignee["name"], assignee["displayName"], assignee["emailAddress"]) == ("user", "User", "user@example.com")


def test_an_edit_whose_comment_verb_fails_changes_nothing(client):
    _create(client)
    response = client.put(API + "/issue/DEMO-1", headers=ADMIN, json={
        "fields": {"summary": "Not kept"}, "update": {"comment": [{"remove": {"id": "99"}}]}})
    assert_error(response, 404, message="Can not find a comment for the id: 99.")
    assert client.get(API + "/issue/DEMO-1", headers=ADMIN).get_json()["fields"]["summary"] == "Printer on fire"
