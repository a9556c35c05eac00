"""Hostile path segments, query parameters and headers on the REST resources: ids that are not
numbers (or are far too large), paging parameters of any text, credentials and node tokens of
any shape. Never a 5xx the contract does not allow, always Jira's error body, nothing written."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from . import strategies as hs
from .conftest import HOSTILE, check_answer

BY_ID = [
    ("GET", ""), ("PUT", ""), ("DELETE", ""), ("GET", "/invitation"), ("POST", "/activate"),
    ("POST", "/deactivate"), ("POST", "/check"), ("GET", "/rules"), ("PUT", "/rules"),
]
KINDS = st.sampled_from(["pending", "basic", "local"])
# Latin-1 without line breaks: what a WSGI server can hand over as a header value.
header_text = st.text(st.characters(max_codepoint=0xFF, exclude_characters="\r\n"), max_size=300)


@HOSTILE
@given(route=st.sampled_from(BY_ID), kind=KINDS, real=st.booleans(), segment=hs.path_segments,
       body=st.none() | hs.json_values)
def test_connection_ids(probe, route, kind, real, segment, body):
    """With ``real``, the path names a seeded connection; else anything in its place."""
    method, suffix = route
    ids = probe.seed()
    segment = str(ids[kind]) if real else hs.quoted(segment)
    extra = {} if body is None else {"json": body}
    probe.send(method, f"/connections/{segment}{suffix}", remote=suffix == "/check", **extra)


@HOSTILE
@given(params=st.dictionaries(st.sampled_from(["startAt", "maxResults", "startat", "x"]), hs.query_values,
                              max_size=3),
       raw=st.none() | st.binary(max_size=200).map(lambda data: data.decode("latin-1").replace("#", "")))
def test_paging_parameters(probe, params, raw):
    response = probe.send("GET", "/connections", query_string=params if raw is None else raw)
    if response.status_code == 200:
        page = response.get_json()
        assert len(page["results"]) <= page["maxResults"]
        assert page["isLast"] == (page["startAt"] + len(page["results"]) >= page["total"])


@HOSTILE
@given(scheme=st.sampled_from(["Basic", "basic", "Bearer", "", "Digest"]),
       username=st.just("admin") | header_text, password=st.just("admin") | header_text, raw=st.none() | header_text,
       route=st.sampled_from([("GET", "/settings"), ("PUT", "/settings"), ("GET", "/rest/api/2/myself"),
                              ("POST", "/rest/api/2/project"), ("GET", "/connections")]))
def test_credentials(probe, scheme, username, password, raw, route):
    """Credentials of any shape: refused with 401 (or 403 once a name is throttled), never a 5xx."""
    if raw is None:
        token = base64.b64encode(f"{username}:{password}".encode("latin-1")).decode()
        raw = f"{scheme} {token}"
    method, path = route
    response = probe.send(method, path, admin=False, headers={"Authorization": raw}, json={})
    assert response.status_code in (200, 400, 401, 403), response.get_data(as_text=True)


@HOSTILE
@given(uid=hs.path_segments | st.text("0123456789abcdef", min_size=32, max_size=32),
       token=st.none() | header_text | hs.garbage_codes.filter(lambda code: "\n" not in code and "\r" not in code
                                                               and all(ord(c) < 256 for c in code)))
def test_node_tokens(probe, uid, token):
    headers = {} if token is None else {"X-exalate-jwt": token}
    probe.send("GET", f"/node/connections/{hs.quoted(uid)}", admin=False, headers=headers)


def test_check_answer_catches_a_server_error(app):
    """The probe's check fails on what it is meant to catch (a test that cannot fail is no test)."""
    response = app.response_class('{"message": "boom"}', status=500, mimetype="application/json")
    try:
        check_answer(response)
    except AssertionError:
        return
    raise AssertionError("check_answer let a 500 through")
