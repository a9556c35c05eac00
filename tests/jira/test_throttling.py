"""Throttling failed logins in the database: a race of wrong passwords checks at most five and
never fails (each racer guesses a password of its own, as a guesser does: racers with the same
credentials share one check, ``test_login_bursts``), a remembered password does not get past a
lockout, names that belong to no user are refused like real ones however many are tried, and ended
windows leave no rows."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from factories import committed
from sqlalchemy import update

from plugin.db import db, utcnow
from plugin.errors import NotAuthenticated, TooManyAttempts
from plugin.jira import users as users_module
from plugin.jira.models import LoginFailure
from plugin.jira.throttling import LOGIN_ATTEMPTS

RACERS = 12  # within the connection pool (5 + 10 overflow): each racer holds one
GATE_TIMEOUT = 30


def _race(app, jira, monkeypatch, passwords):
    """Log in as ``user`` with each password at once, in its own thread and database connection.
    Each password check waits until every racer has either reached a check or been refused, so
    all of them decide while the checks are still running. The outcome of each attempt."""
    checking = threading.Condition()
    arrived = [0]
    real_check = users_module.check_password_hash

    def arrive():
        with checking:
            arrived[0] += 1
            checking.notify_all()

    def gated_check(stored, password):
        arrive()
        with checking:
            checking.wait_for(lambda: arrived[0] >= len(passwords), timeout=GATE_TIMEOUT)
        return real_check(stored, password)

    def attempt(password):
        with app.app_context():
            try:
                jira.users.authenticate("user", password)
                return "accepted"
            except TooManyAttempts:
                arrive()
                return "refused"
            except NotAuthenticated:
                return "wrong"
            except Exception as error:  # noqa: BLE001 - the race must not fail in any other way
                arrive()
                return repr(error)

    monkeypatch.setattr(users_module, "check_password_hash", gated_check)
    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, passwords))


def test_racing_wrong_passwords_check_at_most_five(app, jira, monkeypatch):
    outcomes = _race(app, jira, monkeypatch, [f"wrong-{n}" for n in range(RACERS - 1)] + ["user"])
    assert outcomes.count("wrong") + outcomes.count("accepted") <= LOGIN_ATTEMPTS, outcomes
    assert outcomes.count("refused") >= RACERS - LOGIN_ATTEMPTS, outcomes


def test_racing_first_failures_of_a_name_never_fail_otherwise(app, jira, monkeypatch):
    outcomes = _race(app, jira, monkeypatch, [f"wrong-{n}" for n in range(RACERS)])
    assert set(outcomes) <= {"wrong", "refused"}, outcomes


def test_a_remembered_password_does_not_get_past_a_lockout(jira):
    assert jira.users.authenticate("user", "user").username == "user"  # remembered from now on
    for _ in range(LOGIN_ATTEMPTS):
        with pytest.raises(NotAuthenticated):
            jira.users.authenticate("user", "wrong")
    with pytest.raises(TooManyAttempts, match="Too many failed login attempts"):
        jira.users.authenticate("user", "user")


def test_a_remembered_password_is_accepted_while_the_name_is_clear(jira, monkeypatch):
    jira.users.authenticate("user", "user")
    monkeypatch.setattr(users_module, "check_password_hash", lambda *_: pytest.fail("checked again"))
    assert jira.users.authenticate("user", "user").username == "user"


def test_windows_that_ended_leave_no_rows(jira):
    for number in range(20):
        with pytest.raises(NotAuthenticated):
            jira.users.authenticate(f"ghost-{number}", "guess")
    with db.engine.begin() as connection:  # every window so far ended 11 minutes ago
        connection.execute(update(LoginFailure).values(first_failed_at=utcnow() - timedelta(minutes=11)))
    with pytest.raises(NotAuthenticated):
        jira.users.authenticate("ghost-new", "guess")
    assert committed("SELECT COUNT(*) FROM login_failures") == [(1,)]


def test_many_unknown_names_do_not_tell_who_exists(jira):
    """However many names are tried, a new unknown name and a real one are refused alike."""
    for number in range(300):
        for _ in range(LOGIN_ATTEMPTS):
            with pytest.raises((NotAuthenticated, TooManyAttempts)):
                jira.users.authenticate(f"ghost-{number}", "guess")
    for name in ("user", "ghost-never-tried"):
        with pytest.raises(NotAuthenticated):  # not TooManyAttempts, which is no NotAuthenticated
            jira.users.authenticate(name, "guess")


def test_an_unknown_name_is_locked_like_a_user(jira):
    for _ in range(LOGIN_ATTEMPTS):
        with pytest.raises(NotAuthenticated):
            jira.users.authenticate("ghost", "guess")
    with pytest.raises(TooManyAttempts):
        jira.users.authenticate("ghost", "guess")
