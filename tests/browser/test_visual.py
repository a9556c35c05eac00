"""A Visual connection in a browser: the wizard lists the destination's projects in place, and the configuration
page shows one tab at a time, takes scope filters, a mapping and a direction, publishes them, and the compiled
rules of both sides change."""

from __future__ import annotations

import pytest
import requests
from factories import AUTH, REST, initiate_body
from live.instances import start_instances
from playwright.sync_api import expect

from .journey import CONNECTIONS, PROJECT_LABEL, fill_short_names, log_in, mode_radio, start_initiating

SERVLET = "/plugins/servlet/exalate"


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    a, b = start_instances(tmp_path_factory.mktemp("visual"), 2)
    yield a, b
    a.stop()
    b.stop()


@pytest.fixture(scope="module")
def visual_page(two_instances):
    """A Visual connection from A (DEMO) to B (SUP): its page on A."""
    a, b = two_instances
    body = initiate_body(destinationUrl=b.url, mode="VISUAL", localShortName="JiraA", remoteShortName="JiraB",
                         name="JiraA_to_JiraB", destinationProjectKey="SUP",
                         destinationAdmin={"username": "admin", "password": "admin"})
    created = requests.post(a.url + REST + "/connections", auth=AUTH, json=body, timeout=30)
    assert created.status_code == 201, created.text
    return f"{a.url}{SERVLET}/connections/{created.json()['connection']['id']}/visual"


def field(page, name: str):
    return page.locator(f'[id="{name}"]')


def test_one_tab_shows_at_a_time(new_page, visual_page):
    page = new_page()
    page.goto(visual_page)
    log_in(page)
    expect(page.locator("#panel-scope")).to_be_visible()
    expect(page.locator("#panel-rules")).to_be_hidden()
    page.get_by_role("link", name="Rules", exact=True).click()
    expect(page.locator("#panel-rules")).to_be_visible()
    expect(page.locator("#panel-scope")).to_be_hidden()


def test_a_published_configuration_changes_the_compiled_rules_of_both_sides(new_page, visual_page):
    page = new_page()
    page.goto(visual_page)
    log_in(page)
    field(page, "scope.local.issueTypes").select_option(["Bug", "Task"])
    field(page, "scope.local.labels").fill("sync")
    field(page, "syncMethod.localToRemote").select_option("AUTOMATIC")
    page.get_by_role("link", name="Rules", exact=True).click()
    page.locator('label[for="rules[8].direction-LOCAL_TO_REMOTE"]').click()
    page.get_by_role("link", name="Mappings", exact=True).click()
    page.get_by_role("button", name="Add mapping").click()
    # The form came back with the new mapping on its tab, everything typed kept.
    expect(page.locator("#panel-mappings")).to_be_visible()
    expect(field(page, "scope.local.labels")).to_have_value("sync")
    field(page, "mappings[0].values[0].local").fill("To Do")
    field(page, "mappings[0].values[0].remote").fill("In Progress")
    page.get_by_role("button", name="Publish", exact=True).click()

    expect(page.get_by_text("The Visual configuration has been published to both sides.")).to_be_visible()
    expect(page.locator("#compiled-local-outgoing")).to_contain_text("replica.assignee")
    expect(page.locator("#compiled-remote-incoming")).to_contain_text('"To Do": "In Progress"')
    expect(page.locator("#compiled-remote-outgoing")).not_to_contain_text("replica.assignee")
    expect(field(page, "syncMethod.localToRemote")).to_have_value("AUTOMATIC")


def test_the_wizard_lists_the_destination_projects_in_place_keeping_the_password(new_page, two_instances):
    a, b = two_instances
    page = new_page()
    page.goto(a.url + CONNECTIONS)
    log_in(page)
    start_initiating(page, b.url)
    mode_radio(page, "Visual").check()
    page.get_by_role("button", name="Next").click()
    fill_short_names(page, "JiraA", "JiraB")
    page.get_by_label("Connection name").fill("Listed_in_place")
    page.get_by_role("button", name="Next").click()
    page.get_by_label(PROJECT_LABEL).select_option("DEMO")
    page.get_by_label("Destination administrator username").fill("admin")
    password = page.get_by_label("Destination administrator password")
    password.fill("wrong")
    page.get_by_role("button", name="List destination projects").click()
    expect(page.locator('[id="destinationAdmin-error"]')).to_have_text(
        "The destination rejected these administrator credentials.")
    password.fill("admin")
    page.get_by_role("button", name="List destination projects").click()
    expect(page.locator('[id="destinationAdmin-error"]')).to_have_count(0)

    page.get_by_label("Project on the destination instance").select_option("SUP")
    expect(password).to_have_value("admin")
    page.get_by_role("button", name="Initiate").click()

    expect(page.get_by_text("The connection has been set up on both instances")).to_be_visible()
