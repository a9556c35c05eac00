"""Every way a destination can fail the compatibility check: each is a named problem, with no
mode available, never a 5xx and never longer than the configured timeout."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from factories import ADMIN, REST, initiate_body
from live.instances import free_port

INFO = "/rest/issuehub/4.0/info"
NODE = {"platform": "jira-cloud", "platformVersion": "1001.0", "exalateVersion": "5.12.0",
        "baseUrl": "http://x", "exalateUrl": "http://x", "public": True}


class Destination(BaseHTTPRequestHandler):
    """A misbehaving destination; the first path segment picks the misbehaviour."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        behaviour = self.path.split("/")[1]
        getattr(self, "_" + behaviour.replace("-", "_"))()

    def _send(self, status, body: bytes, content_type="application/json", length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _healthy(self):
        self._send(200, json.dumps(NODE).encode())

    def _slow(self):
        time.sleep(4)
        self._healthy()

    def _error(self):
        self._send(500, b'{"errorMessages":["boom"]}')

    def _missing(self):
        self._send(404, b"<html>Not Found</html>", "text/html")

    def _html(self):
        self._send(200, b"<html><body>Welcome to nginx!</body></html>", "text/html")

    def _garbage(self):
        self._send(200, b"\x00\xff{not json")

    def _incomplete(self):
        self._send(200, json.dumps({"platform": "jira-cloud"}).encode())

    def _huge(self):
        self._send(200, b'{"padding": "' + b"x" * 3_000_000 + b'"}')

    def _huge_undeclared(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        for _ in range(300):
            self.wfile.write(b"x" * 10_000)
        self.close_connection = True

    def _dropped(self):
        self._send(200, b'{"platform": "ji', length=500)
        self.close_connection = True

    def _redirect(self):
        self.send_response(302)
        self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client hanging up on an oversize answer is the point of some tests


@pytest.fixture(scope="module")
def destination():
    server = QuietServer(("127.0.0.1", 0), Destination)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def client(make_app):
    return make_app("jira-a", OUTBOUND_READ_TIMEOUT=1.0, OUTBOUND_MAX_BYTES=1_000_000).test_client()


def _check(client, url):
    started = time.monotonic()
    response = client.post(REST + "/compatibility", headers=ADMIN, json={"destinationUrl": url})
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.data
    report = response.json
    assert [m["mode"] for m in report["modes"]] == ["BASIC", "VISUAL", "SCRIPT"]
    return report, elapsed


def _assert_problem(report, code):
    assert report["problem"]["code"] == code, report["problem"]
    assert report["problem"]["message"]
    assert report["reachable"] is False
    assert report["destination"] is None
    assert all(not m["available"] and m["reason"] for m in report["modes"])


def test_a_healthy_destination_is_described(client, destination):
    report, _ = _check(client, destination + "/healthy")
    assert report["problem"] is None
    assert report["destination"]["platform"] == "jira-cloud"


@pytest.mark.parametrize("path, code", [
    ("/error", "HTTP_ERROR"),
    ("/missing", "NOT_EXALATE"),
    ("/html", "NOT_EXALATE"),
    ("/garbage", "NOT_EXALATE"),
    ("/incomplete", "MALFORMED_ANSWER"),
    ("/huge", "RESPONSE_TOO_LARGE"),
    ("/huge-undeclared", "RESPONSE_TOO_LARGE"),
    ("/dropped", "CONNECTION_FAILED"),
    ("/redirect", "REDIRECT"),
])
def test_a_misbehaving_destination_is_a_named_problem(client, destination, path, code):
    report, _ = _check(client, destination + path)
    _assert_problem(report, code)


def test_a_slow_destination_times_out_within_the_bound(client, destination):
    report, elapsed = _check(client, destination + "/slow")
    _assert_problem(report, "TIMEOUT")
    assert elapsed < 3.5


def test_tls_to_a_plain_http_server_is_a_tls_error(client, destination):
    report, _ = _check(client, destination.replace("http://", "https://") + "/healthy")
    _assert_problem(report, "TLS_ERROR")


def test_a_closed_port_is_connection_refused(client):
    report, _ = _check(client, f"http://127.0.0.1:{free_port()}")
    _assert_problem(report, "CONNECTION_REFUSED")


def test_an_unknown_host_is_a_dns_failure(client):
    report, _ = _check(client, "http://no-such-host.invalid")
    _assert_problem(report, "DNS_FAILURE")


@pytest.mark.parametrize("url, code", [
    ("not a url", "UNSUPPORTED_SCHEME"),
    ("", "INVALID_URL"),
    ("http://", "INVALID_URL"),
    ("http://host:99999", "INVALID_URL"),
    ("ftp://jira.example.com", "UNSUPPORTED_SCHEME"),
    ("file:///etc/passwd", "UNSUPPORTED_SCHEME"),
    ("javascript:alert(1)", "UNSUPPORTED_SCHEME"),
    ("http://admin:secret@jira.example.com", "CREDENTIALS_IN_URL"),
    ("http://169.254.169.254/latest", "FORBIDDEN_ADDRESS"),
    ("http://[fe80::1]/", "FORBIDDEN_ADDRESS"),
    ("http://[::ffff:169.254.169.254]/", "FORBIDDEN_ADDRESS"),
    ("http://metadata.google.internal/", "FORBIDDEN_ADDRESS"),
    ("http://0.0.0.0/", "FORBIDDEN_ADDRESS"),
])
def test_a_refused_url_is_a_named_problem_before_any_call(client, url, code):
    report, elapsed = _check(client, url)
    _assert_problem(report, code)
    assert elapsed < 1


def test_initiating_against_a_failing_destination_is_502_and_writes_nothing(client, destination):
    body = initiate_body(destinationUrl=destination + "/error")
    response = client.post(REST + "/connections", headers=ADMIN, json=body)
    assert response.status_code == 502
    assert "HTTP 500" in response.json["errors"]["destinationUrl"]
    assert client.get(REST + "/connections", headers=ADMIN).json["total"] == 0


def test_initiating_against_a_slow_destination_is_504(client, destination):
    body = initiate_body(destinationUrl=destination + "/slow")
    response = client.post(REST + "/connections", headers=ADMIN, json=body)
    assert response.status_code == 504
    assert "destinationUrl" in response.json["errors"]


def test_initiating_with_a_refused_url_is_400_naming_the_url(client):
    body = initiate_body(destinationUrl="ftp://x")
    response = client.post(REST + "/connections", headers=ADMIN, json=body)
    assert response.status_code == 400
    assert "http://" in response.json["errors"]["destinationUrl"]
