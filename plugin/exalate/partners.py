"""What one end of a connection answers the other: whether it still exists, and withdrawing it
when the other end's set-up failed. Every such request carries a token signed with the shared
secret (``nodeauth``); a token is accepted once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..db import db, transaction, utcnow
from ..errors import NodeNotAuthenticated, NotFound
from ..fields import is_uid
from . import nodeauth
from .connections import changing
from .models import Connection, NodeTokenUse, Status

log = logging.getLogger(__name__)


class Partners:
    def describe(self, uid: str, token: str | None) -> Connection:
        """The other end asks about its partner: only with a valid token, never one twice. The
        question shows that the other end exists: an end in ERROR for its absence is active again."""
        connection = self._partner(uid, token)
        if connection.status == Status.ERROR:
            with changing(connection):
                connection.partner_found()
        return connection

    def withdraw(self, uid: str, token: str | None) -> None:
        """The other end gave up setting up the connection: this end goes too."""
        connection = self._partner(uid, token)
        with transaction():
            db.session.delete(connection)

    def authenticate(self, uid: str, token: str | None) -> Connection:
        """The end ``uid`` of a connection, if ``token`` is its partner's (each token is accepted once)."""
        return self._partner(uid, token)

    def verified(self, uid: str, token: str | None) -> tuple[Connection, Callable[[], None]]:
        """The end ``uid`` of a connection, if ``token`` is its partner's, and the spending of the token for
        the caller to run first in the transaction that stores what the request brought: one commit for both,
        and nothing stored under a token spent before."""
        connection, claims = self._verified(uid, token)
        return connection, lambda: _spend(claims, connection.name)

    def _partner(self, uid: str, token: str | None) -> Connection:
        connection, claims = self._verified(uid, token)
        _spend(claims, connection.name)
        return connection

    def _verified(self, uid: str, token: str | None) -> tuple[Connection, dict]:
        connection = db.session.scalar(select(Connection).where(Connection.uid == uid)) if is_uid(uid) else None
        if connection is None or not connection.has_partner:
            raise NotFound("Connection not found.")
        try:
            claims = nodeauth.verify(token, connection.shared_secret, sender=connection.remote_uid, receiver=uid)
        except nodeauth.InvalidToken as exc:
            log.warning("Refused a node request for connection %s: %s", connection.name, exc)
            raise NodeNotAuthenticated("The request is not signed for this connection.") from exc
        return connection, claims


def _spend(claims: dict, connection_name: str) -> None:
    expires = datetime.fromtimestamp(claims["exp"] / 1000, timezone.utc).replace(tzinfo=None)
    try:
        with transaction():
            db.session.execute(delete(NodeTokenUse).where(NodeTokenUse.expires_at < utcnow()))
            db.session.add(NodeTokenUse(jti=claims["jti"], expires_at=expires))
            db.session.flush()  # a replay is refused here, also inside a caller's transaction
    except IntegrityError as exc:
        log.warning("Refused a replayed node token for connection %s", connection_name)
        raise NodeNotAuthenticated("This token has been used before.") from exc
