"""Helpers shared by the REST tests: Jira error-body assertions and a small in-process network
that routes one instance's outbound calls into another instance's test client."""

from __future__ import annotations

import requests
import responses
from factories import REST
from flask import Flask

from plugin.mock import forward, route

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
    instance's Flask app (through the in-process mock's router), so instances talk without a socket."""

    def __init__(self, mock):
        self.mock = mock

    def add(self, app: Flask) -> Flask:
        route(self.mock, app)
        return app


def lose_first_handshake_answer(network: Network, initiator: Flask) -> None:
    """The initiator completes every handshake, but the answer to the first never arrives."""
    answers = []

    def first_answer_lost(request):
        answers.append(forward(initiator, request))
        if len(answers) == 1:
            raise requests.exceptions.ReadTimeout("the answer was lost")
        return answers[-1]

    url = initiator.config["BASE_URL"] + REST + "/node/handshake"
    network.mock.add_callback(responses.POST, url, callback=first_answer_lost)
