"""The Triggers page: every connection's triggers (*If* a JQL query, *Then sync with* a connection, notes,
active), a form to add or edit one with each error beside its field, delete with a confirmation, and
*Bulk Exalate* / *Bulk Unexalate* with the count they report."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from .. import auth
from ..errors import Conflict, DomainError, NotFound, ValidationFailed
from ..fields import MAX_ID, MAX_PAGE
from ..web import exalate
from .pages import render_failure, render_form, render_page

FIELDS = ("connection", "entityType", "query", "notes", "active")
TEMPLATE = "admin/trigger.html"
ENTITY_TYPES = (("issue", "Issue"),)
BULK = {"bulk_exalate": ("Bulk Exalate", "issue handed to the sync", "issues handed to the sync"),
        "bulk_unexalate": ("Bulk Unexalate", "issue stopped syncing", "issues stopped syncing")}


def list_triggers(page_errors=(), status: int = 200):
    return render_form("admin/triggers.html", triggers=exalate().triggers.list(), page_errors=page_errors,
                       status=status)


def new_trigger():
    form = {"connection": request.args.get("connection", ""), "entityType": "issue", "query": "", "notes": "",
            "active": True}
    return _form_page(None, form)


def create_trigger():
    typed = _typed()
    try:
        exalate().triggers.create(_connection_id(typed["connection"]), **_arguments(typed))
    except NotFound as error:  # the connection chosen was deleted meanwhile
        return _form_page(None, typed, ValidationFailed.field("connection", str(error)))
    except ValidationFailed as error:
        return _form_page(None, typed, error)
    flash("The trigger has been created.", "success")
    return redirect(url_for(".triggers"), 303)


def show_trigger(trigger_id: int):
    trigger = exalate().triggers.get(trigger_id)
    form = {"connection": str(trigger.connection_id), "entityType": trigger.entity_type, "query": trigger.jql,
            "notes": trigger.notes, "active": trigger.active}
    return _form_page(trigger_id, form)


def update_trigger(trigger_id: int):
    typed = _typed()
    # A value that is no id is given as typed: the domain says what is wrong with it.
    connection = _connection_id(typed["connection"]) or typed["connection"]
    try:
        exalate().triggers.update(trigger_id, connection=connection, **_arguments(typed))
    except ValidationFailed as error:
        return _form_page(trigger_id, typed, error)
    flash("The trigger has been updated.", "success")
    return redirect(url_for(".triggers"), 303)


def confirm_delete_trigger(trigger_id: int):
    return render_page("admin/delete_trigger.html", trigger=exalate().triggers.get(trigger_id))


def delete_trigger(trigger_id: int):
    exalate().triggers.delete(trigger_id)
    flash("The trigger has been deleted.", "success")
    return redirect(url_for(".triggers"), 303)


def bulk_exalate(trigger_id: int):
    return _bulk(trigger_id, exalate().triggers.bulk_exalate, "bulk_exalate")


def bulk_unexalate(trigger_id: int):
    return _bulk(trigger_id, exalate().triggers.bulk_unexalate, "bulk_unexalate")


def _bulk(trigger_id: int, operation, kind: str):
    label, one, many = BULK[kind]
    try:
        count = operation(trigger_id, auth.require_admin())
    except Conflict as error:
        return list_triggers([f"{label}: {error}"], 409)
    flash(f"{label}: {count} {one if count == 1 else many}.", "success")
    return redirect(url_for(".triggers"), 303)


def _form_page(trigger_id: int | None, form: dict, error: DomainError | None = None):
    connections = exalate().connections.list(max_results=MAX_PAGE).results
    context = {"trigger_id": trigger_id, "form": form, "entity_types": ENTITY_TYPES,
               "connections": [(str(connection.id), connection.name) for connection in connections]}
    if error is not None:
        return render_failure(TEMPLATE, error, FIELDS, **context)
    return render_form(TEMPLATE, **context)


def _typed() -> dict:
    return {"connection": request.form.get("connection", ""), "entityType": request.form.get("entityType", "issue"),
            "query": request.form.get("query", ""), "notes": request.form.get("notes", ""),
            "active": "active" in request.form}


def _arguments(typed: dict) -> dict:
    return {"query": typed["query"], "notes": typed["notes"], "active": typed["active"],
            "entity_type": typed["entityType"]}


def _connection_id(value: str) -> int | None:
    """The chosen connection's id; None when none was chosen (or the value is no id a connection can have)."""
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID else None


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    one = "/triggers/<int:trigger_id>"
    rule("/triggers", "triggers", list_triggers, methods=["GET"])
    rule("/triggers/create", "new_trigger", new_trigger, methods=["GET"])
    rule("/triggers/create", "create_trigger", create_trigger, methods=["POST"])
    rule(one, "trigger", show_trigger, methods=["GET"])
    rule(one, "update_trigger", update_trigger, methods=["POST"])
    rule(one + "/delete", "confirm_delete_trigger", confirm_delete_trigger, methods=["GET"])
    rule(one + "/delete", "delete_trigger", delete_trigger, methods=["POST"])
    rule(one + "/bulk-exalate", "bulk_exalate", bulk_exalate, methods=["POST"])
    rule(one + "/bulk-unexalate", "bulk_unexalate", bulk_unexalate, methods=["POST"])
