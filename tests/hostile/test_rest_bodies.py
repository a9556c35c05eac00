"""Hostile bodies and content types on every REST resource that reads a body: never a 5xx (but
for another node failing, where the contract says 502/504), always Jira's error body, and
nothing written by a request that was refused."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from factories import OWN_URL, URL_B
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as hs
from .conftest import HOSTILE

URLS = st.sampled_from([OWN_URL, OWN_URL + "/", URL_B, "https://unknown.test"])
PROJECT_KEYS = st.sampled_from(["DEMO", "SUP"])
SHORT_NAMES = st.sampled_from(["JiraA", "JiraB", "a.b-c_1"])
NAMES = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)
MODES = st.sampled_from(["BASIC", "VISUAL", "SCRIPT"])
HEX_UID = st.text("0123456789abcdef", min_size=32, max_size=32)
# Stands for the invitation code of the seeded Pending connection, known only once seeded.
SEEDED_CODE = "{seeded invitation code}"
CODES = st.just(SEEDED_CODE) | hs.garbage_codes


@dataclass(frozen=True)
class Resource:
    """A REST resource that reads a body, with valid values for its fields to mix with hostile
    ones. ``{pending}``, ``{basic}``, ``{local}`` in the path are seeded connections' ids."""

    method: str
    path: str
    fields: dict = field(default_factory=dict)
    remote: bool = False  # names another node, which may fail: 502/504 allowed
    public: bool = False  # answers without a Jira user

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


RESOURCES = [
    Resource("PUT", "/settings", {"exalateUrl": URLS, "public": st.booleans(), "syncWorkers": st.booleans()}),
    Resource("PUT", "/license", {
        "type": st.sampled_from(["EVALUATION", "PAID", "FREE", "NONE"]),
        "expiresAt": st.sampled_from(["2030-01-01T00:00:00+00:00", "2030-01-01T00:00:00.000+0000",
                                      "2020-01-01T00:00:00Z"]),
    }),
    Resource("POST", "/compatibility", {"destinationUrl": st.none() | URLS}),
    Resource("POST", "/connections", {
        "destinationUrl": st.none() | URLS,
        "mode": MODES,
        "localShortName": SHORT_NAMES,
        "remoteShortName": SHORT_NAMES,
        "name": NAMES,
        "description": st.text(max_size=20),
        "projectKey": PROJECT_KEYS,
        "destinationProjectKey": PROJECT_KEYS,
        "destinationAdmin": st.just({"username": "admin", "password": "admin"}) | hs.field_bodies({
            "username": st.just("admin"), "password": st.just("admin")}),
    }, remote=True),
    Resource("PUT", "/connections/{pending}", {"name": NAMES, "description": st.text(max_size=20), "mode": MODES}),
    Resource("PUT", "/connections/{local}/rules", {"outgoing": st.text(max_size=50), "incoming": st.text(max_size=50)}),
    Resource("PUT", "/connections/{basic}/rules", {"outgoing": st.text(max_size=50)}),
    Resource("POST", "/connections/{local}/test-run", {
        "issueKey": st.text(max_size=12), "outgoing": st.text(max_size=50), "incoming": st.text(max_size=50)}),
    Resource("POST", "/connections/{local}/bulk-connect", {"pairs": st.lists(hs.field_bodies({
        "localIssueKey": st.sampled_from(["DEMO-1", " demo-1 ", ""]) | st.text(max_size=40),
        "remoteIssueKey": st.sampled_from(["SUP-1", " sup-1", ""]) | st.text(max_size=40)}), max_size=4)}),
    Resource("POST", "/invitations/accept", {"invitationCode": CODES, "projectKey": PROJECT_KEYS}, remote=True),
    Resource("POST", "/node/handshake", {
        "invitationCode": CODES,
        "acceptor": st.fixed_dictionaries({}, optional={"url": URLS, "connectionUid": HEX_UID}),
    }, public=True),
    Resource("POST", "/rest/api/2/project", {
        "key": st.sampled_from(["DEMO", "NEW", "AB", "X1_"]),
        "name": NAMES,
        "lead": st.sampled_from(["admin", "user"]),
        "description": st.text(max_size=20),
    }),
    Resource("POST", "/rest/auth/1/session", {"username": st.just("admin"), "password": st.just("admin")},
             public=True),
]


def _with_code(value, code: str | None):
    if value == SEEDED_CODE:
        return code
    if isinstance(value, dict):
        return {key: _with_code(item, code) for key, item in value.items()}
    return value


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
@HOSTILE
@given(data=st.data())
def test_json_bodies(probe, resource, data):
    body = data.draw(hs.json_bodies(resource.fields), label="body")
    ids = probe.seed()
    body = _with_code(body, probe.invitation_code(ids["pending"]))
    probe.send(resource.method, resource.path.format(**ids), json=body, remote=resource.remote,
               admin=not resource.public)


@pytest.mark.parametrize("resource", RESOURCES, ids=str)
@HOSTILE
@given(raw=hs.raw_bytes, content_type=hs.content_types, no_check=st.booleans())
def test_raw_bodies(probe, resource, raw, content_type, no_check):
    ids = probe.seed()
    headers = {"X-Atlassian-Token": "no-check"} if no_check else {}
    probe.send(resource.method, resource.path.format(**ids), data=raw, content_type=content_type, headers=headers,
               remote=resource.remote, admin=not resource.public)
