"""The Connections page and one connection's page."""

from __future__ import annotations

import re

import requests
from factories import AUTH, REST, connect_at, mock_exalate

from plugin.errors import BASIC_RULES_MESSAGE

from .pagetools import Browser, field_error, form_values, invitation_code, page, text

CONNECTION_SENTENCE = ("Connection defines synchronization behavior, including communication details, sync rules, "
                       "and scope.")


def rows(markup: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", markup, re.S).group(1)
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def test_empty_connections_page_says_what_to_do(browser):
    response = browser.get("connections")

    assert response.status_code == 200
    assert "<h2>Connections</h2>" in response.text
    assert CONNECTION_SENTENCE in response.text
    assert ">Initiate connection</a>" in response.text
    assert ">Accept invitation</a>" in response.text
    assert "You have no connections yet" in response.text
    assert "<table" not in response.text


def test_connections_page_lists_a_new_connection(browser, make_connection):
    make_connection()

    response = browser.get("connections")

    [row] = rows(response.text)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["JiraA_to_JiraB", "JiraA", "JiraB", "Script", "Private", "Pending", "unknown"]
    assert '<span class="aui-lozenge aui-lozenge-current">Pending</span>' in row


def test_status_lozenges(browser, local_connection, in_app):
    local_connection(name="Active one")
    paused = local_connection(name="Paused one")
    in_app(lambda exalate: exalate.connections.deactivate(paused))

    markup = browser.get("connections").text

    assert '<span class="aui-lozenge aui-lozenge-success">Active</span>' in markup
    assert '<span class="aui-lozenge aui-lozenge-subtle">Deactivated</span>' in markup


def test_connections_page_pages_by_start_at(browser, make_connection):
    for number in range(25):
        make_connection(name=f"Connection {number:02}")

    first = browser.get("connections")
    second = browser.get("connections?startAt=20")

    assert len(rows(first.text)) == 20
    assert "Showing 1&ndash;20 of 25" in first.text
    assert 'rel="next" href="/plugins/servlet/exalate/connections?startAt=20"' in first.text
    assert 'rel="prev"' not in first.text
    assert len(rows(second.text)) == 5
    assert "Connection 24" in second.text and "Connection 19" not in second.text
    assert 'rel="prev" href="/plugins/servlet/exalate/connections?startAt=0"' in second.text
    assert 'rel="next"' not in second.text


def test_start_at_past_the_end_offers_the_first_page(browser, make_connection):
    make_connection()

    response = browser.get("connections?startAt=500")

    assert response.status_code == 200
    assert "There are no connections on this page." in response.text


def test_connection_page_shows_details_and_the_pending_invitation(browser, make_connection, in_app):
    connection_id = make_connection(description="Sync with partner")

    response = browser.get(f"connections/{connection_id}")

    assert response.status_code == 200
    page_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))
    for label, value in (("Status", "Pending"), ("Mode", "Script"), ("Type", "Private"), ("Role", "Initiator"),
                         ("Local instance short name", "JiraA"), ("Remote instance short name", "JiraB"),
                         ("Project for the incoming sync", "DEMO"), ("Remote URL", "unknown"),
                         ("Description", "Sync with partner")):
        assert f"{label} {value}" in page_text
    assert "UTC" in page_text  # created and updated
    assert invitation_code(response.text) == in_app(lambda exalate: exalate.connections.invitation(connection_id))
    assert "Copy invitation code" in response.text


def test_connection_page_offers_no_way_to_change_the_mode(browser, make_connection):
    response = browser.get(f"connections/{make_connection()}")

    assert 'name="mode"' not in response.text
    assert "You cannot toggle between the different modes." in response.text


def test_unknown_connection_is_a_not_found_page(browser):
    response = browser.get("connections/999")

    assert response.status_code == 404
    assert "Connection 999 does not exist." in response.text
    assert "<h2>Page not found</h2>" in response.text
    assert response.mimetype == "text/html"


def test_rename_and_describe_a_connection(browser, make_connection, in_app):
    connection_id = make_connection()

    response = browser.post(f"connections/{connection_id}", {"name": "Renamed", "description": "New words"},
                            follow_redirects=True)

    assert response.status_code == 200
    assert "The connection has been updated." in response.text
    assert "<h2>Renamed " in response.text
    assert in_app(lambda exalate: exalate.connections.get(connection_id).description) == "New words"


def test_rename_error_is_shown_beside_the_name_and_keeps_what_was_typed(browser, make_connection):
    make_connection(name="Taken")
    connection_id = make_connection(name="Mine")

    response = browser.post(f"connections/{connection_id}", {"name": "taken", "description": "Typed text"})

    assert response.status_code == 400
    assert field_error(response.text, "name") == "A connection named 'taken' already exists."
    typed = form_values(response.text, page(f"connections/{connection_id}"))
    assert typed["name"] == "taken"
    assert typed["description"] == "Typed text"


def test_edit_sync_rules_in_script_mode(browser, make_connection, in_app):
    connection_id = make_connection()
    form = browser.get(f"connections/{connection_id}")
    assert "replica.summary" in form_values(form.text, page(f"connections/{connection_id}/rules"))["outgoing"]

    response = browser.submit(form, f"connections/{connection_id}/rules", outgoing="replica.summary = 'x'\n",
                              incoming="issue.summary = replica.summary")

    assert response.status_code == 303
    rules = in_app(lambda exalate: exalate.connections.rules(connection_id))
    assert rules.outgoing_rules == "replica.summary = 'x'\n"
    assert rules.incoming_rules == "issue.summary = replica.summary"
    shown = browser.get(f"connections/{connection_id}")
    assert "The sync rules have been saved." in shown.text
    assert form_values(shown.text, page(f"connections/{connection_id}/rules"))["outgoing"] == "replica.summary = 'x'\n"


def test_sync_rules_are_read_only_in_basic_mode(browser, make_connection):
    connection_id = make_connection(mode="BASIC")

    response = browser.get(f"connections/{connection_id}")

    assert BASIC_RULES_MESSAGE in response.text
    assert page(f"connections/{connection_id}/rules") not in response.text
    assert len(re.findall(r'<textarea[^>]*name="(outgoing|incoming)"[^>]*readonly', response.text)) == 2


def test_posting_rules_in_basic_mode_is_refused(browser, make_connection, in_app):
    connection_id = make_connection(mode="BASIC")
    before = in_app(lambda exalate: exalate.connections.rules(connection_id).outgoing_rules)

    response = browser.post(f"connections/{connection_id}/rules", {"outgoing": "changed"})

    assert response.status_code == 400
    assert BASIC_RULES_MESSAGE in response.text
    assert in_app(lambda exalate: exalate.connections.rules(connection_id).outgoing_rules) == before


def test_deactivate_then_activate(browser, local_connection):
    connection_id = local_connection()
    assert ">Deactivate</button>" in browser.get(f"connections/{connection_id}").text

    deactivated = browser.post(f"connections/{connection_id}/deactivate", follow_redirects=True)

    assert "The connection has been deactivated." in deactivated.text
    assert '<span class="aui-lozenge aui-lozenge-subtle">Deactivated</span>' in deactivated.text
    assert ">Activate</button>" in deactivated.text

    activated = browser.post(f"connections/{connection_id}/activate", follow_redirects=True)

    assert "The connection has been activated." in activated.text
    assert '<span class="aui-lozenge aui-lozenge-success">Active</span>' in activated.text


def test_a_pending_connection_cannot_be_activated(browser, make_connection):
    connection_id = make_connection()

    response = browser.post(f"connections/{connection_id}/activate")

    assert response.status_code == 409
    assert "Connection JiraA_to_JiraB is Pending: it cannot be activated." in response.text
    assert "aui-message-error" in response.text


def test_delete_asks_first_then_deletes(browser, make_connection, in_app):
    connection_id = make_connection()

    confirm = browser.get(f"connections/{connection_id}/delete")

    assert confirm.status_code == 200
    assert "Delete the connection <strong>JiraA_to_JiraB</strong>?" in confirm.text
    assert in_app(lambda exalate: exalate.connections.list().total) == 1

    deleted = browser.submit(confirm, f"connections/{connection_id}/delete")

    assert deleted.status_code == 303
    assert deleted.headers["Location"] == page("connections")
    assert in_app(lambda exalate: exalate.connections.list().total) == 0
    assert "The connection JiraA_to_JiraB has been deleted." in browser.get("connections").text


def test_delete_without_atl_token_deletes_nothing(admin_client, make_connection, in_app):
    connection_id = make_connection()

    response = admin_client.post(page(f"connections/{connection_id}/delete"))

    assert response.status_code == 403
    assert "<h2>XSRF Security Token Missing</h2>" in response.text
    assert in_app(lambda exalate: exalate.connections.list().total) == 1


def test_names_and_descriptions_are_escaped(browser, make_connection):
    connection_id = make_connection(name="<script>alert(1)</script>", description='"><img src=x onerror=alert(2)>')

    for path in ("connections", f"connections/{connection_id}", f"connections/{connection_id}/delete"):
        markup = browser.get(path).text
        assert "<script>alert(1)" not in markup
        assert "<img src=x" not in markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert text(browser.get(f"connections/{connection_id}").text).count('"><img src=x onerror=alert(2)>') == 2


def test_check_connection_shows_that_the_other_side_removed_its_end():
    a, b = "http://jira-a.test", "http://jira-b.test"
    with mock_exalate(a, b) as nodes:
        initiated, end_b = connect_at(a, b, localShortName="A", remoteShortName="B", name="A_to_B")
        requests.delete(f"{b}{REST}/connections/{end_b['id']}", auth=AUTH)

        client = nodes[a].client
        client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
        browser = Browser(client)
        connection_id = initiated["connection"]["id"]
        assert "Check connection" in browser.get(f"connections/{connection_id}").text
        checked = browser.post(f"connections/{connection_id}/check", follow_redirects=True)
        assert "Connection `A_to_B` not found. Seems like it was removed on the Destination side." in checked.text
        assert "The connection is in place" not in checked.text  # no success beside the error
        assert "Check connection" in checked.text  # once the other side is back, a check clears the error


def test_a_pending_connection_issues_a_new_invitation_code_and_the_old_one_stops_working(
        browser, make_connection, in_app):
    connection_id = make_connection()
    shown = browser.get(f"connections/{connection_id}")
    old_code = invitation_code(shown.text)
    assert "New invitation code" in shown.text

    response = browser.submit(shown, f"connections/{connection_id}/invitation", button="")

    assert response.status_code == 303
    renewed = browser.get(f"connections/{connection_id}")
    assert "A new invitation code has been issued" in renewed.text
    new_code = invitation_code(renewed.text)
    assert new_code != old_code
    assert new_code == in_app(lambda exalate: exalate.connections.invitation(connection_id))


def test_an_active_connection_offers_no_new_invitation_code(browser, local_connection):
    connection_id = local_connection()
    assert "New invitation code" not in browser.get(f"connections/{connection_id}").text
    response = browser.post(f"connections/{connection_id}/invitation")
    assert response.status_code == 409
    assert "Pending" in response.text

