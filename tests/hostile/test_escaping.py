"""Everything a user (or another node) can type comes back escaped on every page that shows it:
values stored through REST, values typed into forms and shown again with an error, and the
login page's own fields. A page passes when no payload appears as markup and each value it
shows appears in its escaped form."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from factories import ADMIN, OWN_URL, REST, initiate_body
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from plugin.descriptor import load_descriptor

from . import strategies as hs
from .conftest import HOSTILE

SERVLET = load_descriptor().servlet_mount
UPM = "/plugins/servlet/upm"
# Markup that must never reach a page as markup.
ACTIVE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea><script>", "'\"&")
JAVASCRIPT_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
PAYLOAD = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'\"&javascript:alert(1)"
TEXTAREA_PAYLOAD = "</textarea><script>alert(1)</script>" + PAYLOAD
TOKEN = re.compile(r'name="atl_token" value="([^"]*)"')


def hostile(tag: str, payload: str = PAYLOAD) -> str:
    return f"{tag}{payload}"


def assert_escaped(html: str, *shown: str, page: str = "") -> None:
    for markup in ACTIVE:
        assert markup not in html, f"{markup!r} unescaped on {page}"
    assert not JAVASCRIPT_URL.search(html), f"a javascript: URL on {page}"
    for value in shown:
        assert str(escape(value)) in html, f"{value[:30]!r} is not shown (escaped) on {page}"


def token(client, path: str) -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


@pytest.fixture
def stored(probe, network):
    """Hostile values in every user-typed field, stored through REST; what each page shows."""
    rest = probe.client
    url = OWN_URL + "/" + hostile("u").replace(" ", "%20")
    values = {
        "url": url,
        "project": hostile("P"),
        "project_description": hostile("Pd"),
        "name": hostile("N"),
        "description": hostile("D", TEXTAREA_PAYLOAD),
        "local_name": hostile("L"),
        # Published rules must parse: the payload rides in a comment.
        "outgoing": "// " + hostile("O", TEXTAREA_PAYLOAD),
        "incoming": "// " + hostile("I", TEXTAREA_PAYLOAD),
    }

    def ok(response, status=200):
        assert response.status_code == status, response.get_data(as_text=True)
        return response.get_json()

    ok(rest.put(REST + "/settings", json={"exalateUrl": url, "public": True}, headers=ADMIN))
    ok(rest.post("/rest/api/2/project", json={"key": "XSS", "name": values["project"],
                                              "description": values["project_description"]}, headers=ADMIN), 201)
    pending = ok(rest.post(REST + "/connections", json=initiate_body(
        name=values["name"], description=values["description"]), headers=ADMIN), 201)["connection"]["id"]
    local = ok(rest.post(REST + "/connections", json=initiate_body(
        name=values["local_name"], destinationUrl=url, destinationProjectKey="XSS"), headers=ADMIN), 201)
    local = local["connection"]["id"]
    ok(rest.put(f"{REST}/connections/{local}/rules", json={"outgoing": values["outgoing"],
                                                          "incoming": values["incoming"]}, headers=ADMIN))
    return values, pending, local


def test_values_stored_through_rest(stored, admin_client):
    values, pending, local = stored
    pages = {
        f"{SERVLET}/connections": (values["name"], values["local_name"], values["url"]),
        f"{SERVLET}/connections/{pending}": (values["name"], values["description"]),
        f"{SERVLET}/connections/{local}": (values["local_name"], values["url"], values["outgoing"], values["incoming"]),
        f"{SERVLET}/connections/{pending}/initiated": (),
        f"{SERVLET}/connections/{local}/initiated": (values["local_name"],),
        f"{SERVLET}/connections/{pending}/delete": (values["name"],),
        f"{SERVLET}/general-settings": (values["url"],),
        f"{SERVLET}/license": (),
        UPM: (),
        f"{SERVLET}/connections/initiate": (),
        f"{SERVLET}/connections/accept": (),
    }
    for path, shown in pages.items():
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.get_data(as_text=True), *shown, page=path)


def test_project_names_in_the_initiate_wizard(stored, admin_client):
    values, _, _ = stored
    path = f"{SERVLET}/connections/initiate"
    response = admin_client.post(path, data={
        "atl_token": token(admin_client, path), "step": "info", "noUrl": "on", "destinationUrl": "",
        "mode": "SCRIPT", "connectionType": "PRIVATE", "localShortName": "JiraA", "remoteShortName": "JiraB",
        "name": "to-B", "description": "",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="projectKey"' in html, html[:2000]
    assert_escaped(html, f"{values['project']} (XSS)", page="the initiate wizard's project step")


# ------------------------------------------------------------- typed, then shown again


@HOSTILE
@given(value=st.sampled_from([PAYLOAD, TEXTAREA_PAYLOAD, "javascript:" + PAYLOAD, "x" * 300 + PAYLOAD])
       | hs.hostile_text.filter(lambda text: len(text) < 5000).map(lambda text: text + PAYLOAD))
def test_values_typed_into_forms(probe, admin_client, value):
    """Each form that shows what was typed when the backend refuses it."""
    ids = probe.seed()
    settings = f"{SERVLET}/general-settings"
    pending = f"{SERVLET}/connections/{ids['pending']}"
    initiate = f"{SERVLET}/connections/initiate"
    accept = f"{SERVLET}/connections/accept"
    too_long = value + "x" * 300  # a connection name the backend refuses
    # (the page with the form, where it posts, what is typed, which typed values the answer shows)
    forms = [
        (settings, settings, {"exalateUrl": value}, ("exalateUrl",)),
        (pending, pending, {"name": too_long, "description": value}, ("name", "description")),
        (pending, pending + "/rules", {"outgoing": value, "incoming": value}, ("outgoing", "incoming")),
        (initiate, initiate, {"step": "destination", "destinationUrl": value, "mode": "SCRIPT"}, ("destinationUrl",)),
        (initiate, initiate, {"step": "info", "noUrl": "on", "mode": "SCRIPT", "localShortName": value,
                              "remoteShortName": value, "name": too_long, "description": value},
         ("localShortName", "remoteShortName", "name", "description")),
        (initiate, initiate, {"step": "project", "noUrl": "on", "mode": "SCRIPT", "localShortName": "JiraA",
                              "remoteShortName": "JiraB", "name": too_long, "description": value,
                              "projectKey": value, "destinationProjectKey": value}, ("name", "description")),
        (accept, accept, {"step": "code", "invitationCode": value}, ("invitationCode",)),
        (accept, accept, {"step": "project", "invitationCode": value, "projectKey": value}, ("invitationCode",)),
    ]
    for page, action, fields, echoed in forms:
        response = admin_client.post(action, data={"atl_token": token(admin_client, page), **fields})
        assert response.status_code < 500, f"{action}: HTTP {response.status_code}"
        if response.status_code in (302, 303):
            continue  # saved (a URL or a rule script may be anything): shown by the pages below
        assert_escaped(response.get_data(as_text=True), *(fields[name] for name in echoed),
                       page=f"{action} after {sorted(fields)}")
    for path in (pending, settings, f"{SERVLET}/connections"):
        assert_escaped(admin_client.get(path).get_data(as_text=True), page=path)


@settings(HOSTILE, max_examples=20)  # each refused login checks a password hash, on purpose slowly
@given(username=hs.hostile_text.filter(lambda text: len(text) < 5000), destination=hs.hostile_text.filter(
    lambda text: len(text) < 5000))
def test_login_page(client, username, destination):
    shown = client.get(f"/login.jsp?os_destination={quote(destination + PAYLOAD)}")
    assert shown.status_code == 200
    assert_escaped(shown.get_data(as_text=True), destination + PAYLOAD, page="login page")
    refused = client.post("/login.jsp", data={"os_username": username + PAYLOAD, "os_password": "x",
                                              "os_destination": destination + PAYLOAD})
    assert refused.status_code in (401, 429)
    assert_escaped(refused.get_data(as_text=True), page="login page after a failed login")


@HOSTILE
@given(path=hs.path_segments, query=hs.query_values)
def test_page_paths_and_queries(admin_client, path, query):
    """Anything in a page's path or query string: never a 5xx, never reflected as markup."""
    for url in (f"{SERVLET}/connections/{hs.quoted(path + PAYLOAD)}", f"{SERVLET}/connections?startAt={quote(query)}",
                f"{SERVLET}/{hs.quoted(path)}?x={quote(PAYLOAD)}", f"{SERVLET}/connections/{hs.quoted(path)}/delete"):
        response = admin_client.get(url)
        assert response.status_code < 500, f"{url[:200]}: HTTP {response.status_code}"
        assert_escaped(response.get_data(as_text=True), page=url[:200])
