"""GET and POST /rest/api/2/search over the JQL engine, and /field with the clause names clients
read before they search."""

from __future__ import annotations

from factories import ADMIN, issue_fields

from .helpers import assert_error

API = "/rest/api/2"


def _create(client, count: int, **fields):
    for _ in range(count):
        assert client.post(API + "/issue", json={"fields": issue_fields(**fields)}, headers=ADMIN).status_code == 201


def test_get_search_pages_with_total_and_selected_fields(client):
    _create(client, 3)
    page = client.get(API + "/search?jql=project%20%3D%20DEMO%20ORDER%20BY%20key%20ASC&startAt=1&maxResults=1"
                      "&fields=summary", headers=ADMIN).get_json()
    assert (page["startAt"], page["maxResults"], page["total"]) == (1, 1, 3)
    assert [(issue["key"], issue["fields"]) for issue in page["issues"]] == [("DEMO-2", {"summary": "Printer on fire"})]


def test_post_search_takes_a_body(client):
    _create(client, 1, labels=["urgent"])
    _create(client, 1)
    page = client.post(API + "/search", headers=ADMIN, json={"jql": "labels = urgent", "fields": ["labels"]})
    assert [issue["key"] for issue in page.get_json()["issues"]] == ["DEMO-1"]


def test_bad_jql_is_400_with_jiras_message(client):
    response = client.get(API + "/search?jql=foo%20%3D%20bar", headers=ADMIN)
    assert_error(response, 400, message="Field 'foo' does not exist or you do not have permission to view it.")


def test_fields_list_their_clause_names(client):
    fields = {field["id"]: field for field in client.get(API + "/field", headers=ADMIN).get_json()}
    assert fields["issuetype"]["clauseNames"] == ["issuetype", "type"]
    assert fields["summary"]["searchable"] is True


def test_a_bad_date_is_400_with_jiras_message(client):
    response = client.post(API + "/search", headers=ADMIN, json={"jql": 'created > startOfWeek("soon")'})
    assert assert_error(response, 400) == {"errorMessages": [
        "Date value 'soon' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
        "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."], "errors": {}}


def test_date_functions_and_phrases_search_over_rest(client):
    _create(client, 1, summary="Printer on fire")
    _create(client, 1, summary="Fire in the printer room")
    jql = 'created >= startOfMonth() AND created <= endOfYear() AND summary ~ "\\"printer on fire\\""'
    page = client.post(API + "/search", headers=ADMIN, json={"jql": jql}).get_json()
    assert [issue["key"] for issue in page["issues"]] == ["DEMO-1"]
