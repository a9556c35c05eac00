"""Helpers shared by the REST tests: Jira error-body assertions and a small in-process network
that routes one instance's outbound calls into another instance's test client."""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from flask import Flask

ERROR_KEYS = {"errorMessages", "errors"}


def assert_error(response, status: int, *fields: str, message: str | None = None) -> dict:
    """The response is a Jira error body with ``status``, naming each of ``fields``."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == ERROR_KEYS, body
    assert isinstance(body["errorMessages"], list) and isinstance(body["errors"], dict), body
    for field in fields:
        assert body["errors"].get(field), f"{field!r} is not named in {body}"
    if message is not None:
        everything = body["errorMessages"] + list(body["errors"].values())
        assert any(message in text for text in everything), f"{message!r} not in {body}"
    assert "Traceback" not in response.get_data(as_text=True)
    return body


class Network:
    """Outbound ``requests`` calls to a registered instance's base URL are answered by that
    instance's Flask test client, so two instances talk without a socket."""

    def __init__(self, mock):
        self.mock = mock

    def add(self, app: Flask) -> Flask:
        pattern = re.compile(re.escape(app.config["BASE_URL"]) + r"(/.*)?$")
        for method in ("GET", "POST"):
            self.mock.add_callback(method, pattern, callback=functools.partial(forward, app))
        return app


def forward(app: Flask, request):
    """Answer a ``requests`` request with ``app``'s test client, as a ``responses`` callback does."""
    parts = urlsplit(request.url)
    answer = app.test_client().open(
        parts.path,
        query_string=parts.query,
        method=request.method,
        data=request.body,
        headers={key: value for key, value in request.headers.items() if key.lower() != "content-length"},
    )
    return answer.status_code, {"Content-Type": answer.content_type}, answer.get_data()
