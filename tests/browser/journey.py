"""The steps of setting up a connection, as a person takes them in the browser: fields found by
their labels, buttons and links by their names. The browser tests check what each step shows;
``scripts/screenshots.py`` photographs it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

SERVLET = "/plugins/servlet/exalate"
CONNECTIONS = SERVLET + "/connections"
CONGRATULATIONS = "Congratulations! The connection is set up."
PROJECT_LABEL = "Please select the project where you want to create issues, received from the other side."


def log_in(page: Page, username: str = "admin", password: str = "admin") -> None:
    """Fill in the login page that is showing and log in."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log In").click()


def open_connections(page: Page) -> None:
    """From any page of the shell: Settings, then Connections in the EXALATE section."""
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("navigation", name="Apps").get_by_role("link", name="Connections").click()
    expect(page.get_by_role("heading", name="Connections", exact=True)).to_be_visible()


def start_initiating(page: Page, url: str) -> None:
    """From the Connections page: Initiate connection, then type the destination's URL."""
    page.get_by_role("link", name="Initiate connection").click()
    page.get_by_label("Destination instance URL").fill(url)


def mode_radio(page: Page, label: str):
    return page.get_by_label(label, exact=True)


def choose_mode(page: Page, label: str) -> None:
    """Choose an offered mode and go on to the connection information."""
    mode_radio(page, label).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Connection information")).to_be_visible()


def to_connection_information(page: Page, instance_url: str) -> None:
    """Log in and go through the first page of a private Script connection (I don't have a URL)."""
    page.goto(instance_url + CONNECTIONS)
    log_in(page)
    start_initiating(page, "")
    page.get_by_label("I don't have a URL").check()
    choose_mode(page, "Script")


def fill_short_names(page: Page, local: str, remote: str) -> None:
    page.get_by_label("Local instance short name").fill(local)
    page.get_by_label("Remote instance short name").fill(remote)


def select_project(page: Page, project_key: str, button: str) -> None:
    page.get_by_label(PROJECT_LABEL).select_option(project_key)
    page.get_by_role("button", name=button).click()


def paste_invitation(page: Page, code: str) -> None:
    """From the Connections page: Accept invitation, then paste the code."""
    page.get_by_role("link", name="Accept invitation").click()
    page.get_by_label("Invitation code").fill(code)


def accept_on(page: Page, instance_url: str, code: str, project_key: str = "SUP") -> None:
    """Log in on the other instance and accept the invitation there, through to the end."""
    page.goto(instance_url + CONNECTIONS)
    log_in(page)
    paste_invitation(page, code)
    page.get_by_role("button", name="Next").click()
    select_project(page, project_key, "Confirm")
    expect(page.get_by_text(CONGRATULATIONS)).to_be_visible()


def connection_row(page: Page, name: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))


def create_issue(page: Page, project_key: str, summary: str, labels: str = "") -> None:
    """From any page: Create in the header, fill in the form, create; ends on the new issue."""
    page.get_by_role("link", name="Create", exact=True).click()
    page.get_by_label("Project").select_option(project_key)
    page.get_by_label("Summary").fill(summary)
    page.get_by_label("Labels").fill(labels)
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name=summary)).to_be_visible()


def add_comment(page: Page, body: str) -> None:
    """On an issue's page."""
    page.get_by_role("textbox", name="Comment").fill(body)
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".activity-comment").last).to_contain_text(body)


def search_issues(page: Page, jql: str) -> None:
    """From any page: Issues in the header, then a JQL search."""
    page.get_by_role("link", name="Issues", exact=True).click()
    page.get_by_label("JQL").fill(jql)
    page.get_by_role("button", name="Search").click()
