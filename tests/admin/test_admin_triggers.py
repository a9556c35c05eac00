"""The Triggers page: the list of every connection's triggers, the form to create and edit one (the JQL error
beside the query, the typed values kept), delete with a confirmation, Bulk Exalate and Bulk Unexalate with
the count reported, the connection page's Triggers section; for administrators, with the form token."""

from __future__ import annotations

import re

import pytest
from factories import USER, add_issue

from plugin.db import db

from .pagetools import field_error, form_values, page, text

TRIGGERS = page("triggers")
CREATE = "triggers/create"


@pytest.fixture
def add_trigger(in_app):
    def add(connection_id: int, query: str = "project = DEMO", **fields) -> int:
        return in_app(lambda exalate: exalate.triggers.create(connection_id, query=query, **fields).id)

    return add


@pytest.fixture
def stored(in_app):
    """Each stored trigger as (connection id, query, notes, active)."""
    return lambda: in_app(lambda exalate: [(t.connection_id, t.jql, t.notes, t.active)
                                           for t in exalate.triggers.list()])


def row(markup: str, trigger_id: int) -> list[str]:
    """The cells of a trigger's row as a reader sees them (their text)."""
    found = re.search(rf'<tr id="trigger-{trigger_id}">(.*?)</tr>', markup, re.S).group(1)
    return [text(re.sub(r"<[^>]+>", " ", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", found, re.S)]


def test_the_side_menu_leads_to_the_triggers_page(browser):
    response = browser.get("connections")

    assert f'id="exalate-triggers" href="{TRIGGERS}"' in response.text
    assert browser.get("triggers").status_code == 200


def test_with_no_triggers_the_page_says_how_to_start(browser):
    response = browser.get("triggers")

    assert "You have no triggers yet" in response.text


def test_the_list_shows_every_trigger_with_its_connection_query_notes_and_status(browser, make_connection,
                                                                                add_trigger):
    first = add_trigger(make_connection(), "project = DEMO AND labels = sync", notes="Support escalations")
    second = add_trigger(make_connection(name="Other_One"), "project = SUP", active=False)

    response = browser.get("triggers")

    assert row(response.text, first) == ["Issue", "project = DEMO AND labels = sync", "JiraA_to_JiraB",
                                         "Support escalations", "Active", "Edit Delete Bulk Exalate Bulk Unexalate"]
    assert row(response.text, second)[2:5] == ["Other_One", "", "Inactive"]


def test_a_trigger_is_created_from_the_form(browser, make_connection, stored):
    connection_id = make_connection()
    form = browser.get(CREATE)

    response = browser.submit(form, CREATE, connection=str(connection_id), query="project = DEMO",
                              notes="Support")

    assert response.status_code == 303 and response.headers["Location"] == TRIGGERS
    assert stored() == [(connection_id, "project = DEMO", "Support", True)]
    assert "The trigger has been created." in browser.get("triggers").text


def test_the_connection_page_offers_the_form_with_its_connection_chosen(browser, make_connection):
    connection_id = make_connection()
    make_connection(name="Other_One")

    response = browser.get(f"{CREATE}?connection={connection_id}")

    assert form_values(response.text, page(CREATE))["connection"] == str(connection_id)


def test_invalid_jql_is_shown_beside_the_query_with_what_was_typed(browser, make_connection, stored):
    connection_id = make_connection()
    form = browser.get(CREATE)

    response = browser.submit(form, CREATE, connection=str(connection_id), query="foo = bar", notes="Kept")

    assert response.status_code == 400
    assert field_error(response.text, "query") == "Field 'foo' does not exist or you do not have permission to view it."
    typed = form_values(response.text, page(CREATE))
    assert (typed["query"], typed["notes"], typed["connection"]) == ("foo = bar", "Kept", str(connection_id))
    assert stored() == []


def test_a_trigger_without_a_connection_is_refused_beside_the_select(browser, make_connection, stored):
    make_connection()
    form = browser.get(CREATE)

    response = browser.submit(form, CREATE, connection="", query="project = DEMO")

    assert response.status_code == 400
    assert field_error(response.text, "connection") == "This field is required."
    assert stored() == []


def test_a_connection_deleted_meanwhile_is_refused_beside_the_select(browser, make_connection, in_app, stored):
    connection_id = make_connection()
    form = browser.get(CREATE)
    in_app(lambda exalate: exalate.connections.delete(connection_id))

    response = browser.submit(form, CREATE, connection=str(connection_id), query="project = DEMO")

    assert response.status_code == 400
    assert field_error(response.text, "connection") == f"Connection {connection_id} does not exist."


def test_a_trigger_is_edited_and_switched_off(browser, make_connection, add_trigger, stored):
    connection_id = make_connection()
    trigger_id = add_trigger(connection_id, notes="Old")
    form = browser.get(f"triggers/{trigger_id}")
    assert form_values(form.text, page(f"triggers/{trigger_id}"))["query"] == "project = DEMO"

    response = browser.submit(form, f"triggers/{trigger_id}", query="project = SUP", notes="New", active=None)

    assert response.status_code == 303
    assert stored() == [(connection_id, "project = SUP", "New", False)]


def test_a_refused_edit_shows_the_error_and_changes_nothing(browser, make_connection, add_trigger, stored):
    connection_id = make_connection()
    trigger_id = add_trigger(connection_id)
    form = browser.get(f"triggers/{trigger_id}")

    response = browser.submit(form, f"triggers/{trigger_id}", query="status = Nowhere")

    assert response.status_code == 400
    assert field_error(response.text, "query") == "The value 'Nowhere' does not exist for the field 'status'."
    assert stored() == [(connection_id, "project = DEMO", "", True)]


def test_delete_asks_first_then_deletes(browser, make_connection, add_trigger, stored):
    trigger_id = add_trigger(make_connection())

    confirmation = browser.get(f"triggers/{trigger_id}/delete")
    assert "Delete the trigger" in text(confirmation.text) and stored()

    response = browser.submit(confirmation, f"triggers/{trigger_id}/delete")

    assert response.status_code == 303 and stored() == []


def test_bulk_exalate_reports_the_count(app, browser, make_connection, add_trigger, recording_sync):
    connection_id = make_connection()
    trigger_id = add_trigger(connection_id, "project = DEMO AND labels = sync")
    with app.app_context():
        add_issue(labels=("sync",)), add_issue(labels=("sync",)), add_issue()
        db.session.commit()
    listed = browser.get("triggers")

    response = browser.submit(listed, f"triggers/{trigger_id}/bulk-exalate")

    assert response.status_code == 303
    assert "Bulk Exalate: 2 issues handed to the sync." in text(browser.get("triggers").text)
    assert recording_sync.calls == [("exalate", connection_id, "DEMO-1", "admin"),
                                    ("exalate", connection_id, "DEMO-2", "admin")]


def test_bulk_unexalate_reports_the_count(app, browser, make_connection, add_trigger, recording_sync):
    connection_id = make_connection()
    trigger_id = add_trigger(connection_id)
    with app.app_context():
        add_issue()
        db.session.commit()
    listed = browser.get("triggers")

    browser.submit(listed, f"triggers/{trigger_id}/bulk-unexalate")

    assert "Bulk Unexalate: 1 issue stopped syncing." in text(browser.get("triggers").text)
    assert recording_sync.calls == [("unexalate", connection_id, "DEMO-1", "admin")]


def test_bulk_without_a_sync_engine_says_so_on_the_page(app, browser, make_connection, add_trigger, monkeypatch):
    monkeypatch.setattr(app.extensions["exalate"].triggers, "sync", None)
    trigger_id = add_trigger(make_connection())
    listed = browser.get("triggers")

    response = browser.submit(listed, f"triggers/{trigger_id}/bulk-exalate")

    assert response.status_code == 409
    assert "Bulk Exalate: Issue sync is not running on this instance" in text(response.text)


def test_the_connection_page_lists_its_triggers_only(browser, make_connection, add_trigger):
    connection_id = make_connection()
    mine = add_trigger(connection_id, "labels = mine")
    theirs = add_trigger(make_connection(name="Other_One"), "labels = theirs")

    response = browser.get(f"connections/{connection_id}")

    assert f'id="trigger-{mine}"' in response.text and f'id="trigger-{theirs}"' not in response.text
    assert page(f"{CREATE}?connection={connection_id}") in response.text


def test_the_triggers_page_is_for_administrators(client):
    response = client.get(TRIGGERS, headers=USER)

    assert response.status_code == 403
    assert "You do not have permission to access this page." in text(response.text)


def test_a_bulk_post_without_the_form_token_is_refused(admin_client, make_connection, add_trigger,
                                                        recording_sync):
    trigger_id = add_trigger(make_connection())

    response = admin_client.post(page(f"triggers/{trigger_id}/bulk-exalate"), data={})

    assert response.status_code == 403
    assert recording_sync.calls == []
