"""Shared fixtures: a fresh instance per test (its own SQLite file), clients, credentials."""

from __future__ import annotations

import base64

import pytest

import plugin
from plugin import create_app
from plugin.auth import backend as current_backend

REST = "/rest/issuehub/4.0"

# Every test builds fresh instances; scrypt seeding would cost ~0.15 s each. Real servers
# started by tests (tests/live.py) keep the default.
plugin.DEFAULTS["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


ADMIN = basic("admin", "admin")
USER = basic("user", "user")


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'exalate.db'}",
        "BASE_URL": "http://jira-a.test:2990",
        "OUTBOUND_CONNECT_TIMEOUT": 1.0,
        "OUTBOUND_READ_TIMEOUT": 2.0,
    })
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def backend(app):
    """The backend inside an application context, for backend unit tests."""
    with app.app_context():
        yield current_backend()


@pytest.fixture
def admin_client(client):
    """A test client logged in as the administrator through the login page."""
    response = client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert response.status_code in (302, 303), response.data
    return client


def initiate_body(**overrides) -> dict:
    body = {
        "destinationUrl": None,
        "mode": "SCRIPT",
        "localShortName": "JiraA",
        "remoteShortName": "JiraB",
        "name": "JiraA_to_JiraB",
        "description": "",
        "projectKey": "DEMO",
    }
    body.update(overrides)
    return body


@pytest.fixture
def two_instances(tmp_path):
    """Two real ``exalate-emulator serve`` processes, stopped after the test."""
    from live import start_instances

    instances = start_instances(tmp_path, 2)
    yield instances
    for instance in instances:
        instance.stop()
