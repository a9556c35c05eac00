"""POST /connections/{id}/test-run: the rules (or drafts) on a local issue — the replica, the changes, the
output and the first error with its side and line; nothing is written."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST, USER, add_issue, committed, create_connection

from .helpers import assert_error


@pytest.fixture
def connection_id(app, client):
    with app.app_context():
        add_issue("Printer on fire", labels=("printer",), assignee="user", comments=("Unplugged it",))
        from plugin.db import db
        db.session.commit()
    return create_connection(client, destination_url=None)["connection"]["id"]


def run_test(client, connection_id, **body):
    return client.post(REST + f"/connections/{connection_id}/test-run", json={"issueKey": "DEMO-1", **body},
                       headers=ADMIN)


def row_counts(app) -> dict:
    from sqlalchemy import inspect

    from plugin.db import db
    with app.app_context():
        return {table: committed(f"SELECT count(*) FROM {table}") for table in inspect(db.engine).get_table_names()}


def test_the_connections_rules_run_on_the_issue(client, connection_id):
    response = run_test(client, connection_id)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["replica"]["hubIssue"]["summary"] == "Printer on fire"
    assert answer["replica"]["hubIssue"]["labels"] == [{"label": "printer"}]
    assert answer["changes"]["projectKey"] == "DEMO" and answer["changes"]["firstSync"] is True
    assert [c["body"] for c in answer["changes"]["comments"]["add"]] == ["Administrator commented: Unplugged it"]
    assert (answer["output"], answer["error"]) == ("", None)


def test_draft_rules_run_instead_of_the_published_ones(client, connection_id):
    answer = run_test(client, connection_id, outgoing='replica.summary = issue.summary.toUpperCase()\nprintln "out"',
                      incoming='issue.projectKey = "SUP"\nissue.typeName = "Bug"\n'
                               'issue.summary = replica.summary\nprintln "in"').get_json()
    assert answer["changes"]["fields"] == {"summary": "PRINTER ON FIRE"}
    assert (answer["changes"]["issueType"], answer["output"]) == ("Bug", "out\nin\n")


def test_an_outgoing_error_is_shown_with_its_line_and_side(client, connection_id):
    outgoing = 'println "before"\nreplica.summary = issue.resolution.name'
    answer = run_test(client, connection_id, outgoing=outgoing).get_json()
    assert answer == {"replica": None, "changes": None, "output": "before\n", "error": {
        "message": "Cannot get property 'name' on null object", "line": 2, "side": "outgoing"}}


def test_an_incoming_error_keeps_the_replica(client, connection_id):
    answer = run_test(client, connection_id, incoming='debug.error("stop: " + replica.key)').get_json()
    assert answer["replica"]["hubIssue"]["key"] == "DEMO-1"
    assert answer["error"] == {"message": "stop: DEMO-1", "line": 1, "side": "incoming"}


def test_a_first_sync_without_a_project_is_the_products_error(client, connection_id):
    answer = run_test(client, connection_id, incoming="issue.summary = replica.summary").get_json()
    assert answer["error"] == {"message": "Project key was not set", "line": None, "side": "incoming"}


def test_a_draft_that_does_not_parse_is_shown_with_its_line(client, connection_id):
    answer = run_test(client, connection_id, incoming="\nissue.key = = 1").get_json()
    assert answer["error"] == {"message": "Unexpected input: '='", "line": 2, "side": "incoming"}


def test_nothing_is_written(app, client, connection_id):
    before = row_counts(app)
    script = ('issue.projectKey = "SUP"\nissue.typeName = "Task"\nissue.summary = "x"\nstore(issue)\n'
              'issue.comments = commentHelper.addComment("hi", issue.comments)\nissue.setStatus("Done")')
    assert run_test(client, connection_id, incoming=script).get_json()["error"] is None
    assert row_counts(app) == before


def test_an_unknown_issue_names_the_field(client, connection_id):
    body = assert_error(run_test(client, connection_id, issueKey="DEMO-99"), 400, "issueKey")
    assert body["errors"] == {"issueKey": "Issue 'DEMO-99' does not exist."}


@pytest.mark.parametrize("body", [{"issueKey": None}, {"issueKey": "  "}, {"issueKey": 7}])
def test_a_missing_issue_key_names_the_field(client, connection_id, body):
    assert_error(run_test(client, connection_id, **body), 400, "issueKey")


def test_draft_rules_must_be_text(client, connection_id):
    assert_error(run_test(client, connection_id, outgoing=["x"]), 400, "outgoing")


def test_an_unknown_connection_is_not_found(client, connection_id):
    response = client.post(REST + "/connections/999/test-run", json={"issueKey": "DEMO-1"}, headers=ADMIN)
    assert_error(response, 404, message="Connection 999 does not exist.")


def test_only_administrators_run_tests(client, connection_id):
    response = client.post(REST + f"/connections/{connection_id}/test-run", json={"issueKey": "DEMO-1"},
                           headers=USER)
    assert_error(response, 403)


def test_the_openapi_document_describes_test_run(client):
    document = client.get(REST + "/openapi.json", headers=ADMIN).get_json()
    operation = document["paths"][REST + "/connections/{connectionId}/test-run"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/TestRunInput")
    assert {"issueKey", "outgoing", "incoming"} <= set(document["components"]["schemas"]["TestRunInput"]["properties"])
    assert set(document["components"]["schemas"]["TestRun"]["properties"]) == {"replica", "changes", "output", "error"}
