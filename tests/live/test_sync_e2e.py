"""Issue sync end to end between two real ``serve`` processes, A and B, shared by the module's tests
(``live_pair``): each test makes its own connection and rules, so none disturbs another. What syncs: the
first sync's project and type, fields and a mapped status both ways, edits in order, sub-tasks, comments,
attachments, a long history, a Basic connection's fixed fields; and the issue operations Unexalate and
Connect, deleting an issue, an issue under two connections. Every wait polls the REST API with a deadline."""

from __future__ import annotations

import pytest
import requests
from factories import await_value

from live.e2e import (
    arrives,
    comment_bodies,
    connect,
    create,
    edit,
    fields_of,
    idle,
    search,
    shown,
    sync_status,
    transition,
)

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


# ------------------------------------------------------------------ first sync, fields, comments, attachments


def test_the_first_sync_creates_the_twin_in_the_project_and_type_the_incoming_rules_name(live_pair):
    link = connect(live_pair, "E2E_routing")
    link.rules(link.b, ROUTING_RULES)  # B accepted into SUP; its rules send the twins to DEMO
    key = create(link.a, summary="Routed bug", issuetype={"name": "Bug"})
    link.exalate(key)

    fields = fields_of(link.b, link.twin(key))
    assert (fields["project"]["key"], fields["issuetype"]["name"], fields["summary"]) == ("DEMO", "Story",
                                                                                          "Routed bug")


def test_fields_and_a_mapped_status_follow_edits_both_ways(live_pair):
    link = connect(live_pair, "E2E_fields")
    link.rules(link.b, STATUS_MAP_RULES % '["In Progress": "Done"]')
    link.rules(link.a, STATUS_MAP_RULES % '["Done": "In Progress"]')
    key, remote = link.exalated(summary="Printer on fire", description="Tray 2", labels=["printer"],
                                priority={"name": "High"})
    assert shown(fields_of(link.b, remote)) == ("Printer on fire", "Tray 2", ["printer"], "High", "To Do")

    edit(link.a, key, summary="Printer still on fire", description="Tray 3", labels=["printer", "urgent"],
         priority={"name": "Highest"})
    transition(link.a, key, "11")  # Start Progress: In Progress, which B's map makes Done
    arrives(link.b, remote, shown, ("Printer still on fire", "Tray 3", ["printer", "urgent"], "Highest", "Done"))

    edit(link.b, remote, summary="Fire is out", labels=["printer"], priority={"name": "Low"})
    arrives(link.a, key, shown, ("Fire is out", "Tray 3", ["printer"], "Low", "In Progress"))  # A maps Done back

    edit(link.a, key, labels=[], description=None)
    arrives(link.b, remote, shown, ("Fire is out", None, [], "Low", "Done"))


def test_rapid_edits_arrive_in_order_and_the_last_one_wins(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_order")
    key, remote = link.exalated(summary="Edit 0")

    for number in range(1, 21):
        edit(a, key, summary=f"Edit {number}", labels=[f"edit-{number}"])
    arrives(b, remote, lambda fields: (fields["summary"], fields["labels"]), ("Edit 20", ["edit-20"]))


def test_text_beyond_ascii_and_an_emptied_description_arrive_as_they_are(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_text")
    key, remote = link.exalated(summary="Drucker brennt — 打印机着火 🔥", description="Zeile 1\nZeile 2 «Fach 2»")
    fields = fields_of(b, remote)
    assert (fields["summary"], fields["description"]) == ("Drucker brennt — 打印机着火 🔥", "Zeile 1\nZeile 2 «Fach 2»")

    edit(a, key, description=None)
    arrives(b, remote, lambda fields: fields["description"], None)


def test_a_sub_task_arrives_under_the_twin_of_its_parent(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_subtask")
    parent, remote_parent = link.exalated(summary="Parent")
    child = create(a, summary="Child", issuetype={"name": "Sub-task"}, parent={"key": parent})
    link.exalate(child)

    fields = fields_of(b, link.twin(child))
    assert (fields["issuetype"]["name"], fields["parent"]["key"]) == ("Sub-task", remote_parent)


def test_comments_arrive_with_their_authors_name_and_a_deleted_one_goes_on_the_twin(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_comments")
    key, remote = link.exalated(summary="Comment me")

    as_user = requests.Session()
    as_user.auth = ("user", "user")
    made = as_user.post(f"{a.url}/rest/api/2/issue/{key}/comment", json={"body": "Tray 2 is smoking"})
    assert made.status_code == 201, made.text
    await_value(lambda: comment_bodies(b, remote) == ["User commented: Tray 2 is smoking"])
    await_value(lambda: idle(link))
    assert comment_bodies(a, key) == ["Tray 2 is smoking"]  # nothing echoed back

    deleted = a.api.delete(f"{a.url}/rest/api/2/issue/{key}/comment/{made.json()['id']}")
    assert deleted.status_code == 204, deleted.text
    await_value(lambda: comment_bodies(b, remote) == [])


@pytest.mark.parametrize("made_on", ["A", "B"])
def test_an_edited_comment_is_edited_on_the_twin(live_pair, made_on):
    link = connect(live_pair, f"E2E_comment_edit_{made_on}")
    pair = dict(zip("AB", link.exalated(summary="Edit my comment"), strict=True))
    here, there = (link.a, link.b) if made_on == "A" else (link.b, link.a)
    key, other = pair[made_on], pair["B" if made_on == "A" else "A"]
    made = here.api.post(f"{here.url}/rest/api/2/issue/{key}/comment", json={"body": "Tray 2"})
    assert made.status_code == 201, made.text
    await_value(lambda: comment_bodies(there, other) == ["Administrator commented: Tray 2"])

    edited = here.api.put(f"{here.url}/rest/api/2/issue/{key}/comment/{made.json()['id']}", json={"body": "Tray 3"})
    assert edited.status_code == 200, edited.text
    await_value(lambda: comment_bodies(there, other) == ["Administrator commented: Tray 3"])


def test_an_attachment_arrives_with_identical_bytes_and_its_deletion_follows(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_attachments")
    key, remote = link.exalated(summary="Attach me")
    content = bytes(range(256)) * 64 + b"end"

    uploaded = a.api.post(f"{a.url}/rest/api/2/issue/{key}/attachments", headers={"X-Atlassian-Token": "no-check"},
                          files={"file": ("tray.bin", content, "application/octet-stream")})
    assert uploaded.status_code == 200, uploaded.text
    [arrived] = await_value(lambda: fields_of(b, remote)["attachment"])
    assert arrived["filename"] == "tray.bin"
    assert b.api.get(arrived["content"]).content == content
    await_value(lambda: idle(link))
    assert len(fields_of(a, key)["attachment"]) == 1  # nothing echoed back

    deleted = a.api.delete(f"{a.url}/rest/api/2/attachment/{uploaded.json()[0]['id']}")
    assert deleted.status_code == 204, deleted.text
    await_value(lambda: fields_of(b, remote)["attachment"] == [])


# ------------------------------------------------------------------ a Basic connection


def test_a_basic_connection_syncs_its_fixed_fields_and_no_others(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_basic", mode="BASIC")
    key, remote = link.exalated(summary="Basic sync", description="Only the fixed fields", labels=["basic"],
                                issuetype={"name": "Bug"}, priority={"name": "Highest"})

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


# ------------------------------------------------------------------ the issue operations


def test_unexalate_keeps_both_issues_and_unlinks_both_sides(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_unexalate")
    key, remote = link.exalated(summary="Let me go")

    link.unexalate(key)
    assert sync_status(a, key) == []
    await_value(lambda: sync_status(b, remote) == [])
    assert fields_of(a, key)["summary"] == fields_of(b, remote)["summary"] == "Let me go"


def test_connect_links_an_existing_remote_issue_and_syncs_it(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_connect")
    key = create(a, summary="The original")
    remote = create(b, summary="Filed twice", project={"key": "SUP"})

    answer = a.api.post(a.rest(f"/issues/{key}/connect"), json={"connection": link.at_a, "remoteIssueKey": remote})
    assert answer.status_code == 202, answer.text
    assert link.twin(key) == remote
    assert fields_of(b, remote)["summary"] == "The original"
    assert link.twin(remote, b) == key
    assert search(b, 'summary ~ "The original"')["total"] == 1  # linked, not created again


@pytest.mark.parametrize("deleted_on", ["A", "B"])
def test_deleting_an_issue_unlinks_its_twin_which_stays(live_pair, deleted_on):
    link = connect(live_pair, f"E2E_delete_{deleted_on}")
    keys = dict(zip("AB", link.exalated(summary="Short lived"), strict=True))
    gone, stays = (link.a, link.b) if deleted_on == "A" else (link.b, link.a)
    kept = keys["B" if deleted_on == "A" else "A"]
    assert link.twin(keys["B"], link.b) == keys["A"]

    deleted = gone.api.delete(f"{gone.url}/rest/api/2/issue/{keys[deleted_on]}")
    assert deleted.status_code == 204, deleted.text
    await_value(lambda: sync_status(stays, kept) == [])
    assert fields_of(stays, kept)["summary"] == "Short lived"


def test_an_issue_exalated_again_after_unexalate_gets_a_new_twin(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_again")
    key, first = link.exalated(summary="Round trip")
    link.unexalate(key)
    await_value(lambda: sync_status(b, first) == [])

    link.exalate(key)
    second = link.twin(key)
    assert second != first
    assert link.twin(second, b) == key
    assert sync_status(b, first) == []


def test_an_issue_under_two_connections_has_a_twin_through_each_and_edits_reach_both(live_pair):
    a, b = live_pair
    first, second = connect(live_pair, "E2E_first"), connect(live_pair, "E2E_second")
    key = create(a, summary="Twice")
    first.exalate(key)
    second.exalate(key)
    twins = first.twin(key), second.twin(key)
    assert twins[0] != twins[1]

    edit(a, key, summary="Twice, edited")
    for twin in twins:
        arrives(b, twin, lambda fields: fields["summary"], "Twice, edited")



def test_an_issue_with_a_long_history_gets_its_twin(live_pair):
    """40 long comments: a sync message larger than any REST body the receiver takes."""
    a, b = live_pair
    link = connect(live_pair, "E2E_history")
    key = create(a, summary="Long history", description="d" * 32000)
    for number in range(40):
        made = a.api.post(f"{a.url}/rest/api/2/issue/{key}/comment", json={"body": f"{number} " + "c" * 30000})
        assert made.status_code == 201, made.text
    link.exalate(key)
    remote = link.twin(key)
    assert len(comment_bodies(b, remote)) == 40
