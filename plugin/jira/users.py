"""Users and logging in: credentials checked against salted hashes, and Jira's throttling of a
user name after repeated failures. The doors keep the session; this decides who someone is."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import make_transient_to_detached
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import committed_rows, db
from ..errors import NotAuthenticated
from ..fields import searchable
from .models import LoginFailure, User
from .throttling import LOGIN_ATTEMPTS, LoginThrottle

WRONG_CREDENTIALS = "Sorry, your username and password are incorrect - please try again."
CHECK_WAIT_SECONDS = 30.0  # how long a request waits for the same credentials' check at most
_USER_COLUMNS = tuple(User.__table__.columns)


def _credentials_statement(username: str):
    """The user's row and its name's throttle row in one core-SQL read (``authenticate``'s every call)."""
    failures = LoginFailure.__table__
    return (select(*_USER_COLUMNS, failures.c.failures, failures.c.first_failed_at)
            .select_from(User.__table__.outerjoin(failures, failures.c.username == User.__table__.c.username))
            .where(User.__table__.c.username == username))


class Users:
    def __init__(self, password_method: str = "scrypt", login_attempts: int = LOGIN_ATTEMPTS):
        self.password_method = password_method
        # Hashed even for unknown users, so the answer takes as long either way.
        self._dummy_hash = self._hash("not-a-password")
        self._proof_key = secrets.token_bytes(32)
        self._proven: set[bytes] = set()
        self.throttle = LoginThrottle(login_attempts)
        self._checks_lock = threading.Lock()
        self._checks: dict[bytes, threading.Event] = {}

    def seed(self, *, admin_password: str, user_password: str) -> None:
        """The two users of a new instance; the caller commits."""
        db.session.add_all([
            User(username="admin", display_name="Administrator", email="admin@example.com",
                 password_hash=self._hash(admin_password), is_admin=True),
            User(username="user", display_name="User", email="user@example.com",
                 password_hash=self._hash(user_password), is_admin=False),
        ])

    def list(self) -> list[User]:
        return list(db.session.scalars(select(User).order_by(User.username)))

    def get(self, user_id: int) -> User | None:
        return db.session.get(User, user_id)

    def by_username(self, username: str) -> User | None:
        if not searchable(username):  # cannot exist, and PostgreSQL refuses NUL in a comparison
            return None
        return db.session.scalar(select(User).where(User.username == username))

    def authenticate(self, username: str | None, password: str | None) -> User:
        """The user with these credentials. After repeated failures a user name is refused for
        a while (Jira asks for a CAPTCHA), even with the right password.

        The user's row and its throttle row are one core-SQL read, remembered by the process until the
        next commit to the database (``plugin.db.CommittedRows``), so a changed password or a lockout
        counts at once; a password proven before is trusted unless the name is locked. Requests with the
        same credentials arriving while they are being checked wait for that one check rather than
        claiming one each: a burst of calls with the right password is answered, not throttled."""
        if username is None or password is None or not searchable(username):
            raise NotAuthenticated(WRONG_CREDENTIALS)
        with self._one_check_at_a_time(username, password):
            row = committed_rows().row(("credentials", username), lambda: _credentials_statement(username))
            if row is not None and self._proven_before(row.password_hash, password) \
                    and not self.throttle.is_locked(row.failures, row.first_failed_at):
                return self._attached(row)
            return self._check(username, password, row)

    def _check(self, username: str, password: str, row) -> User:
        self.throttle.claim_check(username, known=row is not None)
        stored = row.password_hash if row is not None else self._dummy_hash
        if not self._password_matches(stored, password) or row is None:
            raise NotAuthenticated(WRONG_CREDENTIALS)
        self.throttle.succeeded(username)
        return self._attached(row)

    @staticmethod
    def _attached(row) -> User:
        """The user of ``row`` in this request's session, without reading it again (the caller may
        relate other rows to it)."""
        user = User(**{column.key: getattr(row, column.key) for column in _USER_COLUMNS})
        make_transient_to_detached(user)
        return db.session.merge(user, load=False)

    @contextmanager
    def _one_check_at_a_time(self, username: str, password: str):
        """Run the block for these credentials in one thread of this process at a time: the others wait
        for it (and then mostly find the password proven)."""
        key = self._proof(username, password)
        while True:
            with self._checks_lock:
                running = self._checks.get(key)
                if running is None:
                    self._checks[key] = threading.Event()
                    break
            running.wait(CHECK_WAIT_SECONDS)
        try:
            yield
        finally:
            with self._checks_lock:
                self._checks.pop(key).set()

    def _hash(self, password: str) -> str:
        return generate_password_hash(password, method=self.password_method)

    def _proof(self, stored: str, password: str) -> bytes:
        return hmac.new(self._proof_key, f"{stored}\0{password}".encode(), hashlib.sha256).digest()

    def _proven_before(self, stored: str, password: str) -> bool:
        return self._proof(stored, password) in self._proven

    def _password_matches(self, stored: str, password: str) -> bool:
        """Check a password against its stored hash. HTTP Basic sends the password with every
        request and a slow hash costs ~80 ms, so proven (hash, password) pairs are remembered
        as a keyed digest; a changed password has a new hash and misses the cache. A remembered
        password is trusted only while its name has no check claimed (``authenticate``)."""
        if not check_password_hash(stored, password):
            return False
        if len(self._proven) >= 1024:
            self._proven.clear()
        self._proven.add(self._proof(stored, password))
        return True
