"""Invitation codes: signed by the initiator, readable by anyone, verifiable only with the key."""

from __future__ import annotations

import base64
import json
import time
import tracemalloc
import zlib

import pytest
from itsdangerous import URLSafeSerializer

from plugin.exalate.invitations import (
    MAX_CODE_LENGTH,
    SALT,
    ExpiredInvitation,
    InvalidInvitation,
    Invitation,
    read,
    sign,
    verify,
)

KEY = "initiator-secret-key"


def invitation(**changes) -> Invitation:
    fields = {
        "id": "0" * 32,
        "initiator_url": "http://jira-a.test:2990",
        "connection_uid": "1" * 32,
        "type": "PRIVATE",
        "mode": "SCRIPT",
        "name": "JiraA_to_JiraB",
        "local_short_name": "JiraA",
        "remote_short_name": "JiraB",
        "description": "",
        "secret": "shared-secret",
        "expires_at": int(time.time()) + 3600,
    }
    return Invitation(**{**fields, **changes})


def unsigned(payload) -> str:
    """A code in the serializer's format whose signature is made up."""
    data = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"{data}.bm90LWEtc2lnbmF0dXJl"


def test_sign_then_verify_gives_the_invitation_back():
    original = invitation()
    assert verify(sign(original, KEY), KEY) == original


def test_anyone_can_read_a_code_without_the_key():
    original = invitation(description="Escalations: «urgent»")
    assert read(sign(original, KEY)) == original


def test_a_code_is_url_safe_text():
    code = sign(invitation(), KEY)
    assert code.replace("-", "").replace("_", "").replace(".", "").isalnum()


def test_verify_refuses_another_key():
    with pytest.raises(InvalidInvitation):
        verify(sign(invitation(), KEY), "another-key")


def test_a_flipped_signature_character_is_refused():
    payload, signature = sign(invitation(), KEY).rsplit(".", 1)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    with pytest.raises(InvalidInvitation):
        verify(f"{payload}.{flipped}", KEY)


def test_a_changed_payload_with_the_old_signature_is_refused():
    signature = sign(invitation(), KEY).rsplit(".", 1)[1]
    other_payload = sign(invitation(name="Hijacked"), KEY).rsplit(".", 1)[0]
    with pytest.raises(InvalidInvitation):
        verify(f"{other_payload}.{signature}", KEY)
    assert read(f"{other_payload}.{signature}").name == "Hijacked"  # readable, but never verified


def test_a_forged_code_can_be_read_but_not_verified():
    code = sign(invitation(initiator_url="http://evil.test"), "forger-key")
    assert read(code).initiator_url == "http://evil.test"
    with pytest.raises(InvalidInvitation):
        verify(code, KEY)


def test_the_initiator_refuses_an_expired_code():
    with pytest.raises(ExpiredInvitation, match="expired"):
        verify(sign(invitation(expires_at=int(time.time()) - 1), KEY), KEY)


def test_the_acceptor_sees_that_a_code_has_expired():
    with pytest.raises(ExpiredInvitation, match="expired"):
        read(sign(invitation(expires_at=int(time.time()) - 1), KEY))


def test_expiry_is_checked_after_the_signature():
    code = sign(invitation(expires_at=int(time.time()) - 1), KEY)
    with pytest.raises(InvalidInvitation) as caught:
        verify(code, "another-key")
    assert not isinstance(caught.value, ExpiredInvitation)


def test_a_code_is_valid_until_it_expires():
    assert verify(sign(invitation(expires_at=int(time.time()) + 5), KEY), KEY).expired is False


@pytest.mark.parametrize(
    "code",
    ["", "garbage", ".", "..", "a.b", "a.b.c", "é.ü", "\x00", "." + "A" * 200 + ".sig",
     unsigned([1, 2, 3]), unsigned({"id": "x"}), unsigned("text"), unsigned(None),
     unsigned({**invitation().__dict__, "expires_at": "tomorrow"}),
     unsigned({**invitation().__dict__, "name": 5}),
     unsigned({**invitation().__dict__, "extra": "field"})],
)
def test_garbage_is_refused_by_read_and_verify(code):
    with pytest.raises(InvalidInvitation):
        read(code)
    with pytest.raises(InvalidInvitation):
        verify(code, KEY)


def test_a_compressed_payload_of_the_wrong_shape_is_refused():
    payload = base64.urlsafe_b64encode(zlib.compress(b'["not", "an", "invitation"]')).decode().rstrip("=")
    with pytest.raises(InvalidInvitation):
        read(f".{payload}.c2ln")


BOMB_BYTES = 64 * 1024 * 1024  # inflates to 64 MB; compressed, about 64 KB


def _bomb(signed_with: str | None = None) -> str:
    """A code whose payload inflates to ``BOMB_BYTES`` of JSON, signed with ``signed_with`` if given."""
    inflated = b'{"description": "' + b" " * BOMB_BYTES + b'"}'
    payload = "." + base64.urlsafe_b64encode(zlib.compress(inflated, 9)).decode().rstrip("=")
    if signed_with is None:
        return f"{payload}.c2ln"
    signer = URLSafeSerializer(signed_with, salt=SALT).make_signer()
    return f"{payload}.{signer.get_signature(payload.encode()).decode()}"


def _peak_bytes(call) -> int:
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("check", [read, lambda code: verify(code, KEY)], ids=["read", "verify"])
def test_a_compressed_code_is_never_inflated_beyond_the_payload_limit(check):
    code = _bomb(signed_with=KEY)

    def refused():
        with pytest.raises(InvalidInvitation, match="not valid"):
            check(code)

    assert _peak_bytes(refused) < BOMB_BYTES // 16


def test_a_code_with_a_forged_signature_is_refused_by_the_initiator_before_it_is_inflated():
    code = _bomb()

    def refused():
        with pytest.raises(InvalidInvitation, match="not valid"):
            verify(code, KEY)

    assert _peak_bytes(refused) < BOMB_BYTES // 16


def test_a_code_longer_than_any_invitation_is_refused_unread():
    code = unsigned({"description": "x" * MAX_CODE_LENGTH})
    with pytest.raises(InvalidInvitation, match="not valid"):
        read(code)


def test_the_largest_genuine_invitation_fits_the_limits():
    astral = "\U0001F600"  # escaped in the JSON as 12 characters
    largest = invitation(name=astral * 255, description=astral * 4000, initiator_url="http://" + "x" * 248,
                         secret="s" * 128)
    code = sign(largest, KEY)
    assert len(code) <= MAX_CODE_LENGTH
    assert read(code) == largest == verify(code, KEY)


@pytest.mark.parametrize("field", ["name", "secret", "expires_at"])
def test_a_field_nested_as_deep_as_json_allows_is_refused_not_walked(field):
    """A code is read before anyone vouches for it: a field that is a list 600 deep is refused
    as it came, never copied field by field (which would recurse past Python's limit)."""
    nested: object = []
    for _ in range(600):
        nested = [nested]
    payload = {**invitation().__dict__, field: nested}
    code = URLSafeSerializer("anyone's key", salt=SALT).dumps(payload)
    with pytest.raises(InvalidInvitation):
        read(code)
    with pytest.raises(InvalidInvitation):
        verify(URLSafeSerializer(KEY, salt=SALT).dumps(payload), KEY)


@pytest.mark.parametrize("change", [{"expires_at": True}, {"extra": "x"}, {"id": 7}])
def test_a_payload_with_other_fields_or_types_is_refused(change):
    payload = {**invitation().__dict__, **change}
    with pytest.raises(InvalidInvitation):
        read(URLSafeSerializer("anyone's key", salt=SALT).dumps(payload))
