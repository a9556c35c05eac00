"""Sessions and logins: cookie flags and names, sessions that logging out ends on every node,
throttling after repeated failures, the secret key."""

from __future__ import annotations

from factories import ADMIN, REST, basic, instance_config
from rest.helpers import assert_error

from plugin import create_app

XSRF_HEADER = {"X-Atlassian-Token": "no-check"}
NOT_AUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."


def _login(client, password):
    return client.post("/rest/auth/1/session", json={"username": "admin", "password": password})


def test_session_cookie_is_httponly_and_samesite_lax(client):
    cookie = _login(client, "admin").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_the_base_url_is_https(tmp_path):
    app = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 's.db'}", BASE_URL="https://jira.test"))
    cookie = _login(app.test_client(), "admin").headers["Set-Cookie"]
    assert "Secure" in cookie


def test_repeated_failures_are_throttled_even_with_the_right_password(client):
    for _ in range(5):
        response = _login(client, "wrong")
        assert response.status_code == 401
        assert response.json["errorMessages"] == ["Sorry, your username and password are incorrect - please try again."]
    throttled = _login(client, "admin")
    assert throttled.status_code == 429
    assert "Too many failed login attempts" in throttled.json["errorMessages"][0]
    assert client.get(REST + "/connections", headers=ADMIN).status_code == 429


def test_a_throttled_user_name_is_told_why_in_jiras_header(client):
    """Refused for a while (429), with the reason Jira gives when it wants a CAPTCHA."""
    for _ in range(5):
        _login(client, "wrong")
    refused = client.get(REST + "/settings", headers=ADMIN)
    assert_error(refused, 429, message="Too many failed login attempts")
    assert refused.headers["X-Authentication-Denied-Reason"].startswith("CAPTCHA_CHALLENGE; login-url=")


def test_throttling_is_per_user(client):
    for _ in range(5):
        _login(client, "wrong")
    assert client.get("/rest/api/2/myself", headers=basic("user", "user")).status_code == 200


def test_a_success_clears_earlier_failures(client):
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, "admin").status_code == 200
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, "admin").status_code == 200


def test_the_secret_key_is_generated_per_instance_and_kept(tmp_path):
    first = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'a.db'}"))
    again = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'a.db'}"))
    other = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'b.db'}"))
    assert first.secret_key == again.secret_key
    assert first.secret_key != other.secret_key
    assert len(first.secret_key) >= 32


def _session_cookie(client):
    return client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])


def test_logging_out_ends_the_session_for_a_copy_of_its_cookie(client):
    _login(client, "admin")
    copied = _session_cookie(client).value
    assert client.delete("/rest/auth/1/session", headers=XSRF_HEADER).status_code == 204
    client.set_cookie(client.application.config["SESSION_COOKIE_NAME"], copied)
    response = client.get(REST + "/connections")
    assert response.status_code == 401
    assert response.json["errorMessages"] == [NOT_AUTHENTICATED]


def test_logging_out_on_one_node_ends_the_session_on_the_others(instance_database):
    url = instance_database()
    node_a, node_b = (create_app(instance_config(SQLALCHEMY_DATABASE_URI=url)) for _ in range(2))
    on_a = node_a.test_client()
    _login(on_a, "admin")
    on_b = node_b.test_client()
    on_b.set_cookie(node_b.config["SESSION_COOKIE_NAME"], _session_cookie(on_a).value)
    assert on_b.get(REST + "/connections").status_code == 200
    assert on_b.delete("/rest/auth/1/session", headers=XSRF_HEADER).status_code == 204
    assert on_a.get(REST + "/connections").status_code == 401


def test_instances_on_one_host_name_their_cookies_by_port(tmp_path):
    names = set()
    for port in (2990, 2991):
        app = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / f'{port}.db'}",
                                         BASE_URL=f"http://127.0.0.1:{port}"))
        names.add(_login(app.test_client(), "admin").headers["Set-Cookie"].split("=")[0])
    assert names == {"JSESSIONID_2990", "JSESSIONID_2991"}


def test_the_cookie_name_can_be_set(tmp_path):
    app = create_app(instance_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 's.db'}",
                                     SESSION_COOKIE_NAME="JSESSIONID_JIRA_A"))
    assert _login(app.test_client(), "admin").headers["Set-Cookie"].startswith("JSESSIONID_JIRA_A=")


def test_the_number_of_attempts_is_a_setting(make_app):
    client = make_app("jira-c", LOGIN_ATTEMPTS=2).test_client()
    assert [_login(client, "wrong").status_code for _ in range(3)] == [401, 401, 429]
