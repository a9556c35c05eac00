"""A Visual connection's configuration page in a browser: one tab at a time, scope filters, a mapping and a
direction set, Publish, and the compiled rules of both sides changed."""

from __future__ import annotations

import pytest
import requests
from factories import AUTH, REST, initiate_body
from live.instances import start_instances
from playwright.sync_api import expect

from .journey import log_in

SERVLET = "/plugins/servlet/exalate"


@pytest.fixture(scope="module")
def visual_page(tmp_path_factory):
    """A Visual connection from A (DEMO) to B (SUP), on two instances of their own: its page on A."""
    a, b = start_instances(tmp_path_factory.mktemp("visual"), 2)
    body = initiate_body(destinationUrl=b.url, mode="VISUAL", localShortName="JiraA", remoteShortName="JiraB",
                         name="JiraA_to_JiraB", destinationProjectKey="SUP",
                         destinationAdmin={"username": "admin", "password": "admin"})
    created = requests.post(a.url + REST + "/connections", auth=AUTH, json=body, timeout=30)
    assert created.status_code == 201, created.text
    yield f"{a.url}{SERVLET}/connections/{created.json()['connection']['id']}/visual"
    a.stop()
    b.stop()


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
