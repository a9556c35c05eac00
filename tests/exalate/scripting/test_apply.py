"""Applying a change set to the host Jira: all of it in one transaction, through Jira's own operations."""

from __future__ import annotations

import pytest
from factories import committed, issue_fields, script_issue

from plugin.errors import ValidationFailed
from plugin.exalate import rules
from plugin.exalate.scripting import (
    IssueSnapshot,
    apply_change_set,
    default_catalog,
    jira_catalog,
    run_incoming,
    run_outgoing,
)

ACTOR = "connection:JiraA_to_JiraB"
CONTENT = {"201": b"\xff\xd8jpeg bytes"}


def received(jira, script: str = rules.default_incoming("SUP"), issue=None, **snapshot):
    catalog = jira_catalog(jira)
    replica = run_outgoing(rules.DEFAULT_OUTGOING, script_issue(**snapshot), catalog).replica
    return run_incoming(script, replica, catalog, issue=issue).changes


def test_the_database_catalog_is_the_default_catalog(jira):
    assert jira_catalog(jira) == default_catalog()


def test_a_first_sync_creates_the_issue_with_its_comments_and_attachments(jira):
    applied = apply_change_set(jira, received(jira), actor=ACTOR, attachment_content=CONTENT.get)
    assert committed("SELECT key, summary, description FROM issues") == [("SUP-1", "Printer on fire",
                                                                          "Smoke from tray 2")]
    assert committed("SELECT body FROM comments ORDER BY id") == [("Administrator commented: Unplugged it",),
                                                                  ("User commented: Still smoking",)]
    assert committed("SELECT filename, content FROM attachments") == [("tray.jpg", CONTENT["201"])]
    assert committed("SELECT label FROM issue_labels ORDER BY label") == [("printer",), ("urgent",)]
    assert applied.comment_traces == {"101": "1", "102": "2"} and applied.attachment_traces == {"201": "1"}


def test_status_transitions_and_executors_are_applied(jira):
    script = rules.default_incoming("SUP").replace(
        "commentHelper.mergeComments(issue, replica)",
        "commentHelper.mergeComments(issue, replica, { it.executor = nodeHelper.getUserByEmail(it.author.email) })",
    ) + '\nissue.setStatus(replica.status.name)\n'
    apply_change_set(jira, received(jira, script), actor=ACTOR, attachment_content=CONTENT.get)
    assert committed("SELECT s.name FROM issues i JOIN statuses s ON s.id = i.status_id") == [("In Progress",)]
    assert committed("SELECT u.username, c.body FROM comments c JOIN users u ON u.id = c.author_id ORDER BY c.id") == [
        ("admin", "Unplugged it"), ("user", "Still smoking")]


def test_a_later_sync_edits_the_existing_issue(jira):
    issue = jira.issues.create(jira.users.by_username("admin"), issue_fields(summary="Old"))
    kept = jira.comments.add(ACTOR, issue, "Administrator commented: Unplugged it")
    gone = jira.comments.add(ACTOR, issue, "Removed remotely")
    local = IssueSnapshot.of(issue, comment_traces={str(kept.id): "101", str(gone.id): "999"})
    changes = received(jira, issue=local, attachments=())
    apply_change_set(jira, changes, actor=ACTOR, issue=issue)
    assert committed("SELECT key, summary FROM issues") == [("DEMO-1", "Printer on fire")]
    assert committed("SELECT body FROM comments ORDER BY id") == [("Administrator commented: Unplugged it",),
                                                                  ("User commented: Still smoking",)]


def test_a_change_jira_refuses_writes_nothing(jira):
    changes = received(jira, summary="Printer on fire")
    changes.fields["labels"] = ["two words"]
    with pytest.raises(ValidationFailed) as caught:
        apply_change_set(jira, changes, actor=ACTOR, attachment_content=CONTENT.get)
    assert caught.value.field_errors == {"labels": "The label 'two words' contains spaces which is invalid."}
    assert committed("SELECT count(*) FROM issues") == [(0,)]


def test_a_late_failure_undoes_the_created_issue_and_its_comments(jira):
    changes = received(jira)
    changes.transitions.append({"id": 41, "name": "Reopen", "to": "To Do"})  # not available from To Do
    with pytest.raises(ValidationFailed):
        apply_change_set(jira, changes, actor=ACTOR, attachment_content=CONTENT.get)
    assert committed("SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM comments), "
                     "(SELECT count(*) FROM attachments)") == [(0, 0, 0)]


def test_a_first_sync_without_a_summary_is_jiras_error(jira):
    changes = received(jira, script='issue.projectKey = "SUP"\nissue.typeName = "Task"')
    with pytest.raises(ValidationFailed) as caught:
        apply_change_set(jira, changes, actor=ACTOR)
    assert caught.value.field_errors == {"summary": "You must specify a summary of the issue."}
