"""Fixtures for the admin page tests: a browser-like client logged in as the administrator, and
connections made straight through the backend for the pages to show."""

from __future__ import annotations

import pytest

from plugin.auth import backend as current_backend

from .pagetools import Browser

OWN_URL = "http://jira-a.test:2990"  # the test instance's BASE_URL: a destination here is LOCAL


@pytest.fixture
def browser(admin_client):
    return Browser(admin_client)


@pytest.fixture
def make_connection(app):
    """Initiate a connection through the backend (private, Script by default); returns its id."""

    def make(**overrides) -> int:
        arguments = {
            "destination_url": None,
            "mode": "SCRIPT",
            "local_short_name": "JiraA",
            "remote_short_name": "JiraB",
            "name": "JiraA_to_JiraB",
            "description": "",
            "project_key": "DEMO",
        }
        arguments.update(overrides)
        with app.app_context():
            return current_backend().initiate_connection(**arguments).connection.id

    return make


@pytest.fixture
def local_connection(make_connection):
    """An Active connection between two projects of this instance: no other node needed."""

    def make(**overrides) -> int:
        return make_connection(destination_url=OWN_URL, destination_project_key="SUP", **overrides)

    return make


@pytest.fixture
def in_app(app):
    """Run a backend call in an application context: ``in_app(lambda b: b.get_license())``."""

    def run(call):
        with app.app_context():
            return call(current_backend())

    return run
