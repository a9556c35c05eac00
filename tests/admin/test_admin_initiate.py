"""The Initiate connection wizard, driven as a browser without JavaScript drives it: each step is
a form post that carries the earlier answers in hidden fields."""

from __future__ import annotations

import pytest
from factories import OWN_URL

from plugin.errors import RemoteNodeTimeout

from .pagetools import field_error, form_values, invitation_code, page, text

WIZARD = "connections/initiate"
URL_HINT = ("The Destination Instance URL is the link to the instance you want to set up a connection with. "
            "You can directly enter the link of that instance or the Exalate URL from the General Settings tab "
            "in the Exalate admin panel.")
DEFAULT_RULES_NOTE = ("Exalate generates default sync rules to synchronize basic issue fields. You can adapt the sync "
                      "rules later. By default the following issue data will be synchronized: summary, description, "
                      "comments, labels and attachments.")


def step_of(response) -> str:
    return form_values(response.text, page(WIZARD))["step"]


def choose_mode(browser, mode="SCRIPT", **destination):
    """Through the first page: the destination (``noUrl="on"`` by default), then the mode."""
    destination = destination or {"noUrl": "on"}
    modes = browser.submit(browser.get(WIZARD), WIZARD, **destination)
    assert step_of(modes) == "mode", modes.text
    return browser.submit(modes, WIZARD, mode=mode)


def describe(browser, info, **answers):
    values = {"localShortName": "JiraA", "remoteShortName": "JiraB", **answers}
    return browser.submit(info, WIZARD, **values)


def test_first_page_asks_for_the_destination(browser):
    response = browser.get(WIZARD)

    assert response.status_code == 200
    markup = text(response.text)
    assert '<label for="destinationUrl">Destination instance URL</label>' in markup
    assert URL_HINT in markup
    assert '<label for="noUrl">I don\'t have a URL</label>' in markup
    assert "Before you set up a Connection in Script mode ensure that:" in markup
    assert "your instance is public." in markup
    assert "you are either in the Evaluation (trial) period or have a Paid license." in markup
    assert step_of(response) == "destination"
    assert '<div class="mode-choice" id="mode-choice" hidden>' in response.text
    assert "mode" not in form_values(response.text, page(WIZARD))  # every mode is disabled until checked


def test_first_page_tells_the_script_where_to_check_the_destination(browser):
    markup = browser.get(WIZARD).text

    assert 'data-compatibility-url="/rest/issuehub/4.0/compatibility"' in markup
    assert 'data-no-url-hint="If this instance cannot reach the destination, select I don&#39;t have a URL."' in markup


def test_the_modes_offered_in_place_are_posted_from_the_first_page(browser):
    first = browser.get(WIZARD)

    # What exalate.js submits once it has shown the modes: the same page, moved on to "mode".
    info = browser.submit(first, WIZARD, step="mode", noUrl="on", mode="SCRIPT")

    assert step_of(info) == "info", info.text
    assert form_values(info.text, page(WIZARD))["mode"] == "SCRIPT"


@pytest.mark.parametrize(("change", "reason"), [
    (lambda exalate: exalate.licenses.update(type="NONE"), "Exalate has no license"),
    (lambda exalate: exalate.settings.update(exalate_url="http://jira-a.test:2990", public=False),
     "This instance is not public"),
])
def test_a_first_page_that_cannot_proceed_says_why(browser, in_app, change, reason):
    in_app(change)

    markup = text(browser.get(WIZARD).text)

    assert "This instance cannot initiate a connection:" in markup
    assert reason in markup
    assert f'<a href="{page("general-settings")}">General Settings</a>' in markup


def test_a_first_page_that_can_proceed_shows_no_blocker(browser, in_app):
    in_app(lambda exalate: exalate.licenses.update(type="FREE"))  # Basic only, but Basic is something

    assert "cannot initiate" not in browser.get(WIZARD).text


def test_without_a_url_the_modes_are_offered_visual_excepted(browser):
    response = browser.submit(browser.get(WIZARD), WIZARD, noUrl="on")

    assert response.status_code == 200
    markup = text(response.text)
    assert "Choose the configuration type" in markup
    for mode, feature in (("BASIC", "Sync rules cannot be edited"), ("SCRIPT", "Groovy-based scripting"),
                          ("VISUAL", "Low-code, visual interface")):
        assert f'id="mode-{mode}" value="{mode}"' in markup
        assert feature in markup
    assert 'id="mode-VISUAL" value="VISUAL" disabled' in markup
    assert "Visual mode is not available for private connections (I don't have a URL)." in markup
    assert 'id="mode-SCRIPT" value="SCRIPT">' in markup


def test_private_connection_through_to_the_invitation_code(browser, in_app):
    info = choose_mode(browser)
    assert step_of(info) == "info"
    assert "Connection information" in info.text

    project = describe(browser, info, description="To the partner")
    assert step_of(project) == "project"
    assert DEFAULT_RULES_NOTE in text(project.text)
    carried = form_values(project.text, page(WIZARD))
    assert carried["name"] == "JiraA_to_JiraB"  # pre-filled from the short names
    assert (carried["noUrl"], carried["mode"], carried["connectionType"]) == ("on", "SCRIPT", "PRIVATE")

    initiated = browser.submit(project, WIZARD, projectKey="DEMO")

    assert initiated.status_code == 303
    done = browser.get(initiated.headers["Location"])
    code = invitation_code(done.text)
    connection = in_app(lambda exalate: exalate.connections.list().results[0])
    assert code == in_app(lambda exalate: exalate.connections.invitation(connection.id))
    assert (connection.name, connection.description, connection.project_key) == ("JiraA_to_JiraB", "To the partner",
                                                                                  "DEMO")
    assert "Copy invitation code" in done.text
    notes = text(done.text)
    assert "To finish setting up the connection, the partner needs to accept the connection invitation." in notes
    assert "Refresh the Connections page to see the Connection status change." in notes
    assert f'href="{page("connections")}">Done</a>' in done.text


def test_a_typed_connection_name_is_kept(browser):
    project = describe(browser, choose_mode(browser), name="My own name")

    assert form_values(project.text, page(WIZARD))["name"] == "My own name"


def test_an_invalid_url_is_explained_beside_the_field(browser):
    response = browser.submit(browser.get(WIZARD), WIZARD, destinationUrl="ftp://x")

    assert response.status_code == 400
    error = field_error(response.text, "destinationUrl")
    assert "The URL must start with http:// or https://." in error
    assert "I don't have a URL" in error
    assert step_of(response) == "destination"
    assert form_values(response.text, page(WIZARD))["destinationUrl"] == "ftp://x"


def test_an_empty_url_without_i_dont_have_a_url_is_explained(browser):
    response = browser.submit(browser.get(WIZARD), WIZARD)

    assert response.status_code == 400
    assert "Enter a URL, for example https://jira.example.com." in field_error(response.text, "destinationUrl")


def test_next_without_a_mode_asks_for_one(browser):
    modes = browser.submit(browser.get(WIZARD), WIZARD, noUrl="on")

    response = browser.submit(modes, WIZARD)

    assert response.status_code == 400
    assert field_error(response.text, "mode") == "Choose the configuration type."
    assert step_of(response) == "mode"


def test_a_mode_the_licence_excludes_is_refused_with_its_reason(browser, in_app):
    in_app(lambda exalate: exalate.licenses.update(type="FREE"))
    modes = browser.submit(browser.get(WIZARD), WIZARD, noUrl="on")
    assert 'id="mode-SCRIPT" value="SCRIPT" disabled' in modes.text

    response = browser.client.post(page(WIZARD), data={**form_values(modes.text, page(WIZARD)), "mode": "SCRIPT"})

    assert response.status_code == 400
    assert field_error(response.text, "mode").startswith("Only the Basic configuration mode is included")


def test_previous_keeps_the_answers(browser):
    info = choose_mode(browser, destinationUrl="ftp://typed", noUrl="on")

    back = browser.submit(info, WIZARD, button="previous", localShortName="Typed")

    assert step_of(back) == "mode"
    values = form_values(back.text, page(WIZARD))
    assert (values["destinationUrl"], values["noUrl"], values["mode"]) == ("ftp://typed", "on", "SCRIPT")
    assert values["localShortName"] == "Typed"


def test_field_errors_send_the_user_back_to_their_step_with_everything_kept(browser, in_app):
    project = describe(browser, choose_mode(browser), localShortName="bad name!", name="Kept name",
                       description="Kept description")

    response = browser.submit(project, WIZARD, projectKey="SUP")

    assert response.status_code == 400
    assert step_of(response) == "info"
    assert field_error(response.text, "localShortName") == "Use 1 to 64 letters, digits, underscores, hyphens or dots."
    values = form_values(response.text, page(WIZARD))
    assert (values["localShortName"], values["name"], values["description"]) == ("bad name!", "Kept name",
                                                                                  "Kept description")
    assert (values["projectKey"], values["mode"]) == ("SUP", "SCRIPT")
    assert in_app(lambda exalate: exalate.connections.list().total) == 0


def test_a_missing_project_is_shown_beside_the_project_field(browser):
    project = describe(browser, choose_mode(browser))

    response = browser.submit(project, WIZARD, projectKey="")

    assert response.status_code == 400
    assert step_of(response) == "project"
    assert field_error(response.text, "projectKey") == "Select a project."


def test_a_name_already_in_use_is_shown_beside_the_name(browser, make_connection):
    make_connection(name="JiraA_to_JiraB")
    project = describe(browser, choose_mode(browser))

    response = browser.submit(project, WIZARD, projectKey="DEMO")

    assert response.status_code == 400
    assert field_error(response.text, "name") == "A connection named 'JiraA_to_JiraB' already exists."


def test_local_connection_uses_two_projects_of_this_instance(browser, in_app):
    project = describe(browser, choose_mode(browser, destinationUrl=OWN_URL))
    assert form_values(project.text, page(WIZARD))["connectionType"] == "LOCAL"
    assert '<label for="projectKey">Source project' in project.text
    assert '<label for="destinationProjectKey">Destination project' in project.text

    initiated = browser.submit(project, WIZARD, projectKey="DEMO", destinationProjectKey="SUP")

    done = browser.get(initiated.headers["Location"])
    assert "The Local Connection has been successfully set up." in done.text
    assert "invitation-code" not in done.text
    connection = in_app(lambda exalate: exalate.connections.list().results[0])
    assert (connection.type.value, connection.status.value) == ("LOCAL", "ACTIVE")
    assert '<span class="aui-lozenge aui-lozenge-success">Active</span>' in browser.get("connections").text


def test_a_local_connection_needs_the_destination_project(browser):
    project = describe(browser, choose_mode(browser, destinationUrl=OWN_URL))

    response = browser.submit(project, WIZARD, projectKey="DEMO")

    assert response.status_code == 400
    assert field_error(response.text, "destinationProjectKey") == "Select a project."


def test_the_other_node_failing_is_shown_as_a_page_message(browser, app, monkeypatch):
    project = describe(browser, choose_mode(browser))

    def time_out(**_arguments):
        raise RemoteNodeTimeout(field_errors={"destinationUrl": "http://jira-b.test did not answer in time."})

    monkeypatch.setattr(app.extensions["exalate"].initiation, "initiate", time_out)
    response = browser.submit(project, WIZARD, projectKey="DEMO")

    assert response.status_code == 504
    assert '<div class="aui-message aui-message-error" role="alert"><p>http://jira-b.test did not answer in time.' \
        in response.text
    assert form_values(response.text, page(WIZARD))["projectKey"] == "DEMO"


@pytest.mark.parametrize("step", ["destination", "mode", "project", "bogus"])
def test_every_step_carries_the_atl_token(browser, step):
    response = browser.post(WIZARD, {"step": step, "action": "previous"})

    assert response.status_code == 200
    assert form_values(response.text, page(WIZARD))["atl_token"] == browser.token
