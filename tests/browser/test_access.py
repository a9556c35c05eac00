"""Who gets in: a visitor is sent to the login page and brought back to the page asked for; a
user who is not a Jira administrator gets Jira's permission page."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .journey import SERVLET, log_in


def test_a_visitor_logs_in_and_comes_back_to_the_page_asked_for(new_page, instance):
    page = new_page()
    page.goto(instance.url + SERVLET + "/license")
    expect(page.get_by_role("heading", name="Welcome to Jira")).to_be_visible()
    assert urlsplit(page.url).path == "/login.jsp"

    log_in(page)

    expect(page.get_by_role("heading", name="License details")).to_be_visible()
    assert urlsplit(page.url).path == SERVLET + "/license"


def test_a_user_who_is_not_an_administrator_gets_the_permission_page(new_page, instance):
    page = new_page()
    page.goto(instance.url + "/login.jsp")
    log_in(page, "user", "user")

    response = page.goto(instance.url + SERVLET + "/connections")

    assert response.status == 403
    expect(page.get_by_role("heading", name="Permission violation")).to_be_visible()
    expect(page.get_by_text("You do not have permission to access this page.")).to_be_visible()
    expect(page.get_by_role("link", name="Settings", exact=True)).to_have_count(0)
