"""What the pages say about a connection is what is true of it: no "None" for an empty
description, both projects of a local connection, no URL for a private side, a check that says
what it found, a reason told once."""

from __future__ import annotations

import requests
from factories import AUTH, REST, connect_at, created_at, mock_exalate

from .pagetools import Browser, text
from .test_admin_initiate import WIZARD, choose_mode

A, B = "http://jira-a.test", "http://jira-b.test"
NOT_PUBLIC = "This instance is not public"


def logged_in(nodes, url: str) -> Browser:
    client = nodes[url].client
    client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    return Browser(client)


def test_an_empty_description_is_said_to_be_empty(browser, make_connection):
    markup = browser.get(f"connections/{make_connection(description='')}").text

    assert "<dd>None</dd>" not in markup
    assert '<dt>Description</dt><dd><span class="description">No description</span></dd>' in markup


def test_the_connection_name_is_not_marked_required_since_the_short_names_make_it(browser):
    markup = choose_mode(browser).text

    assert '<label for="name">Connection name</label>' in markup
    assert "aria-required" not in markup.split('id="name"')[1].split(">")[0]


def test_a_local_connection_shows_both_its_projects(browser, local_connection):
    markup = text(browser.get(f"connections/{local_connection()}").text)

    assert "<dt>Projects</dt><dd>DEMO and SUP" in markup


def test_a_private_connection_keeps_the_other_side_unknown_after_the_accept():
    with mock_exalate(A, B) as nodes:
        initiated = created_at(A, destinationUrl=None)
        requests.post(B + REST + "/invitations/accept", auth=AUTH,
                      json={"invitationCode": initiated["invitationCode"], "projectKey": "SUP"})
        browser = logged_in(nodes, A)

        connection = browser.get(f"connections/{initiated['connection']['id']}").text
        listing = browser.get("connections").text

    assert '<dd class="url">unknown</dd>' in connection
    assert B not in connection and B not in listing


def check(remove_the_other_end: bool) -> str:
    """Connect A to B, optionally remove B's end, then press Check connection on A's page."""
    with mock_exalate(A, B) as nodes:
        initiated, end_b = connect_at(A, B, localShortName="A", remoteShortName="B", name="A_to_B")
        if remove_the_other_end:
            requests.delete(f"{B}{REST}/connections/{end_b['id']}", auth=AUTH)
        browser = logged_in(nodes, A)
        return browser.post(f"connections/{initiated['connection']['id']}/check", follow_redirects=True).text


def test_a_successful_check_says_what_it_found_and_nothing_else():
    checked = check(remove_the_other_end=False)

    assert "The connection is in place: B still has its end of A_to_B" in checked
    assert "aui-message-error" not in checked


def test_a_failed_check_shows_no_success_beside_the_error():
    checked = check(remove_the_other_end=True)

    assert "not found. Seems like it was removed on the Destination side." in checked
    assert "aui-message-success" not in checked


def test_a_reason_of_the_whole_instance_is_told_once(browser, in_app):
    in_app(lambda exalate: exalate.settings.update(exalate_url="http://jira-a.test:2990", public=False))

    modes = browser.submit(browser.get(WIZARD), WIZARD, noUrl="on")

    assert text(modes.text).count(NOT_PUBLIC) == 1
    assert modes.text.count(">Not available, for the reason given above.</div>") == 3
