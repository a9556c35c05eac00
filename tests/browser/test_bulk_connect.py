"""Bulk Connect and Clean-up Tools in a browser, between two live instances: pasted lines get a result each
(a malformed one with its line number), and the pairs connected are then cleaned up with a confirmation."""

from __future__ import annotations

import pytest
from factories import connect_at, issue_fields
from live.instances import start_instances
from playwright.sync_api import expect

from .journey import log_in

SERVLET = "/plugins/servlet/exalate"
CONNECTION = "JiraA_to_JiraB"


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    a, b = start_instances(tmp_path_factory.mktemp("bulk"), 2)
    connect_at(a.url, b.url)
    for node, project in ((a, "DEMO"), (b, "SUP")):
        created = node.api.post(node.url + "/rest/api/2/issue",
                                json={"fields": issue_fields(project={"key": project})})
        assert created.status_code == 201, created.text
    yield a, b
    a.stop()
    b.stop()


def test_pasted_pairs_are_connected_then_cleaned_up(new_page, nodes):
    a, _ = nodes
    page = new_page()
    page.goto(a.url + SERVLET + "/bulk-connect")
    log_in(page)
    page.get_by_label("Connection").select_option(label=CONNECTION)
    page.get_by_label("Issue pairs").fill("DEMO-1, SUP-1\n\nDEMO-1\n")
    page.get_by_role("button", name="Connect").click()

    rows = page.locator("table.bulk-connect-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Connected")
    expect(rows.nth(1)).to_contain_text("3")
    expect(rows.nth(1)).to_contain_text("Malformed line")

    page.get_by_role("link", name="Clean-up Tools").click()
    page.get_by_label("Connection").select_option(label=CONNECTION)
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#under-sync")).to_have_text("1 issue is")
    page.get_by_role("button", name="Clean up").click()
    expect(page.get_by_text("Clean-up: 1 issue unexalated.")).to_be_visible()
