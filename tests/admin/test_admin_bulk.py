"""The Bulk Connect page (pasted LOCAL,REMOTE lines, a result per line with its number, malformed lines
reported) and the Clean-up Tools page (the count under sync, confirm, the count done), from the side menu."""

from __future__ import annotations

import re

import pytest
from factories import create_issue_at, settle

from .pagetools import field_error, page, text

BULK_CONNECT = "bulk-connect"
CLEAN_UP = "clean-up"


@pytest.fixture
def issues(client, client_b, sync_connection):
    """DEMO-1, DEMO-2 on A, SUP-1, SUP-2 on B; the connection's id as the page's picker gives it."""
    for summary in ("First", "Second"):
        create_issue_at(client, summary=summary)
        create_issue_at(client_b, summary=summary, project={"key": "SUP"})
    return str(sync_connection[0]["connection"]["id"])


def plain(markup: str) -> str:
    """The page's text without its tags."""
    return text(re.sub(r"<[^>]+>", "", markup))


def result_rows(markup: str) -> list[list[str]]:
    """Each row of the results table as its cells' text."""
    table = re.search(r'<table class="aui bulk-connect-results">(.*?)</table>', markup, re.S).group(1)
    return [[plain(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr id=\"line-\d+\">(.*?)</tr>", table, re.S)]


@pytest.mark.parametrize(("key", "link"), [("exalate-bulk-connect", BULK_CONNECT), ("exalate-clean-up", CLEAN_UP)])
def test_the_side_menu_leads_to_the_page(browser, key, link):
    response = browser.get("connections")

    assert f'id="{key}" href="{page(link)}"' in response.text
    assert browser.get(link).status_code == 200


def test_bulk_connect_shows_a_result_per_line_with_its_number(browser, admin_client, issues):
    pasted = "DEMO-1, SUP-1\n\n  DEMO-9,SUP-2  \nnot a pair\nDEMO-2,SUP-2\n"

    response = browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection=issues, pairs=pasted)

    assert response.status_code == 200
    assert result_rows(response.text) == [
        ["1", "DEMO-1", "SUP-1", "Connected"],
        ["3", "DEMO-9", "SUP-2", "Failed Issue 'DEMO-9' does not exist."],
        ["4", "not a pair", "", "Failed Malformed line: write the local issue key, a comma and the remote issue key "
                                "(LOCAL,REMOTE)."],
        ["5", "DEMO-2", "SUP-2", "Failed Remote issue SUP-2 is already in the list (pair 2)."]]
    assert "Results: 1 connected, 3 failed" in response.text


def test_bulk_connect_keeps_what_was_pasted(browser, issues):
    response = browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection=issues, pairs="DEMO-1,SUP-1")

    assert "DEMO-1,SUP-1</textarea>" in response.text


def test_bulk_connect_without_a_connection_says_so_beside_the_picker(browser, issues):
    response = browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection="", pairs="DEMO-1,SUP-1")

    assert response.status_code == 400
    assert field_error(response.text, "connection") == "Choose the connection to synchronize the issue with."


def test_bulk_connect_with_nothing_pasted_says_so_beside_the_pairs(browser, issues):
    response = browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection=issues, pairs="\n  \n")

    assert response.status_code == 400
    assert field_error(response.text, "pairs") == "Give at least one pair of issue keys to connect."


def test_clean_up_shows_how_many_issues_are_under_sync(app, app_b, browser, issues):
    browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection=issues, pairs="DEMO-1,SUP-1\nDEMO-2,SUP-2")
    settle(app, app_b)

    response = browser.get(f"{CLEAN_UP}?connection={issues}")

    assert "2 issues are under sync with the connection JiraA_to_JiraB" in plain(response.text)


def test_clean_up_confirmed_unexalates_them_and_reports_the_count(app, app_b, browser, issues):
    browser.submit(browser.get(BULK_CONNECT), BULK_CONNECT, connection=issues, pairs="DEMO-1,SUP-1")
    settle(app, app_b)
    shown = browser.get(f"{CLEAN_UP}?connection={issues}")
    assert f'<input type="hidden" name="connection" value="{issues}">' in shown.text

    response = browser.post(CLEAN_UP, {"connection": issues})

    assert response.status_code == 303
    after = browser.client.get(response.headers["Location"])
    assert "Clean-up: 1 issue unexalated." in after.text
    assert "No issue is under sync with the connection JiraA_to_JiraB." in plain(after.text)


def test_clean_up_of_an_unknown_connection_says_so(browser, issues):
    response = browser.get(f"{CLEAN_UP}?connection=99")

    assert response.status_code == 404
    assert "Connection '99' does not exist." in plain(response.text)
