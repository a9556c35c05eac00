"""The Connections page and one connection's page: details, rename, sync rules, activate,
deactivate and delete. There is deliberately no control that changes a connection's mode."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import BASIC_RULES_MESSAGE, MODE_TOGGLE_MESSAGE, Conflict, DomainError, RemoteNodeError, ValidationFailed
from ..fields import MAX_ID
from ..web import exalate
from .pages import render_failure, render_form, render_page

PAGE_SIZE = 20
TEMPLATE = "admin/connection.html"
CONNECTION_FIELDS = ("name", "description", "outgoing", "incoming")


def list_connections():
    start_at = min(max(request.args.get("startAt", 0, type=int), 0), MAX_ID)
    page = exalate().connections.list(start_at=start_at, max_results=PAGE_SIZE)
    return render_page("admin/connections.html", page=page)


def show_connection(connection_id: int):
    return _connection_page(connection_id)


def _connection_page(connection_id: int, typed: dict | None = None, error: DomainError | None = None):
    connection = exalate().connections.get(connection_id)
    form = {
        "name": connection.name,
        "description": connection.description,
        "outgoing": connection.outgoing_rules,
        "incoming": connection.incoming_rules,
        **(typed or {}),
    }
    context = {
        "connection": connection,
        "form": form,
        "invitation_code": pending_invitation(connection_id),
        "basic_rules_message": BASIC_RULES_MESSAGE,
        "mode_toggle_message": MODE_TOGGLE_MESSAGE,
    }
    if error is not None:
        return render_failure(TEMPLATE, error, CONNECTION_FIELDS, **context)
    return render_form(TEMPLATE, **context)


def pending_invitation(connection_id: int) -> str | None:
    try:
        return exalate().connections.invitation(connection_id)
    except Conflict:
        return None  # only a Pending connection has a code to show


def _change(connection_id: int, operation, success: str, fields: tuple[str, ...] = ()):
    """Run one change from a form on the connection's page, then show the page again: with the
    typed values and the errors when it failed, with a success message when it worked."""
    typed = {name: request.form[name] for name in fields if name in request.form}
    try:
        operation(connection_id, **typed)
    except (ValidationFailed, Conflict, RemoteNodeError) as error:
        return _connection_page(connection_id, typed, error)
    flash(success, "success")
    return redirect(url_for(".connection", connection_id=connection_id), 303)


def update_connection(connection_id: int):
    return _change(connection_id, exalate().connections.update, "The connection has been updated.",
                   ("name", "description"))


def update_rules(connection_id: int):
    return _change(connection_id, exalate().connections.update_rules, "The sync rules have been saved.",
                   ("outgoing", "incoming"))


def activate_connection(connection_id: int):
    return _change(connection_id, exalate().connections.activate, "The connection has been activated.")


def deactivate_connection(connection_id: int):
    return _change(connection_id, exalate().connections.deactivate, "The connection has been deactivated.")


def check_connection(connection_id: int):
    return _change(connection_id, exalate().connections.check, "The check with the other side is done.")


def confirm_delete(connection_id: int):
    return render_page("admin/delete_connection.html", connection=exalate().connections.get(connection_id))


def delete_connection(connection_id: int):
    # Read the name first: the deleted row cannot be read afterwards.
    name = exalate().connections.get(connection_id).name
    exalate().connections.delete(connection_id)
    flash(f"The connection {name} has been deleted.", "success")
    return redirect(url_for(".connections"), 303)


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    one = "/connections/<int:connection_id>"
    rule("/connections", "connections", list_connections, methods=["GET"])
    rule(one, "connection", show_connection, methods=["GET"])
    rule(one, "update_connection", update_connection, methods=["POST"])
    rule(one + "/rules", "update_rules", update_rules, methods=["POST"])
    rule(one + "/activate", "activate_connection", activate_connection, methods=["POST"])
    rule(one + "/deactivate", "deactivate_connection", deactivate_connection, methods=["POST"])
    rule(one + "/check", "check_connection", check_connection, methods=["POST"])
    rule(one + "/delete", "confirm_delete", confirm_delete, methods=["GET"])
    rule(one + "/delete", "delete_connection", delete_connection, methods=["POST"])
