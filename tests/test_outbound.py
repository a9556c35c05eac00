"""The one outbound HTTP client: the URL guard, and the limits on every call (size, redirects,
timeouts), tried against a small HTTP server on 127.0.0.1 that misbehaves on purpose."""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plugin import outbound
from plugin.outbound import OutboundClient, OutboundError, check_url

MAX_BYTES = 1000
NESTED_MAX_BYTES = 250_000
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 0.5
DEADLINE = CONNECT_TIMEOUT + READ_TIMEOUT
SLACK = 1.5  # scheduling leeway on a busy machine; still well under the misbehaving server's patience
TRICKLE_SECONDS = 4 * DEADLINE


# ----------------------------------------------------------------------------- check_url


@pytest.mark.parametrize(("url", "normalised"), [
    ("http://jira.example.com", "http://jira.example.com"),
    ("https://jira.example.com/", "https://jira.example.com"),
    ("  https://jira.example.com:8443/jira/  ", "https://jira.example.com:8443/jira"),
    ("HTTP://jira.example.com", "HTTP://jira.example.com"),
    ("http://10.0.0.5:2990", "http://10.0.0.5:2990"),
    ("http://127.0.0.1:2990", "http://127.0.0.1:2990"),
    ("http://[2001:db8::1]:2990", "http://[2001:db8::1]:2990"),
])
def test_acceptable_urls_are_normalised(url, normalised):
    assert check_url(url) == normalised


@pytest.mark.parametrize("url", ["ftp://jira.example.com", "file:///etc/passwd", "gopher://x", "javascript:alert(1)",
                                 "jira.example.com", "//jira.example.com", "ws://jira.example.com"])
def test_only_http_and_https(url):
    with pytest.raises(OutboundError) as caught:
        check_url(url)
    assert caught.value.code == "UNSUPPORTED_SCHEME"


@pytest.mark.parametrize("url", ["http://admin:admin@jira.example.com", "http://admin@jira.example.com",
                                 "http://:secret@jira.example.com"])
def test_credentials_in_the_url_are_refused(url):
    with pytest.raises(OutboundError) as caught:
        check_url(url)
    assert caught.value.code == "CREDENTIALS_IN_URL"


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data",
    "http://169.254.0.1:2990",
    "http://[fe80::1]",
    "http://[fe80::1%25eth0]:2990",
    "http://[::ffff:169.254.169.254]",
    "http://[::ffff:a9fe:a9fe]",
    "http://0.0.0.0:2990",
    "http://[::]",
    "http://224.0.0.1",
    "http://240.0.0.1",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.google.internal",
    "http://metadata.google.internal.",
    "http://metadata",
    "http://instance-data",
])
def test_link_local_reserved_and_metadata_addresses_are_refused(url):
    with pytest.raises(OutboundError) as caught:
        check_url(url)
    assert caught.value.code == "FORBIDDEN_ADDRESS"


@pytest.mark.parametrize("url", [
    "http://[fd00:ec2::254]",  # AWS instance metadata over IPv6 (a unique-local address)
    "http://100.100.100.200",  # Alibaba Cloud (shared address space)
    "http://192.0.0.192",  # Oracle Cloud (IETF protocol assignments)
    "http://168.63.129.16",  # Azure's wire server (a global address)
    "http://[2002:a9fe:a9fe::]",  # 6to4 of 169.254.169.254
    "http://[2001:0:4136:e378:8000:63bf:5601:5601]",  # Teredo, client 169.254.169.254
    "http://[fec0::1]",  # site-local: deprecated and scoped, like link-local
])
@pytest.mark.parametrize("allow_private", [True, False])
def test_cloud_metadata_addresses_in_every_form_are_refused_in_every_mode(url, allow_private):
    with pytest.raises(OutboundError) as caught:
        check_url(url, allow_private=allow_private)
    assert caught.value.code == "FORBIDDEN_ADDRESS"
    assert "metadata" in caught.value.message


@pytest.mark.parametrize("url", ["http://93.184.216.34", "http://[2606:4700::1111]", "http://[2002:5db8:d822::]"])
def test_globally_routable_addresses_are_allowed_when_private_is_not(url):
    assert check_url(url, allow_private=False) == url


@pytest.mark.parametrize("url", ["http://10.1.2.3", "http://192.168.0.10", "http://127.0.0.1", "http://[::1]",
                                 "http://[::ffff:127.0.0.1]", "http://[fd00::1]",
                                 # not globally routable either: shared address space (carrier-grade NAT),
                                 # IETF protocol assignments, benchmarking, 6to4 of 192.168.1.1, mapped 10.0.0.1
                                 "http://100.64.0.1", "http://192.0.0.8", "http://198.18.0.1",
                                 "http://[2002:c0a8:101::]", "http://[::ffff:10.0.0.1]"])
def test_private_addresses_are_refused_when_not_allowed(url):
    assert check_url(url, allow_private=True)
    with pytest.raises(OutboundError) as caught:
        check_url(url, allow_private=False)
    assert caught.value.code == "FORBIDDEN_ADDRESS"


@pytest.mark.parametrize("url", ["", "   ", None, 42, ["http://x"], "http://", "http://:80", "http://[::1",
                                 "http://jira.example.com:99999", "http://jira.example.com:port",
                                 "http://jira.example.com/?next=/", "http://jira.example.com/#top"])
def test_malformed_urls_are_invalid(url):
    with pytest.raises(OutboundError) as caught:
        check_url(url)
    assert caught.value.code == "INVALID_URL"


# ------------------------------------------------------------------ name resolution


def _resolving_to(monkeypatch, *addresses):
    def getaddrinfo(host, port, *args, **kwargs):
        family = {4: socket.AF_INET, 6: socket.AF_INET6}
        return [(family[ipaddress.ip_address(a.split("%")[0]).version], socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]

    monkeypatch.setattr(outbound.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize("address", ["169.254.169.254", "fe80::1%eth0", "::ffff:169.254.169.254", "0.0.0.0"])
def test_a_host_name_resolving_to_a_forbidden_address_is_refused_before_calling(monkeypatch, address):
    _resolving_to(monkeypatch, "93.184.216.34", address)
    with pytest.raises(OutboundError) as caught:
        OutboundClient().get_json("http://innocent.example.com/info")
    assert caught.value.code == "FORBIDDEN_ADDRESS"


def test_a_host_name_resolving_to_a_private_address_is_refused_when_not_allowed(monkeypatch):
    _resolving_to(monkeypatch, "10.0.0.7")
    with pytest.raises(OutboundError) as caught:
        OutboundClient(allow_private=False).get_json("http://intranet.example.com/info")
    assert caught.value.code == "FORBIDDEN_ADDRESS"


def test_an_unknown_host_name_is_a_dns_failure(monkeypatch):
    def getaddrinfo(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(outbound.socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(OutboundError) as caught:
        OutboundClient().get_json("http://nowhere.example.com/info")
    assert caught.value.code == "DNS_FAILURE"


# ------------------------------------------------------------ a misbehaving server


class Misbehaving(BaseHTTPRequestHandler):
    """One path per way a destination can misbehave."""

    def do_GET(self):
        self.server.hits[self.path] += 1
        getattr(self, "answer_" + self.path.strip("/").replace("-", "_"), self.answer_missing)()

    do_POST = do_GET

    def _send(self, status, body: bytes, content_type="application/json", length=True, **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def answer_missing(self):
        self._send(404, b'{"errorMessages": ["not here"]}')

    def answer_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        sent = json.loads(self.rfile.read(length)) if length else None
        self._send(200, json.dumps({"ok": True, "method": self.command, "sent": sent}).encode())

    def answer_text(self):
        self._send(200, b"<html>Jira</html>", content_type="text/html")

    def answer_empty(self):
        self._send(204, b"", length=False)

    def answer_exactly_the_limit(self):
        self._send(200, b'"' + b"x" * (MAX_BYTES - 2) + b'"')

    def answer_big_declared(self):
        self._send(200, b"x" * (MAX_BYTES + 1))

    def answer_big_undeclared(self):
        self._send(200, b"[" + b"1," * (5 * MAX_BYTES) + b"1]", length=False)

    def answer_cut_short(self):
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        self.wfile.write(b'{"ok": ')

    def answer_gzip(self):
        self._send(200, _gzip(b'{"compressed": true}'), **{"Content-Encoding": "gzip"})

    def answer_gzip_bomb(self):
        self._send(200, _gzip(b"[" + b"0," * (50 * MAX_BYTES) + b"0]"), **{"Content-Encoding": "gzip"})

    def answer_deeply_nested(self):  # deeper than any parser's recursion, well within NESTED_MAX_BYTES
        self._send(200, b"[" * 100_000 + b"]" * 100_000)

    def answer_redirect(self):
        self._send(302, b"", Location="/json")

    def answer_redirect_to_metadata(self):
        self._send(307, b"", Location="http://169.254.169.254/latest/meta-data")

    def answer_silent(self):
        self.server.release.wait(TRICKLE_SECONDS)

    def answer_headers_then_silent(self):
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        self.wfile.flush()
        self.server.release.wait(TRICKLE_SECONDS)

    def answer_trickle(self):
        """Each byte comes well within the read timeout; the whole answer never comes in time."""
        steps = int(TRICKLE_SECONDS / (READ_TIMEOUT / 5))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(steps))
        self.end_headers()
        for _ in range(steps):
            if self.server.release.wait(READ_TIMEOUT / 5):
                return
            self.wfile.write(b" ")
            self.wfile.flush()

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose: that is what is under test

    def log_message(self, *args):
        pass


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=31)
    return compressor.compress(data) + compressor.flush()


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    httpd.hits = Counter()
    httpd.release = threading.Event()
    # shutdown() waits for the loop to look again: every 0.5 s by default, on every test's teardown.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def outbound_client():
    return OutboundClient(connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT, max_bytes=MAX_BYTES)


def failure(call) -> tuple[OutboundError, float]:
    started = time.monotonic()
    with pytest.raises(OutboundError) as caught:
        call()
    return caught.value, time.monotonic() - started


def test_a_json_answer_is_parsed(server, outbound_client):
    reply = outbound_client.get_json(server.url + "/json")
    assert (reply.status, reply.is_json, reply.body["ok"], reply.body["method"]) == (200, True, True, "GET")


def test_a_json_body_is_posted(server, outbound_client):
    reply = outbound_client.post_json(server.url + "/json", {"invitationCode": "x"})
    assert reply.body["sent"] == {"invitationCode": "x"}


def test_a_non_json_answer_has_no_body(server, outbound_client):
    reply = outbound_client.get_json(server.url + "/text")
    assert (reply.status, reply.is_json, reply.body) == (200, False, None)


def test_an_empty_answer_has_no_body(server, outbound_client):
    reply = outbound_client.get_json(server.url + "/empty")
    assert (reply.status, reply.is_json, reply.body) == (204, False, None)


def test_an_error_status_is_returned_not_raised(server, outbound_client):
    reply = outbound_client.get_json(server.url + "/missing")
    assert (reply.status, reply.body) == (404, {"errorMessages": ["not here"]})


def test_an_answer_of_exactly_the_limit_is_read(server, outbound_client):
    assert len(outbound_client.get_json(server.url + "/exactly-the-limit").body) == MAX_BYTES - 2


@pytest.mark.parametrize("path", ["/big-declared", "/big-undeclared"])
def test_an_answer_over_the_limit_is_refused(server, outbound_client, path):
    error, _ = failure(lambda: outbound_client.get_json(server.url + path))
    assert error.code == "RESPONSE_TOO_LARGE"


def test_a_compressed_answer_is_decoded(server, outbound_client):
    assert outbound_client.get_json(server.url + "/gzip").body == {"compressed": True}


def test_the_size_limit_applies_to_the_decoded_answer(server, outbound_client):
    error, _ = failure(lambda: outbound_client.get_json(server.url + "/gzip-bomb"))
    assert error.code == "RESPONSE_TOO_LARGE"


def test_an_answer_nested_deeper_than_the_parser_goes_is_malformed(server):
    roomy = OutboundClient(connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT, max_bytes=NESTED_MAX_BYTES)
    error, _ = failure(lambda: roomy.get_json(server.url + "/deeply-nested"))
    assert (error.code, error.message) == ("MALFORMED_ANSWER", "The answer is nested too deeply to be read.")


def test_an_answer_cut_short_is_a_failed_call(server, outbound_client):
    error, _ = failure(lambda: outbound_client.get_json(server.url + "/cut-short"))
    assert error.code == "CONNECTION_FAILED"


@pytest.mark.parametrize("path", ["/redirect", "/redirect-to-metadata"])
def test_redirects_are_not_followed(server, outbound_client, path):
    error, _ = failure(lambda: outbound_client.get_json(server.url + path))
    assert error.code == "REDIRECT"
    assert server.hits["/json"] == 0


@pytest.mark.parametrize("path", ["/silent", "/headers-then-silent", "/trickle"])
def test_a_slow_server_times_out_within_the_deadline(server, outbound_client, path):
    error, elapsed = failure(lambda: outbound_client.get_json(server.url + path))
    assert error.code == "TIMEOUT"
    assert error.timed_out
    assert elapsed < DEADLINE + SLACK


def test_a_refused_connection(outbound_client):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error, _ = failure(lambda: outbound_client.get_json(f"http://127.0.0.1:{port}/info"))
    assert error.code == "CONNECTION_REFUSED"


def test_a_refused_url_is_never_called(server, monkeypatch):
    calls = []
    monkeypatch.setattr(outbound.requests, "request", lambda *args, **kwargs: calls.append(args))
    error, _ = failure(lambda: OutboundClient().get_json("http://169.254.169.254/latest/meta-data"))
    assert error.code == "FORBIDDEN_ADDRESS"
    assert calls == []


def test_a_private_server_is_refused_when_private_addresses_are_not_allowed(server):
    error, _ = failure(lambda: OutboundClient(allow_private=False).get_json(server.url + "/json"))
    assert error.code == "FORBIDDEN_ADDRESS"
    assert server.hits["/json"] == 0
