"""The create form, the issue navigator, the projects page and the header that leads to them;
every page needs a login and every form post the session's atl_token."""

from __future__ import annotations

import pytest
from factories import add_issue

from .pagetools import field_error, links, visible

CREATE = "/secure/CreateIssue.jspa"
PAGES = ("/issues/", "/secure/BrowseProjects.jspa", CREATE)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_visitor_to_log_in_and_back(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/login.jsp?os_destination={path}"


@pytest.mark.parametrize("path", PAGES)
def test_the_header_leads_to_the_navigator_the_projects_and_create(user_pages, path):
    page = user_pages.get(path).text

    assert {"/issues/", "/secure/BrowseProjects.jspa", CREATE} <= set(links(page))
    assert 'id="find_link" href="/issues/">Issues</a>' in page


def test_a_form_post_without_the_token_is_refused_with_the_retry_page(user_pages, make_issue, in_jira):
    key = make_issue()

    response = user_pages.client.post(f"/browse/{key}/comment", data={"comment": "Forged"})

    assert response.status_code == 403
    assert "XSRF Security Token Missing" in response.text
    assert 'name="comment" value="Forged"' in response.text
    assert f'action="/browse/{key}/comment"' in response.text
    assert in_jira(lambda jira: jira.issues.get(key).comments) == []


def test_a_created_issue_opens_on_its_page(user_pages, in_jira):
    form = user_pages.get(CREATE)
    assert form.status_code == 200 and 'value="10001" selected>Task' in form.text

    response = user_pages.post(CREATE, {"project": "SUP", "issuetype": "10000", "summary": "Coffee machine",
                                        "description": "Empty", "priority": "2", "labels": "kitchen",
                                        "assignee": "admin"})

    assert response.status_code == 303 and response.headers["Location"] == "/browse/SUP-1"
    page = visible(user_pages.get("/browse/SUP-1").text)
    assert "Issue SUP-1 - Coffee machine has been successfully created." in page
    assert in_jira(lambda jira: (lambda i: (i.issue_type.name, i.reporter.username, i.labels))(
        jira.issues.get("SUP-1"))) == ("Bug", "user", ["kitchen"])


def test_the_create_form_shows_the_domains_errors_beside_the_fields(user_pages, in_jira):
    response = user_pages.post(CREATE, {"project": "", "issuetype": "", "summary": "", "labels": ""})

    assert response.status_code == 400
    assert field_error(response.text, "project") == "project is required"
    assert field_error(response.text, "issuetype") == "issue type is required"
    assert field_error(response.text, "summary") == "You must specify a summary of the issue."


def test_the_create_form_keeps_what_was_typed(user_pages):
    response = user_pages.post(CREATE, {"project": "DEMO", "issuetype": "10001", "summary": "",
                                        "description": "Kept", "labels": "bad\u00a0label"})

    assert 'value="DEMO" selected' in response.text and "Kept</textarea>" in response.text


def test_a_sub_task_cannot_be_created_without_its_parent(user_pages, in_jira):
    sub_task = in_jira(lambda jira: next(str(t.id) for t in jira.catalog.issue_types() if t.subtask))

    response = user_pages.post(CREATE, {"project": "DEMO", "issuetype": sub_task, "summary": "Orphan"})

    assert response.status_code == 400
    assert "Issue type is a sub-task but parent issue key or id not specified." in response.text


def test_an_empty_query_lists_every_issue_by_key_newest_first(user_pages, make_issue):
    keys = [make_issue(summary=f"Issue {n}") for n in range(3)]

    page = user_pages.get("/issues/").text

    shown = [link for link in links(page) if link.startswith("/browse/")]
    assert shown[::2] == [f"/browse/{key}" for key in reversed(keys)]
    assert "1–3 of 3" in visible(page)


def test_the_navigator_shows_the_matching_issues_columns(user_pages, make_issue):
    make_issue(summary="Other")
    key = make_issue(summary="Match me", assignee={"name": "user"}, priority={"name": "Low"})

    page = user_pages.get("/issues/", query_string={"jql": 'summary ~ "Match"'}).text

    start = page.index(f'<tr data-issuekey="{key}">')
    row = visible(page[start:page.index("</tr>", start)]).strip()
    assert row.startswith(f"{key} Match me Task To Do Low User ") and row.endswith(" UTC")
    assert "Other" not in page and "1–1 of 1" in visible(page)


def test_a_jql_error_is_shown_beside_the_box_in_jiras_words(user_pages):
    response = user_pages.get("/issues/", query_string={"jql": "foo = bar"})

    assert response.status_code == 400
    assert field_error(response.text, "jql") == "Field 'foo' does not exist or you do not have permission to view it."
    assert 'value="foo = bar"' in response.text


def test_the_navigator_pages_fifty_at_a_time(app, user_pages):
    with app.app_context():
        for number in range(55):
            add_issue(f"Issue {number}")
        from plugin.db import db

        db.session.commit()

    first = user_pages.get("/issues/").text
    second = user_pages.get("/issues/", query_string={"startIndex": "50"}).text

    assert "1–50 of 55" in visible(first) and "/issues/?startIndex=50" in links(first)
    assert "51–55 of 55" in visible(second) and 'rel="prev" href="/issues/"' in second
    assert len([link for link in links(second) if link.startswith("/browse/")]) == 10
    assert 'rel="next"' not in second


def test_the_projects_page_lists_each_project_with_its_issues_link(user_pages):
    page = user_pages.get("/secure/BrowseProjects.jspa").text

    assert "Demo DEMO admin" in visible(page) and "Support SUP admin" in visible(page)
    assert "/issues/?jql=project+%3D+DEMO" in links(page)


def test_a_project_link_leads_to_its_issues(user_pages, make_issue):
    demo = make_issue()
    support = make_issue(project={"key": "SUP"})

    page = user_pages.get("/issues/?jql=project+%3D+SUP").text

    assert f"/browse/{support}" in links(page) and f"/browse/{demo}" not in links(page)


def test_a_user_who_is_not_an_administrator_starts_at_the_navigator(user_pages):
    response = user_pages.get("/")

    assert response.status_code == 302 and response.headers["Location"] == "/issues/"
