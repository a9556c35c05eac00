"""The issue page (``/browse/KEY``): its fields, the transitions as buttons, the More menu and
what it holds (Edit and Delete for those who may, entries other packages add), and the Edit and
Delete pages behind it."""

from __future__ import annotations

import pytest

from plugin.admin.issue_menu import IssueOperation, issue_operations

from .pagetools import field_error, links, visible


def test_a_visitor_is_sent_to_log_in_and_back_to_the_issue(client, make_issue):
    key = make_issue()

    response = client.get(f"/browse/{key}")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/login.jsp?os_destination=/browse/{key}"


def test_the_issue_page_shows_its_fields(admin_pages, make_issue):
    key = make_issue(description="Smoke everywhere", labels=["fire", "office"], priority={"name": "High"},
                     assignee={"name": "user"})

    response = admin_pages.get(f"/browse/{key}")

    assert response.status_code == 200
    page = visible(response.text)
    for shown in (key, "Printer on fire", "Task", "To Do", "High", "Unresolved", "fire", "office",
                  "Smoke everywhere", "Assignee User", "Reporter Administrator"):
        assert shown in page
    assert 'class="aui-lozenge aui-lozenge-default">To Do' in response.text


def test_a_lower_case_key_leads_to_the_issue(admin_pages, make_issue):
    key = make_issue()

    response = admin_pages.get(f"/browse/{key.lower()}")

    assert response.status_code == 301
    assert response.headers["Location"] == f"/browse/{key}"


def test_an_unknown_key_is_jiras_issue_does_not_exist_page(admin_pages):
    response = admin_pages.get("/browse/DEMO-999")

    assert response.status_code == 404
    assert "Issue does not exist" in response.text
    assert "The issue you are trying to view does not exist." in response.text
    assert 'id="header"' in response.text


def test_a_sub_task_links_to_its_parent(admin_pages, make_issue):
    parent = make_issue(summary="The parent")
    subtask = make_issue(issuetype={"name": "Sub-task"}, parent={"key": parent}, summary="The child")

    child_page = admin_pages.get(f"/browse/{subtask}").text
    parent_page = admin_pages.get(f"/browse/{parent}").text

    assert f"/browse/{parent}" in links(child_page)
    assert f"/browse/{subtask}" in links(parent_page)


def test_the_available_transitions_are_buttons(admin_pages, make_issue):
    key = make_issue()

    page = admin_pages.get(f"/browse/{key}").text

    assert 'name="transition" value="11">Start Progress</button>' in page
    assert 'name="transition" value="31">Done</button>' in page
    assert 'value="41">Reopen' not in page


def test_the_done_transition_sets_the_resolution(user_pages, make_issue, in_jira):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/transition", {"transition": "31"})

    assert response.status_code == 303
    assert in_jira(lambda jira: (jira.issues.get(key).status.name, jira.issues.get(key).resolution.name)) == \
        ("Done", "Done")
    page = visible(user_pages.get(f"/browse/{key}").text)
    assert "Resolution Done" in page and "aui-lozenge-success" in user_pages.get(f"/browse/{key}").text


def test_a_transition_that_does_not_apply_is_refused_beside_the_buttons(user_pages, make_issue):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/transition", {"transition": "41"})

    assert response.status_code == 400
    assert field_error(response.text, "transition") == "Transition id '41' is not valid for this issue."


def test_the_reporter_sees_edit_and_delete_in_the_more_menu(user_pages, make_issue):
    key = make_issue(reporter="user")

    page = user_pages.get(f"/browse/{key}").text

    assert f"/browse/{key}/edit" in links(page) and f"/browse/{key}/delete" in links(page)


def test_someone_who_may_not_edit_sees_neither_edit_nor_delete(user_pages, make_issue):
    key = make_issue(reporter="admin")

    page = user_pages.get(f"/browse/{key}").text

    assert f"/browse/{key}/edit" not in links(page) and f"/browse/{key}/delete" not in links(page)


@pytest.fixture
def added_operation(app):
    operation = IssueOperation("exalate-issue", "Exalate", lambda issue: f"/exalate/{issue.key}", weight=30)
    issue_operations(app).add(operation)
    yield operation
    issue_operations(app).remove(operation.key)


def test_an_operation_another_package_adds_appears_in_the_more_menu(admin_pages, make_issue, added_operation):
    key = make_issue()

    page = admin_pages.get(f"/browse/{key}").text

    assert f'<a id="exalate-issue" href="/exalate/{key}">Exalate</a>' in page
    assert page.index('id="edit-issue"') < page.index('id="delete-issue"') < page.index('id="exalate-issue"')


def test_an_operation_can_hide_itself_from_a_user(app, user_pages, make_issue):
    operations = issue_operations(app)
    operations.add(IssueOperation("admins-only", "Admins only", lambda issue: "/x", shown=lambda u, i: u.is_admin))
    try:
        page = user_pages.get(f"/browse/{make_issue()}").text
    finally:
        operations.remove("admins-only")

    assert "Admins only" not in page


def test_the_edit_form_shows_the_issue_and_saves_the_changes(user_pages, make_issue, in_jira):
    key = make_issue(reporter="user", labels=["old"])
    form = user_pages.get(f"/browse/{key}/edit").text
    assert 'value="Printer on fire"' in form and 'value="old"' in form

    response = user_pages.post(f"/browse/{key}/edit", {"summary": "Printer fixed", "description": "Toner",
                                                       "priority": "1", "labels": "new  shiny", "assignee": "admin"})

    assert response.status_code == 303 and response.headers["Location"] == f"/browse/{key}"
    issue = in_jira(lambda jira: (lambda i: (i.summary, i.description, i.priority.name, i.labels,
                                             i.assignee.username))(jira.issues.get(key)))
    assert issue == ("Printer fixed", "Toner", "Highest", ["new", "shiny"], "admin")


def test_the_edit_form_shows_each_error_beside_its_field(user_pages, make_issue, in_jira):
    key = make_issue(reporter="user")

    response = user_pages.post(f"/browse/{key}/edit", {"summary": " ", "priority": "99", "labels": "",
                                                       "assignee": "nobody"})

    assert response.status_code == 400
    assert field_error(response.text, "summary") == "You must specify a summary of the issue."
    assert field_error(response.text, "priority") == "Could not find valid 'id' or 'name' in priority object."
    assert field_error(response.text, "assignee") == "User 'nobody' does not exist."
    assert in_jira(lambda jira: jira.issues.get(key).summary) == "Printer on fire"


def test_someone_who_may_not_edit_gets_the_permission_page_for_the_form(user_pages, make_issue):
    response = user_pages.get(f"/browse/{make_issue()}/edit")

    assert response.status_code == 403
    assert "You do not have permission to access this page." in response.text


def test_the_server_refuses_an_edit_by_someone_who_may_not(user_pages, make_issue, in_jira):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/edit", {"summary": "Taken over"})

    assert response.status_code == 403
    assert "Permission violation" in response.text
    assert in_jira(lambda jira: jira.issues.get(key).summary) == "Printer on fire"


def test_delete_asks_first_then_deletes(admin_pages, make_issue, in_jira):
    key = make_issue()

    confirmation = admin_pages.get(f"/browse/{key}/delete")
    response = admin_pages.post(f"/browse/{key}/delete")

    assert confirmation.status_code == 200 and "You are about to permanently delete this issue" in confirmation.text
    assert response.status_code == 303 and response.headers["Location"] == "/issues/"
    assert f"{key} has been deleted." in admin_pages.get("/issues/").text
    assert admin_pages.get(f"/browse/{key}").status_code == 404


def test_the_server_refuses_a_delete_by_someone_who_may_not(user_pages, make_issue, in_jira):
    key = make_issue()

    response = user_pages.post(f"/browse/{key}/delete")

    assert response.status_code == 403
    assert "You do not have permission to access this page." in response.text
    assert in_jira(lambda jira: jira.issues.get(key).key) == key
