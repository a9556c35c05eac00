"""Comments and attachments in the domain: who may change them, the update verbs, content kept."""

from __future__ import annotations

import pytest
from factories import committed, issue_fields

from plugin.errors import PermissionDenied, ValidationFailed
from plugin.jira.comments import may_change


def test_a_comment_is_edited_by_its_author_only(jira):
    admin, user = jira.users.by_username("admin"), jira.users.by_username("user")
    issue = jira.issues.create(user, issue_fields())
    comment = jira.comments.add(admin, issue, "First")
    with pytest.raises(PermissionDenied):
        jira.comments.edit(user, comment, "Changed")
    assert committed("SELECT body FROM comments") == [("First",)]


def test_a_comment_may_be_changed_by_its_author_an_administrator_or_a_connection_only(jira):
    admin, user = jira.users.by_username("admin"), jira.users.by_username("user")
    issue = jira.issues.create(user, issue_fields())
    by_user, by_admin = jira.comments.add(user, issue, "Mine"), jira.comments.add(admin, issue, "Admin's")

    assert (may_change(user, by_user), may_change(user, by_admin)) == (True, False)
    assert (may_change(admin, by_user), may_change("connection:A_to_B", by_admin)) == (True, True)


def test_an_empty_comment_is_refused_with_jiras_message(jira):
    issue = jira.issues.create(jira.users.by_username("user"), issue_fields())
    with pytest.raises(ValidationFailed) as caught:
        jira.comments.add(jira.users.by_username("user"), issue, "  ")
    assert caught.value.field_errors == {"comment": "Comment body can not be empty!"}


def test_update_comment_verbs_add_edit_remove(jira):
    admin = jira.users.by_username("admin")
    issue = jira.issues.create(admin, issue_fields())
    kept = jira.comments.add(admin, issue, "Keep")
    gone = jira.comments.add(admin, issue, "Remove")
    jira.comments.apply(admin, issue, [{"add": {"body": "New"}}, {"edit": {"id": str(kept.id), "body": "Kept"}},
                                       {"remove": {"id": gone.id}}])
    assert committed("SELECT body FROM comments ORDER BY id") == [("Kept",), ("New",)]


def test_an_attachment_keeps_its_content_and_goes_with_its_issue(jira):
    admin = jira.users.by_username("admin")
    issue = jira.issues.create(admin, issue_fields())
    [attachment] = jira.attachments.add(admin, issue, [("notes.txt", None, b"hello")])
    assert (attachment.mime_type, attachment.size) == ("text/plain", 5)
    assert committed("SELECT content FROM attachments") == [(b"hello",)]
    jira.issues.delete(admin, issue)
    assert committed("SELECT count(*) FROM attachments") == [(0,)]


def test_deleting_an_attachment_tells_the_listeners(jira, listen):
    admin = jira.users.by_username("admin")
    issue = jira.issues.create(admin, issue_fields())
    [attachment] = jira.attachments.add(admin, issue, [("notes.txt", None, b"hello")])
    heard = []
    listen(lambda event: heard.append((event.kind, event.issue.key, event.attachment.filename, event.actor.username)))
    jira.attachments.delete(admin, attachment)
    assert heard == [("attachment_removed", "DEMO-1", "notes.txt", "admin")]
    assert committed("SELECT count(*) FROM attachments") == [(0,)]


def test_a_listener_that_refuses_keeps_the_attachment(jira, listen):
    admin = jira.users.by_username("admin")
    issue = jira.issues.create(admin, issue_fields())
    [attachment] = jira.attachments.add(admin, issue, [("notes.txt", None, b"hello")])

    def refuse(event):
        raise ValidationFailed("Refused by a listener.")
    listen(refuse)
    with pytest.raises(ValidationFailed):
        jira.attachments.delete(admin, attachment)
    assert committed("SELECT content FROM attachments") == [(b"hello",)]


def test_only_its_author_or_an_administrator_deletes_an_attachment(jira):
    admin, user = jira.users.by_username("admin"), jira.users.by_username("user")
    issue = jira.issues.create(admin, issue_fields())
    [attachment] = jira.attachments.add(admin, issue, [("notes.txt", None, b"hello")])
    with pytest.raises(PermissionDenied, match=f"You do not have permission to delete attachment with id: "
                                               f"{attachment.id}"):
        jira.attachments.delete(user, attachment)
