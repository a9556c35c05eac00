"""Invitation codes: itsdangerous-signed by the initiating node.

The acceptor can read a code (to learn where the initiator lives) but only the initiator can
verify it, because only the initiator holds the key that signed it."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from itsdangerous import BadData, URLSafeSerializer

from ..fields import storable

SALT = "exalate.invitation.v1"
# Only the initiator can check a signature, but anyone can see that one was cut short or mangled.
SIGNATURE_LENGTH = len(URLSafeSerializer("any key", salt=SALT).dumps("").rpartition(".")[2])
SIGNATURE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class InvalidInvitation(Exception):
    """The code is not an invitation, or has been altered."""


class ExpiredInvitation(InvalidInvitation):
    """The code is genuine but past its expiry."""


@dataclass(frozen=True)
class Invitation:
    id: str
    initiator_url: str
    connection_uid: str
    type: str
    mode: str
    name: str
    local_short_name: str
    remote_short_name: str
    description: str
    secret: str
    expires_at: int

    @property
    def expired(self) -> bool:
        return time.time() >= self.expires_at


def sign(invitation: Invitation, key: str) -> str:
    return URLSafeSerializer(key, salt=SALT).dumps(asdict(invitation))


def verify(code: str, key: str) -> Invitation:
    """Check the signature and the expiry: what the initiator does."""
    try:
        payload = URLSafeSerializer(key, salt=SALT).loads(code)
    except (BadData, UnicodeError) as exc:
        raise InvalidInvitation("The invitation code is not valid.") from exc
    return _checked(_build(payload))


def read(code: str) -> Invitation:
    """Decode without verifying the signature: what the acceptor does before asking the initiator."""
    signature = code.rpartition(".")[2]
    if len(signature) != SIGNATURE_LENGTH or not SIGNATURE_CHARACTERS.issuperset(signature):
        raise InvalidInvitation("The invitation code is not valid.")
    try:
        valid, payload = URLSafeSerializer("unknown", salt=SALT).loads_unsafe(code)
    except (BadData, UnicodeError, ValueError) as exc:
        raise InvalidInvitation("The invitation code is not valid.") from exc
    del valid  # only the initiator can tell
    return _checked(_build(payload))


def _build(payload) -> Invitation:
    try:
        invitation = Invitation(**payload)
    except TypeError as exc:
        raise InvalidInvitation("The invitation code is not valid.") from exc
    fields = asdict(invitation)
    if not all(_is_text(fields[k]) for k in fields if k != "expires_at") or not isinstance(
        invitation.expires_at, int
    ):
        raise InvalidInvitation("The invitation code is not valid.")
    return invitation


def _is_text(value) -> bool:
    return isinstance(value, str) and storable(value)


def _checked(invitation: Invitation) -> Invitation:
    if invitation.expired:
        raise ExpiredInvitation("The invitation code has expired. Ask for a new one.")
    return invitation
