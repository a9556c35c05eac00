"""An in-process mock of Exalate nodes, in the manner of moto: ``requests`` calls to a mocked
instance's URL are routed through ``responses`` into that instance's real Flask app, so whole
handshakes run without opening a socket. There is no second implementation: every answer comes
from the same domain and REST resources that ``exalate-emulator serve`` runs.

    with mock_exalate("http://jira-a.test", "http://jira-b.test") as nodes:
        requests.post("http://jira-a.test" + REST + "/connections", auth=("admin", "admin"), json=...)

(``REST`` is the REST module's prefix, ``plugin.descriptor.load_descriptor().rest_prefix``.)

It can join a ``responses.RequestsMock`` that the caller already runs, so it coexists with
the caller's own mocks."""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import responses
from flask import Flask

from . import create_app
from .db import db

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")


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

    def __init__(self, *instances, requests_mock: responses.RequestsMock | None = None):
        self._requested = [item if isinstance(item, tuple) else (item, {}) for item in instances]
        self._external = requests_mock
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
            with self.__class__(*self._requested, requests_mock=self._external):
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
            # Stepped by the caller (``nodes[url].app.extensions["exalate"].sync.run_until_idle()``) for now.
            "SYNC_WORKER": False,
            **config,
        })
        route(self._mock, app)
        self.instances[url] = MockInstance(url, app)
        return self.instances[url]


def route(requests_mock: responses.RequestsMock, app: Flask) -> None:
    """Answer every call to ``app``'s base URL through ``app`` itself."""
    pattern = re.compile(re.escape(app.config["BASE_URL"]) + r"(/.*)?$")
    for method in METHODS:
        requests_mock.add_callback(method, pattern, callback=functools.partial(forward, app))


def forward(app: Flask, request):
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
    return response.status_code, headers, response.get_data()


def mock_exalate(*instances, requests_mock: responses.RequestsMock | None = None) -> ExalateMock:
    """``with mock_exalate("http://jira-a.test", "http://jira-b.test") as nodes: ...``"""
    return ExalateMock(*instances, requests_mock=requests_mock)
