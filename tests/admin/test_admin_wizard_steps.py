"""The wizards as a person uses them: a repeated Initiate, each step checking its own fields,
the tab order of the buttons, and a session that expired in the middle of a wizard."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from .pagetools import Browser, field_error, form_values, invitation_code, page
from .test_admin_initiate import WIZARD, choose_mode, describe, step_of


def project_step(browser):
    return describe(browser, choose_mode(browser))


def test_a_repeated_initiate_lands_on_the_same_invitation(browser, in_app):
    projects = project_step(browser)

    first = browser.submit(projects, WIZARD, "next", projectKey="DEMO")
    second = browser.submit(projects, WIZARD, "next", projectKey="DEMO")

    assert (first.status_code, second.status_code) == (303, 303)
    assert first.headers["Location"] == second.headers["Location"]
    assert in_app(lambda exalate: exalate.connections.list().total) == 1
    assert invitation_code(browser.client.get(second.headers["Location"]).text)


def test_each_run_of_the_wizard_carries_its_own_token(browser):
    tokens = {form_values(project_step(browser).text, page(WIZARD))["wizardToken"] for _ in range(2)}

    assert len(tokens) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", token) for token in tokens)


def test_the_information_step_refuses_empty_short_names(browser):
    info = choose_mode(browser)

    response = browser.submit(info, WIZARD, localShortName="", remoteShortName=" ")

    assert response.status_code == 400
    assert step_of(response) == "info"
    assert field_error(response.text, "localShortName") == "This field is required."
    assert field_error(response.text, "remoteShortName") == "This field is required."
    assert field_error(response.text, "name") is None  # made from the short names once they are given


def test_the_information_step_refuses_a_name_already_taken(browser, make_connection):
    make_connection(name="JiraA_to_JiraB")

    response = describe(browser, choose_mode(browser))

    assert response.status_code == 400
    assert step_of(response) == "info"
    assert field_error(response.text, "name") == "A connection named 'JiraA_to_JiraB' already exists."


def test_previous_comes_before_the_primary_button_and_enter_still_goes_forward(browser):
    markup = describe(browser, choose_mode(browser)).text

    buttons = re.findall(r'<button[^>]*type="submit"[^>]*>', markup.split('name="step"')[1])
    assert 'value="next"' in buttons[0] and 'tabindex="-1"' in buttons[0]  # what Enter presses, out of the tab order
    visible = [button for button in buttons if 'tabindex="-1"' not in button]
    assert ['value="previous"' in visible[0], 'value="next"' in visible[1]] == [True, True]


def test_a_post_after_the_session_expired_returns_to_the_step_after_logging_in(client):
    client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    browser = Browser(client)
    info = choose_mode(browser)
    client.post("/logout", data={"atl_token": browser.token})

    expired = browser.submit(info, WIZARD, localShortName="JiraA", remoteShortName="JiraB")

    assert expired.status_code == 302
    login = client.get(expired.headers["Location"])
    assert "Your session has expired. Log in again to continue where you were." in login.text
    destination = form_values(login.text, "/login.jsp")["os_destination"]
    assert parse_qs(urlsplit(destination).query)["step"] == ["info"]
    back = client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin",
                                           "os_destination": destination})
    step = client.get(back.headers["Location"])
    values = form_values(step.text, page(WIZARD))
    assert (values["step"], values["localShortName"], values["noUrl"]) == ("info", "JiraA", "on")


def test_a_password_is_never_put_in_the_address_to_come_back_to(client):
    client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    browser = Browser(client)
    client.post("/logout", data={"atl_token": browser.token})

    expired = client.post(page(WIZARD), data={"step": "project", "destinationAdmin.password": "secret",
                                              "destinationAdmin.username": "admin"})

    assert "secret" not in expired.headers["Location"]
    assert "destinationAdmin.username" in parse_qs(urlsplit(expired.headers["Location"]).query)["os_destination"][0]


def test_a_link_to_the_mode_step_makes_no_call_to_another_node(browser, network):
    """The modes step asks the destination; a GET (any link, from any site) must not make this
    node call out, so it shows the destination step with the URL filled in instead."""
    response = browser.get(WIZARD + "?step=mode&destinationUrl=http://elsewhere.test:8080")

    assert response.status_code == 200
    assert step_of(response) == "destination"
    assert 'value="http://elsewhere.test:8080"' in response.text
    assert not network.mock.calls


def test_an_invitation_code_is_never_put_in_the_address_to_come_back_to(client):
    client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    browser = Browser(client)
    client.post("/logout", data={"atl_token": browser.token})

    expired = client.post(page("connections/accept"), data={"step": "project", "invitationCode": "code-with-a-secret",
                                                           "projectKey": "SUP"})

    destination = parse_qs(urlsplit(expired.headers["Location"]).query)["os_destination"][0]
    assert "code-with-a-secret" not in expired.headers["Location"]
    assert "projectKey=SUP" in destination and "step=" not in destination
