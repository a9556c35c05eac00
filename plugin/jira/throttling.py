"""Jira's throttling of a user name after repeated failed logins, kept in the database so that
every worker process and every node of a cluster counts the same checks.

A password is only checked after a *check slot* is claimed in one atomic statement (an upsert
that counts up only while fewer than the allowed attempts were claimed in the window): however
many requests race, at most that many passwords are checked before the name is refused. A
success clears the slots; a failure keeps its slot until the window ends.

Names that belong to no user are counted like any other (else a 429 would tell who exists),
each in its own row under a keyed digest of the name; rows whose window has ended are removed
as checks are claimed, so the table holds at most the names tried in one window."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import case, delete
from sqlalchemy.dialects import postgresql, sqlite

from ..db import db, transaction, utcnow
from ..errors import TooManyAttempts
from .models import LoginFailure

LOGIN_ATTEMPTS = 5  # Jira's "Maximum Authentication Attempts Allowed"; plugin.config sets it per app
LOGIN_LOCKOUT = timedelta(minutes=10)
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


class LoginThrottle:
    def __init__(self, attempts: int = LOGIN_ATTEMPTS):
        self.attempts = attempts
        self._name_key = b""

    def use_key(self, key: str) -> None:
        """The key of the digests that unknown names are counted under; every node must share it."""
        self._name_key = key.encode()

    def claim_check(self, username: str, *, known: bool) -> None:
        """Claim one of the window's password checks for ``username``, or refuse the name."""
        now = utcnow()
        table = LoginFailure.__table__
        expired = table.c.first_failed_at <= now - LOGIN_LOCKOUT
        statement = _INSERTS[db.engine.dialect.name](table).values(
            username=self._row_name(username, known), failures=1, first_failed_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.username],
            set_={"failures": case((expired, 1), else_=table.c.failures + 1),
                  "first_failed_at": case((expired, now), else_=table.c.first_failed_at)},
            where=expired | (table.c.failures < self.attempts),
        ).returning(table.c.failures)  # on SQLite since 3.35, which plugin.db requires
        with transaction():
            db.session.execute(delete(LoginFailure).where(LoginFailure.first_failed_at <= now - LOGIN_LOCKOUT))
            claimed = db.session.execute(statement).first()
        if claimed is None:
            minutes = int(LOGIN_LOCKOUT.total_seconds() // 60)
            raise TooManyAttempts(f"Too many failed login attempts for this user. Try again in {minutes} minutes.")

    def is_locked(self, failures: int | None, first_failed_at: datetime | None) -> bool:
        """Whether a name whose row holds these (None: no row) is refused even the right password: every
        check of its window claimed. A password proven before is trusted unless the name is locked, so a
        burst of calls with it is not refused while checks run (theirs or another node's)."""
        return failures is not None and failures >= self.attempts and first_failed_at > utcnow() - LOGIN_LOCKOUT

    def succeeded(self, username: str) -> None:
        with transaction():
            db.session.execute(delete(LoginFailure).where(LoginFailure.username == username))

    def _row_name(self, username: str, known: bool) -> str:
        if known:
            return username
        digest = hmac.new(self._name_key, username.encode(), hashlib.sha256).hexdigest()
        # A control character: no Jira user name holds one.
        return f"\x1funknown-{digest}"
