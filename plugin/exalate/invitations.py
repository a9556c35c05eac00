"""Invitation codes: itsdangerous-signed by the initiating node.

The acceptor can read a code (to learn where the initiator lives) but only the initiator can
verify it, because only the initiator holds the key that signed it."""

from __future__ import annotations

import time
import zlib
from dataclasses import asdict, dataclass, fields

from itsdangerous import BadData, BadPayload, URLSafeSerializer
from itsdangerous.encoding import base64_decode
from itsdangerous.url_safe import URLSafeSerializerMixin

from ..fields import storable

SALT = "exalate.invitation.v1"
# The largest genuine invitation: every text at its limit, each character escaped in the JSON
# (``\ud83d\ude00``: 12 bytes for one character), is under 60 KB. A code is read before anyone
# vouches for it, so neither it nor what it inflates to may be bigger than that allows.
MAX_PAYLOAD_BYTES = 64 * 1024
MAX_CODE_LENGTH = 128 * 1024
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


class _Serializer(URLSafeSerializer):
    """itsdangerous' URL-safe serializer, inflating a compressed payload no further than
    ``MAX_PAYLOAD_BYTES``: a small code must not become gigabytes in memory."""

    def load_payload(self, payload: bytes, *args, **kwargs):
        if payload.startswith(b"."):
            try:
                payload = _inflate(base64_decode(payload[1:]))
            except (ValueError, zlib.error) as exc:
                raise BadPayload("The payload could not be inflated.", original_error=exc) from exc
            return super(URLSafeSerializerMixin, self).load_payload(payload, *args, **kwargs)
        return super().load_payload(payload, *args, **kwargs)


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    inflated = inflater.decompress(data, MAX_PAYLOAD_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError("the payload inflates beyond the limit")
    return inflated


def sign(invitation: Invitation, key: str) -> str:
    return _Serializer(key, salt=SALT).dumps(asdict(invitation))


def verify(code: str, key: str) -> Invitation:
    """Check the signature (before anything is inflated) and the expiry: what the initiator does."""
    try:
        payload = _Serializer(key, salt=SALT).loads(_bounded(code))
    except (BadData, UnicodeError) as exc:
        raise InvalidInvitation("The invitation code is not valid.") from exc
    return _checked(_build(payload))


def read(code: str) -> Invitation:
    """Decode without verifying the signature: what the acceptor does before asking the initiator."""
    signature = code.rpartition(".")[2]
    if len(signature) != SIGNATURE_LENGTH or not SIGNATURE_CHARACTERS.issuperset(signature):
        raise InvalidInvitation("The invitation code is not valid.")
    try:
        valid, payload = _Serializer("unknown", salt=SALT).loads_unsafe(_bounded(code))
    except (BadData, UnicodeError, ValueError) as exc:
        raise InvalidInvitation("The invitation code is not valid.") from exc
    del valid  # only the initiator can tell
    return _checked(_build(payload))


def _bounded(code: str) -> str:
    if len(code) > MAX_CODE_LENGTH:
        raise BadData("The code is longer than any invitation.")
    return code


def _build(payload) -> Invitation:
    """The invitation, if the payload has exactly its fields, each of its type. The payload is
    checked as it came, before anything walks it: a field may be nested as deep as JSON allows."""
    names = [field.name for field in fields(Invitation)]
    if (
        not isinstance(payload, dict)
        or sorted(payload) != sorted(names)
        or not all(_is_text(payload[name]) for name in names if name != "expires_at")
        or type(payload["expires_at"]) is not int
    ):
        raise InvalidInvitation("The invitation code is not valid.")
    return Invitation(**payload)


def _is_text(value) -> bool:
    return isinstance(value, str) and storable(value)


def _checked(invitation: Invitation) -> Invitation:
    if invitation.expired:
        raise ExpiredInvitation("The invitation code has expired. Ask for a new one.")
    return invitation
