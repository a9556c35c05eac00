"""Issue sync end to end between two real ``serve`` processes, A and B, shared by the module's tests: each test
makes its own connection (and rules, triggers, labels), so none disturbs another. Every wait polls the REST
API with a deadline."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
import requests
from factories import connect_at, issue_fields

from live.instances import LiveInstance, await_value, start_instances

STATUS_MAP_RULES = """\
if(firstSync){
   issue.projectKey = "SUP"
   issue.typeName   = nodeHelper.getIssueType(replica.type?.name, issue.projectKey)?.name ?: "Task"
}
issue.summary     = replica.summary
issue.description = replica.description
issue.labels      = replica.labels
issue.priority    = nodeHelper.getPriority(replica.priority?.name)
issue.comments    = commentHelper.mergeComments(issue, replica)
issue.attachments = attachmentHelper.mergeAttachments(issue, replica)
def statusMapping = %s
def remoteStatusName = replica.status.name
issue.setStatus(statusMapping[remoteStatusName] ?: remoteStatusName)
"""
ROUTING_RULES = """\
if(firstSync){
   issue.projectKey = "DEMO"
   def typeMapping = ["Bug": "Story"]
   issue.typeName = typeMapping[replica.type?.name] ?: "Task"
}
issue.summary = replica.summary
"""
BULK = 200


@pytest.fixture(scope="module")
def pair(request, tmp_path_factory):
    """A and B, each on its own database of the backend under test, for the whole module."""
    database = (request.getfixturevalue("postgres").new_database
                if os.environ.get("EXALATE_TEST_DATABASE") == "postgresql" else None)
    instances = start_instances(tmp_path_factory.mktemp("e2e"), 2, database=database)
    yield instances
    for instance in instances:
        instance.stop()


@dataclass
class Link:
    """One connection between A and B: its id on each side."""

    a: LiveInstance
    b: LiveInstance
    at_a: int
    at_b: int

    def exalate(self, key: str) -> None:
        answer = self.a.api.post(self.a.rest(f"/issues/{key}/exalate"), json={"connection": self.at_a})
        assert answer.status_code == 202, answer.text

    def twin(self, key: str, instance: LiveInstance | None = None) -> str:
        """The key of the issue's twin once it is synchronized (``key`` on A, or on ``instance``)."""
        instance = instance or self.a

        def synchronized() -> str | None:
            twins = instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]
            mine = [twin for twin in twins if twin["connection"]["id"] == (self.at_a if instance is self.a
                                                                           else self.at_b)]
            return mine[0]["remoteIssueKey"] if mine and mine[0]["status"] == "SYNCHRONIZED" else None

        return await_value(synchronized)

    def rules(self, instance: LiveInstance, incoming: str) -> None:
        url = instance.rest(f"/connections/{self.at_a if instance is self.a else self.at_b}/rules")
        answer = instance.api.put(url, json={**instance.api.get(url).json(), "incoming": incoming})
        assert answer.status_code == 200, answer.text


def connect(pair, name: str, **overrides) -> Link:
    a, b = pair
    initiated, accepted = connect_at(a.url, b.url, name=name, **overrides)
    return Link(a, b, initiated["connection"]["id"], accepted["id"])


def create(instance: LiveInstance, **fields) -> str:
    created = instance.api.post(instance.url + "/rest/api/2/issue", json={"fields": issue_fields(**fields)})
    assert created.status_code == 201, created.text
    return created.json()["key"]


def fields_of(instance: LiveInstance, key: str) -> dict:
    answer = instance.api.get(f"{instance.url}/rest/api/2/issue/{key}")
    assert answer.status_code == 200, answer.text
    return answer.json()["fields"]


def edit(instance: LiveInstance, key: str, **fields) -> None:
    answer = instance.api.put(f"{instance.url}/rest/api/2/issue/{key}", json={"fields": fields})
    assert answer.status_code == 204, answer.text


def transition(instance: LiveInstance, key: str, transition_id: str) -> None:
    answer = instance.api.post(f"{instance.url}/rest/api/2/issue/{key}/transitions",
                               json={"transition": {"id": transition_id}})
    assert answer.status_code == 204, answer.text


def arrives(instance: LiveInstance, key: str, read, expected):
    """Wait until ``read(fields)`` of the issue is ``expected``."""
    return await_value(lambda: read(fields_of(instance, key)) == expected)


def shown(fields: dict) -> tuple:
    return (fields["summary"], fields["description"], sorted(fields["labels"]), fields["priority"]["name"],
            fields["status"]["name"])


def comment_bodies(instance: LiveInstance, key: str) -> list[str]:
    return [c["body"] for c in instance.api.get(f"{instance.url}/rest/api/2/issue/{key}/comment").json()["comments"]]


def search(instance: LiveInstance, jql: str, limit: int = 50) -> dict:
    answer = instance.api.get(instance.url + "/rest/api/2/search", params={"jql": jql, "maxResults": limit})
    assert answer.status_code == 200, answer.text
    return answer.json()


def sync_status(instance: LiveInstance, key: str) -> list[dict]:
    return instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]


# ------------------------------------------------------------------ first sync, fields, comments, attachments


def test_the_first_sync_creates_the_twin_in_the_project_and_type_the_incoming_rules_name(pair):
    link = connect(pair, "E2E_routing")
    link.rules(link.b, ROUTING_RULES)  # B accepted into SUP; its rules send the twins to DEMO
    key = create(link.a, summary="Routed bug", issuetype={"name": "Bug"})
    link.exalate(key)

    fields = fields_of(link.b, link.twin(key))
    assert (fields["project"]["key"], fields["issuetype"]["name"], fields["summary"]) == ("DEMO", "Story",
                                                                                          "Routed bug")


def test_fields_and_a_mapped_status_follow_edits_both_ways(pair):
    link = connect(pair, "E2E_fields")
    link.rules(link.b, STATUS_MAP_RULES % '["In Progress": "Done"]')
    link.rules(link.a, STATUS_MAP_RULES % '["Done": "In Progress"]')
    key = create(link.a, summary="Printer on fire", description="Tray 2", labels=["printer"],
                 priority={"name": "High"})
    link.exalate(key)
    remote = link.twin(key)
    assert shown(fields_of(link.b, remote)) == ("Printer on fire", "Tray 2", ["printer"], "High", "To Do")

    edit(link.a, key, summary="Printer still on fire", description="Tray 3", labels=["printer", "urgent"],
         priority={"name": "Highest"})
    transition(link.a, key, "11")  # Start Progress: In Progress, which B's map makes Done
    arrives(link.b, remote, shown, ("Printer still on fire", "Tray 3", ["printer", "urgent"], "Highest", "Done"))

    edit(link.b, remote, summary="Fire is out", labels=["printer"], priority={"name": "Low"})
    arrives(link.a, key, shown, ("Fire is out", "Tray 3", ["printer"], "Low", "In Progress"))  # A maps Done back


def test_comments_arrive_with_their_authors_name_and_a_deleted_one_goes_on_the_twin(pair):
    a, b = pair
    link = connect(pair, "E2E_comments")
    key = create(a, summary="Comment me")
    link.exalate(key)
    remote = link.twin(key)

    as_user = requests.Session()
    as_user.auth = ("user", "user")
    made = as_user.post(f"{a.url}/rest/api/2/issue/{key}/comment", json={"body": "Tray 2 is smoking"})
    assert made.status_code == 201, made.text
    await_value(lambda: comment_bodies(b, remote) == ["User commented: Tray 2 is smoking"])

    deleted = a.api.delete(f"{a.url}/rest/api/2/issue/{key}/comment/{made.json()['id']}")
    assert deleted.status_code == 204, deleted.text
    await_value(lambda: comment_bodies(b, remote) == [])


def test_an_attachment_arrives_with_identical_bytes_and_its_deletion_follows(pair):
    a, b = pair
    link = connect(pair, "E2E_attachments")
    key = create(a, summary="Attach me")
    link.exalate(key)
    remote = link.twin(key)
    content = bytes(range(256)) * 64 + b"end"

    uploaded = a.api.post(f"{a.url}/rest/api/2/issue/{key}/attachments", headers={"X-Atlassian-Token": "no-check"},
                          files={"file": ("tray.bin", content, "application/octet-stream")})
    assert uploaded.status_code == 200, uploaded.text
    [arrived] = await_value(lambda: fields_of(b, remote)["attachment"])
    assert arrived["filename"] == "tray.bin"
    assert b.api.get(arrived["content"]).content == content

    deleted = a.api.delete(f"{a.url}/rest/api/2/attachment/{uploaded.json()[0]['id']}")
    assert deleted.status_code == 204, deleted.text
    await_value(lambda: fields_of(b, remote)["attachment"] == [])


def test_unexalate_keeps_both_issues_and_unlinks_both_sides(pair):
    a, b = pair
    link = connect(pair, "E2E_unexalate")
    key = create(a, summary="Let me go")
    link.exalate(key)
    remote = link.twin(key)

    answer = a.api.post(a.rest(f"/issues/{key}/unexalate"), json={"connection": link.at_a})
    assert answer.status_code == 204, answer.text
    assert sync_status(a, key) == []
    await_value(lambda: sync_status(b, remote) == [])
    assert fields_of(a, key)["summary"] == fields_of(b, remote)["summary"] == "Let me go"


# ------------------------------------------------------------------ triggers and Bulk Exalate


def add_trigger(link: Link, query: str) -> int:
    answer = link.a.api.post(link.a.rest(f"/connections/{link.at_a}/triggers"), json={"query": query})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_a_trigger_picks_up_exactly_the_matching_issues(pair):
    a, _ = pair
    link = connect(pair, "E2E_trigger")
    trigger = add_trigger(link, "project = DEMO AND labels = sync")
    try:
        matching = create(a, summary="Matches", labels=["sync"])
        other_project = create(a, summary="Other project", project={"key": "SUP"}, labels=["sync"])
        unlabelled = create(a, summary="No label")
        labelled_later = create(a, summary="Labelled later")
        edit(a, labelled_later, labels=["sync"])

        link.twin(matching)
        link.twin(labelled_later)
        assert sync_status(a, other_project) == sync_status(a, unlabelled) == []
    finally:
        a.api.delete(a.rest(f"/triggers/{trigger}"))


def test_bulk_exalate_of_200_issues_delivers_each_exactly_once(pair):
    a, b = pair
    link = connect(pair, "E2E_bulk")
    keys = [create(a, summary=f"Bulk {number}", labels=["bulk200"]) for number in range(BULK)]
    trigger = add_trigger(link, "project = DEMO AND labels = bulk200")
    try:
        answer = a.api.post(a.rest(f"/triggers/{trigger}/bulk-exalate"))
        assert answer.status_code == 200, answer.text
        assert answer.json()["count"] == BULK

        await_value(lambda: search(b, "labels = bulk200", limit=0)["total"] == BULK, deadline=120.0, interval=0.5)
        remote_keys = [link.twin(key) for key in keys]
        assert len(set(remote_keys)) == BULK
        found = search(b, "labels = bulk200", limit=2 * BULK)
        assert found["total"] == BULK
        assert {issue["key"] for issue in found["issues"]} == set(remote_keys)
        assert sorted(issue["fields"]["summary"] for issue in found["issues"]) == sorted(f"Bulk {n}"
                                                                                          for n in range(BULK))
    finally:
        a.api.delete(a.rest(f"/triggers/{trigger}"))


# ------------------------------------------------------------------ a Basic connection


def test_a_basic_connection_syncs_its_fixed_fields_and_no_others(pair):
    a, b = pair
    link = connect(pair, "E2E_basic", mode="BASIC")
    key = create(a, summary="Basic sync", description="Only the fixed fields", labels=["basic"],
                 issuetype={"name": "Bug"}, priority={"name": "Highest"})
    link.exalate(key)
    remote = link.twin(key)

    fields = fields_of(b, remote)
    assert (fields["summary"], fields["description"], fields["labels"], fields["issuetype"]["name"]) == (
        "Basic sync", "Only the fixed fields", ["basic"], "Bug")
    assert fields["priority"]["name"] != "Highest"  # priority is not among Basic's fields

    edit(a, key, summary="Basic sync, edited", priority={"name": "Lowest"})
    comment = a.api.post(f"{a.url}/rest/api/2/issue/{key}/comment", json={"body": "Basic comment"})
    assert comment.status_code == 201, comment.text
    await_value(lambda: comment_bodies(b, remote) == ["Administrator commented: Basic comment"])
    assert fields_of(b, remote)["summary"] == "Basic sync, edited"
    assert fields_of(b, remote)["priority"]["name"] == fields["priority"]["name"]
