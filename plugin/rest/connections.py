"""Connections: list, initiate, read, rename, delete, a Pending end's invitation code (again, or
a fresh one), status changes, sync rules and their Test Run; and accepting an invitation, which creates this
instance's end of a connection."""

from __future__ import annotations

from flask import Blueprint, url_for

from ..web import exalate
from .errors import json_body, query_args
from .schemas import (
    AcceptedSchema,
    AcceptInput,
    ConnectionPageSchema,
    ConnectionUpdateInput,
    InitiatedSchema,
    InitiateInput,
    InvitationSchema,
    PageArgs,
    RulesInput,
    RulesSchema,
    connection_json,
)
from .script_schemas import TestRunInput, TestRunSchema

_page = ConnectionPageSchema()
_initiated = InitiatedSchema()
_invitation = InvitationSchema()
_rules = RulesSchema()
_accepted = AcceptedSchema()
_test_run = TestRunSchema()


def list_connections():
    return _page.dump(exalate().connections.list_views(**query_args(PageArgs())))


# An invitation code carries the connection's shared secret: no cache may keep an answer with one.
NO_STORE = {"Cache-Control": "no-store"}


def initiate_connection():
    body = json_body(InitiateInput())
    initiated = exalate().initiation.initiate(**body)
    return _created(_initiated.dump(initiated), initiated.connection.id, NO_STORE)


def get_connection(connection_id: int):
    return connection_json(exalate().connections.get(connection_id))


def update_connection(connection_id: int):
    body = json_body(ConnectionUpdateInput())
    return connection_json(exalate().connections.update(connection_id, **body))


def delete_connection(connection_id: int):
    exalate().connections.delete(connection_id)
    return "", 204


def get_invitation(connection_id: int):
    return _invitation.dump({"invitation_code": exalate().connections.invitation(connection_id)}), NO_STORE


def renew_invitation(connection_id: int):
    code = exalate().initiation.renew_invitation(connection_id)
    location = exalate().identity.base_url + url_for("rest.get_invitation", connection_id=connection_id)
    return _invitation.dump({"invitation_code": code}), 201, {"Location": location, **NO_STORE}


def activate_connection(connection_id: int):
    return connection_json(exalate().connections.activate(connection_id))


def deactivate_connection(connection_id: int):
    return connection_json(exalate().connections.deactivate(connection_id))


def check_connection(connection_id: int):
    return connection_json(exalate().connections.check(connection_id))


def get_rules(connection_id: int):
    return _rules.dump(exalate().connections.rules(connection_id))


def put_rules(connection_id: int):
    body = json_body(RulesInput())
    return _rules.dump(exalate().connections.update_rules(connection_id, **body))


def test_run(connection_id: int):
    body = json_body(TestRunInput())
    return _test_run.dump(exalate().test_runs.run(connection_id, **body))


def accept_invitation():
    body = json_body(AcceptInput())
    connection = exalate().invitations.accept(**body)
    return _created(_accepted.dump({"connection": connection}), connection.id)


def _created(body: dict, connection_id: int, headers: dict | None = None):
    # The instance's own base URL, not whatever host the request came through (a node of a cluster).
    location = exalate().identity.base_url + url_for("rest.get_connection", connection_id=connection_id)
    return body, 201, {"Location": location, **(headers or {})}


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/connections", view_func=list_connections, methods=["GET"])
    rule("/connections", view_func=initiate_connection, methods=["POST"])
    rule("/connections/<int:connection_id>", view_func=get_connection, methods=["GET"])
    rule("/connections/<int:connection_id>", view_func=update_connection, methods=["PUT"])
    rule("/connections/<int:connection_id>", view_func=delete_connection, methods=["DELETE"])
    rule("/connections/<int:connection_id>/invitation", view_func=get_invitation, methods=["GET"])
    rule("/connections/<int:connection_id>/invitation", view_func=renew_invitation, methods=["POST"])
    rule("/connections/<int:connection_id>/activate", view_func=activate_connection, methods=["POST"])
    rule("/connections/<int:connection_id>/deactivate", view_func=deactivate_connection, methods=["POST"])
    rule("/connections/<int:connection_id>/check", view_func=check_connection, methods=["POST"])
    rule("/connections/<int:connection_id>/rules", view_func=get_rules, methods=["GET"])
    rule("/connections/<int:connection_id>/rules", view_func=put_rules, methods=["PUT"])
    rule("/connections/<int:connection_id>/test-run", view_func=test_run, methods=["POST"])
    rule("/invitations/accept", view_func=accept_invitation, methods=["POST"])
