"""The HTTP server's limits against a real ``exalate-emulator serve``: a body over the limit is
refused from its headers and leaves memory flat, a client that trickles its request is cut off, and
clients holding every connection do not keep a normal one from being answered. Loopback only,
bounded in sockets, bytes and seconds."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import ExitStack, suppress

import pytest
import requests
from factories import REST, issue_fields

from live.instances import LiveInstance, free_port
from plugin.config import DEFAULTS, SERVER_DEFAULTS

LIMIT = DEFAULTS["MAX_CONTENT_LENGTH"]
PATIENCE = 10  # seconds any answer or disconnection below may take on a busy machine
SHORT_TIMEOUT = 1  # the header and body timeouts of the `impatient` instance


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    instance = LiveInstance(free_port(), tmp_path_factory.mktemp("limits"), ("--workers", "1")).start()
    yield instance
    instance.stop()


@pytest.fixture(scope="module")
def impatient(tmp_path_factory):
    instance = LiveInstance(free_port(), tmp_path_factory.mktemp("impatient"), (
        "--workers", "1", "--header-timeout", str(SHORT_TIMEOUT), "--body-timeout", str(SHORT_TIMEOUT))).start()
    yield instance
    instance.stop()


def _connect(instance: LiveInstance) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", instance.port), timeout=PATIENCE)
    return sock


def _head(method: str, path: str, **headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{name.replace('_', '-')}: {value}"
                                                           for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _answer(sock: socket.socket) -> tuple[int, dict]:
    """The status and JSON body of the answer on ``sock``, read until the server closes it."""
    received = b""
    with suppress(ConnectionResetError):  # the server closes with the client's unread bytes
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def _closed_by_server(sock: socket.socket, keep_sending: bytes = b"") -> bool:
    """Whether the server closes ``sock`` within PATIENCE seconds while the client sends
    ``keep_sending`` every few tenths of a second, as a slow client does."""
    sock.settimeout(0.3)
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            if sock.recv(1024) == b"":
                return True
        except TimeoutError:
            pass
        except ConnectionError:
            return True
        try:
            sock.sendall(keep_sending)
        except ConnectionError:
            return True
    return False


def _peak_memory_kib(pid: int) -> int:
    status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status").read().splitlines())
    return int(status["VmHWM"].split()[0])


@pytest.mark.parametrize("path", ["/rest/auth/1/session", REST + "/node/handshake"])
def test_a_body_over_the_limit_is_refused_from_its_headers(instance, path):
    """The server answers once the headers declare too much: it never waits for the body."""
    with _connect(instance) as sock:
        sock.sendall(_head("POST", path, Content_Type="application/json", Content_Length=str(250 * 2**20))
                     + b'{"username": "' + b"a" * 4096)
        status, body = _answer(sock)
    assert status == 413
    assert body == {"errorMessages": [f"The request body is larger than the limit of {LIMIT} bytes."],
                    "errors": {}}


def test_a_chunked_body_over_the_limit_is_refused(instance):
    with _connect(instance) as sock:
        sock.sendall(_head("POST", REST + "/node/handshake", Content_Type="application/json",
                           Transfer_Encoding="chunked"))
        # One chunk declared as long as the limit, sent until the bytes received pass it.
        chunk_head = b"%x\r\n" % LIMIT
        sock.sendall(chunk_head + b"a" * (LIMIT + 1 - len(chunk_head)))
        status, body = _answer(sock)
    assert status == 413
    assert body["errorMessages"] == [f"The request body is larger than the limit of {LIMIT} bytes."]


def test_parallel_oversized_bodies_leave_memory_flat(instance):
    """Four 16 MiB bodies at once, anonymous, to the two public resources that read JSON."""
    body = b'{"username": "' + b"a" * (16 * 2**20) + b'"}'
    before = _peak_memory_kib(instance.process.pid)

    def send(path: str) -> None:
        with _connect(instance) as sock:
            try:
                sock.sendall(_head("POST", path, Content_Type="application/json",
                                   Content_Length=str(len(body))) + body)
                while sock.recv(65536):
                    pass
            except ConnectionError:
                pass  # refused before the body was all sent

    senders = [threading.Thread(target=send, args=(path,))
               for path in ("/rest/auth/1/session", REST + "/node/handshake") * 2]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=PATIENCE)
    assert requests.get(instance.rest("/info"), timeout=PATIENCE).status_code == 200
    assert _peak_memory_kib(instance.process.pid) - before < 8 * 1024


def test_a_client_that_trickles_its_headers_is_disconnected(impatient):
    with _connect(impatient) as sock:
        sock.sendall(b"GET " + REST.encode() + b"/info HTTP/1.1\r\n")
        assert _closed_by_server(sock, keep_sending=b"X-Slow: 1\r\n")


def test_a_body_that_stops_coming_is_disconnected(impatient):
    with _connect(impatient) as sock:
        sock.sendall(_head("POST", "/rest/auth/1/session", Content_Type="application/json",
                           Content_Length="100") + b'{"user')
        assert _closed_by_server(sock)


def test_a_client_within_the_timeouts_is_answered_on_one_connection(impatient):
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(impatient.rest("/info"), timeout=PATIENCE).status_code == 200


def test_slow_clients_holding_every_connection_leave_the_instance_answering(instance):
    """Half again as many trickling clients as the worker's connection limit: the connection that
    waited longest makes room for a newcomer, so a normal client is answered at once."""
    with ExitStack() as stack:
        for _ in range(SERVER_DEFAULTS["connection_limit"] * 3 // 2):
            sock = stack.enter_context(_connect(instance))
            sock.sendall(b"GET " + REST.encode() + b"/info HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        answer = requests.get(instance.rest("/info"), timeout=PATIENCE)
    assert answer.status_code == 200
    assert answer.json()["platform"]


def test_an_attachment_past_the_request_limit_is_uploaded_through_the_server(instance):
    created = instance.api.post(instance.url + "/rest/api/2/issue", json={"fields": issue_fields()})
    assert created.status_code == 201, created.text
    upload = instance.api.post(instance.url + "/rest/api/2/issue/" + created.json()["key"] + "/attachments",
                               headers={"X-Atlassian-Token": "no-check"},
                               files={"file": ("big.bin", b"x" * (2 * LIMIT))})
    assert upload.status_code == 200, upload.text
    assert upload.json()[0]["size"] == 2 * LIMIT


def test_an_attachment_past_the_request_limit_is_uploaded_through_the_issue_page(instance):
    created = instance.api.post(instance.url + "/rest/api/2/issue", json={"fields": issue_fields()})
    key = created.json()["key"]
    with requests.Session() as browser:
        browser.post(instance.url + "/login.jsp", data={"os_username": "admin", "os_password": "admin"},
                     timeout=PATIENCE)
        page = browser.get(f"{instance.url}/browse/{key}", timeout=PATIENCE).text
        token = page.split('name="atl_token" value="', 1)[1].split('"', 1)[0]
        upload = browser.post(f"{instance.url}/browse/{key}/attach", data={"atl_token": token},
                              files={"file": ("big.bin", b"x" * (2 * LIMIT))}, allow_redirects=False, timeout=PATIENCE)
    assert upload.status_code == 303, upload.text
    attached = instance.api.get(f"{instance.url}/rest/api/2/issue/{key}").json()["fields"]["attachment"]
    assert [attachment["size"] for attachment in attached] == [2 * LIMIT]


@pytest.fixture(scope="module")
def small_attachments(tmp_path_factory):
    instance = LiveInstance(free_port(), tmp_path_factory.mktemp("attachments"), (
        "--workers", "1", "--attachment-max-size", "4096")).start()
    yield instance
    instance.stop()


def test_serve_refuses_an_attachment_over_the_size_it_was_given_as_jira_does(small_attachments):
    instance = small_attachments
    created = instance.api.post(instance.url + "/rest/api/2/issue", json={"fields": issue_fields()})
    assert created.status_code == 201, created.text
    url = instance.url + "/rest/api/2/issue/" + created.json()["key"] + "/attachments"
    headers = {"X-Atlassian-Token": "no-check"}
    small = instance.api.post(url, headers=headers, files={"file": ("small.bin", b"x" * 1000)}, timeout=PATIENCE)
    big = instance.api.post(url, headers=headers, files={"file": ("big.bin", b"x" * 8192)}, timeout=PATIENCE)
    assert small.status_code == 200, small.text
    assert (big.status_code, big.json()) == (404, {
        "errorMessages": ["The field file exceeds its maximum permitted size of 4096 bytes."], "errors": {}})
