"""Fixtures for the hostile-input tests: an instance that cannot reach the network, a few
connections of each kind for the resources that take an id, and a probe that sends one request
and checks Jira's failure conventions on the answer."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from factories import ADMIN, OWN_URL, REST, initiate
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from sqlalchemy import select

from plugin.db import db
from plugin.exalate.models import Mode, Status
from plugin.web import exalate as current_exalate

# One app per test function, shared by its examples: each example checks what it changed.
# HOSTILE_EXAMPLES=1000 searches deeper than the default.
HOSTILE = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

# Counting failed logins is the point of refusing them.
WRITTEN_WHEN_REFUSED = {"login_failures"}

# Where a request names another node, that node failing is a 502/504 by contract, not a fault.
REMOTE_FAILURES = (502, 504)


@pytest.fixture
def probe(app, network):
    return Probe(app)


@pytest.fixture
def probe_b(network, make_app):
    """A second instance, ``http://jira-b.test:2990``, on the same in-process network."""
    return Probe(network.add(make_app("jira-b")))


class Probe:
    """Sends one request and checks the answer: never a 5xx the contract does not allow, a
    Jira error body for every failure, and no write by a request that was refused."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()

    def send(self, method: str, path: str, *, remote: bool = False, admin: bool = True, headers=None, **kwargs):
        headers = {**(ADMIN if admin else {}), **(headers or {})}
        before = self.snapshot()
        response = self.client.open(path if path.startswith("/rest/") else REST + path, method=method,
                                    headers=headers, **kwargs)
        check_answer(response, remote=remote)
        if currently_in_test_context():
            event(f"HTTP {response.status_code}")  # see --hypothesis-show-statistics
        if response.status_code >= 400:
            assert self.snapshot() == before, f"{method} {path[:200]} was refused but changed the database"
        return response

    def snapshot(self) -> dict[str, list]:
        """Every row of every table: what a refused request must leave as it was."""
        with self.app.app_context():
            try:
                return {
                    table.name: [tuple(row) for row in db.session.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in db.metadata.sorted_tables if table.name not in WRITTEN_WHEN_REFUSED
                }
            finally:
                db.session.remove()

    def seed(self) -> dict[str, int]:
        """A Pending Script, a Pending Basic and an Active local connection, made again if an
        earlier example deleted, used or renamed them; their ids by kind."""
        kinds = {
            "pending": lambda c: c.status == Status.PENDING and c.mode == Mode.SCRIPT,
            "basic": lambda c: c.mode == Mode.BASIC,
            "local": lambda c: c.status in (Status.ACTIVE, Status.DEACTIVATED) and c.mode == Mode.SCRIPT,
        }
        with self.app.app_context():
            try:
                exalate = current_exalate()
                existing = exalate.connections.list(max_results=1000).results
                ids = {}
                for kind, matches in kinds.items():
                    found = next((c.id for c in existing if matches(c)), None)
                    ids[kind] = found if found is not None else self._create(exalate, kind)
                return ids
            finally:
                db.session.remove()

    @staticmethod
    def _create(exalate, kind: str) -> int:
        local = kind == "local"
        return initiate(exalate, destination_url=OWN_URL if local else None,
                        mode="BASIC" if kind == "basic" else "SCRIPT", name=f"seed-{kind}-{uuid.uuid4().hex[:8]}",
                        destination_project_key="SUP" if local else None).connection.id

    def invitation_code(self, connection_id: int) -> str | None:
        response = self.client.get(f"{REST}/connections/{connection_id}/invitation", headers=ADMIN)
        return response.get_json()["invitationCode"] if response.status_code == 200 else None


def check_answer(response, *, remote: bool = False) -> None:
    """Jira's conventions for any answer to hostile input."""
    text = response.get_data(as_text=True)
    status = response.status_code
    assert "Traceback" not in text, text[:2000]
    assert status < 500 or (remote and status in REMOTE_FAILURES), f"HTTP {status}: {text[:2000]}"
    if status < 400:
        return
    assert response.mimetype == "application/json", f"HTTP {status} as {response.mimetype}: {text[:500]}"
    body = json.loads(text)
    assert isinstance(body, dict) and set(body) == {"errorMessages", "errors"}, body
    assert isinstance(body["errorMessages"], list), body
    assert all(isinstance(message, str) for message in body["errorMessages"]), body
    assert isinstance(body["errors"], dict), body
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in body["errors"].items()), body
    assert body["errorMessages"] or body["errors"], "a refusal that says nothing"
