"""The General Settings and License details pages."""

from __future__ import annotations

from .pagetools import field_error, form_values, page, text

SETTINGS = "general-settings"
LICENSE = "license"


def test_general_settings_show_the_exalate_url_and_public(browser):
    response = browser.get(SETTINGS)

    assert response.status_code == 200
    values = form_values(response.text, page(SETTINGS))
    assert (values["exalateUrl"], values["public"]) == ("http://jira-a.test:2990", "on")
    assert '<label for="exalateUrl">Exalate URL' in response.text
    assert "Jira Server 9.12.0" in response.text


def test_save_general_settings(browser, in_app):
    form = browser.get(SETTINGS)

    response = browser.submit(form, SETTINGS, exalateUrl="https://jira.example.com/", public=None)

    assert response.status_code == 303
    settings = in_app(lambda exalate: (exalate.settings.get().exalate_url, exalate.settings.get().public))
    assert settings == ("https://jira.example.com", False)
    shown = browser.get(SETTINGS)
    assert "General settings have been saved." in shown.text
    assert "public" not in form_values(shown.text, page(SETTINGS))


def test_general_settings_show_the_sync_workers_on_by_default(browser):
    assert form_values(browser.get(SETTINGS).text, page(SETTINGS))["syncWorkers"] == "on"


def test_unticking_sync_workers_switches_them_off(browser, in_app):
    response = browser.submit(browser.get(SETTINGS), SETTINGS, syncWorkers=None)

    assert response.status_code == 303
    assert in_app(lambda exalate: exalate.settings.get().sync_workers) is False
    assert "syncWorkers" not in form_values(browser.get(SETTINGS).text, page(SETTINGS))


def test_a_bad_exalate_url_is_shown_beside_the_field(browser, in_app):
    response = browser.submit(browser.get(SETTINGS), SETTINGS, exalateUrl="ftp://jira", public=None)

    assert response.status_code == 400
    assert field_error(response.text, "exalateUrl") == "The URL must start with http:// or https://."
    values = form_values(response.text, page(SETTINGS))
    assert values["exalateUrl"] == "ftp://jira"
    assert "public" not in values  # the unticked box stays unticked
    assert in_app(lambda exalate: exalate.settings.get().exalate_url) == "http://jira-a.test:2990"


def test_license_details(browser):
    response = browser.get(LICENSE)

    assert response.status_code == 200
    markup = text(response.text)
    assert "<h2>License details</h2>" in markup
    assert "<dt>License type</dt><dd>Evaluation</dd>" in markup
    assert "<dt>Days left</dt><dd>29</dd>" in markup or "<dt>Days left</dt><dd>30</dd>" in markup
    assert '<th scope="row">Script</th> <td>Evaluation, Paid</td>' in markup
    assert '<th scope="row">Basic</th> <td>Evaluation, Paid, Free</td>' in markup


def test_change_to_free_leaves_only_basic(browser, in_app):
    response = browser.submit(browser.get(LICENSE), LICENSE, type="FREE")

    assert response.status_code == 303
    assert in_app(lambda exalate: exalate.licenses.get().state) == "FREE"
    markup = text(browser.get(LICENSE).text)
    assert "The license has been updated." in markup
    assert "<dt>License type</dt><dd>Free</dd>" in markup
    assert markup.count("Not available") == 2
    assert "Only the Basic configuration mode is included in the Free Plan" in markup


def test_an_unknown_license_type_is_shown_beside_the_field(browser):
    response = browser.post(LICENSE, {"type": "GOLD"})

    assert response.status_code == 400
    assert field_error(response.text, "type") == "The license type must be one of EVALUATION, PAID, FREE, NONE."
