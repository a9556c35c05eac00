"""Jira's issue pages clicked through by a user who is not an administrator, against a real
instance: create an issue, comment on it, resolve it with the Done button, and find it in the
issue navigator with JQL (and see a JQL error beside the box)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .journey import add_comment, create_issue, log_in, search_issues

JQL_ERROR = "Field 'foo' does not exist or you do not have permission to view it."


def test_create_comment_resolve_and_find_an_issue(new_page, live_instances):
    [node] = live_instances(1)
    page = new_page()
    page.goto(node.url + "/issues/")
    log_in(page, "user", "user")

    create_issue(page, "DEMO", "Printer on fire", "office urgent")
    assert urlsplit(page.url).path == "/browse/DEMO-1"
    add_comment(page, "Smoke is rising")
    page.get_by_role("button", name="Done").click()
    expect(page.locator("#status-val")).to_have_text("Done")
    expect(page.locator("#resolution-val")).to_have_text("Done")

    search_issues(page, "resolution = Done AND labels = urgent")
    expect(page.get_by_role("link", name="DEMO-1")).to_be_visible()
    expect(page.get_by_text("1–1 of 1")).to_be_visible()

    search_issues(page, "foo = bar")
    expect(page.locator("#jql-error")).to_have_text(JQL_ERROR)
    expect(page.get_by_label("JQL")).to_have_value("foo = bar")
