"""The Triggers page in a browser: from a connection's page to a new trigger, the JQL error beside the query
first; then the trigger switched off, and deleted after the confirmation."""

from __future__ import annotations

import pytest
from factories import created_at
from live.instances import start_instances
from playwright.sync_api import expect

from .journey import log_in

SERVLET = "/plugins/servlet/exalate"


@pytest.fixture(scope="module")
def connection_page(tmp_path_factory):
    [node] = start_instances(tmp_path_factory.mktemp("triggers"), 1)
    connection = created_at(node.url)["connection"]
    yield f"{node.url}{SERVLET}/connections/{connection['id']}"
    node.stop()


def test_a_trigger_is_added_from_the_connection_page_edited_and_deleted(new_page, connection_page):
    page = new_page()
    page.goto(connection_page)
    log_in(page)
    page.locator("#triggers").get_by_role("link", name="Create trigger").click()
    expect(page.get_by_label("Then sync with")).to_have_value(connection_page.rpartition("/")[2])
    page.get_by_label("If").fill("project = DEMO AND lables = sync")
    page.get_by_role("button", name="Create").click()
    expect(page.locator("#query-error")).to_have_text(
        "Field 'lables' does not exist or you do not have permission to view it.")
    page.get_by_label("If").fill("project = DEMO AND labels = sync")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text("The trigger has been created.")).to_be_visible()
    row = page.locator("table.triggers tbody tr")
    expect(row).to_contain_text("project = DEMO AND labels = sync")
    expect(row.get_by_text("Active", exact=True)).to_be_visible()

    row.get_by_role("link", name="Edit").click()
    page.get_by_label("Active").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(row.get_by_text("Inactive", exact=True)).to_be_visible()

    row.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("You have no triggers yet")).to_be_visible()
