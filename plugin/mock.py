"""An in-process mock of Exalate nodes, in the manner of moto: ``requests`` calls to a mocked
instance's URL are routed through ``responses`` into that instance's real Flask app, so whole
handshakes run without opening a socket. There is no second implementation: every answer comes
from the same domain and REST resources that ``exalate-emulator serve`` runs.

    with mock_exalate("http://jira-a.test", "http://jira-b.test") as nodes:
        requests.post("http://jira-a.test" + REST + "/connections", auth=("admin", "admin"), json=...)

(``REST`` is the REST module's prefix, ``plugin.descriptor.load_descriptor().rest_prefix``.)

Issue sync runs in-process too, without worker threads: ``nodes.sync()`` steps every instance's queues until
none has work due, and ``nodes.wait_for_twin(url, "DEMO-1")`` does so and answers the twin's key on the other
side. With ``mock_exalate(..., sync=True)`` the queues are stepped after every call a test makes, so when
``requests.post(...)`` returns, what it changed has reached the twins already.

It can join a ``responses.RequestsMock`` that the caller already runs, so it coexists with
the caller's own mocks."""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import responses
from flask import Flask

from . import create_app
from .db import db

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
SYNC_ROUNDS = 50  # rounds over every instance; each round runs every queue until it is idle


@dataclass
class MockInstance:
    """One mocked node: its URL, its Flask app and a test client for direct use."""

    url: str
    app: Flask

    @property
    def client(self):
        return self.app.test_client()


class ExalateMock:
    """Context manager and decorator that stands up emulator instances at chosen URLs.

    ``instances`` are base URLs, or ``(url, config)`` pairs where ``config`` holds extra
    ``create_app`` settings (e.g. ``{"EXALATE_PLATFORM": "servicenow"}``)."""

    def __init__(self, *instances, requests_mock: responses.RequestsMock | None = None, sync: bool = False):
        self._requested = [item if isinstance(item, tuple) else (item, {}) for item in instances]
        self._external = requests_mock
        self._auto_sync = sync
        self._syncing = False
        self._mock: responses.RequestsMock | None = None
        self._folder: tempfile.TemporaryDirectory | None = None
        self.instances: dict[str, MockInstance] = {}

    def __enter__(self) -> ExalateMock:
        self._folder = tempfile.TemporaryDirectory(prefix="exalate-mock-")
        self._mock = self._external or responses.RequestsMock(assert_all_requests_are_fired=False)
        if self._external is None:
            self._mock.start()
        try:
            for url, config in self._requested:
                self.add_instance(url, **config)
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        if self._external is None and self._mock is not None:
            self._mock.stop()
            self._mock.reset()
        for instance in self.instances.values():
            with instance.app.app_context():
                db.engine.dispose()
        if self._folder is not None:
            self._folder.cleanup()
        self.instances.clear()

    def __call__(self, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with self.__class__(*self._requested, requests_mock=self._external, sync=self._auto_sync):
                return function(*args, **kwargs)

        return wrapper

    def __getitem__(self, url: str) -> MockInstance:
        return self.instances[url.rstrip("/")]

    def add_instance(self, url: str, **config) -> MockInstance:
        """Start another mocked node while the mock is active."""
        if self._mock is None or self._folder is None:
            raise RuntimeError("Enter the mock before adding instances.")
        url = url.rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
            raise ValueError(f"An instance URL is scheme://host[:port], not {url!r}.")
        database = Path(self._folder.name) / f"{len(self.instances)}.db"
        app = create_app({
            "BASE_URL": url,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            # Mocked host names do not resolve; the calls never leave the process anyway.
            "OUTBOUND_CHECK_DNS": False,
            # Stepped by ``sync()`` / ``wait_for_twin()``, or after every call (``sync=True``).
            "SYNC_WORKER": False,
            **config,
        })
        route(self._mock, app, self._after_call if self._auto_sync else None)
        self.instances[url] = MockInstance(url, app)
        return self.instances[url]

    # ------------------------------------------------------------------ issue sync

    def sync(self, rounds: int = SYNC_ROUNDS) -> int:
        """Step every instance's sync queues (deliver events, apply requests) until none has work due; how
        many steps were taken. Work waiting for a later retry (an unreachable node's backoff) is not due."""
        self._syncing = True
        try:
            return settle([instance.app for instance in self.instances.values()], rounds)
        finally:
            self._syncing = False

    def wait_for_twin(self, url: str, issue_key: str, connection: str | int | None = None) -> str:
        """Sync, then the key of the twin of ``issue_key`` (an issue of the instance at ``url``) on the other
        side of ``connection`` (id or name; None: its only connection). LookupError when it has no
        synchronized twin."""
        self.sync()
        app = self[url].app
        with app.app_context():
            twins = app.extensions["exalate"].sync.sync_status(issue_key).twins
            found = [twin for twin in twins if connection is None
                     or connection in (twin.connection.id, twin.connection.name)]
            if len(found) > 1:
                raise LookupError(f"{issue_key} is under sync with several connections: name one.")
            if not found or found[0].status != "SYNCHRONIZED" or not found[0].remote_issue_key:
                state = found[0].status if found else "not under sync"
                raise LookupError(f"{issue_key} on {url} has no synchronized twin ({state}).")
            return found[0].remote_issue_key

    def _after_call(self) -> None:
        if not self._syncing:  # calls made by the sync itself do not start another round
            self.sync()


def settle(apps: list[Flask], rounds: int = SYNC_ROUNDS) -> int:
    """Step the sync queues of ``apps`` (in-process instances, each in its own app context) until none has
    work due: how many steps were taken. RuntimeError when they are still busy after ``rounds`` rounds."""
    total = 0
    for _ in range(rounds):
        steps = 0
        for app in apps:
            with app.app_context():
                steps += app.extensions["exalate"].sync.run_until_idle()
        if not steps:
            return total
        total += steps
    raise RuntimeError(f"The sync queues were still busy after {rounds} rounds.")


def route(requests_mock: responses.RequestsMock, app: Flask, after: Callable[[], None] | None = None) -> None:
    """Answer every call to ``app``'s base URL through ``app`` itself; ``after()`` runs once each answer is
    ready, before the caller gets it."""
    pattern = re.compile(re.escape(app.config["BASE_URL"]) + r"(/.*)?$")
    for method in METHODS:
        requests_mock.add_callback(method, pattern, callback=functools.partial(forward, app, after=after))


def forward(app: Flask, request, after: Callable[[], None] | None = None):
    """Replay a prepared ``requests`` request against the app and hand back its answer."""
    parts = urlsplit(request.url)
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    response = app.test_client(use_cookies=False).open(
        parts.path or "/",
        method=request.method,
        query_string=parts.query,
        headers=[(k, v) for k, v in request.headers.items() if k.lower() != "content-length"],
        data=body or b"",
    )
    # A list keeps repeated headers (Set-Cookie); responses takes Content-Type from it.
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    answer = response.status_code, headers, response.get_data()
    if after is not None:
        after()
    return answer


def mock_exalate(*instances, requests_mock: responses.RequestsMock | None = None, sync: bool = False) -> ExalateMock:
    """``with mock_exalate("http://jira-a.test", "http://jira-b.test") as nodes: ...``; ``sync=True`` steps the
    sync queues after every call."""
    return ExalateMock(*instances, requests_mock=requests_mock, sync=sync)
