"""General Settings and the licence."""

from __future__ import annotations

from flask import Blueprint

from ..auth import backend
from .errors import json_body
from .schemas import LicenseInput, LicenseSchema, SettingsInput, SettingsSchema

_settings = SettingsSchema()
_license = LicenseSchema()


def get_settings():
    return _settings.dump(backend().get_settings())


def put_settings():
    body = json_body(SettingsInput())
    return _settings.dump(backend().update_settings(exalate_url=body["exalate_url"], public=body["public"]))


def get_license():
    return _license.dump(backend().get_license())


def put_license():
    body = json_body(LicenseInput())
    return _license.dump(backend().update_license(type=body["type"], expires_at=body["expires_at"]))


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/settings", view_func=get_settings, methods=["GET"])
    blueprint.add_url_rule("/settings", view_func=put_settings, methods=["PUT"])
    blueprint.add_url_rule("/license", view_func=get_license, methods=["GET"])
    blueprint.add_url_rule("/license", view_func=put_license, methods=["PUT"])
