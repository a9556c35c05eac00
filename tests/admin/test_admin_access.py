"""Who may open the admin pages: the login page, redirects for visitors, the permission page for
users who are not Jira administrators, pages for a name locked after failed logins, and the
atl_token every form post must carry."""

from __future__ import annotations

import pytest
from factories import basic

from .pagetools import form_values, page, text

CONNECTIONS = page("connections")
WRONG_CREDENTIALS = "Sorry, your username and password are incorrect - please try again."
NO_PERMISSION = "You do not have permission to access this page."
TOO_MANY_ATTEMPTS = "Too many failed login attempts for this user. Try again in 10 minutes."


def log_in(client, username="admin", password="admin", **extra):
    return client.post("/login.jsp", data={"os_username": username, "os_password": password, **extra})


def test_login_page_has_jira_fields(client):
    response = client.get("/login.jsp?os_destination=/plugins/servlet/upm")

    assert response.status_code == 200
    assert '<label for="os_username">Username</label>' in response.text
    assert 'type="password" id="os_password" name="os_password"' in response.text
    assert form_values(response.text, "/login.jsp")["os_destination"] == "/plugins/servlet/upm"


def test_login_opens_connections(client):
    response = log_in(client)

    assert response.status_code == 302
    assert response.headers["Location"] == CONNECTIONS
    assert client.get(CONNECTIONS).status_code == 200


def test_login_returns_to_os_destination(client):
    response = log_in(client, os_destination="/plugins/servlet/exalate/license?x=1")

    assert response.status_code == 302
    assert response.headers["Location"] == "/plugins/servlet/exalate/license?x=1"


@pytest.mark.parametrize("destination", ["//evil.test/x", "https://evil.test/", "/\\evil.test", "evil", "/a\r\nb"])
def test_login_refuses_destination_off_this_site(client, destination):
    response = log_in(client, os_destination=destination)

    assert response.status_code == 302
    assert response.headers["Location"] == CONNECTIONS


def test_wrong_password_shows_the_form_again(client):
    response = log_in(client, password="wrong", os_destination="/plugins/servlet/upm")

    assert response.status_code == 401
    assert WRONG_CREDENTIALS in text(response.text)
    typed = form_values(response.text, "/login.jsp")
    assert typed["os_username"] == "admin"
    assert typed["os_password"] == ""
    assert typed["os_destination"] == "/plugins/servlet/upm"
    assert client.get(CONNECTIONS).status_code == 302


def test_unknown_user_gets_the_same_message(client):
    response = log_in(client, username="nobody", password="x")

    assert response.status_code == 401
    assert WRONG_CREDENTIALS in text(response.text)


@pytest.mark.parametrize(
    "path", ["connections?startAt=20", "general-settings", "connections/1", "/plugins/servlet/upm", "/"]
)
def test_visitor_is_sent_to_login_with_the_page_to_return_to(client, path):
    response = client.get(page(path))

    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/login.jsp?os_destination=")
    login_page = client.get(location)
    assert form_values(login_page.text, "/login.jsp")["os_destination"] == page(path)


def test_user_who_is_not_an_administrator_gets_the_permission_page(client):
    log_in(client, "user", "user")

    response = client.get(CONNECTIONS)

    assert response.status_code == 403
    assert NO_PERMISSION in response.text
    assert "aui-page-panel-nav" not in response.text  # no admin menu for them
    assert 'href="/logout"' in response.text


def test_user_who_is_not_an_administrator_cannot_post(client):
    log_in(client, "user", "user")

    response = client.post(page("license"), data={"type": "PAID"})

    assert response.status_code == 403
    assert NO_PERMISSION in response.text


def test_post_without_atl_token_fails_the_xsrf_check(admin_client):
    response = admin_client.post(page("license"), data={"type": "FREE"})

    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert "<h2>XSRF Security Token Missing</h2>" in response.text
    assert "Evaluation" in admin_client.get(page("license")).text


def test_post_with_a_wrong_atl_token_fails_the_xsrf_check(admin_client):
    response = admin_client.post(page("connections/initiate"), data={"atl_token": "guess", "noUrl": "on"})

    assert response.status_code == 403
    assert "<h2>XSRF Security Token Missing</h2>" in response.text


def test_logout_needs_the_form_and_ends_the_session(browser):
    confirm = browser.get("/logout")
    assert confirm.status_code == 200
    assert "Log out of Jira" in confirm.text

    response = browser.post("/logout")

    assert response.status_code == 303
    assert response.headers["Location"] == "/login.jsp"
    assert "You are now logged out." in browser.get("/login.jsp").text
    assert browser.get("connections").status_code == 302


def test_logout_without_atl_token_is_refused(admin_client):
    response = admin_client.post("/logout")

    assert response.status_code == 403
    assert "<h2>XSRF Security Token Missing</h2>" in response.text
    assert admin_client.get(CONNECTIONS).status_code == 200


def test_root_opens_connections(admin_client):
    response = admin_client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"] == CONNECTIONS


def test_pages_are_not_cached_nor_framed(admin_client):
    response = admin_client.get(CONNECTIONS)

    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_allow_only_their_own_scripts_and_styles(client):
    policy = client.get("/login.jsp").headers["Content-Security-Policy"]

    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";"))
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert "'unsafe-inline'" not in policy


def _lock_out(client, username="admin"):
    for _ in range(5):
        assert log_in(client, username, "wrong").status_code == 401


def test_a_locked_name_gets_the_login_page_with_the_message(client):
    _lock_out(client)
    response = log_in(client)

    assert response.status_code == 429
    assert TOO_MANY_ATTEMPTS in text(response.text)
    assert form_values(response.text, "/login.jsp")["os_username"] == "admin"


def test_a_browser_sending_a_locked_name_still_gets_the_login_page(client):
    _lock_out(client)
    response = client.get("/login.jsp", headers=basic("admin", "admin"))

    assert response.status_code == 429
    assert TOO_MANY_ATTEMPTS in text(response.text)
    assert "os_password" in form_values(response.text, "/login.jsp")


def test_a_browser_sending_a_locked_name_gets_a_429_page_in_the_jira_frame(client):
    _lock_out(client)
    response = client.get(CONNECTIONS, headers=basic("admin", "admin"))

    assert response.status_code == 429
    assert 'id="header"' in response.text
    assert "<h2>Too many login attempts</h2>" in response.text
    assert TOO_MANY_ATTEMPTS in text(response.text)
