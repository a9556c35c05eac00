"""A Visual connection's configuration page: both sides configured from the initiator's page
(Scope, Rules, Mappings, Sync method, Scripts), published at once; read-only on the destination."""

from __future__ import annotations

import re

import pytest
from factories import ADMIN, REST, URL_B, initiate_body

from .pagetools import Browser, atl_token, field_error, form_values, page, text

DESTINATION_ADMIN = {"username": "admin", "password": "admin"}


@pytest.fixture
def visual(client, app_b):
    """A Visual connection from A (DEMO) to B (SUP), both ends made by A: A's connection id."""
    body = initiate_body(destinationUrl=URL_B, mode="VISUAL", localShortName="JiraA", remoteShortName="JiraB",
                         name="JiraA_to_JiraB", destinationProjectKey="SUP", destinationAdmin=DESTINATION_ADMIN)
    response = client.post(REST + "/connections", json=body, headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["connection"]["id"]


@pytest.fixture
def end_b(client_b, visual) -> int:
    return client_b.get(REST + "/connections", headers=ADMIN).get_json()["results"][0]["id"]


def visual_page(connection_id: int) -> str:
    return f"connections/{connection_id}/visual"


def answers(browser, markup: str, connection_id: int, **changes) -> dict:
    """What the page's form submits, with ``changes`` (a list for a multi-select)."""
    return {**form_values(markup, page(visual_page(connection_id))), **changes}


def post(browser, connection_id: int, values: dict, action: str = "publish"):
    return browser.client.post(page(visual_page(connection_id)), data={**values, "action": action})


def test_the_connection_page_links_to_the_visual_configuration(browser, visual):
    markup = browser.get(f"connections/{visual}").text

    assert f'id="open-visual" href="{page(visual_page(visual))}"' in markup
    assert 'name="outgoing"' not in markup and 'name="incoming"' not in markup


def test_the_page_starts_with_the_default_configuration(browser, visual):
    response = browser.get(visual_page(visual))

    assert response.status_code == 200
    values = form_values(response.text, page(visual_page(visual)))
    assert (values["scope.local.projectKey"], values["scope.remote.projectKey"]) == ("DEMO", "SUP")
    local = response.text[:response.text.index('id="scope-remote"')]
    assert '<option value="In Progress">In Progress</option>' in local  # this side's catalog is still there
    assert (values["syncMethod.localToRemote"], values["syncMethod.remoteToLocal"]) == ("MANUAL", "MANUAL")
    assert [values[f"rules[{i}].direction"] for i in range(9)] == ["BOTH"] * 8 + ["NONE"]
    for tab in ("Scope", "Rules", "Mappings", "Scripts"):
        assert f'href="#panel-{tab.lower()}" data-panel="panel-{tab.lower()}">{tab}</a>' in response.text
    assert "Not published yet" in text(response.text)


def test_the_pickers_offer_each_side_its_own_catalog(browser, visual, client_b):
    client_b.post("/rest/api/2/project", json={"key": "OPS", "name": "Operations"}, headers=ADMIN)

    markup = browser.get(visual_page(visual)).text

    remote = markup[markup.index('id="scope-remote"'):]
    assert '<option value="OPS">Operations (OPS)</option>' in remote
    assert '<option value="OPS"' not in markup[:markup.index('id="scope-remote"')]
    assert '<option value="In Progress">In Progress</option>' in remote


def test_publishing_saves_both_sides_and_shows_the_compiled_rules(browser, visual, app, in_app):
    start = browser.get(visual_page(visual)).text
    values = answers(browser, start, visual, **{
        "scope.local.issueTypes": ["Bug", "Task"], "scope.local.labels": "sync urgent",
        "syncMethod.localToRemote": "AUTOMATIC", "rules[8].direction": "LOCAL_TO_REMOTE"})
    added = post(browser, visual, values, "add-mapping")
    values = answers(browser, added.get_data(as_text=True), visual, **{
        "scope.local.issueTypes": ["Bug", "Task"],
        "mappings[0].values[0].local": "To Do", "mappings[0].values[0].remote": "In Progress"})

    published = post(browser, visual, values)

    assert published.status_code == 303, published.get_data(as_text=True)
    shown = browser.get(visual_page(visual)).text
    assert "The Visual configuration has been published to both sides." in shown
    config = in_app(lambda exalate: exalate.visual.get(visual))
    assert (config.local_scope.issue_types, config.local_scope.labels) == (["Bug", "Task"], ["sync", "urgent"])
    assert (config.local_to_remote, config.direction("assignee").value) == ("AUTOMATIC", "LOCAL_TO_REMOTE")
    assert [(p.local, p.remote) for p in config.mapping("status").values] == [("To Do", "In Progress")]
    incoming_b = text(shown[shown.index('id="compiled-remote-incoming"'):])
    assert '"To Do": "In Progress"' in incoming_b


def test_adding_and_removing_rows_keeps_what_was_typed_and_publishes_nothing(browser, visual, in_app):
    start = browser.get(visual_page(visual)).text
    added = post(browser, visual, answers(browser, start, visual, **{"scope.local.labels": "typed"}), "add-mapping")
    values = answers(browser, added.get_data(as_text=True), visual, **{"mappings[0].values[0].local": "To Do"})
    two = post(browser, visual, values, "add-value:0")
    values = answers(browser, two.get_data(as_text=True), visual, **{"mappings[0].values[1].local": "Done"})

    removed = post(browser, visual, values, "remove-value:0:0")

    assert removed.status_code == 200
    kept = form_values(removed.get_data(as_text=True), page(visual_page(visual)))
    assert (kept["scope.local.labels"], kept["mappings[0].field"]) == ("typed", "status")
    assert kept["mappings[0].values[0].local"] == "Done"
    assert "mappings[0].values[1].local" not in kept
    assert in_app(lambda exalate: exalate.visual.get(visual).published_at) is None


def test_a_bad_value_is_told_beside_its_field(browser, visual, in_app):
    start = browser.get(visual_page(visual)).text
    added = post(browser, visual, answers(browser, start, visual), "add-mapping")
    values = answers(browser, added.get_data(as_text=True), visual, **{
        "mappings[0].values[0].local": "To Do", "mappings[0].values[0].remote": "Nowhere"})

    refused = post(browser, visual, values)

    assert refused.status_code == 400
    markup = refused.get_data(as_text=True)
    assert "Nowhere" in field_error(markup, "mappings[0].values[0].remote")
    assert form_values(markup, page(visual_page(visual)))["mappings[0].values[0].remote"] == "Nowhere"
    assert in_app(lambda exalate: exalate.visual.get(visual).published_at) is None


def test_the_destination_shows_the_configuration_read_only(app_b, client_b, end_b):
    client_b.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})

    markup = Browser(client_b).get(visual_page(end_b)).text

    assert "This connection is configured from http://jira-a.test:2990" in text(markup)
    assert '<fieldset class="visual-fields" disabled>' in markup
    assert 'value="publish"' not in markup


def test_publishing_on_the_destination_is_refused(app_b, client_b, end_b):
    client_b.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    browser = Browser(client_b)
    markup = browser.get(visual_page(end_b)).text

    refused = post(browser, end_b, {"atl_token": atl_token(markup), "syncMethod.localToRemote": "MANUAL"})

    assert refused.status_code == 409
    assert "is configured from http://jira-a.test:2990" in text(refused.get_data(as_text=True))


def test_publishing_needs_the_form_token(browser, visual, in_app):
    refused = browser.client.post(page(visual_page(visual)), data={"action": "publish"})

    assert refused.status_code == 403
    assert "XSRF Security Token Missing" in refused.get_data(as_text=True)
    assert in_app(lambda exalate: exalate.visual.get(visual).published_at) is None


def test_a_connection_that_is_not_visual_has_no_visual_page(browser, make_connection):
    response = browser.get(visual_page(make_connection()))

    assert response.status_code == 409
    assert "is not a Visual connection" in text(response.text)


def test_a_script_that_does_not_parse_is_told_beside_it(browser, visual):
    start = browser.get(visual_page(visual)).text

    refused = post(browser, visual, answers(browser, start, visual, **{"scripts.remoteToLocal": "issue.summary = = 1"}))

    assert refused.status_code == 400
    assert "line 1" in field_error(refused.get_data(as_text=True), "scripts.remoteToLocal")


def unplug(network, url: str) -> None:
    """Nothing answers at ``url`` any more."""
    for answer in [r for r in network.mock.registered() if re.escape(url) in getattr(r.url, "pattern", "")]:
        network.mock.remove(answer)


def test_the_page_shows_without_the_destination_keeping_the_projects_chosen(browser, visual, network):
    unplug(network, URL_B)

    response = browser.get(visual_page(visual))

    assert response.status_code == 200
    assert "The destination's projects, issue types, priorities and statuses could not be read" in text(response.text)
    values = form_values(response.text, page(visual_page(visual)))
    assert (values["scope.local.projectKey"], values["scope.remote.projectKey"]) == ("DEMO", "SUP")
    local = response.text[:response.text.index('id="scope-remote"')]
    assert '<option value="In Progress">In Progress</option>' in local  # this side's catalog is still there


def test_publishing_without_the_destination_says_so_and_keeps_what_was_typed(browser, visual, network, in_app):
    start = browser.get(visual_page(visual)).text
    unplug(network, URL_B)

    failed = post(browser, visual, answers(browser, start, visual, **{"scope.local.labels": "kept"}))

    assert failed.status_code in (502, 504)
    markup = failed.get_data(as_text=True)
    assert "could not be reached" in text(markup)
    assert form_values(markup, page(visual_page(visual)))["scope.local.labels"] == "kept"
    assert in_app(lambda exalate: exalate.visual.get(visual).published_at) is None


def test_the_form_shown_again_keeps_the_published_rules_beside_it(browser, visual):
    start = browser.get(visual_page(visual)).text
    post(browser, visual, answers(browser, start, visual, **{"scope.local.labels": "published"}))
    shown = browser.get(visual_page(visual)).text

    edited = post(browser, visual, answers(browser, shown, visual, **{"scope.local.labels": "draft"}), "add-mapping")

    markup = edited.get_data(as_text=True)
    assert form_values(markup, page(visual_page(visual)))["scope.local.labels"] == "draft"
    assert '<pre class="code-block" id="compiled-local-outgoing">' in markup
    assert "Last published" in markup


def test_editing_rows_of_a_connection_that_is_not_visual_is_refused(browser, make_connection):
    connection_id = make_connection()
    token = atl_token(browser.get(f"connections/{connection_id}").text)

    refused = post(browser, connection_id, {"atl_token": token}, "add-mapping")

    assert refused.status_code == 409
    assert "is not a Visual connection" in text(refused.get_data(as_text=True))
