"""Fixtures for the admin page tests: a browser-like client logged in as the administrator, and
connections made straight through the backend for the pages to show."""

from __future__ import annotations

import pytest
from factories import OWN_URL, initiate

from plugin.web import exalate as current_exalate

from .pagetools import Browser


@pytest.fixture
def browser(admin_client):
    return Browser(admin_client)


@pytest.fixture
def make_connection(app):
    """Initiate a connection through the backend (private, Script by default); returns its id."""

    def make(**overrides) -> int:
        with app.app_context():
            return initiate(current_exalate(), **overrides).connection.id

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
            return call(current_exalate())

    return run
