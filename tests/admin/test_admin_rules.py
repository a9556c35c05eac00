"""The connection page's sync rules: publishing refuses a script that does not parse (the error beside the
editor, its line marked in the gutter), and the Test Run panel."""

from __future__ import annotations

import re

import pytest
from factories import add_issue, committed

from .pagetools import field_error, form_values, page, text


def marked_line(markup: str, name: str) -> int | None:
    gutter = re.search(rf'<ol class="gutter" id="{name}-gutter"[^>]*>(.*?)</ol>', markup, re.S).group(1)
    found = re.search(r'<li class="marked">(\d+)</li>', gutter)
    return int(found.group(1)) if found else None


@pytest.fixture
def issue(app):
    with app.app_context():
        add_issue("Printer on fire", labels=("printer",), comments=("Unplugged it",))
        from plugin.db import db
        db.session.commit()
    return "DEMO-1"


def test_rules_that_do_not_parse_are_refused_beside_the_editor_with_the_line_marked(browser, make_connection, in_app):
    connection_id = make_connection()
    before = in_app(lambda exalate: exalate.connections.rules(connection_id).incoming_rules)
    form = browser.get(f"connections/{connection_id}")
    broken = "issue.summary = replica.summary\nif (firstSync) {\n  issue.key = = 1\n}\n"

    response = browser.submit(form, f"connections/{connection_id}/rules", incoming=broken)

    assert response.status_code == 400
    assert field_error(response.text, "incoming") == "line 3, column 15: Unexpected input: '='"
    assert marked_line(response.text, "incoming") == 3 and marked_line(response.text, "outgoing") is None
    assert form_values(response.text, page(f"connections/{connection_id}/rules"))["incoming"] == broken
    assert in_app(lambda exalate: exalate.connections.rules(connection_id).incoming_rules) == before


def test_every_line_of_a_script_has_its_number(browser, make_connection):
    connection_id = make_connection()
    response = browser.get(f"connections/{connection_id}")
    outgoing = form_values(response.text, page(f"connections/{connection_id}/rules"))["outgoing"]
    gutter = re.search(r'<ol class="gutter" id="outgoing-gutter"[^>]*>(.*?)</ol>', response.text, re.S).group(1)
    assert re.findall(r"<li>(\d+)</li>", gutter) == [str(n) for n in range(1, len(outgoing.split("\n")) + 1)]


def test_the_test_run_panel_shows_the_replica_changes_and_output(browser, make_connection, issue):
    connection_id = make_connection()
    form = browser.get(f"connections/{connection_id}")
    draft = form_values(form.text, page(f"connections/{connection_id}/test-run"))["testOutgoing"]

    response = browser.submit(form, f"connections/{connection_id}/test-run", issueKey=issue,
                              testOutgoing=draft + '\nprintln "sent ${replica.key}"')

    assert response.status_code == 200
    shown = text(response.text)
    assert "The rules ran without an error." in shown
    assert '"summary": "Printer on fire"' in shown and '"projectKey": "DEMO"' in shown
    assert '"body": "Administrator commented: Unplugged it"' in shown
    assert re.search(r'id="test-run-output">sent DEMO-1\n</pre>', response.text)


def test_a_test_run_error_is_shown_with_its_line_marked_in_the_draft(browser, make_connection, issue):
    connection_id = make_connection()
    form = browser.get(f"connections/{connection_id}")

    response = browser.submit(form, f"connections/{connection_id}/test-run", issueKey=issue,
                              testIncoming='issue.projectKey = "SUP"\nissue.summary = replica.summry')

    assert "Incoming sync, line 2: No such property: summry for class: " in text(response.text)
    assert marked_line(response.text, "testIncoming") == 2
    assert '<details class="drafts" open>' in response.text


def test_an_unknown_issue_is_named_beside_the_field(browser, make_connection, issue):
    connection_id = make_connection()
    form = browser.get(f"connections/{connection_id}")
    response = browser.submit(form, f"connections/{connection_id}/test-run", issueKey="DEMO-404")
    assert response.status_code == 400
    assert field_error(response.text, "issueKey") == "Issue 'DEMO-404' does not exist."


def test_a_test_run_writes_nothing(browser, make_connection, issue, in_app):
    connection_id = make_connection()
    tables = ("issues", "comments", "attachments", "issue_labels", "connections")
    before = in_app(lambda exalate: [committed(f"SELECT count(*) FROM {table}") for table in tables])
    form = browser.get(f"connections/{connection_id}")
    browser.submit(form, f"connections/{connection_id}/test-run", issueKey=issue)
    assert in_app(lambda exalate: [committed(f"SELECT count(*) FROM {table}") for table in tables]) == before


def test_a_test_run_without_the_form_token_is_refused(admin_client, make_connection, issue):
    connection_id = make_connection()
    response = admin_client.post(page(f"connections/{connection_id}/test-run"), data={"issueKey": issue})
    assert response.status_code == 403 and "XSRF Security Token Missing" in response.text


def test_drafts_left_as_they_were_stay_folded(browser, make_connection, issue):
    connection_id = make_connection()
    form = browser.get(f"connections/{connection_id}")
    drafts = form_values(form.text, page(f"connections/{connection_id}/test-run"))
    response = browser.submit(form, f"connections/{connection_id}/test-run", issueKey=issue,
                              **{name: drafts[name].replace("\n", "\r\n") for name in ("testOutgoing", "testIncoming")})
    assert '<details class="drafts">' in response.text


def test_the_test_run_offers_the_issues_updated_last(browser, make_connection, app):
    from datetime import datetime
    with app.app_context():
        add_issue("Older", updated=datetime(2026, 1, 1))
        add_issue("Newer", updated=datetime(2026, 2, 1))
        from plugin.db import db
        db.session.commit()
    response = browser.get(f"connections/{make_connection()}")
    datalist = re.search(r'<datalist id="issueKey-suggestions">(.*?)</datalist>', response.text).group(1)
    assert re.findall(r'<option value="([^"]+)">', datalist) == ["DEMO-2", "DEMO-1"]
