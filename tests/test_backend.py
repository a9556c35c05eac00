"""The backend on its own: what the first start seeds, what later starts keep, and that an
operation that fails leaves the database exactly as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from werkzeug.security import check_password_hash

from plugin import create_app
from plugin.errors import Conflict, NotAuthenticated, NotFound, RemoteNodeError, ValidationFailed
from plugin.models import db, utcnow
from plugin.outbound import OutboundError

BASE_URL = "http://jira-a.test:2990"


def committed(sql: str) -> list:
    """Rows as another database connection sees them: only what was committed."""
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def initiate(backend, **overrides):
    arguments = {"destination_url": None, "mode": "SCRIPT", "local_short_name": "JiraA",
                 "remote_short_name": "JiraB", "name": "JiraA_to_JiraB", "project_key": "DEMO", **overrides}
    return backend.initiate_connection(**arguments)


def config_for(folder, **overrides) -> dict:
    folder.mkdir(exist_ok=True)
    return {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'exalate.db'}",
            "BASE_URL": BASE_URL, **overrides}


# ------------------------------------------------------------------------------ seeding


def test_seeds_an_administrator_and_a_user(backend):
    rows = committed("SELECT username, is_admin, password_hash FROM users ORDER BY username")
    assert [(name, bool(admin)) for name, admin, _ in rows] == [("admin", True), ("user", False)]
    hashes = {name: password_hash for name, _, password_hash in rows}
    assert check_password_hash(hashes["admin"], "admin")
    assert check_password_hash(hashes["user"], "user")
    assert backend.authenticate("admin", "admin").is_admin
    assert not backend.authenticate("user", "user").is_admin


@pytest.mark.parametrize(("username", "password"), [("admin", "user"), ("nobody", "admin"), (None, "admin"),
                                                    ("admin", None), (["admin"], "admin")])
def test_authenticate_refuses_anything_else(backend, username, password):
    with pytest.raises(NotAuthenticated):
        backend.authenticate(username, password)


def test_seeds_two_projects(backend):
    assert committed("SELECT key FROM projects ORDER BY key") == [("DEMO",), ("SUP",)]


def test_seeds_an_evaluation_licence_with_thirty_days(backend):
    licence = backend.get_license()
    assert (licence.type, licence.state) == ("EVALUATION", "EVALUATION")
    assert licence.days_left in (29, 30)
    assert timedelta(days=29, hours=23) < licence.expires_at - utcnow() <= timedelta(days=30)


def test_seeds_general_settings_public_at_the_base_url(backend):
    settings = backend.get_settings()
    assert (settings.exalate_url, settings.public) == (BASE_URL, True)
    assert backend.node_info().exalate_url == BASE_URL


def test_seeds_no_connections(backend):
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_seeding_again_changes_nothing(backend):
    before = committed("SELECT * FROM instance"), committed("SELECT * FROM users")
    backend.ensure_seeded(admin_password="other")
    assert (committed("SELECT * FROM instance"), committed("SELECT * FROM users")) == before


def test_a_second_start_on_the_same_database_keeps_everything(tmp_path):
    first = create_app(config_for(tmp_path))
    with first.app_context():
        backend = first.extensions["exalate"]
        backend.update_settings(exalate_url="https://jira.example.com", public=False)
        backend.update_license(type="FREE")
        backend.create_project(key="OPS", name="Operations")
        backend.update_settings(public=True)
        initiate(backend, mode="BASIC")
        db.session.remove()

    second = create_app(config_for(tmp_path, BASE_URL="http://other.test:2990"))
    assert second.secret_key == first.secret_key
    with second.app_context():
        backend = second.extensions["exalate"]
        assert backend.get_settings().exalate_url == "https://jira.example.com"
        assert backend.get_license().type == "FREE"
        assert committed("SELECT count(*) FROM users") == [(2,)]
        assert committed("SELECT key FROM projects ORDER BY key") == [("DEMO",), ("OPS",), ("SUP",)]
        assert committed("SELECT name, mode FROM connections") == [("JiraA_to_JiraB", "BASIC")]


def test_two_instances_have_different_secrets(tmp_path, app):
    other = create_app(config_for(tmp_path / "other"))
    assert other.secret_key != app.secret_key


# ----------------------------------------------------------- failures write nothing


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


def test_half_valid_settings_change_nothing(backend):
    with pytest.raises(ValidationFailed) as caught:
        backend.update_settings(exalate_url="https://jira.example.com", public="false")
    assert set(caught.value.field_errors) == {"public"}
    assert committed("SELECT exalate_url, public FROM instance") == [(BASE_URL, 1)]


def test_a_refused_licence_changes_nothing(backend):
    before = committed("SELECT license_type, license_expires_at FROM instance")
    with pytest.raises(ValidationFailed):
        backend.update_license(type="PAID", expires_at="2030-01-01")
    assert committed("SELECT license_type, license_expires_at FROM instance") == before


def test_a_refused_project_is_not_created(backend):
    with pytest.raises(ValidationFailed) as caught:
        backend.create_project(key="OPS", name="Operations", lead="nobody")
    assert set(caught.value.field_errors) == {"lead"}
    assert committed("SELECT count(*) FROM projects") == [(2,)]


def test_an_unreachable_initiator_leaves_the_acceptor_unchanged(backend, app, tmp_path, monkeypatch):
    initiator = create_app(config_for(tmp_path / "initiator", BASE_URL="http://jira-c.test:2990"))
    with initiator.app_context():
        code = initiate(initiator.extensions["exalate"]).invitation_code
        db.session.remove()

    def refuse(*args, **kwargs):
        raise OutboundError("CONNECTION_REFUSED", "Could not connect to jira-c.test:2990.")

    monkeypatch.setattr(backend.outbound, "post_json", refuse)
    with pytest.raises(RemoteNodeError):
        backend.accept_invitation(invitation_code=code, project_key="SUP")
    assert committed("SELECT count(*) FROM connections") == [(0,)]


def test_a_refused_handshake_leaves_the_pending_end(backend):
    initiated = initiate(backend)
    with pytest.raises(ValidationFailed) as caught:
        backend.complete_handshake(invitation_code=initiated.invitation_code, acceptor_url="ftp://x",
                                   acceptor_uid="a" * 32)
    assert set(caught.value.field_errors) == {"acceptor.url"}
    assert committed("SELECT status, remote_url FROM connections") == [("PENDING", None)]


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
    initiated = initiate(backend, destination_url=BASE_URL, destination_project_key="SUP")
    assert initiated.invitation_code is None
    assert committed("SELECT status, type, remote_url, invitation_code FROM connections") == [
        ("ACTIVE", "LOCAL", BASE_URL, None)]
