"""General Settings and the licence."""

from __future__ import annotations

from flask import Blueprint

from ..web import exalate
from .errors import json_body
from .schemas import LicenseInput, LicenseSchema, SettingsInput, SettingsSchema

_settings = SettingsSchema()
_license = LicenseSchema()


def get_settings():
    return _settings.dump(exalate().settings.get())


def put_settings():
    body = json_body(SettingsInput())
    return _settings.dump(exalate().settings.update(**body))


def get_license():
    return _license.dump(exalate().licenses.get())


def put_license():
    body = json_body(LicenseInput())
    return _license.dump(exalate().licenses.update(**body))


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/settings", view_func=get_settings, methods=["GET"])
    blueprint.add_url_rule("/settings", view_func=put_settings, methods=["PUT"])
    blueprint.add_url_rule("/license", view_func=get_license, methods=["GET"])
    blueprint.add_url_rule("/license", view_func=put_license, methods=["PUT"])
