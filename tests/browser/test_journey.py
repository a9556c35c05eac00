"""The whole connection set-up clicked through as two administrators would, each in their own
browser, against two real instances: initiate on A, accept on B, refresh A's Connections."""

from __future__ import annotations

from playwright.sync_api import expect

from .journey import (
    CONNECTIONS,
    accept_on,
    choose_mode,
    connection_row,
    fill_short_names,
    log_in,
    mode_radio,
    open_connections,
    select_project,
    start_initiating,
)

CLIPBOARD = ["clipboard-read", "clipboard-write"]
PARTNER_NOTE = "To finish setting up the connection, the partner needs to accept the connection invitation."


def test_initiate_accept_and_see_the_connection_become_active(new_page, two_instances):
    a, b = two_instances
    admin_a = new_page(permissions=CLIPBOARD)
    admin_a.goto(a.url + "/login.jsp")
    log_in(admin_a)
    open_connections(admin_a)

    start_initiating(admin_a, b.url)
    admin_a.evaluate("window.stillTheSamePage = true")
    expect(mode_radio(admin_a, "Script")).to_be_enabled()  # offered once the script checked B
    assert admin_a.evaluate("window.stillTheSamePage") is True
    choose_mode(admin_a, "Script")
    fill_short_names(admin_a, "JiraA", "JiraB")
    expect(admin_a.get_by_label("Connection name")).to_have_value("JiraA_to_JiraB")
    admin_a.get_by_role("button", name="Next").click()
    select_project(admin_a, "DEMO", "Initiate")
    admin_a.get_by_role("button", name="Copy invitation code").click()
    expect(admin_a.get_by_text("Copied to the clipboard.")).to_be_visible()
    code = admin_a.evaluate("navigator.clipboard.readText()")
    assert code and code == admin_a.get_by_label("Invitation code").input_value().strip()
    expect(admin_a.get_by_text(PARTNER_NOTE)).to_be_visible()
    admin_a.get_by_role("link", name="Done").click()
    expect(connection_row(admin_a, "JiraA_to_JiraB").get_by_text("Pending", exact=True)).to_be_visible()

    admin_b = new_page()
    accept_on(admin_b, b.url, code)

    admin_a.reload()
    expect(connection_row(admin_a, "JiraA_to_JiraB").get_by_text("Active", exact=True)).to_be_visible()


def test_without_javascript_the_wizards_are_form_posts(new_page, two_instances):
    a, b = two_instances
    admin_a = new_page(java_script_enabled=False)
    admin_a.goto(a.url + CONNECTIONS)
    log_in(admin_a)

    start_initiating(admin_a, b.url)
    expect(mode_radio(admin_a, "Script")).to_be_hidden()
    admin_a.get_by_role("button", name="Next").click()
    choose_mode(admin_a, "Script")
    fill_short_names(admin_a, "JiraA", "JiraB")
    admin_a.get_by_role("button", name="Next").click()
    select_project(admin_a, "DEMO", "Initiate")

    code = admin_a.get_by_label("Invitation code").input_value().strip()
    assert code
    expect(admin_a.get_by_role("button", name="Copy invitation code")).to_be_hidden()  # it needs the script

    admin_b = new_page(java_script_enabled=False)
    accept_on(admin_b, b.url, code)
    expect(admin_b.get_by_role("heading", name="JiraA_to_JiraB")).to_be_visible()  # named on the server
