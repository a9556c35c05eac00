"""The Exalate app on the issue page: *More* menu entries Exalate, Connect and Unexalate (for administrators,
each where it applies), their forms (connection picker, errors beside the field in the domain's words, the
form token, back to the issue with a message) and the Exalate panel listing the issue's twins."""

from __future__ import annotations

import re

import pytest
from factories import URL_B, create_issue_at, settle

from plugin.exalate.sync.models import Twin
from plugin.fields import ISSUE_KEY_MAX
from plugin.web import exalate as current_exalate

from .pagetools import field_error, form_values, page, text


def issue_page(client, key: str = "DEMO-1"):
    return client.get(f"/browse/{key}")


def operation_path(key: str, operation: str) -> str:
    return page(f"issue/{key}/{operation}")


def menu(markup: str) -> list[str]:
    found = re.search(r'<ul class="aui-dropdown">(.*?)</ul>', markup, re.S)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


def panel(markup: str) -> str | None:
    found = re.search(r'<section class="issue-module exalate-panel".*?</section>', markup, re.S)
    return found.group(0) if found else None


def twin_keys(app, key: str) -> list[tuple[str, str | None]]:
    with app.app_context():
        status = current_exalate().sync.sync_status(key)
        return [(twin.connection.name, twin.remote_issue_key) for twin in status.twins]


def offered(browser, key: str, operation: str) -> list[str]:
    """The connection ids the operation's picker offers."""
    markup = browser.client.get(operation_path(key, operation)).text
    return re.findall(r'<option value="(\d+)"', markup)


def post_operation(browser, key: str, operation: str, **fields):
    return browser.client.post(operation_path(key, operation), data={"atl_token": browser.token, **fields})


@pytest.fixture
def connection_id(sync_connection) -> str:
    return str(sync_connection[0]["connection"]["id"])


@pytest.fixture
def issue(client) -> str:
    return create_issue_at(client, summary="Printer on fire")["key"]


# ------------------------------------------------------------------ the More menu


def test_an_administrator_sees_exalate_and_connect_on_an_issue_not_under_sync(browser, issue, connection_id):
    entries = menu(issue_page(browser.client, issue).text)

    assert "Exalate" in entries and "Connect" in entries
    assert "Unexalate" not in entries


def test_without_an_active_connection_exalate_and_connect_are_not_offered(browser, app, issue, connection_id):
    with app.app_context():
        current_exalate().connections.deactivate(int(connection_id))

    entries = menu(issue_page(browser.client, issue).text)

    assert not {"Exalate", "Connect"} & set(entries)


def test_an_issue_under_sync_with_every_active_connection_is_not_offered_exalate(browser, twins):
    entries = menu(issue_page(browser.client, twins[0]).text)

    assert not {"Exalate", "Connect"} & set(entries)


def test_the_exalate_form_leaves_out_connections_that_sync_the_issue_already(browser, twins, connection_id,
                                                                             local_connection):
    other = str(local_connection(name="Second_link"))

    assert offered(browser, twins[0], "exalate") == [other]


def test_unexalate_is_in_the_menu_of_an_issue_under_sync(browser, twins):
    markup = issue_page(browser.client, twins[0]).text

    assert "Unexalate" in menu(markup)
    assert f'href="{operation_path(twins[0], "unexalate")}"' in markup


def test_a_user_who_is_not_an_administrator_sees_no_exalate_operation(client, twins):
    client.post("/login.jsp", data={"os_username": "user", "os_password": "user"})

    entries = menu(issue_page(client, twins[0]).text)

    assert not {"Exalate", "Connect", "Unexalate"} & set(entries)


def test_a_user_who_is_not_an_administrator_cannot_open_the_exalate_form(client, issue):
    client.post("/login.jsp", data={"os_username": "user", "os_password": "user"})

    response = client.get(operation_path(issue, "exalate"))

    assert response.status_code == 403
    assert "You do not have permission to access this page." in response.text


# ------------------------------------------------------------------ Exalate


def test_the_exalate_form_offers_the_active_connections_only(browser, app, issue, connection_id, local_connection):
    pending = local_connection(name="Still_pending")
    with app.app_context():
        current_exalate().connections.deactivate(pending)

    markup = browser.client.get(operation_path(issue, "exalate")).text

    assert f'<option value="{connection_id}"' in markup
    assert f'<option value="{pending}"' not in markup
    assert "atl_token" in form_values(markup, operation_path(issue, "exalate"))


def test_exalate_sends_the_issue_and_goes_back_to_it_with_a_message(browser, app, app_b, issue, connection_id):
    response = post_operation(browser, issue, "exalate", connection=connection_id)

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/browse/{issue}")
    assert f"{issue} is queued for sync with JiraA_to_JiraB." in text(browser.client.get(f"/browse/{issue}").text)
    settle(app, app_b)
    assert twin_keys(app, issue) == [("JiraA_to_JiraB", "SUP-1")]


def test_exalate_without_a_connection_says_so_beside_the_picker(browser, app, issue, connection_id):
    response = post_operation(browser, issue, "exalate", connection="")

    assert response.status_code == 400
    assert field_error(response.text, "connection") == "Choose the connection to synchronize the issue with."
    assert twin_keys(app, issue) == []


def test_exalate_of_an_issue_already_under_sync_is_refused_beside_the_picker(browser, twins, connection_id):
    response = post_operation(browser, twins[0], "exalate", connection=connection_id)

    assert response.status_code == 409
    assert field_error(response.text, "connection") == (
        f"Issue {twins[0]} is already under sync with connection JiraA_to_JiraB.")


def test_exalate_over_a_deactivated_connection_is_refused_beside_the_picker(browser, app, issue, connection_id):
    with app.app_context():
        current_exalate().connections.deactivate(int(connection_id))

    response = post_operation(browser, issue, "exalate", connection=connection_id)

    assert response.status_code == 409
    assert field_error(response.text, "connection") == (
        "Connection JiraA_to_JiraB is Deactivated: it cannot sync issues.")
    assert twin_keys(app, issue) == []


def test_exalate_without_the_form_token_fails_the_xsrf_check(admin_client, app, issue, connection_id):
    response = admin_client.post(operation_path(issue, "exalate"), data={"connection": connection_id})

    assert response.status_code == 403
    assert "XSRF Security Token Missing" in response.text
    assert twin_keys(app, issue) == []


def test_the_exalate_form_of_an_unknown_issue_is_jiras_missing_issue_page(browser):
    response = browser.client.get(operation_path("DEMO-999", "exalate"))

    assert response.status_code == 404
    assert "The issue you are trying to view does not exist." in response.text


# ------------------------------------------------------------------ Connect


def test_connect_asks_for_the_remote_issue_key(browser, issue, connection_id):
    markup = browser.client.get(operation_path(issue, "connect")).text

    assert set(form_values(markup, operation_path(issue, "connect"))) >= {"connection", "remoteIssueKey"}


def test_connect_without_a_remote_key_says_so_beside_the_field(browser, app, issue, connection_id):
    response = post_operation(browser, issue, "connect", connection=connection_id, remoteIssueKey=" ")

    assert response.status_code == 400
    assert field_error(response.text, "remoteIssueKey") == (
        f"Give the key of the remote issue to connect to (at most {ISSUE_KEY_MAX} characters).")
    assert twin_keys(app, issue) == []


def test_connect_links_the_issue_with_the_remote_one(browser, app, app_b, client_b, issue, connection_id):
    remote = create_issue_at(client_b, project="SUP", summary="Existing")["key"]

    response = post_operation(browser, issue, "connect", connection=connection_id, remoteIssueKey=remote)

    assert response.status_code == 303
    assert f"{issue} is queued to connect with {remote} over JiraA_to_JiraB." in text(
        browser.client.get(f"/browse/{issue}").text)
    settle(app, app_b)
    assert twin_keys(app, issue) == [("JiraA_to_JiraB", remote)]


# ------------------------------------------------------------------ Unexalate


def test_the_unexalate_form_offers_the_connections_the_issue_is_under_sync_with(browser, twins, connection_id,
                                                                                 local_connection):
    local_connection(name="Not_syncing_it")

    assert offered(browser, twins[0], "unexalate") == [connection_id]


def test_unexalate_removes_the_link_and_goes_back_to_the_issue(browser, app, twins, connection_id):
    response = post_operation(browser, twins[0], "unexalate", connection=connection_id)

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/browse/{twins[0]}")
    assert twin_keys(app, twins[0]) == []
    markup = browser.client.get(f"/browse/{twins[0]}").text
    assert f"{twins[0]} is no longer synchronized over JiraA_to_JiraB." in text(markup)
    assert panel(markup) is None


def test_unexalate_of_an_issue_not_under_sync_is_refused_beside_the_picker(browser, issue, connection_id):
    response = post_operation(browser, issue, "unexalate", connection=connection_id)

    assert response.status_code == 409
    assert field_error(response.text, "connection") == (
        f"Issue {issue} is not under sync with connection JiraA_to_JiraB.")


# ------------------------------------------------------------------ the Exalate panel


def test_an_issue_not_under_sync_has_no_exalate_panel(browser, issue, connection_id):
    assert panel(issue_page(browser.client, issue).text) is None


def test_the_panel_shows_each_twin_with_its_remote_issue_linked_to_the_other_instance(browser, twins):
    found = panel(issue_page(browser.client, twins[0]).text)

    assert '<td class="connection">JiraA_to_JiraB</td>' in found
    assert f'<a href="{URL_B}/browse/SUP-1" rel="noopener noreferrer">SUP-1</a>' in found
    assert '<span class="aui-lozenge aui-lozenge-success">SYNCHRONIZED</span>' in found
    assert re.search(r'<td class="last-sync">\d\d/\w{3}/\d{4} \d\d:\d\d UTC</td>', found)


def test_the_panel_shows_a_twin_waiting_for_delivery(browser, issue, connection_id):
    post_operation(browser, issue, "exalate", connection=connection_id)

    found = panel(issue_page(browser.client, issue).text)

    assert '<span class="aui-lozenge aui-lozenge-default">WAITING</span>' in found
    assert "Not created yet" in found


def test_the_panel_escapes_a_hostile_connection_name(browser, app, twins, connection_id):
    hostile = '<script>alert("x")</script>'
    with app.app_context():
        current_exalate().connections.update(int(connection_id), name=hostile)

    markup = issue_page(browser.client, twins[0]).text
    form = browser.client.get(operation_path(twins[0], "unexalate")).text

    assert hostile not in markup and hostile not in form
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in panel(markup)


def test_the_panel_links_only_to_web_addresses(browser, app, twins):
    with app.app_context():
        from plugin.db import db, transaction

        with transaction():
            db.session.query(Twin).update({"remote_issue_url": "javascript:alert(1)"})

    found = panel(issue_page(browser.client, twins[0]).text)

    assert "javascript:" not in found
    assert "SUP-1" in found

