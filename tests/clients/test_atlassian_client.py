"""``atlassian-python-api``'s Jira client against a live instance, unchanged: it raises on every
answer it did not expect, so an unserved call fails the test."""

from __future__ import annotations

import pytest


@pytest.fixture
def client(live_instances):
    from atlassian import Jira

    [instance] = live_instances(1)
    return Jira(url=instance.url, username="admin", password="admin")


def _create(client, **fields) -> dict:
    return client.issue_create({"project": {"key": "DEMO"}, "issuetype": {"name": "Task"},
                                "summary": "Printer on fire", **fields})


def test_an_issue_created_read_edited_and_deleted(client):
    assert client.get_server_info()["serverTitle"] == "Jira"
    created = _create(client, labels=["a"])
    assert created["key"] == "DEMO-1"
    client.update_issue_field("DEMO-1", {"summary": "Printer extinguished", "labels": ["a", "b"]})
    issue = client.issue("DEMO-1")
    assert (issue["fields"]["summary"], issue["fields"]["labels"]) == ("Printer extinguished", ["a", "b"])
    client.delete_issue("DEMO-1")
    assert client.issue_exists("DEMO-1") is False


def test_comments_added_edited_deleted(client):
    _create(client)
    comment = client.issue_add_comment("DEMO-1", "First look")
    client.issue_edit_comment("DEMO-1", comment["id"], "Second look")
    assert [c["body"] for c in client.issue_get_comments("DEMO-1")["comments"]] == ["Second look"]
    client.delete("rest/api/2/issue/DEMO-1/comment/" + comment["id"])
    assert client.issue_get_comments("DEMO-1")["comments"] == []


def test_an_attachment_from_a_file_and_its_content(client, tmp_path):
    _create(client)
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello attachment")
    [attachment] = client.add_attachment("DEMO-1", str(path))
    assert client.get_attachment_content(attachment["id"]) == b"hello attachment"


def test_transitions_to_done_and_back(client):
    _create(client)
    assert [t["name"] for t in client.get_issue_transitions("DEMO-1")] == ["Start Progress", "Done"]
    client.set_issue_status("DEMO-1", "Done")
    assert client.get_issue_status("DEMO-1") == "Done"
    client.set_issue_status("DEMO-1", "To Do")
    assert client.issue("DEMO-1")["fields"]["resolution"] is None


def test_search_with_jql_in_pages(client):
    for number in range(120):
        _create(client, summary=f"Bulk {number}", labels=["bulk"])
    page = client.jql("project = DEMO AND labels in (bulk) ORDER BY created DESC", start=100, limit=50)
    assert (page["total"], len(page["issues"]), page["startAt"]) == (120, 20, 100)
    assert client.jql('summary ~ "Bulk"', limit=1)["total"] == 120
