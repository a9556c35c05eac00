"""Node-to-node authentication after the handshake: short-lived JWTs (HS256) signed with the
connection's shared secret, sent in the ``X-exalate-jwt`` header as the product does. Times
are in milliseconds, as in the product's tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

HEADER = "X-exalate-jwt"
ISSUER = "EXALATE"
LIFETIME_MS = 60_000
# Clocks of two machines differ a little; a token from slightly in the future is still fine.
LEEWAY_MS = 30_000
MAX_TOKEN_LENGTH = 4096


class InvalidToken(Exception):
    """Missing, malformed, forged or expired."""


def now_ms() -> int:
    return int(time.time() * 1000)


def issue(secret: str, *, sender: str, receiver: str) -> str:
    issued = now_ms()
    claims = {"iss": ISSUER, "sender": sender, "sub": receiver, "iat": issued, "exp": issued + LIFETIME_MS,
              "jti": secrets.token_hex(16)}
    header = _encode({"typ": "JWT", "alg": "HS256"})
    payload = _encode(claims)
    return f"{header}.{payload}.{_signature(secret, header, payload)}"


def verify(token: object, secret: str, *, sender: str, receiver: str) -> dict:
    """The token's claims, if it was signed with ``secret`` for this sender and receiver and is
    still valid; replay is the caller's to check with the ``jti`` claim."""
    # A JWT is ASCII; anything else is no token (and hmac.compare_digest cannot compare it).
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise InvalidToken("missing token")
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("malformed token")
    header, payload, signature = parts
    if not hmac.compare_digest(signature, _signature(secret, header, payload)):
        raise InvalidToken("bad signature")
    try:
        claims = json.loads(_decode(payload))
        algorithm = json.loads(_decode(header)).get("alg")
    except (ValueError, AttributeError) as exc:
        raise InvalidToken("malformed token") from exc
    if algorithm != "HS256" or not isinstance(claims, dict):
        raise InvalidToken("malformed token")
    if claims.get("iss") != ISSUER or claims.get("sender") != sender or claims.get("sub") != receiver:
        raise InvalidToken("token for another connection")
    issued, expires, jti = claims.get("iat"), claims.get("exp"), claims.get("jti")
    if not (isinstance(issued, int) and isinstance(expires, int) and isinstance(jti, str) and 0 < len(jti) <= 64):
        raise InvalidToken("malformed token")
    current = now_ms()
    if expires < current or issued > current + LEEWAY_MS or expires - issued > LIFETIME_MS:
        raise InvalidToken("expired token")
    return claims


def _encode(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, TypeError) as exc:
        raise InvalidToken("malformed token") from exc


def _signature(secret: str, header: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
