"""Photograph the admin pages along the connection journey, for docs/screenshots/.

Starts two real instances (``python -m plugin.cli serve``, in a temporary folder), then walks
the journey in Debian's Chromium with Playwright as the browser tests do: log in on A,
Connections, Initiate connection (URL, modes, connection information, project, invitation
code), accept the invitation on B, back to A's Connections (Active), the connection's page,
General Settings and License details. Each step is written as NN-name.png.

    python scripts/screenshots.py [--out docs/screenshots] [--width 1280] [--height 800]
                                  [--ports 2990 2991]

Needs the test extras and Playwright (``pip install -e .[test] playwright``) and Chromium
(``CHROMIUM_PATH`` overrides /usr/bin/chromium). The launch flags, the console watch and the
journey's steps are the browser tests' own (tests/browser), so the pictures show what they test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The instances run from this checkout even when the package is not installed.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from browser.chromium import launch, watch  # noqa: E402
from browser.journey import (  # noqa: E402
    CONNECTIONS,
    PROJECT_LABEL,
    SERVLET,
    connection_row,
    fill_short_names,
    log_in,
    mode_radio,
    paste_invitation,
    select_project,
    start_initiating,
)
from live.instances import LiveInstance  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

CONNECTION = "JiraA_to_JiraB"


class Camera:
    """Writes each page, whole, as the next numbered PNG."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def shoot(self, page: Page, name: str) -> None:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


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
    return page.get_by_label("Invitation code").input_value().strip()


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
    for name in ("general-settings", "license"):
        page.goto(a.url + f"{SERVLET}/{name}")
        camera.shoot(page, name)


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
        browser.close()
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
