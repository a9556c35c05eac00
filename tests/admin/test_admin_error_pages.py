"""Pages that end in an error: a stale form token, a path that does not exist. Each is a Jira
page with the shell, the security headers and a way back."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST

from .pagetools import form_values, page


def test_a_stale_token_explains_and_offers_to_send_the_typed_form_again(browser):
    response = browser.client.post(page("connections/initiate"), data={
        "atl_token": "stale", "step": "info", "localShortName": "JiraA", "description": "typed",
        "destinationAdmin.password": "secret", "action": "next"})

    assert response.status_code == 403
    assert "<h2>XSRF Security Token Missing</h2>" in response.text
    assert 'aria-label="Apps"' in response.text  # the admin shell
    assert "Content-Security-Policy" in response.headers
    assert "secret" not in response.text
    retry = form_values(response.text, page("connections/initiate"))
    assert retry["atl_token"] == browser.token
    assert (retry["localShortName"], retry["description"], retry["step"]) == ("JiraA", "typed", "info")


def test_retry_operation_sends_the_form_again(browser):
    stale = browser.client.post(page("connections/initiate"), data={"atl_token": "stale", "noUrl": "on"})

    retried = browser.submit(stale, "connections/initiate", button=None)

    assert retried.status_code == 200
    assert form_values(retried.text, page("connections/initiate"))["step"] == "mode"


@pytest.mark.parametrize("path", ["/secure/Dashboard.jspa", page("nothing/here"), page("connections/1/nothing")])
def test_a_missing_page_is_a_jira_page_with_a_way_back(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 404
    assert "<h2>Page not found</h2>" in response.text
    assert "Oops, you&#39;ve found a dead link." in response.text
    assert 'href="/plugins/servlet/exalate/connections">Go to the Connections page</a>' in response.text
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_missing_page_for_a_visitor_offers_to_log_in(client):
    response = client.get("/secure/Dashboard.jspa")

    assert response.status_code == 404
    assert 'href="/login.jsp">Log in</a>' in response.text


def test_a_wrong_method_is_a_jira_page(admin_client):
    response = admin_client.get(page("connections/1/rules"))

    assert response.status_code == 405
    assert "<h2>Method not allowed</h2>" in response.text


def test_rest_keeps_answering_json(client):
    response = client.get(REST + "/nothing", headers=ADMIN)

    assert response.status_code == 404
    assert response.is_json and response.get_json()["errorMessages"]
