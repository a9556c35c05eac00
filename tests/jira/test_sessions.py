"""Sessions and logins: cookie flags, throttling after repeated failures, the secret key."""

from __future__ import annotations

from factories import ADMIN, REST, basic, instance_config
from rest.helpers import assert_error

from plugin import create_app


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
