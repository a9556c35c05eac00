"""Connections in the backend: an operation that fails leaves the database exactly as it was;
ids and paging arguments are checked; a local connection is active at once."""

from __future__ import annotations

import pytest
from factories import OWN_URL, committed, initiate

from plugin.errors import Conflict, NotFound, ValidationFailed


def test_seeds_no_connections(backend):
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_refused_initiation_stores_nothing(backend):
    with pytest.raises(ValidationFailed) as caught:
        initiate(backend, project_key="NOPE", local_short_name="bad name")
    assert set(caught.value.field_errors) == {"projectKey", "localShortName"}
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_name_clash_found_only_by_the_database_stores_nothing(backend, monkeypatch):
    """Two initiations racing past the name check: the unique index refuses the second."""
    initiate(backend)
    monkeypatch.setattr(backend, "_name_errors", lambda *args, **kwargs: {})
    with pytest.raises(ValidationFailed) as caught:
        initiate(backend, name="JIRAA_TO_JIRAB")
    assert "name" in caught.value.field_errors
    assert committed("SELECT name FROM connections") == [("JiraA_to_JiraB",)]
    assert backend.list_connections().total == 1  # the session is usable again


def test_a_refused_rename_changes_nothing(backend):
    first = initiate(backend, name="First").connection.id
    second = initiate(backend, name="Second").connection.id
    with pytest.raises(ValidationFailed):
        backend.update_connection(second, name="first", description="changed")
    assert committed(f"SELECT name, description FROM connections WHERE id = {second}") == [("Second", "")]
    assert committed(f"SELECT name FROM connections WHERE id = {first}") == [("First",)]


def test_a_refused_mode_change_changes_nothing(backend):
    connection_id = initiate(backend).connection.id
    with pytest.raises(ValidationFailed) as caught:
        backend.update_connection(connection_id, name="Renamed", mode="BASIC")
    assert caught.value.field_errors["mode"].startswith("You cannot toggle between the different modes")
    assert committed(f"SELECT name, mode FROM connections WHERE id = {connection_id}") == [
        ("JiraA_to_JiraB", "SCRIPT")]


def test_a_half_valid_rules_update_changes_nothing(backend):
    connection_id = initiate(backend).connection.id
    before = committed(f"SELECT outgoing_rules, incoming_rules FROM connections WHERE id = {connection_id}")
    with pytest.raises(ValidationFailed) as caught:
        backend.update_rules(connection_id, outgoing="replica.summary = issue.summary", incoming=42)
    assert set(caught.value.field_errors) == {"incoming"}
    assert committed(f"SELECT outgoing_rules, incoming_rules FROM connections WHERE id = {connection_id}") == before


def test_basic_rules_are_refused_by_the_backend(backend):
    connection_id = initiate(backend, mode="BASIC").connection.id
    with pytest.raises(ValidationFailed, match="You cannot modify Sync Rules in Basic Mode."):
        backend.update_rules(connection_id, outgoing="x")


def test_a_pending_connection_cannot_be_activated(backend):
    connection_id = initiate(backend).connection.id
    with pytest.raises(Conflict):
        backend.activate_connection(connection_id)
    assert committed("SELECT status FROM connections") == [("PENDING",)]


def test_a_deleted_connection_is_gone(backend):
    connection_id = initiate(backend).connection.id
    backend.delete_connection(connection_id)
    assert committed("SELECT count(*) FROM connections") == [(0,)]
    with pytest.raises(NotFound):
        backend.get_connection(connection_id)


@pytest.mark.parametrize("connection_id", [0, -1, 2**53 + 1, 10**30, "1", None])
def test_unknown_or_odd_ids_are_not_found(backend, connection_id):
    with pytest.raises(NotFound):
        backend.get_connection(connection_id)


@pytest.mark.parametrize(("start_at", "max_results", "fields"), [
    (-1, 10, {"startAt"}), (0, 1001, {"maxResults"}), ("x", None, {"startAt", "maxResults"}),
])
def test_paging_arguments_are_checked(backend, start_at, max_results, fields):
    with pytest.raises(ValidationFailed) as caught:
        backend.list_connections(start_at=start_at, max_results=max_results)
    assert set(caught.value.field_errors) == fields


def test_a_local_connection_is_active_with_both_ends_on_this_instance(backend):
    initiated = initiate(backend, destination_url=OWN_URL, destination_project_key="SUP")
    assert initiated.invitation_code is None
    assert committed("SELECT status, type, remote_url, invitation_code FROM connections") == [
        ("ACTIVE", "LOCAL", OWN_URL, None)]
