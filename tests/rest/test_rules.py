"""GET/PUT /connections/{id}/rules: default sync rules, editable in Script mode, read-only in Basic."""

from __future__ import annotations

import re

import pytest
from factories import ADMIN, REST

from .helpers import assert_error

BASIC_RULES = "You cannot modify Sync Rules in Basic Mode."
SYNCED_FIELDS = ["summary", "description", "comments", "labels", "attachments"]


def rules_of(client, connection_id):
    response = client.get(REST + f"/connections/{connection_id}/rules", headers=ADMIN)
    assert response.status_code == 200
    return response.get_json()


def first_sync_block(incoming: str) -> str:
    match = re.search(r"if\s*\(\s*firstSync\s*\)\s*\{(.*?)\n\}", incoming, re.S)
    assert match, incoming
    return match.group(1)


@pytest.mark.parametrize("project_key", ["DEMO", "SUP"])
def test_incoming_rules_create_issues_in_the_chosen_project(client, create_connection, project_key):
    connection = create_connection(projectKey=project_key)["connection"]
    block = first_sync_block(rules_of(client, connection["id"])["incoming"])
    assert re.search(r'issue\.projectKey\s*=\s*"' + project_key + '"', block)


@pytest.mark.parametrize("field", SYNCED_FIELDS)
def test_outgoing_rules_send_the_default_fields(client, create_connection, field):
    connection = create_connection()["connection"]
    outgoing = rules_of(client, connection["id"])["outgoing"]
    assert re.search(rf"^replica\.{field}\s*=\s*issue\.{field}\s*$", outgoing, re.M)


@pytest.mark.parametrize("field", SYNCED_FIELDS)
def test_incoming_rules_apply_the_default_fields(client, create_connection, field):
    connection = create_connection()["connection"]
    incoming = rules_of(client, connection["id"])["incoming"]
    assert re.search(rf"^issue\.{field}\s*=.*replica", incoming, re.M)


def test_rules_are_exactly_outgoing_and_incoming(client, create_connection):
    connection = create_connection()["connection"]
    assert set(rules_of(client, connection["id"])) == {"outgoing", "incoming"}


def test_script_rules_can_be_edited(client, create_connection):
    connection = create_connection()["connection"]
    new_rules = {"outgoing": "replica.summary = issue.summary\n", "incoming": "issue.summary = replica.summary\n"}
    response = client.put(REST + f"/connections/{connection['id']}/rules", json=new_rules, headers=ADMIN)
    assert response.status_code == 200
    assert response.get_json() == new_rules
    assert rules_of(client, connection["id"]) == new_rules


def test_one_script_can_be_edited_alone(client, create_connection):
    connection = create_connection()["connection"]
    before = rules_of(client, connection["id"])
    client.put(REST + f"/connections/{connection['id']}/rules", json={"incoming": "// nothing"}, headers=ADMIN)
    after = rules_of(client, connection["id"])
    assert after == {"outgoing": before["outgoing"], "incoming": "// nothing"}


def test_scripts_keep_their_whitespace(client, create_connection):
    connection = create_connection()["connection"]
    script = "\n  replica.summary = issue.summary  \n\n"
    client.put(REST + f"/connections/{connection['id']}/rules", json={"outgoing": script}, headers=ADMIN)
    assert rules_of(client, connection["id"])["outgoing"] == script


def test_basic_rules_are_read_only(client, create_connection):
    connection = create_connection(mode="BASIC")["connection"]
    before = rules_of(client, connection["id"])
    response = client.put(REST + f"/connections/{connection['id']}/rules", json={"outgoing": "x"}, headers=ADMIN)
    assert_error(response, 400, message=BASIC_RULES)
    assert rules_of(client, connection["id"]) == before


def test_an_empty_update_names_the_scripts(client, create_connection):
    connection = create_connection()["connection"]
    response = client.put(REST + f"/connections/{connection['id']}/rules", json={}, headers=ADMIN)
    assert_error(response, 400, "outgoing")


@pytest.mark.parametrize(("body", "field"), [({"outgoing": 5}, "outgoing"), ({"incoming": ["x"]}, "incoming"),
                                             ({"outgoing": "ok", "incoming": {"a": 1}}, "incoming")])
def test_scripts_must_be_text_and_nothing_changes(client, create_connection, body, field):
    connection = create_connection()["connection"]
    before = rules_of(client, connection["id"])
    response = client.put(REST + f"/connections/{connection['id']}/rules", json=body, headers=ADMIN)
    assert_error(response, 400, field)
    assert rules_of(client, connection["id"]) == before


def test_scripts_have_a_size_limit(client, create_connection):
    connection = create_connection()["connection"]
    response = client.put(REST + f"/connections/{connection['id']}/rules", json={"outgoing": "x" * 200_001},
                          headers=ADMIN)
    assert_error(response, 400, "outgoing")


def test_rules_body_must_be_a_json_object(client, create_connection):
    connection = create_connection()["connection"]
    response = client.put(REST + f"/connections/{connection['id']}/rules", data='["x"]',
                          content_type="application/json", headers=ADMIN)
    assert_error(response, 400)


def test_a_script_that_does_not_parse_is_refused_with_its_side_line_and_column(client, create_connection):
    connection = create_connection()["connection"]
    before = rules_of(client, connection["id"])
    response = client.put(REST + f"/connections/{connection['id']}/rules", headers=ADMIN,
                          json={"outgoing": "replica.summary = issue.summary\n", "incoming": "issue.key = = 1"})
    body = assert_error(response, 400, "incoming")
    assert body["errors"] == {"incoming": "line 1, column 13: Unexpected input: '='"}
    assert rules_of(client, connection["id"]) == before


def test_both_scripts_that_do_not_parse_are_named(client, create_connection):
    connection = create_connection()["connection"]
    response = client.put(REST + f"/connections/{connection['id']}/rules", headers=ADMIN,
                          json={"outgoing": 'def x = "open', "incoming": "if (firstSync) {"})
    body = assert_error(response, 400, "outgoing", "incoming")
    assert body["errors"]["outgoing"].startswith("line 1, column 9: ")


def test_a_script_that_parses_is_saved_even_if_it_would_fail_when_run(client, create_connection):
    connection = create_connection()["connection"]
    failing = 'replica.summry = issue.summary\ndebug.error("not yet")\n'
    response = client.put(REST + f"/connections/{connection['id']}/rules", json={"outgoing": failing}, headers=ADMIN)
    assert response.status_code == 200
    assert rules_of(client, connection["id"])["outgoing"] == failing


def test_text_the_parser_fails_on_is_refused_in_words(client, create_connection, monkeypatch):
    from plugin.exalate.scripting import world

    def broken(source):
        raise AttributeError("'NoneType' object has no attribute 'group'")
    monkeypatch.setattr(world, "compile_script", broken)
    connection = create_connection()["connection"]
    response = client.put(REST + f"/connections/{connection['id']}/rules", json={"outgoing": "À"}, headers=ADMIN)
    body = assert_error(response, 400, "outgoing")
    assert body["errors"] == {"outgoing": "The script could not be parsed (AttributeError)."}
