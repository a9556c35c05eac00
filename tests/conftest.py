"""Shared fixtures: a fresh instance per test (its own SQLite file), clients, credentials."""

from __future__ import annotations

import base64
import os

import pytest
import responses

import plugin
from plugin import create_app, outbound
from plugin.auth import backend as current_backend
from plugin.models import db

REST = "/rest/issuehub/4.0"

# Every test builds fresh instances; scrypt seeding would cost ~0.15 s each. Real servers
# started by tests (tests/live.py) keep the default.
plugin.DEFAULTS["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


ADMIN = basic("admin", "admin")
USER = basic("user", "user")


# EXALATE_TEST_DATABASE=postgresql runs the suite on a throwaway PostgreSQL server (tox -e postgres).
TEST_DATABASE = os.environ.get("EXALATE_TEST_DATABASE", "sqlite")


@pytest.fixture(scope="session")
def postgres():
    from pg import ThrowawayPostgres

    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture
def new_database(request, tmp_path):
    """Makes empty databases of the backend under test; each call gives a new URL."""
    if TEST_DATABASE == "postgresql":
        return request.getfixturevalue("postgres").new_database
    names = iter(range(1000))
    return lambda: f"sqlite:///{tmp_path / f'exalate-{next(names)}.db'}"


@pytest.fixture
def app(new_database):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": new_database(),
        "BASE_URL": "http://jira-a.test:2990",
        "OUTBOUND_CONNECT_TIMEOUT": 1.0,
        "OUTBOUND_READ_TIMEOUT": 2.0,
    })
    yield app
    with app.app_context():
        db.engine.dispose()  # PostgreSQL counts open connections


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def backend(app):
    """The backend inside an application context, for backend unit tests."""
    with app.app_context():
        yield current_backend()


@pytest.fixture
def network(app, monkeypatch):
    """An in-process network: instances added to it answer calls to their base URL through
    their apps (``app`` is on it already); any other host is refused by ``responses``."""
    from rest.helpers import Network

    # The .test host names do not resolve, and the address guard resolves before calling;
    # responses answers the call itself, so there is no address to check.
    monkeypatch.setattr(outbound, "_resolve", lambda *args, **kwargs: None)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        routed = Network(mock)
        routed.add(app)
        yield routed


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
def live_instances(tmp_path, new_database):
    """Starts real ``exalate-emulator serve`` processes, each on its own database of the backend
    under test: ``live_instances(count)``. All are stopped after the test."""
    from live import start_instances

    started = []

    def start(count: int):
        database = new_database if TEST_DATABASE != "sqlite" else None
        started.extend(start_instances(tmp_path, count, database=database))
        return list(started)

    yield start
    for instance in started:
        instance.stop()


@pytest.fixture
def two_instances(live_instances):
    return live_instances(2)
