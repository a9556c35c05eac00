"""Shared fixtures: a fresh instance per test (its own database), clients, the in-process network,
live instances. What tests build (bodies, connections, configuration) is in ``factories``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import responses
from factories import RecordingSync, instance_config
from pools import AppPool, PostgresTemplate, SqliteTemplate, migrate

from plugin import create_app, outbound
from plugin.db import db
from plugin.web import exalate as current_exalate

# EXALATE_TEST_DATABASE=postgresql runs the suite on a throwaway PostgreSQL server (tox -e postgres).
TEST_DATABASE = os.environ.get("EXALATE_TEST_DATABASE", "sqlite")
# Tests that start real processes are marked ``live``; the fast loop (tox -e fast) leaves them out.
LIVE_FOLDERS = ("live", "browser", "clients")
LIVE_FIXTURES = {"live_instances", "live_pair"}


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).parent
    for item in items:
        in_live_folder = item.path.relative_to(tests).parts[0] in LIVE_FOLDERS
        if in_live_folder or LIVE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.live)


@pytest.fixture(scope="session")
def postgres():
    from bench.postgres import ThrowawayPostgres

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


@pytest.fixture(scope="session")
def migrated_template(request, tmp_path_factory):
    """One database of the backend under test migrated to head for the whole session; instances start
    on copies of it (``create_app`` then finds nothing to migrate), and kept apps are reset to it."""
    if TEST_DATABASE == "postgresql":
        return PostgresTemplate(request.getfixturevalue("postgres"))
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    migrate(f"sqlite:///{path}")
    return SqliteTemplate(path, tmp_path_factory.mktemp("instances"))


@pytest.fixture
def instance_database(migrated_template):
    """Makes databases for new instances, each a copy of the migrated template; each call gives a new URL."""
    return migrated_template.new_database


@pytest.fixture(scope="session")
def app_pool(migrated_template):
    """Apps kept for the whole session, each on its own database, which is put back to a new instance's
    state (the migrated template, seeded afresh) before every test that takes it: building an app (Flask
    compiles every route) costs more than most tests."""
    pool = AppPool(migrated_template)
    yield pool
    pool.close()


@pytest.fixture
def make_app(app_pool, instance_database):
    """Another instance, ``http://<host>.test:2990``, with its own database: ``make_app(host, **config)``.
    Each call gives a new instance as a fresh start would leave it."""
    made, taken = [], []

    def make(host: str, **config):
        settings = instance_config(BASE_URL=f"http://{host}.test:2990", **config)
        if app_pool.can_keep(settings):
            app = app_pool.take(settings, taken)
        else:
            app = create_app(instance_config(SQLALCHEMY_DATABASE_URI=instance_database(), **settings))
            made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()  # PostgreSQL counts open connections
    for app in taken:
        with app.app_context():
            db.session.remove()


@pytest.fixture
def app(make_app):
    """The instance under test, ``http://jira-a.test:2990``."""
    return make_app("jira-a")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def exalate(app):
    """The Exalate app's domain inside an application context, for domain unit tests."""
    with app.app_context():
        yield current_exalate()


@pytest.fixture
def jira(app, exalate):
    """The host Jira's domain (inside the same application context as ``exalate``)."""
    return app.extensions["jira"]


@pytest.fixture
def listen(jira):
    """Registers issue listeners for this test only (kept apps outlive it): ``listen(callback)``."""
    registered = []

    def add(listener):
        jira.events.listen(listener)
        registered.append(listener)

    yield add
    for listener in registered:
        jira.events.forget(listener)


@pytest.fixture
def recording_sync(app, monkeypatch):
    """The instance's triggers hand their bulk operations to a ``RecordingSync`` (for this test only: kept apps
    outlive it)."""
    recording = RecordingSync()
    monkeypatch.setattr(app.extensions["exalate"].triggers, "sync", recording)
    return recording


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
def app_b(make_app, network):
    """A second instance, ``http://jira-b.test:2990``, on the same in-process network as ``app``."""
    return network.add(make_app("jira-b"))


@pytest.fixture
def client_b(app_b):
    return app_b.test_client()


@pytest.fixture
def sync_connection(client, client_b):
    """An active public connection from A (DEMO) to B (incoming project SUP): the initiation's 201 body and
    B's end."""
    from factories import URL_B, connect

    return connect(client, client_b, destinationUrl=URL_B)


@pytest.fixture
def twins(app, app_b, client, sync_connection):
    """A's DEMO-1 exalated to B, where it is SUP-1, both synchronized: the two keys."""
    from factories import create_issue_at, exalate_at, settle

    key = create_issue_at(client, summary="Printer on fire")["key"]
    exalate_at(client, key, sync_connection[0]["connection"]["id"])
    settle(app, app_b)
    return key, "SUP-1"


@pytest.fixture
def admin_client(client):
    """A test client logged in as the administrator through the login page."""
    response = client.post("/login.jsp", data={"os_username": "admin", "os_password": "admin"})
    assert response.status_code in (302, 303), response.data
    return client


@pytest.fixture
def live_instances(tmp_path, new_database):
    """Starts real ``exalate-emulator serve`` processes, each on its own database of the backend
    under test: ``live_instances(count)``. All are stopped after the test."""
    from live.instances import start_instances

    started = []

    def start(count: int):
        database = new_database if TEST_DATABASE != "sqlite" else None
        started.extend(start_instances(tmp_path, count, database=database))
        return list(started)

    yield start
    for instance in started:
        instance.stop()


@pytest.fixture(scope="module")
def live_pair(request, tmp_path_factory):
    """Two real instances, each on its own database of the backend under test, shared by a module's tests
    (which must not disturb each other: each makes its own connection)."""
    from live.instances import start_instances

    database = request.getfixturevalue("postgres").new_database if TEST_DATABASE != "sqlite" else None
    started = start_instances(tmp_path_factory.mktemp("pair"), 2, database=database)
    yield started
    for instance in started:
        instance.stop()


@pytest.fixture
def jira_client_module():
    """The ``jira`` (pycontribs) client package. Its name is also this suite's ``tests/jira``
    package, so for the test's length ``jira`` is the client's (imported from site-packages)."""
    import importlib
    import sys

    tests = str(Path(__file__).parent)
    ours = {name: module for name, module in sys.modules.items() if name == "jira" or name.startswith("jira.")}
    for name in ours:
        del sys.modules[name]
    saved_path = list(sys.path)
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(tests).resolve()]
    try:
        yield importlib.import_module("jira")
    finally:
        sys.path[:] = saved_path
        for name in [name for name in sys.modules if name == "jira" or name.startswith("jira.")]:
            del sys.modules[name]
        sys.modules.update(ours)


@pytest.fixture
def two_instances(live_instances):
    return live_instances(2)
