"""Login sessions kept in the database: a browser's session ends when it logs out (on any node
of a cluster) or when its lifetime is over, whatever copy of its cookie still exists."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from ..db import db, transaction, utcnow
from .models import LoginSession, User

TOKEN_MAX_LENGTH = 128


class Sessions:
    def open(self, user: User, lifetime: timedelta) -> str:
        """A new session for ``user``; its token, for the cookie."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with transaction():
            db.session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
            db.session.add(LoginSession(token_digest=_digest(token), user_id=user.id, expires_at=now + lifetime))
        return token

    def user_for(self, token: object) -> User | None:
        """The user of a live session, or None for an ended, expired or made-up token."""
        if not isinstance(token, str) or not 0 < len(token) <= TOKEN_MAX_LENGTH:
            return None
        user_id = db.session.scalar(select(LoginSession.user_id).where(
            LoginSession.token_digest == _digest(token), LoginSession.expires_at > utcnow()))
        return db.session.get(User, user_id) if user_id is not None else None

    def close(self, token: object) -> None:
        if isinstance(token, str):
            with transaction():
                db.session.execute(delete(LoginSession).where(LoginSession.token_digest == _digest(token)))


def _digest(token: str) -> str:
    # The table holds digests: a copy of it opens no session.
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
