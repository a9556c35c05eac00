"""Triggers' queries and notes are typed by people: stored through REST or typed into the form and shown again
with an error, they come back escaped on every page that shows them; hostile bodies on the trigger
resources are refused in Jira's words and write nothing."""

from __future__ import annotations

import pytest
from factories import ADMIN, REST
from hypothesis import given
from hypothesis import strategies as st

from plugin.web import exalate as current_exalate

from . import strategies as hs
from .conftest import HOSTILE
from .test_escaping import PAYLOAD, SERVLET, TEXTAREA_PAYLOAD, assert_escaped, token


def jql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def seeded_trigger(probe, connection_id: int) -> int:
    """A trigger of the seeded local connection, made again if an example deleted it."""
    with probe.app.app_context():
        triggers = current_exalate().triggers
        existing = triggers.list()
        if existing:
            return existing[0].id
        return triggers.create(connection_id, query="project = DEMO").id


@pytest.fixture
def stored(probe):
    """A trigger whose query and notes carry the payloads, stored through REST; its id and values."""
    connection_id = probe.seed()["local"]
    values = {"query": "summary ~ " + jql_string(PAYLOAD), "notes": TEXTAREA_PAYLOAD}
    response = probe.client.post(f"{REST}/connections/{connection_id}/triggers", json=values, headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"], connection_id, values


def test_queries_and_notes_stored_through_rest(stored, admin_client):
    trigger_id, connection_id, values = stored
    pages = {
        f"{SERVLET}/triggers": (values["query"], values["notes"]),
        f"{SERVLET}/triggers/{trigger_id}": (values["query"], values["notes"]),
        f"{SERVLET}/triggers/{trigger_id}/delete": (values["query"],),
        f"{SERVLET}/connections/{connection_id}": (values["query"], values["notes"]),
    }
    for path, shown in pages.items():
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.get_data(as_text=True), *shown, page=path)


@HOSTILE
@given(value=st.sampled_from([PAYLOAD, TEXTAREA_PAYLOAD, "x" * 300 + PAYLOAD])
       | hs.hostile_text.filter(lambda text: len(text) < 5000).map(lambda text: text + PAYLOAD))
def test_queries_and_notes_typed_into_the_form(probe, admin_client, value):
    """The form shown again after a refusal: the typed query (and the JQL error quoting it) and notes."""
    connection_id = probe.seed()["local"]
    trigger_id = seeded_trigger(probe, connection_id)
    create, edit = f"{SERVLET}/triggers/create", f"{SERVLET}/triggers/{trigger_id}"
    forms = [
        (create, {"connection": str(connection_id), "query": value, "notes": value}),
        (create, {"connection": str(connection_id), "query": f"foo{value} = x", "notes": value}),
        (create, {"connection": value, "entityType": value, "query": "project = DEMO", "notes": value}),
        (edit, {"connection": value, "query": "labels = " + jql_string(value), "notes": value}),
    ]
    for action, fields in forms:
        response = admin_client.post(action, data={"atl_token": token(admin_client, create), **fields})
        assert response.status_code < 500, f"{action}: HTTP {response.status_code}"
        if response.status_code in (302, 303):
            continue  # saved: shown by the pages below
        assert_escaped(response.get_data(as_text=True), fields["notes"], page=f"{action} after {sorted(fields)}")
    for path in (f"{SERVLET}/triggers", f"{SERVLET}/connections/{connection_id}"):
        assert_escaped(admin_client.get(path).get_data(as_text=True), page=path)


TRIGGER_FIELDS = {
    "query": st.sampled_from(["project = DEMO", "labels = sync", "project = NOPE", "foo = bar", ""]) | st.text(
        max_size=30),
    "notes": st.text(max_size=30),
    "active": st.booleans(),
    "entityType": st.sampled_from(["issue", "Issue", "sprint"]),
}


@HOSTILE
@given(data=st.data())
def test_hostile_bodies_on_a_new_trigger(probe, data):
    body = data.draw(hs.json_bodies(TRIGGER_FIELDS), label="body")
    probe.send("POST", f"/connections/{probe.seed()['local']}/triggers", json=body)


@HOSTILE
@given(data=st.data())
def test_hostile_bodies_on_a_trigger_changed(probe, data):
    connection_id = probe.seed()["local"]
    fields = {**TRIGGER_FIELDS, "connection": st.sampled_from([connection_id, 0, -1, 2**31, "seed", ""])
              | st.text(max_size=20)}
    body = data.draw(hs.json_bodies(fields), label="body")
    probe.send("PUT", f"/triggers/{seeded_trigger(probe, connection_id)}", json=body)


@HOSTILE
@given(raw=hs.raw_bytes, content_type=hs.content_types, no_check=st.booleans())
def test_raw_bodies_on_a_new_trigger(probe, raw, content_type, no_check):
    headers = {"X-Atlassian-Token": "no-check"} if no_check else {}
    probe.send("POST", f"/connections/{probe.seed()['local']}/triggers", data=raw, content_type=content_type,
               headers=headers)
