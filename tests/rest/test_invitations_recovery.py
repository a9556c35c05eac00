"""Accepting an invitation when something went wrong on the way: an answer lost between the two
ends, a concurrent accept that took the connection's name. The two ends agree again after a
retry or one check, and no initiator is left active without its partner."""

from __future__ import annotations

from factories import ADMIN, REST, accept, connect, create_connection

from plugin.db import db
from plugin.exalate import handshake

from .helpers import assert_error, lose_first_handshake_answer


def connections(client) -> list[dict]:
    return client.get(REST + "/connections", headers=ADMIN).get_json()["results"]


def status_of(client, connection_id) -> str:
    return client.get(REST + f"/connections/{connection_id}", headers=ADMIN).get_json()["status"]


def check(client, connection_id):
    return client.post(REST + f"/connections/{connection_id}/check", headers=ADMIN)


def test_a_retried_accept_makes_an_initiator_end_in_error_active_again(client_b, make_app, network):
    app_c = make_app("jira-c")
    client_c = app_c.test_client()
    initiated = create_connection(client_c)
    connection_id = initiated["connection"]["id"]
    lose_first_handshake_answer(network, app_c)
    assert_error(accept(client_b, initiated["invitationCode"]), 504)
    assert check(client_c, connection_id).get_json()["status"] == "ERROR"  # B has no end yet

    assert accept(client_b, initiated["invitationCode"]).status_code == 201
    assert status_of(client_c, connection_id) == "ACTIVE"
    activated = client_c.post(REST + f"/connections/{connection_id}/activate", headers=ADMIN)
    assert activated.status_code == 200, activated.get_data(as_text=True)


def _in_error(app, connection_id) -> None:
    """The end as a check leaves it that found no partner (while the partner's node was restored, say)."""
    with app.app_context():
        app.extensions["exalate"].connections.get(connection_id).mark_removed_remotely()
        db.session.commit()


def test_a_check_that_finds_the_partner_again_clears_the_error(app, client, client_b):
    initiated, _ = connect(client, client_b)
    connection_id = initiated["connection"]["id"]
    _in_error(app, connection_id)
    checked = check(client, connection_id)
    assert checked.status_code == 200
    assert (checked.get_json()["status"], status_of(client, connection_id)) == ("ACTIVE", "ACTIVE")


def test_the_partner_asking_about_an_end_in_error_clears_the_error(app, client, client_b):
    initiated, end_b = connect(client, client_b)
    _in_error(app, initiated["connection"]["id"])
    assert check(client_b, end_b["id"]).get_json()["status"] == "ACTIVE"
    assert status_of(client, initiated["connection"]["id"]) == "ACTIVE"


def test_two_invitations_with_one_name_accepted_at_once_leave_one_pair(client, client_b, make_app, network,
                                                                      monkeypatch):
    client_c = network.add(make_app("jira-c")).test_client()
    first = create_connection(client, name="dup_x")
    second = create_connection(client_c, name="dup_x")
    assert accept(client_b, first["invitationCode"]).status_code == 201
    # The second accept checked the name before the first stored its end: only the database sees the clash.
    monkeypatch.setattr(handshake, "name_errors", lambda *args, **kwargs: {})
    assert_error(accept(client_b, second["invitationCode"]), 409, "invitationCode",
                 message="A connection named 'dup_x' already exists on this instance.")
    assert [end["name"] for end in connections(client_b)] == ["dup_x"]
    assert status_of(client, first["connection"]["id"]) == "ACTIVE"
    assert connections(client_c) == []  # the initiator whose partner was not stored withdrew its end
