"""What the wizards show while they work, and where the keyboard goes: a busy state while the
destination is checked or a form is sent, and the focus on each step's first field."""

from __future__ import annotations

from playwright.sync_api import expect

from .journey import (
    CONNECTIONS,
    PROJECT_LABEL,
    choose_mode,
    fill_short_names,
    log_in,
    start_initiating,
    to_connection_information,
)

CHECKING = "Checking the destination…"
# Runs after exalate.js's own submit handler, so its timer fires after the buttons were disabled.
RECORD_BUTTONS_ON_SUBMIT = """
document.querySelector("form.wizard").addEventListener("submit", () => {
  setTimeout(() => sessionStorage.setItem("buttons", JSON.stringify(Object.fromEntries(
    [...document.querySelectorAll(".buttons button, .buttons .busy-indicator")].map(
      element => element.tagName === "BUTTON" ? [element.textContent.trim(), element.disabled]
                                              : [element.textContent, null])))), 0);
});
"""


def held(page, pattern: str, method: str):
    """Requests matching ``pattern`` and ``method`` wait in the returned list until released."""
    waiting = []

    def hold(route, request):
        if request.method == method:
            waiting.append(route)
        else:
            route.continue_()

    page.route(pattern, hold)
    return waiting


def release(page, waiting) -> None:
    for route in waiting:
        route.continue_()
    page.unroute_all()


def test_next_is_disabled_with_a_spinner_while_the_destination_is_checked(new_page, instance):
    page = new_page()
    page.goto(instance.url + CONNECTIONS)
    log_in(page)
    waiting = held(page, "**/compatibility", "POST")

    start_initiating(page, "http://destination.invalid")

    expect(page.get_by_role("status").filter(has_text=CHECKING)).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    release(page, waiting)
    expect(page.get_by_role("button", name="Next")).to_be_enabled()
    expect(page.get_by_text(CHECKING)).to_be_hidden()


def test_a_url_typed_before_the_pages_script_ran_is_checked(new_page, instance):
    page = new_page()
    page.goto(instance.url + CONNECTIONS)
    log_in(page)
    scripts = held(page, "**/exalate.js", "GET")
    start_initiating(page, "http://destination.invalid")

    with page.expect_request("**/compatibility", timeout=5000) as check:
        release(page, scripts)

    assert check.value.post_data_json == {"destinationUrl": "http://destination.invalid"}
    expect(page.get_by_text(CHECKING)).to_be_hidden()


def test_a_sent_form_disables_its_buttons_and_a_double_click_sends_it_once(new_page, instance):
    page = new_page()
    to_connection_information(page, instance.url)
    # Note the buttons as they are once the form is on its way; the next page reads the note.
    page.evaluate(RECORD_BUTTONS_ON_SUBMIT)
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else None)

    page.get_by_role("button", name="Next").dblclick()

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert page.evaluate("JSON.parse(sessionStorage.getItem('buttons'))") == {
        "Next": True, "< Previous": True, "Please wait…": None}
    assert sent == [instance.url + CONNECTIONS + "/initiate"]


def test_a_double_click_on_initiate_shows_the_invitation_code(new_page, instance):
    page = new_page()
    to_connection_information(page, instance.url)
    fill_short_names(page, "Double", "Click")
    page.get_by_role("button", name="Next").click()
    page.get_by_label(PROJECT_LABEL).select_option("DEMO")

    page.get_by_role("button", name="Initiate").dblclick()

    expect(page.get_by_label("Invitation code")).not_to_have_value("")
    expect(page.get_by_text("already exists")).to_have_count(0)


def test_each_step_puts_the_focus_on_its_first_field_and_previous_comes_first_by_tab(new_page, instance):
    page = new_page()
    page.goto(instance.url + CONNECTIONS)
    log_in(page)
    page.get_by_role("link", name="Initiate connection").click()
    expect(page.get_by_label("Destination instance URL")).to_be_focused()
    page.get_by_label("I don't have a URL").check()

    choose_mode(page, "Script")

    expect(page.get_by_label("Local instance short name")).to_be_focused()
    page.get_by_label("Description").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="< Previous")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Next")).to_be_focused()
