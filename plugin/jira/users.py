"""Users and logging in: credentials checked against salted hashes, and Jira's throttling of a
user name after repeated failures. The doors keep the session; this decides who someone is."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import db
from ..errors import NotAuthenticated
from ..fields import searchable
from .models import User
from .throttling import LOGIN_ATTEMPTS, LoginThrottle

WRONG_CREDENTIALS = "Sorry, your username and password are incorrect - please try again."


class Users:
    def __init__(self, password_method: str = "scrypt", login_attempts: int = LOGIN_ATTEMPTS):
        self.password_method = password_method
        # Hashed even for unknown users, so the answer takes as long either way.
        self._dummy_hash = self._hash("not-a-password")
        self._proof_key = secrets.token_bytes(32)
        self._proven: set[bytes] = set()
        self.throttle = LoginThrottle(login_attempts)

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
        a while (Jira asks for a CAPTCHA), even with the right password."""
        if username is None or password is None or not searchable(username):
            raise NotAuthenticated(WRONG_CREDENTIALS)
        user = self.by_username(username)
        proven = user is not None and self._proven_before(user.password_hash, password)
        if proven and self.throttle.is_clear(username):
            return user
        self.throttle.claim_check(username, known=user is not None)
        matches = proven or self._password_matches(user.password_hash if user else self._dummy_hash, password)
        if not matches or user is None:
            raise NotAuthenticated(WRONG_CREDENTIALS)
        self.throttle.succeeded(username)
        return user

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
