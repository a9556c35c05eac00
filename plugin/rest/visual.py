"""A Visual connection's configuration: read it, publish it for both sides; and what the two nodes ask each
other about it (the destination's catalog, its half of a published configuration)."""

from __future__ import annotations

import re

from flask import Blueprint, request

from ..errors import ValidationFailed
from ..exalate import nodeauth
from ..web import exalate
from .errors import json_body
from .visual_schemas import CatalogSchema, CatalogsSchema, NodeVisualInput, VisualInput, VisualSchema

_visual = VisualSchema()
_catalogs = CatalogsSchema()
_catalog = CatalogSchema()
_INDEX = re.compile(r"\.(\d+)(?=\.|$)")  # marshmallow's "rules.2.direction": the domain's "rules[2].direction"


def get_visual(connection_id: int):
    return _visual.dump(exalate().visual.get(connection_id))


def put_visual(connection_id: int):
    exalate().visual.get(connection_id)  # not found, or not Visual, before the body is read
    try:
        config = json_body(VisualInput())
    except ValidationFailed as error:
        error.field_errors = {_INDEX.sub(r"[\1]", name): message for name, message in error.field_errors.items()}
        raise
    return _visual.dump(exalate().visual.publish(connection_id, config))


def get_visual_catalog(connection_id: int):
    return _catalogs.dump(exalate().visual.catalog(connection_id))


def node_visual_catalog(uid: str):
    return _catalog.dump(exalate().visual.answer_catalog(uid, request.headers.get(nodeauth.HEADER)))


def node_visual(uid: str):
    body = json_body(NodeVisualInput())
    exalate().visual.receive(uid, request.headers.get(nodeauth.HEADER), **body)
    return "", 204


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/connections/<int:connection_id>/visual", view_func=get_visual, methods=["GET"])
    rule("/connections/<int:connection_id>/visual", view_func=put_visual, methods=["PUT"])
    rule("/connections/<int:connection_id>/visual/catalog", view_func=get_visual_catalog, methods=["GET"])
    rule("/node/connections/<uid>/visual/catalog", view_func=node_visual_catalog, methods=["GET"])
    rule("/node/connections/<uid>/visual", view_func=node_visual, methods=["POST"])
