"""The General Settings and License details pages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import ValidationFailed
from ..exalate import matrix
from ..exalate.models import LicenseType
from ..web import exalate
from .pages import render_failure, render_form

SETTINGS_FIELDS = ("exalateUrl", "public", "syncWorkers")
LICENSE_FIELDS = ("type",)
# Licence types that can hold a connection, in the order the page names them.
LICENSED_TYPES = ("EVALUATION", "PAID", "FREE")


@dataclass(frozen=True)
class ModeRequirement:
    """What one configuration mode needs from the licence, and whether this instance has it."""

    label: str
    licences: tuple[str, ...]
    allowed: bool
    reason: str | None


def show_settings():
    settings = exalate().settings.get()
    return _settings_page({"exalateUrl": settings.exalate_url, "public": settings.public,
                           "syncWorkers": settings.sync_workers})


def save_settings():
    typed = {"exalateUrl": request.form.get("exalateUrl", ""), "public": "public" in request.form,
             "syncWorkers": "syncWorkers" in request.form}
    try:
        exalate().settings.update(exalate_url=typed["exalateUrl"], public=typed["public"],
                                  sync_workers=typed["syncWorkers"])
    except ValidationFailed as error:
        return _settings_page(typed, error)
    flash("General settings have been saved.", "success")
    return redirect(url_for(".general_settings"), 303)


def _settings_page(form: dict, error: ValidationFailed | None = None):
    node = exalate().node.info()
    context = {"form": form, "node": node, "platform": matrix.platform_label(node.platform)}
    if error is not None:
        return render_failure("admin/general_settings.html", error, SETTINGS_FIELDS, **context)
    return render_form("admin/general_settings.html", **context)


def show_license():
    return _license_page({"type": exalate().licenses.get().type})


def save_license():
    typed = {"type": request.form.get("type", "")}
    try:
        exalate().licenses.update(type=typed["type"], expires_at=None)
    except ValidationFailed as error:
        return _license_page(typed, error)
    flash("The license has been updated.", "success")
    return redirect(url_for(".license"), 303)


def _license_page(form: dict, error: ValidationFailed | None = None):
    details = exalate().licenses.get()
    context = {
        "form": form,
        "license": details,
        "license_types": [(licence.value, licence.value.capitalize()) for licence in LicenseType],
        "requirements": mode_requirements(details.state),
    }
    if error is not None:
        return render_failure("admin/license.html", error, LICENSE_FIELDS, **context)
    return render_form("admin/license.html", **context)


def mode_requirements(state: str) -> list[ModeRequirement]:
    """Read from the compatibility matrix, so the page says what the checker enforces."""
    return [
        ModeRequirement(
            label=matrix.MODE_LABELS[mode],
            licences=tuple(name for name in LICENSED_TYPES if matrix.license_reason(mode, name) is None),
            allowed=matrix.license_reason(mode, state) is None,
            reason=matrix.license_reason(mode, state),
        )
        for mode in matrix.matrix()["modes"]
    ]


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/general-settings", "general_settings", show_settings, methods=["GET"])
    rule("/general-settings", "save_settings", save_settings, methods=["POST"])
    rule("/license", "license", show_license, methods=["GET"])
    rule("/license", "save_license", save_license, methods=["POST"])
