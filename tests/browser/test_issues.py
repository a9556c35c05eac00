"""Jira's issue pages clicked through by a user who is not an administrator, against a real
instance: create an issue, comment on it, resolve it with the Done button, and find it in the
issue navigator with JQL (and see a JQL error beside the box)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .journey import log_in

JQL_ERROR = "Field 'foo' does not exist or you do not have permission to view it."


def search(page, jql: str) -> None:
    page.get_by_label("JQL").fill(jql)
    page.get_by_role("button", name="Search").click()


def test_create_comment_resolve_and_find_an_issue(new_page, live_instances):
    [node] = live_instances(1)
    page = new_page()
    page.goto(node.url + "/secure/CreateIssue.jspa")
    log_in(page, "user", "user")

    page.get_by_label("Project").select_option("DEMO")
    page.get_by_label("Summary").fill("Printer on fire")
    page.get_by_label("Labels").fill("office urgent")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Printer on fire")).to_be_visible()
    assert urlsplit(page.url).path == "/browse/DEMO-1"

    page.get_by_role("textbox", name="Comment").fill("Smoke is rising")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("#comment-1")).to_contain_text("Smoke is rising")

    page.get_by_role("button", name="Done").click()
    expect(page.locator("#status-val")).to_have_text("Done")
    expect(page.locator("#resolution-val")).to_have_text("Done")

    page.get_by_role("link", name="Issues", exact=True).click()
    search(page, "resolution = Done AND labels = urgent")
    expect(page.get_by_role("link", name="DEMO-1")).to_be_visible()
    expect(page.get_by_text("1–1 of 1")).to_be_visible()

    search(page, "foo = bar")
    expect(page.locator("#jql-error")).to_have_text(JQL_ERROR)
    expect(page.get_by_label("JQL")).to_have_value("foo = bar")
