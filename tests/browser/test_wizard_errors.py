"""What the Initiate wizard says when it cannot go on: a field in error, a destination that
does not answer. Nothing is created, so one instance serves every test."""

from __future__ import annotations

import re

from live.instances import free_port
from playwright.sync_api import expect

from .journey import CONNECTIONS, fill_short_names, log_in, mode_radio, start_initiating, to_connection_information

SHORT_NAME_RULE = "Use 1 to 64 letters, digits, underscores, hyphens or dots."


def test_a_validation_error_is_shown_beside_its_field_on_its_step_with_the_typed_values_kept(new_page, instance):
    page = new_page()
    to_connection_information(page, instance.url)
    fill_short_names(page, "bad name!", "JiraB")
    page.get_by_label("Description").fill("Kept description")
    page.get_by_role("button", name="Next").click()  # the step checks its own fields

    local = page.get_by_label("Local instance short name")
    expect(local).to_have_accessible_description(re.compile(re.escape(SHORT_NAME_RULE)))
    expect(page.get_by_text(SHORT_NAME_RULE)).to_be_visible()
    expect(local).to_have_value("bad name!")
    expect(page.get_by_label("Remote instance short name")).to_have_value("JiraB")
    expect(page.get_by_label("Description")).to_have_value("Kept description")


def test_an_unreachable_destination_is_explained_and_i_dont_have_a_url_offered(new_page, instance):
    page = new_page()
    page.goto(instance.url + CONNECTIONS)
    log_in(page)
    closed = f"127.0.0.1:{free_port()}"

    start_initiating(page, f"http://{closed}")

    url = page.get_by_label("Destination instance URL")
    expect(url).to_have_accessible_description(re.compile(
        re.escape(f"Could not connect to {closed}. If this instance cannot reach the destination, "
                  "select I don't have a URL.")))
    expect(mode_radio(page, "Script")).to_be_hidden()
    page.get_by_label("I don't have a URL").check()
    expect(mode_radio(page, "Script")).to_be_enabled()
    expect(mode_radio(page, "Visual")).to_be_disabled()
    expect(mode_radio(page, "Visual")).to_have_accessible_description(
        "Visual mode is not available for private connections (I don't have a URL).")
    expect(url).not_to_have_accessible_description(re.compile("Could not connect"))
