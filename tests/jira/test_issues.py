"""Issues in the domain: keys from the project's counter, Jira's validation messages, edits with
verbs, who may edit and delete, transitions from workflow.yml, and listeners inside the write."""

from __future__ import annotations

import pytest
from factories import committed, issue_fields

from plugin.errors import NotFound, PermissionDenied, ValidationFailed
from plugin.jira import events


def _user(jira, name="user"):
    return jira.users.by_username(name)


def test_create_numbers_issues_per_project_and_defaults_status_priority_reporter(jira):
    admin = _user(jira, "admin")
    first = jira.issues.create(admin, issue_fields())
    second = jira.issues.create(admin, issue_fields(summary="Second"))
    support = jira.issues.create(admin, issue_fields(project={"key": "SUP"}))
    assert (first.key, second.key, support.key) == ("DEMO-1", "DEMO-2", "SUP-1")
    assert (first.status.name, first.priority.name, first.reporter.username) == ("To Do", "Medium", "admin")
    assert committed("SELECT key, issue_counter FROM projects ORDER BY key") == [("DEMO", 2), ("SUP", 1)]


def test_a_deleted_issue_number_is_not_reused(jira):
    admin = _user(jira, "admin")
    jira.issues.delete(admin, jira.issues.create(admin, issue_fields()))
    assert jira.issues.create(admin, issue_fields()).key == "DEMO-2"


def test_create_names_every_bad_field_as_jira_does(jira):
    with pytest.raises(ValidationFailed) as caught:
        jira.issues.create(_user(jira), {"project": {"key": "NOPE"}, "issuetype": {"name": "Saga"}, "bogus": 1})
    assert caught.value.field_errors == {
        "project": "valid project is required", "issuetype": "valid issue type is required",
        "summary": "You must specify a summary of the issue.",
        "bogus": "Field 'bogus' cannot be set. It is not on the appropriate screen, or unknown."}
    assert committed("SELECT count(*) FROM issues") == [(0,)]


def test_a_sub_task_needs_a_parent(jira):
    with pytest.raises(ValidationFailed) as caught:
        jira.issues.create(_user(jira), issue_fields(issuetype={"name": "Sub-task"}))
    assert caught.value.field_errors == {"parent": "Issue type is a sub-task but parent issue key or id not specified."}


def test_edit_applies_fields_and_label_verbs(jira):
    admin = _user(jira, "admin")
    issue = jira.issues.create(admin, issue_fields(labels=["a", "b"]))
    jira.issues.edit(admin, issue, {"summary": "Renamed"}, {"labels": [{"add": "c"}, {"remove": "a"}]})
    assert committed("SELECT summary FROM issues") == [("Renamed",)]
    assert committed("SELECT label FROM issue_labels ORDER BY label") == [("b",), ("c",)]


def test_only_reporter_assignee_or_admin_edit(jira):
    issue = jira.issues.create(_user(jira, "admin"), issue_fields())
    with pytest.raises(PermissionDenied):
        jira.issues.edit(_user(jira), issue, {"summary": "Mine now"})
    assert committed("SELECT summary FROM issues") == [("Printer on fire",)]


def test_an_assignee_may_edit(jira):
    admin = _user(jira, "admin")
    issue = jira.issues.create(admin, issue_fields())
    jira.issues.assign(admin, issue, "user")
    jira.issues.edit(_user(jira), issue, {"summary": "Fixed the printer"})
    assert committed("SELECT summary FROM issues") == [("Fixed the printer",)]


def test_transitions_follow_the_workflow_and_set_and_clear_the_resolution(jira):
    admin = _user(jira, "admin")
    issue = jira.issues.create(admin, issue_fields())
    assert [(t.id, t.name) for t in jira.issues.transitions(issue)] == [(11, "Start Progress"), (31, "Done")]
    jira.issues.transition(admin, issue, "31")
    assert committed("SELECT s.name, r.name FROM issues i JOIN statuses s ON s.id = i.status_id"
                     " JOIN resolutions r ON r.id = i.resolution_id") == [("Done", "Done")]
    jira.issues.transition(admin, issue, 41)
    assert committed("SELECT resolution_id FROM issues") == [(None,)]


def test_a_transition_not_available_is_refused(jira):
    issue = jira.issues.create(_user(jira), issue_fields())
    with pytest.raises(ValidationFailed) as caught:
        jira.issues.transition(_user(jira), issue, "41")
    assert caught.value.field_errors == {"transition": "Transition id '41' is not valid for this issue."}


def test_an_unknown_issue_is_not_found(jira):
    with pytest.raises(NotFound, match="Issue Does Not Exist"):
        jira.issues.get("DEMO-99")


def test_listeners_hear_each_change_with_its_actor(jira, listen):
    heard = []
    listen(lambda event: heard.append((event.kind, event.issue.key, events.actor_name(event.actor),
                                                   event.changes)))
    admin = _user(jira, "admin")
    issue = jira.issues.create(admin, issue_fields())
    jira.issues.edit("connection:JiraA_to_JiraB", issue, {"summary": "Synced"})
    jira.comments.add(admin, issue, "Hello")
    jira.issues.transition(admin, issue, 11)
    jira.attachments.add(admin, issue, [("a.txt", None, b"x")])
    jira.issues.delete(admin, issue)
    assert heard == [
        ("created", "DEMO-1", "admin", {}),
        ("changed", "DEMO-1", "connection:JiraA_to_JiraB", {"summary": ("Printer on fire", "Synced")}),
        ("commented", "DEMO-1", "admin", {}),
        ("transitioned", "DEMO-1", "admin", {"status": ("To Do", "In Progress")}),
        ("attachment_added", "DEMO-1", "admin", {}),
        ("deleted", "DEMO-1", "admin", {}),
    ]


def test_a_listener_that_fails_rolls_the_write_back(jira, listen):
    admin = _user(jira, "admin")
    issue = jira.issues.create(admin, issue_fields())

    def refuse(event):
        raise RuntimeError("listener failed")

    listen(refuse)
    with pytest.raises(RuntimeError):
        jira.issues.edit(admin, issue, {"summary": "Never stored"})
    with pytest.raises(RuntimeError):
        jira.issues.create(admin, issue_fields(summary="Never created"))
    assert committed("SELECT summary FROM issues") == [("Printer on fire",)]
    assert committed("SELECT issue_counter FROM projects WHERE key = 'DEMO'") == [(1,)]

