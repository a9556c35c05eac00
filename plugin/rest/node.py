"""Node resources: public node information, the compatibility check, the node-to-node
handshake that completes an invitation, and what one end of a connection asks the other."""

from __future__ import annotations

from flask import Blueprint, request

from ..exalate import nodeauth
from ..web import exalate
from .errors import json_body
from .schemas import (
    CompatibilityInput,
    CompatibilitySchema,
    HandshakeInput,
    HandshakeSchema,
    NodeInfoSchema,
    PartnerSchema,
)

_info = NodeInfoSchema()
_compatibility = CompatibilitySchema()
_handshake = HandshakeSchema()
_partner = PartnerSchema()


def node_info():
    return _info.dump(exalate().node.info())


def compatibility():
    body = json_body(CompatibilityInput())
    return _compatibility.dump(exalate().compatibility.check(body["destination_url"]))


def node_handshake():
    body = json_body(HandshakeInput())
    acceptor = body["acceptor"] or {}
    result = exalate().invitations.complete(
        invitation_code=body["invitation_code"],
        acceptor_url=acceptor.get("url"),
        acceptor_uid=acceptor.get("connection_uid"),
    )
    return _handshake.dump(result)


def node_connection(uid: str):
    connection = exalate().partners.describe(uid, request.headers.get(nodeauth.HEADER))
    return _partner.dump(connection)


def withdraw_node_connection(uid: str):
    exalate().partners.withdraw(uid, request.headers.get(nodeauth.HEADER))
    return "", 204


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/info", view_func=node_info, methods=["GET"])
    blueprint.add_url_rule("/compatibility", view_func=compatibility, methods=["POST"])
    blueprint.add_url_rule("/node/handshake", view_func=node_handshake, methods=["POST"])
    blueprint.add_url_rule("/node/connections/<uid>", view_func=node_connection, methods=["GET"])
    blueprint.add_url_rule("/node/connections/<uid>", view_func=withdraw_node_connection, methods=["DELETE"])
