"""The sync monitoring pages: Errors (list with its filters, one error's page with Retry and Resolve), Sync
Queue (the pending events and requests, their tabs, filters and pages), Entity Sync Status (an issue's twins,
replicas, Unexalate) and the connection page's Statistics. Errors and queue rows are made by real syncs
between two in-process instances, A (``client``) and B (``client_b``)."""

from __future__ import annotations

import re

import pytest
from factories import URL_B, comment_at, create_issue_at, exalate_at, fields_at, initiate, set_rules, settle

from plugin.exalate.sync.models import ErrorStatus
from plugin.web import exalate as current_exalate

from .pagetools import Browser, atl_token, field_error, page, text

BROKEN = "issue.summary = replica.summry\n"
NO_PERMISSION = "You do not have permission to access this page."


@pytest.fixture
def browser_b(client_b) -> Browser:
    response = client_b.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert response.status_code in (302, 303), response.text
    return Browser(client_b)


@pytest.fixture
def connection_b(sync_connection) -> int:
    return sync_connection[1]["id"]


@pytest.fixture
def broken(app, app_b, client, client_b, twins, connection_b):
    """B's incoming rules broken, then a comment on A held at B by the script error: B's rules as they were."""
    working = set_rules(client_b, connection_b, BROKEN)
    comment_at(client, twins[0], "Held back")
    settle(app, app_b)
    return working


def only_error(app_b):
    with app_b.app_context():
        [error] = current_exalate().sync.monitor.errors()
        return error.id, error.status


def rows(markup: str, table: str) -> list[str]:
    """The text of each body row of the table with class ``table``."""
    found = re.search(rf'<table class="[^"]*\b{table}\b[^"]*">.*?<tbody>(.*?)</tbody>', markup, re.S)
    return [text(re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr[^>]*>(.*?)</tr>",
                                                                                found.group(1), re.S)] if found else []


def badge(markup: str, tab: str) -> int:
    return int(re.search(rf'id="tab-{tab}".*?<span class="aui-badge">(\d+)</span>', markup, re.S).group(1))


# ------------------------------------------------------------------ Errors


def test_the_errors_page_lists_an_open_script_error_with_its_line_and_issue_links(browser_b, broken):
    error_id, _ = only_error(browser_b.client.application)

    response = browser_b.get("errors")

    assert response.status_code == 200
    [row] = rows(response.text, "sync-errors")
    assert row.startswith(f"{error_id} ISSUE SCRIPT ")
    assert "SUP-1 DEMO-1 No such property: summry" in row and "line 1" in row
    assert '<a href="/browse/SUP-1">SUP-1</a>' in response.text
    assert f'href="{page(f"errors/{error_id}")}"' in response.text


def test_the_errors_page_says_so_when_there_is_no_open_error(browser):
    response = browser.get("errors")

    assert response.status_code == 200
    assert "There are no open errors" in text(response.text)
    assert rows(response.text, "sync-errors") == []


def test_the_errors_page_filters_by_status(app_b, browser_b, broken):
    error_id, _ = only_error(app_b)
    with app_b.app_context():
        current_exalate().sync.monitor.resolve_error(error_id)

    open_page = browser_b.get("errors").text
    resolved_page = browser_b.get("errors?status=RESOLVED").text

    assert rows(open_page, "sync-errors") == []
    assert [row.split()[0] for row in rows(resolved_page, "sync-errors")] == [str(error_id)]


def test_the_errors_page_filters_by_connection(app_b, browser_b, broken, connection_b, local_connection_b):
    listed = browser_b.get(f"errors?connection={connection_b}").text
    other = browser_b.get(f"errors?connection={local_connection_b}").text

    assert len(rows(listed, "sync-errors")) == 1
    assert rows(other, "sync-errors") == []


@pytest.fixture
def local_connection_b(app_b) -> int:
    """Another connection on B, with no errors."""
    with app_b.app_context():
        return initiate(current_exalate(), destination_url=URL_B, destination_project_key="DEMO",
                        name="Local_B").connection.id


def test_an_error_page_shows_its_details_with_retry_and_resolve(app_b, browser_b, broken):
    error_id, _ = only_error(app_b)

    response = browser_b.get(f"errors/{error_id}")

    assert response.status_code == 200
    shown = text(response.text)
    assert "No such property: summry" in shown and "line 1" in shown
    assert f'action="{page(f"errors/{error_id}/retry")}"' in response.text
    assert f'action="{page(f"errors/{error_id}/resolve")}"' in response.text


def test_retry_on_the_page_after_fixing_the_rules_updates_the_twin(app, app_b, client_b, browser_b, broken, twins,
                                                                     connection_b):
    set_rules(client_b, connection_b, broken)
    error_id, _ = only_error(app_b)

    response = browser_b.post(f"errors/{error_id}/retry")
    settle(app, app_b)

    assert response.status_code == 303
    assert response.headers["Location"] == page(f"errors/{error_id}")
    assert [c["body"] for c in fields_at(client_b, twins[1])["comment"]["comments"]] == [
        "Administrator commented: Held back"]
    assert only_error(app_b)[1] == ErrorStatus.RESOLVED


def test_resolve_on_the_page_resolves_the_error_and_its_buttons_are_gone(app_b, browser_b, broken):
    error_id, _ = only_error(app_b)

    response = browser_b.post(f"errors/{error_id}/resolve", follow_redirects=True)

    assert response.status_code == 200
    assert only_error(app_b)[1] == ErrorStatus.RESOLVED
    assert "The error has been resolved" in text(response.text)
    assert f'action="{page(f"errors/{error_id}/retry")}"' not in response.text
    assert f'action="{page(f"errors/{error_id}/resolve")}"' not in response.text


def test_retrying_a_resolved_error_is_a_conflict_on_the_page(app_b, browser_b, broken):
    error_id, _ = only_error(app_b)
    with app_b.app_context():
        current_exalate().sync.monitor.resolve_error(error_id)

    response = browser_b.post(f"errors/{error_id}/retry")

    assert response.status_code == 409
    assert f"Sync error {error_id} is resolved already." in text(response.text)


def test_an_unknown_error_is_a_page_not_found(browser):
    response = browser.get("errors/99")

    assert response.status_code == 404
    assert "Sync error 99 does not exist." in text(response.text)


def test_a_retry_without_the_form_token_is_refused(app_b, browser_b, broken):
    error_id, _ = only_error(app_b)

    response = browser_b.client.post(page(f"errors/{error_id}/retry"))

    assert response.status_code == 403
    assert "XSRF Security Token Missing" in response.text
    assert only_error(app_b)[1] == ErrorStatus.OPEN


@pytest.mark.parametrize("path", ["errors", "errors/1", "sync-queue", "entity-sync-status"])
def test_a_user_who_is_not_an_administrator_is_refused_as_on_other_admin_pages(client, path):
    client.post("/login.jsp", data={"os_username": "user", "os_password": "user"})

    response = client.get(page(path))
    other = client.get(page("connections"))

    assert (response.status_code, other.status_code) == (403, 403)
    assert NO_PERMISSION in text(response.text)


def test_a_user_who_is_not_an_administrator_cannot_resolve_an_error(app_b, client_b, broken):
    error_id, _ = only_error(app_b)
    client_b.post("/login.jsp", data={"os_username": "user", "os_password": "user"})
    token = atl_token(client_b.get("/browse/SUP-1").text)

    response = client_b.post(page(f"errors/{error_id}/resolve"), data={"atl_token": token})

    assert response.status_code == 403
    assert NO_PERMISSION in text(response.text)
    assert only_error(app_b)[1] == ErrorStatus.OPEN


# ------------------------------------------------------------------ Sync Queue


@pytest.fixture
def queued(client, sync_connection) -> list[str]:
    """Two issues of A exalated, their events not sent yet: the keys."""
    keys = [create_issue_at(client, summary=f"Queued {n}")["key"] for n in (1, 2)]
    for key in keys:
        exalate_at(client, key, sync_connection[0]["connection"]["id"])
    return keys


def test_the_outgoing_tab_lists_the_pending_events_with_the_count(browser, queued):
    response = browser.get("sync-queue")

    assert response.status_code == 200
    listed = rows(response.text, "sync-queue")
    assert [row.split()[2] for row in listed] == queued
    assert all("REPLICA Pending 0" in row for row in listed)
    assert (badge(response.text, "outgoing"), badge(response.text, "incoming")) == (2, 0)


def test_the_incoming_tab_lists_the_requests_received_and_not_yet_applied(app, browser_b, queued):
    with app.app_context():
        current_exalate().sync.work_once()  # A's events delivered: B holds their requests, not yet applied

    response = browser_b.get("sync-queue?tab=incoming")

    assert [row.split()[2] for row in rows(response.text, "sync-queue")] == queued
    assert badge(response.text, "incoming") == len(queued)


def test_the_queue_filters_by_issue_key(browser, queued):
    response = browser.get(f"sync-queue?issueKey={queued[1].lower()}")

    assert [row.split()[2] for row in rows(response.text, "sync-queue")] == [queued[1]]
    assert badge(response.text, "outgoing") == 1


def test_the_queue_filters_by_connection(browser, queued, sync_connection, local_connection):
    other = local_connection(name="Local_A")

    mine = browser.get(f"sync-queue?connection={sync_connection[0]['connection']['id']}").text
    others = browser.get(f"sync-queue?connection={other}").text

    assert len(rows(mine, "sync-queue")) == 2
    assert rows(others, "sync-queue") == [] and "Nothing is waiting" in text(others)


def test_a_held_request_shows_as_error_held(browser_b, broken):
    response = browser_b.get("sync-queue?tab=incoming")

    [row] = rows(response.text, "sync-queue")
    assert "Error (held)" in row


def test_an_incoming_request_is_found_by_its_local_twin_key(browser_b, broken, twins):
    by_local = browser_b.get(f"sync-queue?tab=incoming&issueKey={twins[1]}").text
    by_remote = browser_b.get(f"sync-queue?tab=incoming&issueKey={twins[0]}").text

    assert [row.split()[2] for row in rows(by_local, "sync-queue")] == [twins[0]]
    assert [row.split()[2] for row in rows(by_remote, "sync-queue")] == [twins[0]]


def test_a_long_queue_is_shown_fifty_to_a_page(browser, client, sync_connection):
    connection_id = sync_connection[0]["connection"]["id"]
    for _ in range(51):
        exalate_at(client, create_issue_at(client)["key"], connection_id)

    first = browser.get("sync-queue")
    second = browser.get("sync-queue?startAt=50")

    assert len(rows(first.text, "sync-queue")) == 50
    assert 'rel="next"' in first.text and "Showing 1–50 of 51" in text(first.text)
    assert len(rows(second.text, "sync-queue")) == 1
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text


# ------------------------------------------------------------------ Entity Sync Status


def test_entity_sync_status_shows_the_twins_with_the_remote_issue_linked(browser, twins):
    response = browser.get(f"entity-sync-status?issueKey={twins[0]}")

    assert response.status_code == 200
    assert f'<a href="{URL_B}/browse/SUP-1" rel="noopener noreferrer">SUP-1</a>' in response.text
    shown = text(response.text)
    assert "SYNCHRONIZED" in shown and "Show local replica" in shown and "Show remote replica" in shown
    assert "&#34;summary&#34;: &#34;Printer on fire&#34;" in response.text  # the replica, pretty and escaped


def test_entity_sync_status_says_beside_the_field_that_a_key_is_unknown(browser):
    response = browser.get("entity-sync-status?issueKey=NOPE-9")

    assert response.status_code == 404
    assert field_error(response.text, "issueKey") == "Issue 'NOPE-9' does not exist."


def test_entity_sync_status_of_an_issue_not_under_sync_says_so(browser, client):
    key = create_issue_at(client)["key"]

    response = browser.get(f"entity-sync-status?issueKey={key}")

    assert f"{key} is not under sync." in text(response.text)


def test_unexalate_from_entity_sync_status_asks_then_removes_the_twin(app, browser, twins, sync_connection):
    connection_id = sync_connection[0]["connection"]["id"]
    confirmation = browser.get(f"entity-sync-status/unexalate?issueKey={twins[0]}&connection={connection_id}")
    assert confirmation.status_code == 200 and "Stop synchronizing" in text(confirmation.text)

    response = browser.post("entity-sync-status/unexalate", {"issueKey": twins[0], "connection": connection_id},
                            follow_redirects=True)

    assert response.status_code == 200
    assert f"{twins[0]} is no longer synchronized" in text(response.text)
    with app.app_context():
        assert current_exalate().sync.sync_status(twins[0]).twins == []


# ------------------------------------------------------------------ the connection page


def test_the_connection_page_shows_statistics_and_links_its_open_errors(app_b, browser_b, broken, connection_b):
    error_id, _ = only_error(app_b)

    response = browser_b.get(f"connections/{connection_b}")

    stats = dict(re.findall(r'<dd id="stat-([a-z-]+)">(?:<a [^>]*>)?(\d+)', response.text))
    assert stats == {"issues": "1", "events-sent": "1", "events-pending": "0", "requests-received": "2",
                     "requests-pending": "1", "open-errors": "1"}
    assert f'href="{page(f"errors/{error_id}")}"' in response.text
