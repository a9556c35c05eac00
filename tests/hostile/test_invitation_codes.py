"""Invitation codes of any length and shape, real codes with random edits, codes signed by a
hostile initiator, and hostile node tokens: the acceptor and the initiator refuse them with a
400 naming ``invitationCode`` (a 409 for a real code already used), never a 5xx, and nothing
is written by a refusal."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest
from factories import ADMIN, REST, URL_B, initiate_body
from hypothesis import given
from hypothesis import strategies as st

from plugin.exalate import invitations
from plugin.fields import DESCRIPTION_MAX, SHORT_NAME_PATTERN

from . import strategies as hs
from .conftest import HOSTILE

EVIL = "http://evil.test:2990"  # an initiator that agrees to any handshake
HEX_UID = "0123456789abcdef" * 2
ACCEPTOR = {"url": "http://jira-a.test:2990", "connectionUid": HEX_UID}


def issue(probe_b) -> str:
    """A fresh invitation code from B (a private Script connection: no destination to reach)."""
    name = f"to-A-{len(probe_b.snapshot()['connections']):06d}"
    response = probe_b.client.post(REST + "/connections", json=initiate_body(name=name), headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["invitationCode"]


def accept(probe, code, project_key="DEMO"):
    return probe.send("POST", "/invitations/accept", json={"invitationCode": code, "projectKey": project_key},
                      remote=True)


def assert_refused(response, *statuses):
    assert response.status_code in statuses, response.get_data(as_text=True)
    assert response.get_json()["errors"].get("invitationCode"), response.get_json()


def assert_code_refused(probe, body: dict, response) -> None:
    """Refused for its code with a 400; or, for a body longer than the limit (a long code escaped in
    JSON), refused unread with a 413."""
    if len(probe.app.json.dumps(body)) > probe.app.config["MAX_CONTENT_LENGTH"]:
        assert response.status_code == 413, response.get_data(as_text=True)[:500]
    else:
        assert_refused(response, 400)


@HOSTILE
@given(code=hs.garbage_codes)
def test_garbage_codes_to_accept(probe, probe_b, code):
    body = {"invitationCode": code, "projectKey": "DEMO"}
    assert_code_refused(probe, body, accept(probe, code))


@HOSTILE
@given(code=hs.garbage_codes)
def test_garbage_codes_to_handshake(probe_b, code):
    body = {"invitationCode": code, "acceptor": ACCEPTOR}
    assert_code_refused(probe_b, body, probe_b.send("POST", "/node/handshake", json=body, admin=False))


@HOSTILE
@given(data=st.data())
def test_edited_codes(probe, probe_b, data):
    """A fresh code with one edit is refused (or, if the edit changed nothing that counts, accepted
    like the real one); an edited code of an invitation already accepted is never accepted."""
    code = issue(probe_b)
    edited = hs.mutate(code, data)
    response = accept(probe, edited)
    if response.status_code == 201:
        assert invitations.read(edited) == invitations.read(code)
    else:
        assert_refused(response, 400)
    if response.status_code != 201:
        assert accept(probe, code).status_code == 201
    again = accept(probe, hs.mutate(code, data))
    assert_refused(again, 400, 409)


@HOSTILE
@given(data=st.data())
def test_edited_codes_to_handshake(probe_b, data):
    code = issue(probe_b)
    edited = hs.mutate(code, data)
    response = probe_b.send("POST", "/node/handshake", json={"invitationCode": edited, "acceptor": ACCEPTOR},
                            admin=False)
    if response.status_code != 200:
        assert_refused(response, 400)


# ---------------------------------------------------------------- a hostile initiator

FIELDS = {
    "id": st.uuids().map(lambda value: value.hex),
    "initiator_url": st.just(EVIL),
    "connection_uid": st.just(HEX_UID),
    "type": st.sampled_from(["PUBLIC", "PRIVATE", "LOCAL"]),
    "mode": st.sampled_from(["BASIC", "SCRIPT", "VISUAL"]),
    "name": st.uuids().map(lambda value: f"evil {value}"),
    "local_short_name": st.sampled_from(["JiraB", "evil"]),
    "remote_short_name": st.sampled_from(["JiraA", "evil"]),
    "description": st.text(max_size=30),
    "secret": st.text(min_size=1, max_size=40),
    "expires_at": st.integers(2_000_000_000, 2**40),
}
SIGNED = {
    "id": "f" * 32, "initiator_url": EVIL, "connection_uid": HEX_UID, "type": "PUBLIC", "mode": "SCRIPT",
    "name": "evil", "local_short_name": "JiraB", "remote_short_name": "JiraA", "description": "", "secret": "s3cret",
    "expires_at": 2**40,
}
REPLIES = st.one_of(
    st.fixed_dictionaries({"url": st.just(EVIL) | hs.hostile_text, "connectionUid": st.just(HEX_UID),
                           "name": st.just("evil")}),
    hs.json_values,
)


def sign_as_evil(payload) -> str:
    """A code signed by the hostile node's own key. Plain ``json`` escapes everything to ASCII,
    so the payload can carry what itsdangerous would refuse to sign (half surrogate pairs)."""
    return invitations.URLSafeSerializer("evil key", salt=invitations.SALT, serializer=json).dumps(payload)


@HOSTILE
@given(payload=hs.spoiled_bodies(FIELDS) | st.fixed_dictionaries(FIELDS), status=st.sampled_from([200, 200, 201,
       400, 404, 409, 500, 302]), reply=REPLIES)
def test_codes_from_a_hostile_initiator(probe, network, payload, status, reply):
    """A node can sign whatever it likes with its own key and then agree to the handshake: the
    acceptor checks the invitation's contents as if they were typed."""
    network.mock.upsert("POST", re.compile(re.escape(EVIL) + r"/.*"), status=status, body=json.dumps(reply),
                        content_type="application/json")
    code = sign_as_evil(payload)
    response = accept(probe, code)
    if response.status_code < 400:
        connection = response.get_json()["connection"]
        assert connection["mode"] == payload["mode"] and connection["name"] == payload["name"].strip()
        assert SHORT_NAME_PATTERN.match(connection["remoteShortName"]), connection
        assert len(connection["description"]) <= DESCRIPTION_MAX and "\x00" not in connection["description"]


@pytest.mark.parametrize("field, value", [
    ("mode", "EVIL"), ("type", "LOCAL"), ("type", "EVIL"), ("local_short_name", "<script>"),
    ("remote_short_name", "a" * 65), ("name", "x" * 256), ("name", "a\x00b"), ("name", "\ud800"),
    ("description", "a\x00b"), ("description", "\udfff"), ("description", "d" * 4001), ("id", "y" * 10_000),
    ("connection_uid", "zz"), ("secret", ""), ("initiator_url", EVIL + "/" + "p" * 300),
])
def test_signed_contents_are_checked(probe, network, field, value):
    """What a hostile initiator signs is refused before anything is called or stored."""
    network.mock.upsert("POST", re.compile(re.escape(EVIL) + r"/.*"), json={"url": EVIL})
    payload = {**SIGNED, field: value}
    code = sign_as_evil(payload)
    assert_refused(accept(probe, code), 400)
    assert not network.mock.calls


def test_a_real_code_is_accepted_once(probe, probe_b):
    """The property tests above rest on this: a real code works, and then gives a 409."""
    code = issue(probe_b)
    assert accept(probe, code).status_code == 201
    assert_refused(accept(probe, code), 409)


# ------------------------------------------------------------------------ node tokens

latin1 = st.text(st.characters(max_codepoint=0xFF, exclude_characters="\r\n"), max_size=300)


@HOSTILE
@given(token=latin1 | hs.dotted | st.tuples(hs.base64ish, hs.base64ish, latin1).map(".".join))
def test_node_tokens_for_a_real_connection(probe, probe_b, token):
    """Tokens of any shape for a connection that exists: 401, never a 5xx."""
    uid = _accepted_uid(probe, probe_b)
    response = probe.send("GET", f"/node/connections/{uid}", admin=False, headers={"X-exalate-jwt": token})
    assert response.status_code == 401, response.get_data(as_text=True)


def _accepted_uid(probe, probe_b) -> str:
    """The uid of A's end of an accepted connection with B, made on first use."""
    with probe.app.app_context():
        from sqlalchemy import select

        from plugin.db import db
        from plugin.exalate.models import Connection

        uid = db.session.scalar(select(Connection.uid).where(Connection.remote_url == URL_B))
        db.session.remove()
    if uid is None:
        response = accept(probe, issue(probe_b))
        assert response.status_code == 201, response.get_data(as_text=True)
        return _accepted_uid(probe, probe_b)
    return uid


def test_invitation_fields_are_those_signed(probe, network):
    """``FIELDS`` and ``SIGNED`` stay in step with the invitation's own fields, and ``SIGNED`` is
    accepted: each refusal above is down to the one field it changes."""
    assert set(asdict(invitations.Invitation(**SIGNED))) == set(FIELDS) == set(SIGNED)
    network.mock.upsert("POST", re.compile(re.escape(EVIL) + r"/.*"), json={"url": EVIL})
    code = sign_as_evil(SIGNED)
    assert accept(probe, code).status_code == 201
