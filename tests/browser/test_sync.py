"""Issue sync in a browser, between two live instances connected over REST: a trigger added on A picks up a new
issue, whose twin appears in the Exalate panel and opens on B; a comment on B reaches A. Then B's incoming rules
break, a change on A shows as an error on B's Errors page, the rules are fixed and Retry brings the twin up to
date. Each wait for the other side reloads the page until what is awaited shows, with a deadline."""

from __future__ import annotations

import time

from factories import connect_at
from playwright.sync_api import Locator, Page, expect

from .conftest import TIMEOUT_MS
from .journey import SERVLET, add_comment, create_issue, log_in

BROKEN = "issue.summary = replica.summry\n"
POLL_MS = 200


def reload_until(page: Page, awaited: Locator) -> None:
    """Reload ``page`` until ``awaited`` is visible, polling until the browser tests' deadline."""
    end = time.monotonic() + TIMEOUT_MS / 1000
    while not awaited.is_visible():
        assert time.monotonic() < end, f"{awaited} did not show on {page.url} before the deadline"
        page.wait_for_timeout(POLL_MS)
        page.reload()


def publish_incoming_rules(page: Page, rules: str) -> None:
    """On a connection's page: replace the incoming rules and publish them."""
    page.get_by_label("Incoming sync", exact=True).fill(rules)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The sync rules have been saved.")).to_be_visible()


def test_a_trigger_syncs_a_new_issue_both_ways_and_an_error_is_retried_from_the_errors_page(new_page,
                                                                                              live_instances):
    a, b = live_instances(2)
    initiated, b_end = connect_at(a.url, b.url)
    page_a = new_page()
    page_a.goto(f"{a.url}{SERVLET}/connections/{initiated['connection']['id']}")
    log_in(page_a)
    page_a.locator("#triggers").get_by_role("link", name="Create trigger").click()
    page_a.get_by_label("If").fill("project = DEMO AND labels = sync")
    page_a.get_by_role("button", name="Create").click()
    expect(page_a.get_by_text("The trigger has been created.")).to_be_visible()

    create_issue(page_a, "DEMO", "Printer on fire", labels="sync")
    issue_a = page_a.url
    twin_link = page_a.locator("#exalate-panel .remote-issue a")
    reload_until(page_a, twin_link)
    expect(twin_link).to_have_text("SUP-1")
    expect(page_a.locator("#exalate-panel .sync-status")).to_have_text("SYNCHRONIZED")

    page_b = new_page()
    page_b.goto(twin_link.get_attribute("href"))
    log_in(page_b)
    expect(page_b.get_by_role("heading", name="Printer on fire")).to_be_visible()
    add_comment(page_b, "Seen on B")
    reload_until(page_a, page_a.locator(".activity-comment").filter(has_text="Administrator commented: Seen on B"))

    page_b.goto(f"{b.url}{SERVLET}/connections/{b_end['id']}")
    working = page_b.get_by_label("Incoming sync", exact=True).input_value()
    publish_incoming_rules(page_b, BROKEN)
    edited = a.api.put(f"{a.url}/rest/api/2/issue/DEMO-1", json={"fields": {"summary": "Printer fixed"}})
    assert edited.status_code == 204, edited.text
    page_b.goto(f"{b.url}{SERVLET}/errors")
    error_row = page_b.locator("table.sync-errors tbody tr").filter(has_text="No such property: summry")
    reload_until(page_b, error_row)
    expect(error_row).to_contain_text("line 1")

    page_b.goto(f"{b.url}{SERVLET}/connections/{b_end['id']}")
    publish_incoming_rules(page_b, working)
    page_b.get_by_role("navigation", name="Apps").get_by_role("link", name="Errors").click()
    error_row.get_by_role("link").first.click()
    page_b.get_by_role("button", name="Retry").click()
    expect(page_b.get_by_text("The error is being retried")).to_be_visible()

    page_b.goto(twin_link.get_attribute("href"))
    reload_until(page_b, page_b.get_by_role("heading", name="Printer fixed"))
    page_a.goto(issue_a)
    reload_until(page_a, page_a.locator("#exalate-panel .sync-status", has_text="SYNCHRONIZED"))
