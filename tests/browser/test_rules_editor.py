"""The connection page's script editors in a browser: line numbers follow the text, a parse error marks its
line, and Test Run shows what the rules did."""

from __future__ import annotations

import pytest
import requests
from factories import AUTH, created_at
from live.instances import start_instances
from playwright.sync_api import expect

from .journey import log_in

SERVLET = "/plugins/servlet/exalate"


@pytest.fixture(scope="module")
def connection_page(tmp_path_factory):
    """A Script connection on an instance of its own, with an issue to run the rules on."""
    [node] = start_instances(tmp_path_factory.mktemp("rules-editor"), 1)
    connection = created_at(node.url)["connection"]
    created = requests.post(node.url + "/rest/api/2/issue", auth=AUTH, timeout=10, json={"fields": {
        "project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Printer on fire"}})
    assert created.status_code == 201, created.text
    yield f"{node.url}{SERVLET}/connections/{connection['id']}"
    node.stop()


def test_line_numbers_follow_the_script_as_it_is_typed(new_page, connection_page):
    page = new_page()
    page.goto(connection_page)
    log_in(page)
    editor, gutter = page.locator("#outgoing"), page.locator("#outgoing-gutter li")
    lines = editor.input_value().count("\n") + 1
    expect(gutter).to_have_count(lines)
    editor.fill(editor.input_value() + "\nprintln 'one more'\nprintln 'and another'")
    expect(gutter).to_have_count(lines + 2)


def test_a_parse_error_marks_its_line_and_test_run_shows_the_replica(new_page, connection_page):
    page = new_page()
    page.goto(connection_page)
    log_in(page)
    page.locator("#incoming").fill('issue.summary = replica.summary\nissue.key = = 1\n')
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#incoming-error")).to_have_text("line 2, column 13: Unexpected input: '='")
    expect(page.locator("#incoming-gutter li.marked")).to_have_text("2")
    page.get_by_label("Local issue key").fill("DEMO-1")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("The rules ran without an error.")).to_be_visible()
    expect(page.locator("#test-run-replica")).to_contain_text('"summary": "Printer on fire"')
