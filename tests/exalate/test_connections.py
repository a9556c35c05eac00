"""Connections in the backend: an operation that fails leaves the database exactly as it was;
unknown ids are not found, pages count everything; a local connection is active at once."""

from __future__ import annotations

import pytest
from factories import OWN_URL, committed, initiate
from sqlalchemy import delete

from plugin.db import db
from plugin.errors import Conflict, NotFound, ValidationFailed
from plugin.exalate import connections
from plugin.exalate.models import Connection


def test_seeds_no_connections(exalate):
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_refused_initiation_stores_nothing(exalate):
    with pytest.raises(ValidationFailed) as caught:
        initiate(exalate, project_key="NOPE", local_short_name="bad name")
    assert set(caught.value.field_errors) == {"project_key", "local_short_name"}
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_name_clash_found_only_by_the_database_stores_nothing(exalate, monkeypatch):
    """Two initiations racing past the name check: the unique index refuses the second."""
    initiate(exalate)
    monkeypatch.setattr(connections, "name_errors", lambda *args, **kwargs: {})
    with pytest.raises(ValidationFailed) as caught:
        initiate(exalate, name="JIRAA_TO_JIRAB")
    assert "name" in caught.value.field_errors
    assert committed("SELECT name FROM connections") == [("JiraA_to_JiraB",)]
    assert exalate.connections.list().total == 1  # the session is usable again


def test_a_refused_rename_changes_nothing(exalate):
    first = initiate(exalate, name="First").connection.id
    second = initiate(exalate, name="Second").connection.id
    with pytest.raises(ValidationFailed):
        exalate.connections.update(second, name="first", description="changed")
    assert committed(f"SELECT name, description FROM connections WHERE id = {second}") == [("Second", "")]
    assert committed(f"SELECT name FROM connections WHERE id = {first}") == [("First",)]


def test_a_refused_mode_change_changes_nothing(exalate):
    connection_id = initiate(exalate).connection.id
    with pytest.raises(ValidationFailed) as caught:
        exalate.connections.update(connection_id, name="Renamed", mode="BASIC")
    assert caught.value.field_errors["mode"].startswith("You cannot toggle between the different modes")
    assert committed(f"SELECT name, mode FROM connections WHERE id = {connection_id}") == [
        ("JiraA_to_JiraB", "SCRIPT")]


def test_a_half_valid_rules_update_changes_nothing(exalate):
    connection_id = initiate(exalate).connection.id
    before = committed(f"SELECT outgoing_rules, incoming_rules FROM connections WHERE id = {connection_id}")
    with pytest.raises(ValidationFailed) as caught:
        exalate.connections.update_rules(connection_id, outgoing="replica.summary = issue.summary",
                                         incoming="issue.summary = \x00")
    assert set(caught.value.field_errors) == {"incoming"}
    assert committed(f"SELECT outgoing_rules, incoming_rules FROM connections WHERE id = {connection_id}") == before


def test_basic_rules_are_refused_by_the_backend(exalate):
    connection_id = initiate(exalate, mode="BASIC").connection.id
    with pytest.raises(ValidationFailed, match="You cannot modify Sync Rules in Basic Mode."):
        exalate.connections.update_rules(connection_id, outgoing="x")


def test_a_pending_connection_cannot_be_activated(exalate):
    connection_id = initiate(exalate).connection.id
    with pytest.raises(Conflict):
        exalate.connections.activate(connection_id)
    assert committed("SELECT status FROM connections") == [("PENDING",)]


def test_a_deleted_connection_is_gone(exalate):
    connection_id = initiate(exalate).connection.id
    exalate.connections.delete(connection_id)
    assert committed("SELECT count(*) FROM connections") == [(0,)]
    with pytest.raises(NotFound):
        exalate.connections.get(connection_id)


@pytest.mark.parametrize("connection_id", [0, -1, 2**53 + 1, 10**30])
def test_unknown_or_odd_ids_are_not_found(exalate, connection_id):
    with pytest.raises(NotFound):
        exalate.connections.get(connection_id)


def test_a_page_counts_every_connection_and_reads_only_its_own(exalate):
    for number in range(3):
        initiate(exalate, name=f"Connection {number}")
    page = exalate.connections.list(start_at=1, max_results=1)
    assert ([c.name for c in page.results], page.total, page.is_last) == (["Connection 1"], 3, False)


def test_a_local_connection_is_active_with_both_ends_on_this_instance(exalate):
    initiated = initiate(exalate, destination_url=OWN_URL, destination_project_key="SUP")
    assert initiated.invitation_code is None
    assert committed("SELECT status, type, remote_url, invitation_code FROM connections") == [
        ("ACTIVE", "LOCAL", OWN_URL, None)]


CHANGES = {
    "activate": lambda connections, i: connections.activate(i),
    "deactivate": lambda connections, i: connections.deactivate(i),
    "rename": lambda connections, i: connections.update(i, name="Renamed"),
    "describe": lambda connections, i: connections.update(i, description="Now described"),
    "rules": lambda connections, i: connections.update_rules(i, outgoing="replica.summary = issue.summary"),
    "delete": lambda connections, i: connections.delete(i),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_whose_connection_is_deleted_meanwhile_is_not_found(exalate, monkeypatch, change):
    """A DELETE racing the change: the row goes after the change read it, before it writes."""
    connection_id = initiate(exalate, destination_url=OWN_URL, destination_project_key="SUP").connection.id
    read = exalate.connections.get

    def read_then_lose(i):
        connection = read(i)
        with db.engine.begin() as other:
            other.execute(delete(Connection).where(Connection.id == i))
        return connection

    monkeypatch.setattr(exalate.connections, "get", read_then_lose)
    with pytest.raises(NotFound, match=f"Connection {connection_id} does not exist."):
        change(exalate.connections, connection_id)
    assert exalate.connections.list().total == 0  # the session is usable again
