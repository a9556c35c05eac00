"""Bursts of logins with the same credentials: the right password answered however many arrive while it
is being checked, the same wrong one still throttled, and a remembered password forgotten the moment
it changes, on whichever node it changed."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from factories import ADMIN, REST
from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from werkzeug.security import generate_password_hash

from plugin.db import db
from plugin.errors import NotAuthenticated, TooManyAttempts
from plugin.jira import users as users_module
from plugin.jira.models import User
from plugin.jira.throttling import LOGIN_ATTEMPTS

BURST = 40
GATE_TIMEOUT = 30


def _burst(app, jira, monkeypatch, call, count=BURST):
    """``call()`` from ``count`` threads at once. Each password check waits until every caller has asked
    to be authenticated, so that all of them ask while the first checks still run. The outcomes."""
    asking = threading.Condition()
    asked = [0]
    real_authenticate, real_check = jira.users.authenticate, users_module.check_password_hash

    def counted_authenticate(*args):
        with asking:
            asked[0] += 1
            asking.notify_all()
        return real_authenticate(*args)

    def gated_check(stored, password):
        with asking:
            asking.wait_for(lambda: asked[0] >= count, timeout=GATE_TIMEOUT)
        return real_check(stored, password)

    monkeypatch.setattr(jira.users, "authenticate", counted_authenticate)
    monkeypatch.setattr(users_module, "check_password_hash", gated_check)

    def attempt(_):
        with app.app_context():
            return call()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(attempt, range(count)))


def _log_in(jira, password):
    try:
        return jira.users.authenticate("user", password).username
    except TooManyAttempts:
        return "refused"
    except NotAuthenticated:
        return "wrong"


def test_a_burst_of_the_right_password_is_answered(app, jira, monkeypatch):
    outcomes = _burst(app, jira, monkeypatch, lambda: _log_in(jira, "user"))
    assert outcomes == ["user"] * BURST


def test_a_burst_of_basic_auth_calls_is_answered(app, jira, client, monkeypatch):
    answers = _burst(app, jira, monkeypatch, lambda: client.get(REST + "/connections", headers=ADMIN).status_code)
    assert answers == [200] * BURST


def test_a_burst_of_the_same_wrong_password_is_throttled(app, jira, monkeypatch):
    outcomes = _burst(app, jira, monkeypatch, lambda: _log_in(jira, "wrong"))
    assert outcomes.count("wrong") == LOGIN_ATTEMPTS, outcomes
    assert outcomes.count("refused") == BURST - LOGIN_ATTEMPTS, outcomes


def test_a_throttled_name_refuses_the_right_password_after_a_burst(app, jira, monkeypatch):
    _burst(app, jira, monkeypatch, lambda: _log_in(jira, "wrong"))
    with pytest.raises(TooManyAttempts, match="Too many failed login attempts"):
        jira.users.authenticate("user", "user")


def test_a_password_changed_on_another_node_ends_the_remembered_one_at_once(app, jira):
    assert jira.users.authenticate("user", "user").username == "user"  # proven, and its row remembered
    with db.engine.begin() as other_node:  # a connection of its own, as another node's
        other_node.execute(update(User).where(User.username == "user")
                           .values(password_hash=generate_password_hash("changed", "pbkdf2:sha256:1000")))
    with pytest.raises(NotAuthenticated, match="username and password are incorrect"):
        jira.users.authenticate("user", "user")
    assert jira.users.authenticate("user", "changed").username == "user"


def test_a_remembered_login_reads_one_core_row_at_most(app, client):
    """Nothing on SQLite when nothing was committed since (``PRAGMA data_version`` says so); elsewhere the
    user and its throttle row in one core-SQL statement, no ORM."""
    for _ in range(2):  # the first checks the password (and commits its throttle rows), the second reads them
        assert client.get("/rest/api/2/myself", headers=ADMIN).status_code == 200
    executed = []
    listener = lambda _conn, _cursor, statement, *_: executed.append(statement)  # noqa: E731
    event.listen(Engine, "before_cursor_execute", listener)
    try:
        answer = client.get("/rest/api/2/myself", headers=ADMIN)
    finally:
        event.remove(Engine, "before_cursor_execute", listener)
    assert answer.status_code == 200
    assert answer.get_json()["name"] == "admin"
    with app.app_context():
        on_sqlite = db.engine.dialect.name == "sqlite"
    assert len(executed) == (0 if on_sqlite else 1), executed
    assert all("LEFT OUTER JOIN login_failures" in statement for statement in executed), executed
