"""The ``jira`` (pycontribs) client against a live instance, unchanged: every call it makes for
these operations must be served (an unserved one is a JIRAError, so a failure, never a skip)."""

from __future__ import annotations

import pytest


@pytest.fixture
def client(live_instances, jira_client_module):
    [instance] = live_instances(1)
    return jira_client_module.JIRA(server=instance.url, basic_auth=("admin", "admin"), max_retries=0)


def _task(client, summary="Printer on fire", **fields):
    return client.create_issue(project="DEMO", issuetype={"name": "Task"}, summary=summary, **fields)


def test_server_info_and_an_issue_created_read_edited_and_deleted(client, jira_client_module):
    assert client.server_info()["serverTitle"] == "Jira"
    issue = _task(client, labels=["a"])
    assert (issue.key, issue.fields.summary, issue.fields.status.name) == ("DEMO-1", "Printer on fire", "To Do")
    issue.update(summary="Printer extinguished", fields={"labels": ["a", "b"]})
    issue = client.issue("DEMO-1")
    assert (issue.fields.summary, issue.fields.labels) == ("Printer extinguished", ["a", "b"])
    issue.update(update={"labels": [{"remove": "a"}]})
    assert client.issue(issue.id, fields="labels").fields.labels == ["b"]
    issue.delete()
    with pytest.raises(jira_client_module.JIRAError) as caught:
        client.issue("DEMO-1")
    assert caught.value.status_code == 404


def test_comments_added_edited_deleted(client):
    issue = _task(client)
    comment = client.add_comment(issue, "First look")
    comment.update(body="Second look")
    assert [c.body for c in client.comments(issue)] == ["Second look"]
    assert client.comment(issue.key, comment.id).body == "Second look"
    comment.delete()
    assert client.comments(issue) == []


def test_an_attachment_from_a_file_and_its_content(client, tmp_path):
    issue = _task(client)
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello attachment")
    attachment = client.add_attachment(issue=issue.key, attachment=str(path))
    assert (attachment.filename, attachment.size) == ("notes.txt", 16)
    assert client.attachment(attachment.id).get() == b"hello attachment"
    assert [a.filename for a in client.issue(issue.key).fields.attachment] == ["notes.txt"]


def test_transitions_to_done_and_back(client):
    issue = _task(client)
    assert [t["name"] for t in client.transitions(issue)] == ["Start Progress", "Done"]
    client.transition_issue(issue, "Done")
    issue = client.issue(issue.key)
    assert (issue.fields.status.name, issue.fields.resolution.name) == ("Done", "Done")
    client.transition_issue(issue, "41")
    issue = client.issue(issue.key)
    assert (issue.fields.status.name, issue.fields.resolution) == ("To Do", None)


def test_assign_and_lookups(client):
    issue = _task(client)
    client.assign_issue(issue, "user")
    assert client.issue(issue.key).fields.assignee.displayName == "User"
    assert [t.name for t in client.issue_types()] == ["Bug", "Task", "Story", "Epic", "Sub-task"]
    assert [p.name for p in client.priorities()][0] == "Highest"
    assert client.project("DEMO").key == "DEMO"
    assert client.user("user").emailAddress == "user@example.com"
    assert [t.name for t in client.project_issue_types("DEMO")][:2] == ["Bug", "Task"]
    assert "summary" in [f.fieldId for f in client.project_issue_fields("DEMO", "10001")]


def test_search_with_jql(client):
    first = _task(client, labels=["a"])
    second = _task(client, summary="Coffee machine broken", labels=["b"])
    _task(client, labels=["c"])
    client.transition_issue(first, "11")
    client.transition_issue(second, "11")
    found = client.search_issues('project = DEMO AND status = "In Progress" ORDER BY created DESC')
    assert [i.key for i in found] == ["DEMO-2", "DEMO-1"]
    assert sorted(i.key for i in client.search_issues("labels in (a, b)")) == ["DEMO-1", "DEMO-2"]
    assert [i.key for i in client.search_issues('summary ~ "coffee"')] == ["DEMO-2"]


def test_a_search_of_120_issues_comes_in_pages(client):
    for number in range(120):
        client.create_issue(project="DEMO", issuetype={"name": "Task"}, summary=f"Bulk {number}", prefetch=False)
    page = client.search_issues("project = DEMO ORDER BY key ASC", startAt=100, maxResults=50)
    assert (page.total, len(page), page[0].key) == (120, 20, "DEMO-101")
    assert len(client.search_issues("project = DEMO", maxResults=False)) == 120
