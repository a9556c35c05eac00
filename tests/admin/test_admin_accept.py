"""The Accept invitation wizard: paste the code, choose the project, confirm. The happy path
needs a second instance and is in test_admin_end_to_end.py."""

from __future__ import annotations

import time

import pytest
from live.instances import free_port

from plugin.errors import Conflict, ValidationFailed
from plugin.exalate import invitations

from .pagetools import field_error, form_values, page

WIZARD = "connections/accept"


def confirm(browser, code: str, project_key: str = "DEMO"):
    projects = browser.submit(browser.get(WIZARD), WIZARD, invitationCode=code)
    assert form_values(projects.text, page(WIZARD))["step"] == "project"
    return browser.submit(projects, WIZARD, projectKey=project_key)


def foreign_code(initiator_url: str) -> str:
    """A well-formed invitation from another instance, signed with a key only it would know."""
    invitation = invitations.Invitation(
        id="0" * 32, initiator_url=initiator_url, connection_uid="1" * 32, type="PUBLIC", mode="SCRIPT",
        name="B_to_A", local_short_name="B", remote_short_name="A", description="", secret="s" * 32,
        expires_at=int(time.time()) + 3600,
    )
    return invitations.sign(invitation, "the other instance's key")


def test_accept_page_asks_for_the_code(browser):
    response = browser.get(WIZARD)

    assert response.status_code == 200
    assert "<h2>Accept invitation</h2>" in response.text
    assert '<label for="invitationCode">Invitation code' in response.text
    assert ">Next</button>" in response.text


def test_next_asks_for_the_project_and_carries_the_code(browser):
    code = foreign_code("http://jira-b.test")

    projects = browser.submit(browser.get(WIZARD), WIZARD, invitationCode=code)

    assert "Select a project for the incoming sync" in projects.text
    values = form_values(projects.text, page(WIZARD))
    assert values["invitationCode"] == code
    assert ">Confirm</button>" in projects.text
    assert '<option value="SUP">Support (SUP)</option>' in projects.text


def next_from_the_code(browser, code: str):
    return browser.submit(browser.get(WIZARD), WIZARD, invitationCode=code)


def test_a_code_refused_on_confirm_is_explained_beside_the_field_with_the_project_kept(browser, app, monkeypatch):
    def refused(**_arguments):
        raise ValidationFailed.field("invitation_code", "The invitation code is not valid.")

    projects = next_from_the_code(browser, foreign_code("http://jira-b.test"))
    monkeypatch.setattr(app.extensions["exalate"].invitations, "accept", refused)
    response = browser.submit(projects, WIZARD, projectKey="DEMO")

    assert response.status_code == 400
    assert field_error(response.text, "invitationCode") == "The invitation code is not valid."
    values = form_values(response.text, page(WIZARD))
    assert (values["step"], values["projectKey"]) == ("code", "DEMO")


@pytest.mark.parametrize("mangle", [
    lambda code: "",
    lambda code: "not-an-invitation",
    lambda code: code[:-5],
    lambda code: code[:len(code) // 2],
    lambda code: code.replace(".", ".x", 1),
    lambda code: "A" + code[1:],
], ids=["empty", "garbled", "truncated", "half", "tampered-signature-length", "tampered-payload"])
def test_the_first_step_refuses_a_bad_code_before_the_project_is_asked(browser, in_app, mangle):
    code = mangle(foreign_code("http://jira-b.test"))

    response = next_from_the_code(browser, code)

    assert response.status_code == 400
    assert form_values(response.text, page(WIZARD))["step"] == "code"
    assert field_error(response.text, "invitationCode") in (
        "The invitation code is not valid.", "Paste the invitation code you received.")
    assert "Select a project for the incoming sync" not in response.text
    assert in_app(lambda exalate: exalate.connections.list().total) == 0


def test_a_code_from_this_instance_is_refused_on_the_first_step(browser, make_connection, in_app):
    code = in_app(lambda exalate: exalate.connections.invitation(make_connection()))

    response = next_from_the_code(browser, code)

    assert response.status_code == 400
    assert field_error(response.text, "invitationCode") == (
        "This invitation was issued by this instance: it must be accepted on the other instance.")


def test_a_missing_project_is_shown_beside_the_project_field(browser):
    response = confirm(browser, foreign_code("http://jira-b.test"), project_key="")

    assert response.status_code == 400
    assert form_values(response.text, page(WIZARD))["step"] == "project"
    assert field_error(response.text, "projectKey") == "Select a project."


def test_an_unreachable_initiator_is_a_page_message(browser, in_app):
    initiator = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    response = confirm(browser, foreign_code(initiator))

    assert response.status_code == 502
    assert f"{initiator} could not be reached" in response.text
    assert 'class="aui-message aui-message-error" role="alert"' in response.text
    assert in_app(lambda exalate: exalate.connections.list().total) == 0


def test_a_used_invitation_is_a_page_message(browser, app, monkeypatch):
    def already_accepted(**_arguments):
        raise Conflict("This invitation has already been accepted.", {"invitationCode": "already accepted"})

    monkeypatch.setattr(app.extensions["exalate"].invitations, "accept", already_accepted)
    response = confirm(browser, foreign_code("http://jira-b.test"))

    assert response.status_code == 409
    assert '<p>This invitation has already been accepted.</p>' in response.text
