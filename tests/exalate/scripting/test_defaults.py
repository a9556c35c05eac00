"""The rules the emulator generates really run: the default outgoing and incoming scripts (Script and local
connections) and the fixed rules of Basic connections, on a realistic issue, first sync and later."""

from __future__ import annotations

import pytest
from factories import script_issue

from plugin.exalate import rules
from plugin.exalate.scripting import ConnectionRef, Replica, default_catalog, run_incoming, run_outgoing
from plugin.script import ScriptError

CATALOG = default_catalog()
CONNECTION = ConnectionRef(1, "JiraA_to_JiraB")
ADMIN = CATALOG.user_by_username("admin")
USER = CATALOG.user_by_username("user")
COMMENTS = [
    {"id": "101", "body": "Unplugged it", "author": ADMIN, "updateAuthor": ADMIN, "created": 1764590500000,
     "updated": 1764590500000, "internal": False, "remoteId": None, "executor": None},
    {"id": "102", "body": "Still smoking", "author": USER, "updateAuthor": USER, "created": 1764590600000,
     "updated": 1764590600000, "internal": False, "remoteId": None, "executor": None},
]
ATTACHMENTS = [{"id": "201", "filename": "tray.jpg", "mimetype": "image/jpeg", "filesize": 2048, "author": USER,
                "created": 1764590700000, "remoteId": None}]


def sent(script: str = rules.DEFAULT_OUTGOING, **issue) -> Replica:
    return run_outgoing(script, script_issue(**issue), CATALOG, connection=CONNECTION).replica


def test_the_default_outgoing_script_builds_the_replica():
    hub = sent().to_json()["hubIssue"]
    assert {name: value for name, value in hub.items() if value not in (None, [], {})} == {
        "id": "7", "key": "DEMO-7", "summary": "Printer on fire", "description": "Smoke from tray 2",
        "project": {"id": "10001", "key": "DEMO", "name": "Demo", "versions": [], "components": []},
        "type": {"id": "10001", "name": "Task", "subtask": False},
        "status": {"id": "3", "name": "In Progress", "category": "indeterminate"},
        "priority": {"id": "2", "name": "High"}, "assignee": USER, "reporter": ADMIN,
        "labels": [{"label": "printer"}, {"label": "urgent"}], "comments": COMMENTS, "attachments": ATTACHMENTS,
    }


def test_the_replica_is_wrapped_with_its_version():
    assert sent().to_json()["version"] == {"major": 1, "minor": 4, "patch": 0}


def test_a_sub_task_sends_its_parent_id():
    assert sent(issue_type="Sub-task", parent_id="3").to_json()["hubIssue"]["parentId"] == "3"


def test_the_default_incoming_script_on_first_sync_creates_the_issue_in_its_project():
    changes = run_incoming(rules.default_incoming("SUP"), sent(), CATALOG, issue=None).changes.to_json()
    assert changes == {
        "firstSync": True, "projectKey": "SUP", "issueType": "Task", "parentId": None,
        "fields": {"summary": "Printer on fire", "description": "Smoke from tray 2", "labels": ["printer", "urgent"]},
        "comments": {"add": [
            {"body": "Administrator commented: Unplugged it", "id": None, "remoteId": "101",
             "author": "Administrator", "executor": None},
            {"body": "User commented: Still smoking", "id": None, "remoteId": "102", "author": "User",
             "executor": None}], "edit": [], "remove": []},
        "attachments": {"add": [{"filename": "tray.jpg", "id": None, "remoteId": "201", "mimeType": "image/jpeg",
                                 "size": 2048}], "edit": [], "remove": []},
        "transitions": [], "stored": False, "ignored": [],
    }


def test_a_sub_task_whose_parent_is_not_synced_arrives_as_a_task():
    replica = sent(issue_type="Sub-task", parent_id="3")
    changes = run_incoming(rules.default_incoming("SUP"), replica, CATALOG, issue=None).changes
    assert (changes.issue_type, changes.parent_id) == ("Task", None)


def test_a_sub_task_goes_under_the_local_twin_of_its_parent():
    replica = sent(issue_type="Sub-task", parent_id="3")
    twins = {"3": {"id": "40", "key": "SUP-4"}}
    changes = run_incoming(rules.default_incoming("SUP"), replica, CATALOG, issue=None,
                           local_issue_from_remote_id=twins.get).changes
    assert (changes.issue_type, changes.parent_id) == ("Sub-task", "40")


def twin(**overrides):
    """The local twin on the receiving side after the first sync: SUP-3 with copies of the remote comments."""
    from plugin.exalate.scripting.snapshot import AttachmentSnapshot, CommentSnapshot
    values = dict(
        id="30", key="SUP-3", project_key="SUP", status="To Do", priority="Medium", assignee=None,
        comments=(CommentSnapshot("301", "Administrator commented: Unplugged it", ADMIN),
                  CommentSnapshot("302", "User commented: Still smoking", ADMIN),
                  CommentSnapshot("303", "A local note", USER)),
        attachments=(AttachmentSnapshot("401", "tray.jpg", "image/jpeg", 2048, ADMIN),),
        comment_traces={"301": "101", "302": "102"}, attachment_traces={"401": "201"})
    return script_issue(**{**values, **overrides})


def test_a_later_sync_with_nothing_new_changes_nothing():
    replica = sent()
    changes = run_incoming(rules.default_incoming("SUP"), replica, CATALOG, issue=twin(), previous=replica).changes
    assert changes.empty and changes.to_json()["ignored"] == []


def test_a_later_sync_carries_edits_new_and_deleted_comments_and_attachments():
    previous = sent()
    comments = (script_issue().comments[1].__class__("102", "Now on fire", USER),
                script_issue().comments[0].__class__("103", "Called facilities", ADMIN))
    replica = sent(summary="Printer on fire again", labels=("printer",), comments=comments, attachments=())
    changes = run_incoming(rules.default_incoming("SUP"), replica, CATALOG, issue=twin(),
                           previous=previous).changes.to_json()
    assert changes["fields"] == {"summary": "Printer on fire again", "labels": ["printer"]}
    assert changes["comments"] == {
        "add": [{"body": "Administrator commented: Called facilities", "id": None, "remoteId": "103",
                 "author": "Administrator", "executor": None}],
        "edit": [{"body": "User commented: Now on fire", "id": "302", "remoteId": "102", "author": None,
                  "executor": None}],
        "remove": [{"body": "Administrator commented: Unplugged it", "id": "301", "remoteId": "101", "author": None,
                    "executor": None}]}
    assert changes["attachments"]["remove"] == [{"filename": "tray.jpg", "id": "401", "remoteId": "201",
                                                 "mimeType": None, "size": None}]
    assert not changes["firstSync"] and changes["projectKey"] is None


def test_a_first_sync_without_a_project_is_refused_in_the_products_words():
    script = rules.default_incoming("SUP").replace('issue.projectKey   = "SUP"', "")
    with pytest.raises(ScriptError) as caught:
        run_incoming(script, sent(), CATALOG, issue=None)
    assert caught.value.message == "Project key was not set"


def test_the_local_connection_rules_create_the_issue_in_the_other_project():
    changes = run_incoming(rules.local_incoming("DEMO", "SUP"), sent(), CATALOG, issue=None).changes
    assert changes.project_key == "SUP"


def test_the_basic_rules_send_the_fixed_fields_only():
    hub = sent(rules.BASIC_OUTGOING).to_json()["hubIssue"]
    assert {name for name, value in hub.items() if value not in (None, [], {})} == {
        "id", "key", "type", "summary", "description", "labels", "comments", "attachments", "project"}


def test_the_basic_rules_apply_the_fixed_fields():
    changes = run_incoming(rules.default_incoming("SUP", basic=True), sent(rules.BASIC_OUTGOING), CATALOG,
                           issue=None).changes
    assert (changes.project_key, changes.issue_type, sorted(changes.fields)) == (
        "SUP", "Task", ["description", "labels", "summary"])
    assert len(changes.comments.add) == 2 and len(changes.attachments.add) == 1


def test_a_basic_connection_is_made_with_the_fixed_rules(exalate):
    from factories import initiate
    connection = initiate(exalate, mode="BASIC", destination_url=None).connection
    assert (connection.outgoing_rules, connection.incoming_rules) == (
        rules.BASIC_OUTGOING, rules.default_incoming("DEMO", basic=True))
