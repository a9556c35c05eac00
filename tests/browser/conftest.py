"""Fixtures for the browser tests: one Chromium for the session, a fresh browser context per
person in a test (each watched for console errors and CSP violations), and real instances.

Without Chromium the tests fail rather than skip, so that CI cannot pass without running them;
``EXALATE_SKIP_BROWSER=1`` skips them on purpose."""

from __future__ import annotations

import os

import pytest
from live.instances import start_instances
from playwright.sync_api import expect, sync_playwright

from .chromium import VIEWPORT, chromium_path, launch, watch

# Long enough for a node-to-node call on a busy CI machine; every wait is on an event.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def chromium():
    if os.environ.get("EXALATE_SKIP_BROWSER") == "1":
        pytest.skip("EXALATE_SKIP_BROWSER=1")
    if not chromium_path().is_file():
        pytest.fail(f"Chromium not found at {chromium_path()}: install it or set CHROMIUM_PATH "
                    "(EXALATE_SKIP_BROWSER=1 skips the browser tests)", pytrace=False)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class Browsers:
    """``new_page(**context_options)``: a page in a context of its own, as another person in
    another browser would have. Every page is watched; ``problems`` lists what they logged."""

    def __init__(self, chromium):
        self.chromium = chromium
        self.contexts = []
        self.problems: list[str] = []

    def __call__(self, **options):
        context = watch(self.chromium.new_context(viewport=VIEWPORT, **options), self.problems)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_page(chromium):
    browsers = Browsers(chromium)
    yield browsers
    browsers.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test whose pages logged an error or broke the CSP fails, even if all it checked held;
    a test that failed anyway shows what its pages logged, often the cause."""
    browsers = item.funcargs.get("new_page")
    problems = browsers.problems if isinstance(browsers, Browsers) else []
    try:
        result = yield
    except BaseException:
        if problems:
            item.add_report_section("call", "browser console", "\n".join(problems))
        raise
    if problems:
        pytest.fail("The pages logged errors:\n" + "\n".join(problems), pytrace=False)
    return result


@pytest.fixture(scope="session")
def instance(tmp_path_factory):
    """One real instance for the tests that change nothing on it."""
    [node] = start_instances(tmp_path_factory.mktemp("browser"), 1)
    yield node
    node.stop()
