"""The *Entity Sync Status* page: an issue key looked up, its twins (connection, the remote issue linked to the
other instance, status, last sync), the replicas last sent and received, and *Unexalate* per twin after a
confirmation. An unknown key is said beside the field."""

from __future__ import annotations

import json

from flask import Blueprint, flash, redirect, request, url_for

from .. import auth
from ..errors import Conflict, NotFound, ValidationFailed
from ..web import exalate, status_for
from .issue_sync import web_link
from .pages import render_form, render_page

TEMPLATE = "admin/entity_sync_status.html"


def entity_sync_status():
    key = request.args.get("issueKey", "").strip()
    context = {"form": {"issueKey": key}, "sync": None, "web_link": web_link, "pretty": pretty}
    if not key:
        return render_form(TEMPLATE, **context)
    try:
        context["sync"] = exalate().sync.sync_status(key)
    except (NotFound, ValidationFailed) as error:  # the look-up's refusal, beside the key
        message = error.field_errors.get("issue_key", str(error))
        return render_form(TEMPLATE, errors={"issueKey": message}, status=status_for(error), **context)
    return render_form(TEMPLATE, **context)


def confirm_unexalate():
    key, connection = _twin_args(request.args)
    twin = next((twin for twin in exalate().sync.sync_status(key).twins if str(twin.connection_id) == connection),
                None)
    if twin is None:
        raise NotFound(f"Issue {key} is not under sync with this connection.")
    return render_page("admin/unexalate.html", issue_key=key, twin=twin)


def unexalate():
    key, connection = _twin_args(request.form)
    try:
        exalate().sync.unexalate_issue(connection, key, auth.require_admin())
    except Conflict as error:  # unexalated meanwhile
        flash(str(error), "error")
    else:
        flash(f"{key} is no longer synchronized over {exalate().sync.operations.connection(connection).name}.",
              "success")
    return redirect(url_for(".entity_sync_status", issueKey=key), 303)


def pretty(replica: dict | None) -> str:
    return json.dumps(replica, indent=2, ensure_ascii=False, sort_keys=True) if replica is not None else "(none)"


def _twin_args(values) -> tuple[str, str]:
    return values.get("issueKey", "").strip(), values.get("connection", "").strip()


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/entity-sync-status", "entity_sync_status", entity_sync_status, methods=["GET"])
    rule("/entity-sync-status/unexalate", "confirm_unexalate_twin", confirm_unexalate, methods=["GET"])
    rule("/entity-sync-status/unexalate", "unexalate_twin", unexalate, methods=["POST"])
