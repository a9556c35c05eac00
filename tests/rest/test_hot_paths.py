"""The hot reads (issue 14): what they skip to stay cheap, and that skipping it never hides a change
another node of the cluster made."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from factories import ADMIN, REST, instance_config
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from plugin import create_app
from plugin.db import db
from plugin.rest.schemas import jira_datetime


@pytest.fixture
def cluster(tmp_path):
    """Two nodes of one instance: two apps on one database, each with its own connections."""
    url = f"sqlite:///{tmp_path / 'cluster.db'}"
    return [create_app(instance_config(SQLALCHEMY_DATABASE_URI=url)).test_client() for _ in range(2)]


def test_info_opens_no_orm_session(client):
    begun = []
    listener = lambda *_: begun.append(True)  # noqa: E731
    event.listen(Session, "after_begin", listener)
    try:
        answer = client.get(REST + "/info")
    finally:
        event.remove(Session, "after_begin", listener)
    assert answer.status_code == 200
    assert begun == []


def test_a_settings_change_on_one_node_is_seen_by_the_other_at_once(cluster):
    first, second = cluster
    assert second.get(REST + "/info").get_json()["public"] is True
    changed = first.put(REST + "/settings", json={"exalateUrl": "https://jira.example.com", "public": False},
                        headers=ADMIN)
    assert changed.status_code == 200, changed.text
    info = second.get(REST + "/info").get_json()
    assert (info["exalateUrl"], info["public"]) == ("https://jira.example.com", False)


def test_a_licence_change_on_one_node_is_seen_by_the_other_at_once(cluster):
    first, second = cluster
    assert second.get(REST + "/license", headers=ADMIN).get_json()["type"] == "EVALUATION"
    changed = first.put(REST + "/license", json={"type": "FREE"}, headers=ADMIN)
    assert changed.status_code == 200, changed.text
    assert second.get(REST + "/license", headers=ADMIN).get_json()["type"] == "FREE"


def _statements_during(call) -> list[str]:
    executed = []
    listener = lambda _conn, _cursor, statement, *_: executed.append(statement)  # noqa: E731
    event.listen(Engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(Engine, "before_cursor_execute", listener)
    return executed


def _on_sqlite(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "sqlite"


def test_info_reads_nothing_when_nothing_was_committed_since(app, client):
    """On SQLite (``PRAGMA data_version``); elsewhere the instance row is one core-SQL read."""
    assert client.get(REST + "/info").status_code == 200
    assert len(_statements_during(lambda: client.get(REST + "/info"))) == (0 if _on_sqlite(app) else 1)


def test_a_settings_change_is_seen_by_a_node_that_cached_the_settings(cluster):
    first, second = cluster
    for _ in range(2):  # the second answer comes from the node's cache
        assert second.get(REST + "/info").get_json()["public"] is True
    assert first.put(REST + "/settings", json={"public": False}, headers=ADMIN).status_code == 200
    assert second.get(REST + "/info").get_json()["public"] is False


def test_an_issue_is_read_with_its_single_references(app, client):
    created = client.post("/rest/api/2/issue", headers=ADMIN, json={
        "fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Read me"}})
    assert created.status_code == 201, created.text
    path = f"/rest/api/2/issue/{created.get_json()['key']}"
    assert client.get(path, headers=ADMIN).status_code == 200  # the credentials read again after the create
    statements = _statements_during(lambda: client.get(path, headers=ADMIN))
    # the issue; labels; comments; attachments; sub-tasks. What it refers to (project, type, status, priority,
    # people) comes from the committed-row cache on SQLite, and is read (and the credentials) elsewhere.
    own = [statement for statement in statements if "FROM issues" in statement or "issue_id IN" in statement]
    assert len(own) == 5, statements
    if _on_sqlite(app):
        assert len(statements) == 5, statements


def test_creating_an_issue_answers_without_reading_it_back(client):
    """The answer is the new issue's id, key and link: nothing is read after the commit for it."""
    after_commit = []

    def create():
        answer = client.post("/rest/api/2/issue", headers=ADMIN, json={
            "fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Answer me"}})
        after_commit.append(answer)

    statements = _statements_during(create)
    answer = after_commit[0]
    assert answer.status_code == 201, answer.text
    assert answer.get_json()["key"] == "DEMO-1"
    assert answer.get_json()["self"].endswith(f"/rest/api/2/issue/{answer.get_json()['id']}")
    inserted = next(number for number, statement in enumerate(statements) if statement.startswith("INSERT INTO issues"))
    assert [statement for statement in statements[inserted:] if "FROM issues" in statement] == []


def test_a_request_without_a_session_cookie_builds_no_session_signer(client, monkeypatch):
    """REST calls carry no cookie (Basic auth, node tokens): their session is empty at once."""
    def refuse(*_args):
        raise AssertionError("the session signer was built")

    monkeypatch.setattr(SecureCookieSessionInterface, "get_signing_serializer", refuse)
    assert client.get(REST + "/info").status_code == 200
    assert client.get(REST + "/connections", headers=ADMIN).status_code == 200


def test_a_page_session_still_opens_from_its_cookie(client):
    login = client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert login.status_code in (302, 303), login.text
    assert client.get("/plugins/servlet/exalate/connections").status_code == 200


def test_an_issue_read_for_some_fields_answers_those_fields_only(client):
    created = client.post("/rest/api/2/issue", headers=ADMIN, json={
        "fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Just the summary"}})
    answer = client.get(f"/rest/api/2/issue/{created.get_json()['key']}?fields=summary,labels", headers=ADMIN)
    assert answer.status_code == 200
    assert answer.get_json()["fields"] == {"summary": "Just the summary", "labels": []}


def test_a_search_page_answers_what_its_issues_share_alike(client):
    for number in range(3):
        client.post("/rest/api/2/issue", headers=ADMIN, json={
            "fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": f"Shared {number}"}})
    issues = client.get("/rest/api/2/search?jql=project%20%3D%20DEMO", headers=ADMIN).get_json()["issues"]
    assert len(issues) == 3
    assert len({json.dumps(issue["fields"]["status"], sort_keys=True) for issue in issues}) == 1
    assert issues[0]["fields"]["reporter"] == issues[0]["fields"]["creator"]
    assert issues[0]["fields"]["reporter"]["name"] == "admin"


@pytest.mark.parametrize("value, written", [
    (datetime(205, 1, 2, 3, 4, 5, 678), "0205-01-02T03:04:05.000+0000"),
    (datetime(2026, 12, 2, 1, 2, 3), "2026-12-02T01:02:03.000+0000"),
    (datetime(9999, 12, 31, 23, 59, 59, 999999), "9999-12-31T23:59:59.000+0000"),
])
def test_a_time_is_written_as_jira_writes_it(value, written):
    assert jira_datetime(value) == written


def _commented_issue(client) -> str:
    key = client.post("/rest/api/2/issue", headers=ADMIN, json={
        "fields": {"project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Talked about"}}
    ).get_json()["key"]
    assert client.post(f"/rest/api/2/issue/{key}/comment", headers=ADMIN, json={"body": "A word"}).status_code == 201
    return key


@pytest.mark.parametrize("fields, has_comments", [
    (None, False), ("*navigable", False), ("*all", True), ("comment", True), ("summary,comment", True),
    ("*all,-comment", False)])
def test_a_search_answers_the_navigable_fields_unless_told_otherwise(client, fields, has_comments):
    """As Jira: a search's default is ``*navigable``, which the comments are not; an issue read's is ``*all``."""
    key = _commented_issue(client)
    query = "/rest/api/2/search?jql=project%20%3D%20DEMO" + (f"&fields={fields}" if fields else "")
    [found] = client.get(query, headers=ADMIN).get_json()["issues"]
    assert ("comment" in found["fields"]) is has_comments
    if has_comments:  # read, not only named
        assert [comment["body"] for comment in found["fields"]["comment"]["comments"]] == ["A word"]
    assert client.get(f"/rest/api/2/issue/{key}", headers=ADMIN).get_json()["fields"]["comment"]["total"] == 1


def test_a_searched_page_still_carries_its_sub_tasks_and_attachments_by_default(client):
    parent = _commented_issue(client)
    child = client.post("/rest/api/2/issue", headers=ADMIN, json={"fields": {
        "project": {"key": "DEMO"}, "issuetype": {"name": "Sub-task"}, "summary": "A part",
        "parent": {"key": parent}}})
    assert child.status_code == 201, child.get_json()
    upload = {"file": (io.BytesIO(b"notes"), "notes.txt")}
    uploaded = client.post(f"/rest/api/2/issue/{parent}/attachments", data=upload,
                           headers={**ADMIN, "X-Atlassian-Token": "no-check"})
    assert uploaded.status_code == 200, uploaded.get_json()
    found = client.get(f"/rest/api/2/search?jql=key%20%3D%20{parent}", headers=ADMIN).get_json()["issues"][0]
    assert [subtask["key"] for subtask in found["fields"]["subtasks"]] == [child.get_json()["key"]]
    assert [attachment["filename"] for attachment in found["fields"]["attachment"]] == ["notes.txt"]


def test_the_field_list_says_the_comments_are_not_navigable(client):
    fields = {field["id"]: field for field in client.get("/rest/api/2/field", headers=ADMIN).get_json()}
    assert fields["comment"]["navigable"] is False
    assert fields["summary"]["navigable"] is True
