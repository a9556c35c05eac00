"""Debian's Chromium driven by Playwright, as the browser tests and ``scripts/screenshots.py``
launch it, and a watch on every page for what a person would not see but a page must not do:
JavaScript errors and Content-Security-Policy violations (both reach the console)."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Playwright

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Playwright adds --headless and its own profile folder; these keep Chromium off the network
# and quiet in a container (no sandbox, no GPU, no updates, no sync).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
# Chromium reports a page answered with an error status on the console too; the wizards answer
# 400 when they show a validation error, and the permission page is a 403, by design.
ERROR_STATUS_NOTICE = "Failed to load resource: the server responded with a status of"


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM)


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(chromium_path()), headless=True, args=LAUNCH_ARGS)


def watch(context: BrowserContext, problems: list[str]) -> BrowserContext:
    """Collect into ``problems`` each console error and uncaught exception of the context's pages."""
    documents: set[str] = set()

    def on_response(response) -> None:
        if response.request.resource_type == "document":
            documents.add(response.url)

    def on_console(message) -> None:
        if message.type != "error":
            return
        if message.text.startswith(ERROR_STATUS_NOTICE) and message.location.get("url") in documents:
            return
        problems.append(f"console error: {message.text} at {message.location.get('url')}")

    context.on("response", on_response)
    context.on("console", on_console)
    context.on("weberror", lambda error: problems.append(f"uncaught: {error.error}"))
    return context
