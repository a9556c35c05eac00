"""Triggers: a connection's list and a new one, one trigger read, changed and deleted, and its Bulk Exalate
and Bulk Unexalate."""

from __future__ import annotations

from flask import Blueprint, url_for

from .. import auth
from ..web import exalate
from .errors import json_body
from .trigger_schemas import BulkSchema, TriggerInput, TriggerListSchema, TriggerSchema, TriggerUpdateInput

_trigger = TriggerSchema()
_list = TriggerListSchema()
_bulk = BulkSchema()


def list_triggers(connection_id: int):
    return _list.dump({"results": exalate().triggers.list(connection_id)})


def create_trigger(connection_id: int):
    body = json_body(TriggerInput())
    trigger = exalate().triggers.create(connection_id, **body)
    location = exalate().identity.base_url + url_for("rest.get_trigger", trigger_id=trigger.id)
    return _trigger.dump(trigger), 201, {"Location": location}


def get_trigger(trigger_id: int):
    return _trigger.dump(exalate().triggers.get(trigger_id))


def update_trigger(trigger_id: int):
    body = json_body(TriggerUpdateInput())
    return _trigger.dump(exalate().triggers.update(trigger_id, **body))


def delete_trigger(trigger_id: int):
    exalate().triggers.delete(trigger_id)
    return "", 204


def bulk_exalate(trigger_id: int):
    return _bulk.dump({"count": exalate().triggers.bulk_exalate(trigger_id, auth.require_admin())})


def bulk_unexalate(trigger_id: int):
    return _bulk.dump({"count": exalate().triggers.bulk_unexalate(trigger_id, auth.require_admin())})


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    one = "/triggers/<int:trigger_id>"
    rule("/connections/<int:connection_id>/triggers", view_func=list_triggers, methods=["GET"])
    rule("/connections/<int:connection_id>/triggers", view_func=create_trigger, methods=["POST"])
    rule(one, view_func=get_trigger, methods=["GET"])
    rule(one, view_func=update_trigger, methods=["PUT"])
    rule(one, view_func=delete_trigger, methods=["DELETE"])
    rule(one + "/bulk-exalate", view_func=bulk_exalate, methods=["POST"])
    rule(one + "/bulk-unexalate", view_func=bulk_unexalate, methods=["POST"])
