"""The read-only view of one issue (core SQL, ``plugin.jira.issue_views``) answers exactly as the issue read
through the models: every field, references, people, labels, comments, attachments, parent and sub-tasks."""

from __future__ import annotations

import pytest
from factories import add_issue

from plugin.db import db
from plugin.errors import NotFound
from plugin.jira import jql
from plugin.jira.models import Attachment
from plugin.rest.issue_json import issue_json


def test_a_view_answers_as_the_model_does(app, jira):
    with app.test_request_context():
        parent = add_issue("Parent", assignee="user", resolution="Done", status="Done", labels=("b", "a"),
                           description="Text", comments=("first", "second"))
        add_issue("Child", issue_type="Sub-task", parent=parent, priority=None)
        db.session.add(Attachment(issue=parent, filename="notes.txt", mime_type="text/plain", size=5,
                                  author=parent.reporter, content=b"hello"))
        db.session.commit()
        for key in (parent.key, parent.key.lower(), str(parent.id), f"{parent.project.key}-2"):
            assert issue_json(jira.issues.view(key)) == issue_json(jira.issues.get(key)), key


def test_a_view_of_no_issue_is_not_found(jira):
    for key in ("DEMO-999", "999", "not a key", None):
        with pytest.raises(NotFound, match="Issue Does Not Exist"):
            jira.issues.view(key)


def test_a_search_page_of_views_answers_as_the_models_do(app, jira):
    with app.test_request_context():
        parent = add_issue("Parent", labels=("x", "a"), comments=("one",), assignee="user")
        for number in range(3):
            add_issue(f"Child {number}", issue_type="Sub-task", parent=parent, labels=("x",), comments=("c",))
        add_issue("Other", project="SUP", resolution="Done", status="Done")
        db.session.commit()
        for query, start_at in (("labels = x ORDER BY created DESC", 0), ("", 1), ("project = SUP", 0)):
            arguments = {"current_username": "admin", "start_at": start_at, "max_results": 3}
            models, views = jql.search(query, **arguments), jql.search_views(query, **arguments)
            assert views.total == models.total
            assert [issue_json(view) for view in views.issues] == [issue_json(issue) for issue in models.issues]
