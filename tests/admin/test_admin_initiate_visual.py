"""The Initiate connection wizard's last step for a Visual connection: the destination
administrator's credentials, and the destination's project picked from the list they fetch."""

from __future__ import annotations

import re

import pytest
from factories import ADMIN, URL_B

from .pagetools import field_error, form_values, page, text
from .test_admin_initiate import WIZARD, choose_mode, describe

CREDENTIALS = {"destinationAdmin.username": "admin", "destinationAdmin.password": "admin"}


@pytest.fixture
def visual_step(browser, app_b):
    """The wizard at its last step for a Visual connection to ``app_b``."""
    project = describe(browser, choose_mode(browser, "VISUAL", destinationUrl=URL_B))
    assert '<legend>Verify admin access</legend>' in project.text
    return project


def options(markup: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]* name="{name}".*?</select>', markup, re.S).group(0)
    return re.findall(r'<option value="([^"]+)"', select)


def test_the_destination_project_is_a_list_fetched_with_the_credentials(browser, visual_step, client_b):
    client_b.post("/rest/api/2/project", json={"key": "OPS", "name": "Operations"}, headers=ADMIN)

    listed = browser.submit(visual_step, WIZARD, button="projects", projectKey="DEMO", **CREDENTIALS)

    assert listed.status_code == 200
    assert "OPS" in options(listed.text, "destinationProjectKey")
    assert "SUP" in options(listed.text, "destinationProjectKey")
    assert "Operations (OPS)" in listed.text
    values = form_values(listed.text, page(WIZARD))
    assert (values["projectKey"], values["destinationAdmin.username"], values["destinationAdmin.password"]) == (
        "DEMO", "admin", "")


def test_no_destination_project_is_offered_before_the_credentials(visual_step):
    assert options(visual_step.text, "destinationProjectKey") == []
    assert "List the destination projects first" in visual_step.text


def test_wrong_credentials_are_told_beside_them(browser, visual_step):
    refused = browser.submit(visual_step, WIZARD, button="projects", projectKey="DEMO",
                             **{**CREDENTIALS, "destinationAdmin.password": "wrong"})

    assert refused.status_code == 400
    assert field_error(refused.text, "destinationAdmin") == "The destination rejected these administrator credentials."
    assert options(refused.text, "destinationProjectKey") == []


def test_an_unreachable_destination_is_told_beside_the_project_list(browser, visual_step, network, app_b):
    for answer in [r for r in network.mock.registered() if re.escape(URL_B) in getattr(r.url, "pattern", "")]:
        network.mock.remove(answer)  # B has gone since the wizard checked it: nothing answers there now

    failed = browser.submit(visual_step, WIZARD, button="projects", projectKey="DEMO", **CREDENTIALS)

    assert failed.status_code == 400
    message = field_error(failed.text, "destinationProjectKey")
    assert message.startswith("The destination's projects could not be listed. The instance http://jira-b.test:2990 "
                              "could not be reached")


def test_initiating_without_a_destination_project_offers_the_list(browser, visual_step):
    unchosen = browser.submit(visual_step, WIZARD, projectKey="DEMO", **CREDENTIALS)

    assert unchosen.status_code == 400
    assert field_error(unchosen.text, "destinationProjectKey") == ("Select the project on the destination for its "
                                                                   "incoming sync.")
    assert "SUP" in options(unchosen.text, "destinationProjectKey")


def test_visual_asks_for_admin_access_and_sets_up_both_ends(browser, visual_step, app_b):
    refused = browser.submit(visual_step, WIZARD, projectKey="DEMO",
                             **{**CREDENTIALS, "destinationAdmin.password": "wrong"})
    assert field_error(refused.text, "destinationAdmin") == "The destination rejected these administrator credentials."
    back = browser.submit(refused, WIZARD, button="previous", **{"destinationAdmin.password": "typed"})
    assert "typed" not in back.text  # a password is never carried between steps
    listed = browser.submit(refused, WIZARD, button="projects", **CREDENTIALS)

    done = browser.submit(listed, WIZARD, destinationProjectKey="SUP", **CREDENTIALS)

    assert done.status_code == 303
    assert "The connection has been set up on both instances" in text(browser.get(done.headers["Location"]).text)
    with app_b.app_context():
        [end_b] = app_b.extensions["exalate"].connections.list().results
        assert (end_b.status.value, end_b.project_key) == ("ACTIVE", "SUP")
