"""Photograph the admin pages along the connection journey, for docs/screenshots/.

Starts two real instances (``python -m plugin.cli serve``, in a temporary folder), then walks
the journey in Debian's Chromium with Playwright as the browser tests do: log in on A,
Connections, Initiate connection (URL, modes, connection information, project, invitation
code), the Pending connection, accept the invitation on B, back to A's Connections (Active),
the connection's page, its delete confirmation, General Settings and License details; then each
error state of the wizards (an unreachable destination, a field in error, a bad invitation
code, a stale form token) and a missing page; Jira's issue pages (an issue, the create form,
the navigator and a JQL error); a Test Run of the connection's rules on an issue of A and sync
rules refused because they do not parse; a trigger refused for its JQL, then on the Triggers
page; an issue exalated from its page, the sync monitoring pages (Entity Sync Status, Sync
Queue); B's incoming rules broken: the error on B's Errors page and its own page; last, a Visual
connection (the destination's projects listed with its administrator's credentials) and its Visual
configuration published with scope filters, a direction and a status mapping. Each step
is written as NN-name.png, and manifest.json records the files and the fingerprint of the page sources
they show (tests/admin/test_screenshots.py fails when the pages changed since).

    python scripts/screenshots.py [--out docs/screenshots] [--width 1280] [--height 800]
                                  [--ports 2990 2991]

Needs the test extras and Playwright (``pip install -e .[test] playwright``) and Chromium
(``CHROMIUM_PATH`` overrides /usr/bin/chromium). The launch flags, the console watch and the
journey's steps are the browser tests' own (tests/browser), so the pictures show what they test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
# The instances run from this checkout even when the package is not installed.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from admin.pagetools import SCREENSHOT_MANIFEST, pages_fingerprint  # noqa: E402
from browser.chromium import launch, watch  # noqa: E402
from browser.journey import (  # noqa: E402
    CONNECTIONS,
    PROJECT_LABEL,
    SERVLET,
    add_comment,
    connection_row,
    create_issue,
    fill_short_names,
    log_in,
    mode_radio,
    paste_invitation,
    search_issues,
    select_project,
    start_initiating,
)
from live.instances import LiveInstance, free_port  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

CONNECTION = "JiraA_to_JiraB"
VISUAL_CONNECTION = "JiraA_to_JiraB_visual"


class Camera:
    """Writes each page, whole, as the next numbered PNG."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

        self.taken: list[str] = []

    def shoot(self, page: Page, name: str) -> None:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path.name)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def write_manifest(self) -> None:
        """Which pictures there are, and the page sources they show (see pages_fingerprint)."""
        for stale in set(path.name for path in self.folder.glob("*.png")) - set(self.taken):
            (self.folder / stale).unlink()
        manifest = {"screenshots": self.taken, "pages_fingerprint": pages_fingerprint()}
        (self.folder / SCREENSHOT_MANIFEST.name).write_text(json.dumps(manifest, indent=2) + "\n")


def initiate_on_a(page: Page, a: LiveInstance, b: LiveInstance, camera: Camera) -> str:
    """Log in on A and initiate a Script connection to B; returns the invitation code."""
    page.goto(a.url + CONNECTIONS)
    camera.shoot(page, "login")
    log_in(page)
    camera.shoot(page, "connections-empty")
    start_initiating(page, b.url)
    mode_radio(page, "Script").check()
    camera.shoot(page, "initiate-modes")
    page.get_by_role("button", name="Next").click()
    fill_short_names(page, "JiraA", "JiraB")
    page.get_by_label("Description").fill("Issues from the DEMO project, synchronized with support.")
    camera.shoot(page, "connection-information")
    page.get_by_role("button", name="Next").click()
    page.get_by_label(PROJECT_LABEL).select_option("DEMO")
    camera.shoot(page, "project")
    page.get_by_role("button", name="Initiate").click()
    page.get_by_role("button", name="Copy invitation code").click()
    expect(page.get_by_text("Copied to the clipboard.")).to_be_visible()
    camera.shoot(page, "invitation-code")
    code = page.get_by_label("Invitation code").input_value().strip()
    page.get_by_role("link", name="Done").click()
    page.get_by_role("link", name=CONNECTION, exact=True).click()
    camera.shoot(page, "connection-pending")
    return code


def accept_on_b(page: Page, b: LiveInstance, code: str, camera: Camera) -> None:
    page.goto(b.url + CONNECTIONS)
    log_in(page)
    paste_invitation(page, code)
    camera.shoot(page, "accept-invitation")
    page.get_by_role("button", name="Next").click()
    select_project(page, "SUP", "Confirm")
    expect(page.get_by_text("Congratulations! The connection is set up.")).to_be_visible()
    camera.shoot(page, "congratulations")


def look_around_a(page: Page, a: LiveInstance, camera: Camera) -> None:
    page.goto(a.url + CONNECTIONS)
    expect(connection_row(page, CONNECTION).get_by_text("Active", exact=True)).to_be_visible()
    camera.shoot(page, "connections-active")
    page.get_by_role("link", name=CONNECTION, exact=True).click()
    camera.shoot(page, "connection-rules")
    page.get_by_role("link", name="Delete", exact=True).click()
    camera.shoot(page, "delete-confirmation")
    for name in ("general-settings", "license"):
        page.goto(a.url + f"{SERVLET}/{name}")
        camera.shoot(page, name)


def wizard_errors(page: Page, a: LiveInstance, camera: Camera) -> None:
    """Each way the wizards stop, as the user sees it; nothing is created."""
    page.goto(a.url + CONNECTIONS)
    start_initiating(page, f"http://127.0.0.1:{free_port()}")
    expect(page.get_by_text("If this instance cannot reach the destination")).to_be_visible()
    camera.shoot(page, "error-unreachable-destination")
    page.get_by_label("I don't have a URL").check()
    mode_radio(page, "Script").check()
    page.get_by_role("button", name="Next").click()
    fill_short_names(page, "bad name!", "JiraB")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Use 1 to 64 letters")).to_be_visible()
    camera.shoot(page, "error-short-name")
    page.goto(a.url + CONNECTIONS)
    paste_invitation(page, "not-an-invitation-code")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("The invitation code is not valid.")).to_be_visible()
    camera.shoot(page, "error-invitation-code")
    page.goto(a.url + CONNECTIONS)
    page.get_by_role("link", name="Initiate connection").click()
    page.context.clear_cookies()
    log_in_again(page, a)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="XSRF Security Token Missing")).to_be_visible()
    camera.shoot(page, "error-stale-form-token")
    page.goto(a.url + "/secure/Dashboard.jspa")
    camera.shoot(page, "error-page-not-found")


def test_run_on_a(page: Page, a: LiveInstance, camera: Camera) -> None:
    """The connection page's Test Run on a new issue, then rules that do not parse, refused beside the editor."""
    created = requests.post(a.url + "/rest/api/2/issue", auth=("admin", "admin"), timeout=10, json={"fields": {
        "project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Printer on fire",
        "description": "Smoke from tray 2", "labels": ["printer"]}}).json()
    requests.post(a.url + f"/rest/api/2/issue/{created['key']}/comment", auth=("admin", "admin"), timeout=10,
                  json={"body": "Unplugged it"})
    page.goto(a.url + CONNECTIONS)
    page.get_by_role("link", name=CONNECTION, exact=True).click()
    page.get_by_label("Local issue key").fill(created["key"])
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("The rules ran without an error.")).to_be_visible()
    camera.shoot(page, "connection-test-run")
    incoming = page.get_by_label("Incoming sync", exact=True)
    incoming.fill(incoming.input_value().replace("issue.summary      = replica.summary",
                                                 "issue.summary      = = replica.summary"))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#incoming-error")).to_be_visible()
    camera.shoot(page, "error-rules-syntax")


def issue_pages(page: Page, a: LiveInstance, camera: Camera) -> None:
    """Jira's own pages around the app: create an issue, its page once commented and resolved, the
    More menu, the navigator and a JQL error beside its box."""
    page.goto(a.url + "/issues/")
    create_issue(page, "DEMO", "Printer on fire", "office urgent")
    add_comment(page, "Smoke is rising from the paper tray.")
    page.get_by_role("button", name="Start Progress").click()
    expect(page.locator("#status-val")).to_have_text("In Progress")
    page.get_by_text("More", exact=True).click()
    camera.shoot(page, "issue")
    page.get_by_role("link", name="Create", exact=True).click()
    page.get_by_label("Project").select_option("DEMO")
    page.get_by_label("Summary").fill("Coffee machine is empty")
    camera.shoot(page, "create-issue")
    page.get_by_role("button", name="Create").click()
    search_issues(page, "project = DEMO ORDER BY key DESC")
    expect(page.get_by_text("1–2 of 2")).to_be_visible()
    camera.shoot(page, "issue-navigator")
    search_issues(page, "foo = bar")
    expect(page.locator("#jql-error")).to_be_visible()
    camera.shoot(page, "error-jql")


def triggers_on_a(page: Page, a: LiveInstance, camera: Camera) -> None:
    """A trigger for the connection: a JQL error beside the query first, then the Triggers page with it."""
    page.goto(a.url + f"{SERVLET}/triggers")
    page.get_by_role("link", name="Create trigger").click()
    page.get_by_label("If").fill("project = DEMO AND lables = printer")
    page.get_by_label("Then sync with").select_option(label=CONNECTION)
    page.get_by_label("Notes").fill("Printer issues go to the support team.")
    page.get_by_role("button", name="Create").click()
    expect(page.locator("#query-error")).to_be_visible()
    camera.shoot(page, "error-trigger-jql")
    page.get_by_label("If").fill("project = DEMO AND labels = printer")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text("The trigger has been created.")).to_be_visible()
    camera.shoot(page, "triggers")


def exalate_from_the_issue_page(page: Page, a: LiveInstance, camera: Camera) -> None:
    """The issue's More menu: Exalate with its connection picker, then the Exalate panel with the twin."""
    page.goto(a.url + "/browse/DEMO-1")
    page.get_by_text("More", exact=True).click()
    page.get_by_role("link", name="Exalate", exact=True).click()
    page.get_by_label("Connection").select_option(label=CONNECTION)
    camera.shoot(page, "issue-exalate")
    page.get_by_role("button", name="Exalate").click()
    synchronized = page.locator("#exalate-panel").get_by_text("SYNCHRONIZED")
    reload_until(page, synchronized)
    expect(synchronized).to_be_visible()
    camera.shoot(page, "issue-exalate-panel")


def sync_monitoring_on_a(page: Page, a: LiveInstance, camera: Camera) -> None:
    """The sync monitoring pages: DEMO-1's Entity Sync Status with its replica shown, the Sync Queue."""
    page.goto(a.url + SERVLET + "/entity-sync-status?issueKey=DEMO-1")
    page.get_by_text("Show local replica").first.click()
    camera.shoot(page, "entity-sync-status")
    page.get_by_role("navigation", name="Apps").get_by_role("link", name="Sync Queue").click()
    camera.shoot(page, "sync-queue")


def sync_error_on_b(page: Page, a: LiveInstance, b: LiveInstance, camera: Camera) -> None:
    """B's incoming rules broken, then a comment on A's DEMO-1: the script error on B's Errors page and its own."""
    connection = b.api.get(b.rest("/connections")).json()["results"][0]["id"]
    rules = b.api.get(b.rest(f"/connections/{connection}/rules")).json()
    b.api.put(b.rest(f"/connections/{connection}/rules"), json={**rules, "incoming": "issue.summary = replica.summry"})
    a.api.post(a.url + "/rest/api/2/issue/DEMO-1/comment", json={"body": "The printer is out."})
    page.goto(b.url + SERVLET + "/errors")
    row = page.locator("table.sync-errors tbody tr")
    reload_until(page, row)
    expect(row).to_be_visible()
    camera.shoot(page, "errors")
    row.first.get_by_role("link").first.click()
    camera.shoot(page, "error")


def visual_on_a(page: Page, a: LiveInstance, b: LiveInstance, camera: Camera) -> None:
    """A Visual connection to B, its destination project picked from B's list, then its configuration:
    scope filters, Automatic from A, the assignee one way and a status mapping, published for both sides."""
    page.goto(a.url + CONNECTIONS)
    start_initiating(page, b.url)
    mode_radio(page, "Visual").check()
    page.get_by_role("button", name="Next").click()
    fill_short_names(page, "JiraA", "JiraB")
    page.get_by_label("Connection name").fill(VISUAL_CONNECTION)
    page.get_by_role("button", name="Next").click()
    page.get_by_label(PROJECT_LABEL).select_option("DEMO")
    for label in ("Destination administrator username", "Destination administrator password"):
        page.get_by_label(label).fill("admin")
    page.get_by_role("button", name="List destination projects").click()
    page.get_by_label("Project on the destination instance").select_option("SUP")  # listed in place: password kept
    camera.shoot(page, "initiate-visual-project")
    page.get_by_role("button", name="Initiate").click()
    page.get_by_role("link", name="Open the Visual configuration").click()
    field = lambda name: page.locator(f'[id="{name}"]')  # noqa: E731 (dotted names are no CSS ids)
    field("scope.local.issueTypes").select_option(["Bug", "Task"])
    field("scope.local.labels").fill("support")
    field("syncMethod.localToRemote").select_option("AUTOMATIC")
    page.get_by_role("link", name="Rules", exact=True).click()
    page.locator('label[for="rules[8].direction-LOCAL_TO_REMOTE"]').click()
    page.get_by_role("link", name="Mappings", exact=True).click()
    page.get_by_role("button", name="Add mapping").click()
    field("mappings[0].values[0].local").fill("To Do")
    field("mappings[0].values[0].remote").fill("In Progress")
    field("mappings[0].fallback.local").fill("To Do")
    field("mappings[0].fallback.remote").fill("To Do")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("The Visual configuration has been published to both sides.")).to_be_visible()
    camera.shoot(page, "visual-scope")
    for tab in ("Rules", "Mappings"):
        page.get_by_role("link", name=tab, exact=True).click()
        camera.shoot(page, f"visual-{tab.lower()}")


def reload_until(page: Page, awaited) -> None:
    """Reload until ``awaited`` is there (the page does not refresh by itself), for at most 30 seconds."""
    deadline = time.monotonic() + 30
    while not awaited.count() and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        page.reload()


def log_in_again(page: Page, a: LiveInstance) -> None:
    """A second tab's login: the open page keeps its old form token."""
    other = page.context.new_page()
    other.goto(a.url + "/login.jsp")
    log_in(other)
    other.close()


def walk(out: Path, viewport: dict, a: LiveInstance, b: LiveInstance) -> list[str]:
    camera, problems = Camera(out), []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        # One browser context per administrator: both instances are on 127.0.0.1, and cookies
        # do not tell ports apart.
        admin_a, admin_b = (
            watch(browser.new_context(viewport=viewport, permissions=["clipboard-read", "clipboard-write"]),
                  problems).new_page()
            for _ in range(2)
        )
        code = initiate_on_a(admin_a, a, b, camera)
        accept_on_b(admin_b, b, code, camera)
        look_around_a(admin_a, a, camera)
        wizard_errors(admin_a, a, camera)
        issue_pages(admin_a, a, camera)
        test_run_on_a(admin_a, a, camera)
        triggers_on_a(admin_a, a, camera)
        exalate_from_the_issue_page(admin_a, a, camera)
        sync_monitoring_on_a(admin_a, a, camera)
        sync_error_on_b(admin_b, a, b, camera)
        visual_on_a(admin_a, a, b, camera)
        browser.close()
    camera.write_manifest()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--ports", type=int, nargs=2, default=(2990, 2991), metavar=("PORT_A", "PORT_B"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="exalate-screenshots-") as folder:
        instances = []
        try:
            for port in args.ports:
                data_dir = Path(folder) / f"instance-{port}"
                data_dir.mkdir()
                instances.append(LiveInstance(port, data_dir).start())
            problems = walk(args.out, {"width": args.width, "height": args.height}, *instances)
        finally:
            for instance in instances:
                instance.stop()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
