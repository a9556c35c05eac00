"""GET /info (public node information) and POST /compatibility (the mode-compatibility check)."""

from __future__ import annotations

import socket

import pytest
import requests
import responses
from factories import ADMIN, REST

from .helpers import assert_error

MODES = ["BASIC", "VISUAL", "SCRIPT"]
URL_PROBLEM_CASES = [
    ("not a url", "UNSUPPORTED_SCHEME"),
    ("ftp://jira-b.test", "UNSUPPORTED_SCHEME"),
    ("file:///etc/passwd", "UNSUPPORTED_SCHEME"),
    ("http://admin:secret@jira-b.test", "CREDENTIALS_IN_URL"),
    ("http://169.254.169.254", "FORBIDDEN_ADDRESS"),
    ("http://[fe80::1]:8080", "FORBIDDEN_ADDRESS"),
    ("http://metadata.google.internal", "FORBIDDEN_ADDRESS"),
    ("http://jira-b.test:99999", "INVALID_URL"),
    ("http://[::1", "INVALID_URL"),
    ("http://", "INVALID_URL"),
    ("", "INVALID_URL"),
]


def check(client, destination_url):
    return client.post(REST + "/compatibility", json={"destinationUrl": destination_url}, headers=ADMIN)


def options(body: dict) -> dict[str, dict]:
    assert [option["mode"] for option in body["modes"]] == MODES
    return {option["mode"]: option for option in body["modes"]}


def refused_port() -> int:
    """A loopback port nobody listens on: bound, then released without listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------------------ /info


def test_info_is_public_and_describes_the_node(client):
    response = client.get(REST + "/info")
    assert response.status_code == 200
    assert response.get_json() == {
        "platform": "jira-server",
        "platformVersion": "9.12.0",
        "exalateVersion": "5.12.0",
        "baseUrl": "http://jira-a.test:2990",
        "exalateUrl": "http://jira-a.test:2990",
        "public": True,
    }


def test_info_follows_general_settings(client):
    client.put(REST + "/settings", json={"exalateUrl": "https://exalate.example.com", "public": False}, headers=ADMIN)
    body = client.get(REST + "/info").get_json()
    assert body["exalateUrl"] == "https://exalate.example.com"
    assert body["public"] is False


def test_info_refuses_other_methods_with_json_405(client):
    assert_error(client.delete(REST + "/info", headers=ADMIN), 405)


# --------------------------------------------------------------------- /compatibility


def test_no_url_is_a_private_connection_without_visual(client):
    response = check(client, None)
    assert response.status_code == 200
    body = response.get_json()
    assert body["connectionType"] == "PRIVATE"
    assert body["destination"] is None
    assert body["problem"] is None
    modes = options(body)
    assert modes["BASIC"] == {"mode": "BASIC", "available": True, "reason": None}
    assert modes["SCRIPT"] == {"mode": "SCRIPT", "available": True, "reason": None}
    assert modes["VISUAL"]["available"] is False
    assert "private" in modes["VISUAL"]["reason"].lower()


def test_own_base_url_is_a_local_connection(client):
    body = check(client, "http://jira-a.test:2990/").get_json()
    assert body["connectionType"] == "LOCAL"
    assert body["reachable"] is True
    assert body["destination"]["baseUrl"] == "http://jira-a.test:2990"
    assert all(option["available"] for option in options(body).values())


@pytest.mark.parametrize(("url", "code"), URL_PROBLEM_CASES)
def test_refused_urls_report_a_problem_and_no_mode(client, url, code):
    response = check(client, url)
    assert response.status_code == 200
    body = response.get_json()
    assert body["problem"]["code"] == code
    assert body["problem"]["message"]
    assert body["reachable"] is False
    assert body["destination"] is None
    assert not any(option["available"] for option in options(body).values())
    assert all(option["reason"] for option in body["modes"])


def test_refused_port_is_connection_refused(client):
    body = check(client, f"http://127.0.0.1:{refused_port()}").get_json()
    assert body["problem"]["code"] == "CONNECTION_REFUSED"
    assert body["connectionType"] == "PUBLIC"
    assert not any(option["available"] for option in body["modes"])


@pytest.mark.parametrize("value", [42, ["http://jira-b.test"], {"url": "http://jira-b.test"}, True])
def test_destination_url_must_be_text_or_null(client, value):
    assert_error(check(client, value), 400, "destinationUrl")


def test_compatibility_body_must_be_an_object(client):
    response = client.post(REST + "/compatibility", data="[null]", content_type="application/json", headers=ADMIN)
    assert_error(response, 400)


def test_reachable_exalate_node_is_public_with_its_description(client, client_b):
    body = check(client, "http://jira-b.test:2990").get_json()
    assert body["connectionType"] == "PUBLIC"
    assert body["reachable"] is True
    assert body["problem"] is None
    assert body["destination"]["baseUrl"] == "http://jira-b.test:2990"
    assert body["destination"]["platform"] == "jira-server"
    assert all(option["available"] for option in options(body).values())


def test_old_exalate_on_jira_server_rules_out_basic(client, make_app, network):
    network.add(make_app("jira-old", EXALATE_VERSION="5.1.9"))
    modes = options(check(client, "http://jira-old.test:2990").get_json())
    assert modes["BASIC"]["available"] is False
    assert "5.2.0" in modes["BASIC"]["reason"]
    assert modes["VISUAL"]["available"] and modes["SCRIPT"]["available"]


def test_servicenow_destination_offers_no_visual(client, make_app, network):
    network.add(make_app("snow", EXALATE_PLATFORM="servicenow", EXALATE_VERSION="5.0.0"))
    modes = options(check(client, "http://snow.test:2990").get_json())
    assert [modes[mode]["available"] for mode in MODES] == [True, False, True]
    assert "ServiceNow" in modes["VISUAL"]["reason"]


def _destination_answers(network, **reply):
    network.mock.add(responses.GET, "http://dest.test/rest/issuehub/4.0/info", **reply)


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ({"status": 404, "json": {"message": "not found"}}, "NOT_EXALATE"),
        ({"status": 500, "body": "<html>boom</html>"}, "HTTP_ERROR"),
        ({"status": 200, "body": "<html>Jira</html>", "content_type": "text/html"}, "NOT_EXALATE"),
        ({"status": 200, "json": ["platform"]}, "NOT_EXALATE"),
        ({"status": 200, "json": {"platform": "jira-server"}}, "MALFORMED_ANSWER"),
        ({"status": 200, "json": {"platform": 1, "platformVersion": "9", "exalateVersion": "5",
                                  "baseUrl": "x"}}, "MALFORMED_ANSWER"),
        ({"status": 200, "body": "{" + " " * 1_000_001 + "}", "content_type": "application/json"},
         "RESPONSE_TOO_LARGE"),
        ({"status": 302, "headers": {"Location": "http://169.254.169.254/"}}, "REDIRECT"),
        ({"body": requests.exceptions.ConnectTimeout("slow")}, "TIMEOUT"),
        ({"body": requests.exceptions.ReadTimeout("slow")}, "TIMEOUT"),
        ({"body": requests.exceptions.SSLError("bad certificate")}, "TLS_ERROR"),
        ({"body": requests.ConnectionError("refused")}, "CONNECTION_REFUSED"),
    ],
)
def test_every_destination_failure_is_a_problem_not_an_error(client, network, reply, code):
    _destination_answers(network, **reply)
    response = check(client, "http://dest.test")
    assert response.status_code == 200
    body = response.get_json()
    assert body["problem"]["code"] == code
    assert body["reachable"] is False
    assert not any(option["available"] for option in options(body).values())


def test_compatibility_needs_an_administrator(client):
    assert_error(client.post(REST + "/compatibility", json={"destinationUrl": None}), 401)


def test_a_destination_url_longer_than_a_stored_url_is_invalid_even_if_it_answers(client, client_b, network):
    """The compatibility cache keys on the URL: what no database column holds is refused on every database."""
    long_url = "http://jira-b.test:2990/" + "j" * 300
    network.mock.add(responses.GET, long_url + REST + "/info", json=client_b.get(REST + "/info").get_json())
    body = check(client, long_url).get_json()
    assert body["problem"] == {"code": "INVALID_URL", "message": "The URL must be at most 255 characters."}
    assert not any(option["available"] for option in body["modes"])
