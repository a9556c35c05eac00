"""The Connections page and one connection's page: details, rename, sync rules and their Test Run,
activate, deactivate and delete. There is deliberately no control that changes a connection's mode."""

from __future__ import annotations

import json

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import BASIC_RULES_MESSAGE, MODE_TOGGLE_MESSAGE, Conflict, DomainError, RemoteNodeError, ValidationFailed
from ..exalate.rules import local_projects
from ..exalate.sync.models import ErrorStatus
from ..fields import MAX_ID
from ..web import exalate
from .pages import render_failure, render_form, render_page

PAGE_SIZE = 20
TEMPLATE = "admin/connection.html"
CONNECTION_FIELDS = ("name", "description", "outgoing", "incoming")
# The Test Run form: the drafts have their own names, beside the published rules' editors on the same page.
TEST_RUN_FIELDS = ("issueKey", "testOutgoing", "testIncoming")
DRAFT_SIDES = {"outgoing": "testOutgoing", "incoming": "testIncoming"}


def list_connections():
    start_at = min(max(request.args.get("startAt", 0, type=int), 0), MAX_ID)
    page = exalate().connections.list(start_at=start_at, max_results=PAGE_SIZE)
    return render_page("admin/connections.html", page=page)


def show_connection(connection_id: int):
    return _connection_page(connection_id)


def _connection_page(connection_id: int, typed: dict | None = None, error: DomainError | None = None,
                     fields: tuple[str, ...] = CONNECTION_FIELDS, test_run=None):
    connection = exalate().connections.get(connection_id)
    form = {
        "name": connection.name,
        "description": connection.description,
        "outgoing": connection.outgoing_rules,
        "incoming": connection.incoming_rules,
        "testOutgoing": connection.outgoing_rules,
        "testIncoming": connection.incoming_rules,
        **(typed or {}),
    }
    marked_lines = {side: line for side, (line, _column) in getattr(error, "positions", {}).items()}
    if test_run is not None and test_run.error and test_run.error["line"]:
        marked_lines[DRAFT_SIDES[test_run.error["side"]]] = test_run.error["line"]
    context = {
        "marked_lines": marked_lines,
        "issue_keys": exalate().test_runs.recent_issue_keys(),
        "test_run": test_run,
        "test_run_json": _test_run_json(test_run),
        # Browsers send a text area's lines ended by CRLF: a draft left as it was is not a change.
        "drafts_changed": any(form[draft].replace("\r\n", "\n") != form[side].replace("\r\n", "\n")
                              for side, draft in DRAFT_SIDES.items()),
        "connection": connection,
        "triggers": exalate().triggers.list(connection_id),
        "statistics": exalate().sync.monitor.statistics(connection_id),
        "open_errors": exalate().sync.monitor.errors(status=ErrorStatus.OPEN, connection=connection_id),
        "form": form,
        "invitation_code": pending_invitation(connection_id),
        "local_projects": local_projects(connection.incoming_rules) if connection.type.value == "LOCAL" else None,
        "basic_rules_message": BASIC_RULES_MESSAGE,
        "mode_toggle_message": MODE_TOGGLE_MESSAGE,
    }
    if error is not None:
        return render_failure(TEMPLATE, error, fields, **context)
    return render_form(TEMPLATE, **context)


def _test_run_json(result) -> dict | None:
    if result is None:
        return None
    return {name: json.dumps(value, indent=2, ensure_ascii=False) if value is not None else "(none)"
            for name, value in (("replica", result.replica), ("changes", result.changes))}


def pending_invitation(connection_id: int) -> str | None:
    try:
        return exalate().connections.invitation(connection_id)
    except Conflict:
        return None  # only a Pending connection has a code to show


def _change(connection_id: int, operation, success, fields: tuple[str, ...] = ()):
    """Run one change from a form on the connection's page, then show the page again: with the
    typed values and the errors when it failed, with a success message when it worked.
    ``success`` is the message, or makes it from the changed connection (None: no message)."""
    typed = {name: request.form[name] for name in fields if name in request.form}
    try:
        connection = operation(connection_id, **typed)
    except (ValidationFailed, Conflict, RemoteNodeError) as error:
        return _connection_page(connection_id, typed, error)
    message = success(connection) if callable(success) else success
    if message:
        flash(message, "success")
    return redirect(url_for(".connection", connection_id=connection_id), 303)


def update_connection(connection_id: int):
    return _change(connection_id, exalate().connections.update, "The connection has been updated.",
                   ("name", "description"))


def update_rules(connection_id: int):
    return _change(connection_id, exalate().connections.update_rules, "The sync rules have been saved.",
                   ("outgoing", "incoming"))


def test_run(connection_id: int):
    """Run the rules (the drafts as typed) on the issue and show the page again with what they did."""
    typed = {name: request.form[name] for name in TEST_RUN_FIELDS if name in request.form}
    try:
        result = exalate().test_runs.run(connection_id, issue_key=typed.get("issueKey"),
                                         outgoing=typed.get("testOutgoing"), incoming=typed.get("testIncoming"))
    except ValidationFailed as error:
        return _connection_page(connection_id, typed, error, TEST_RUN_FIELDS)
    return _connection_page(connection_id, typed, test_run=result)


def activate_connection(connection_id: int):
    return _change(connection_id, exalate().connections.activate, "The connection has been activated.")


def deactivate_connection(connection_id: int):
    return _change(connection_id, exalate().connections.deactivate, "The connection has been deactivated.")


def check_connection(connection_id: int):
    return _change(connection_id, exalate().connections.check, _checked)


def renew_invitation(connection_id: int):
    return _change(connection_id, exalate().initiation.renew_invitation,
                   "A new invitation code has been issued: the old one no longer works.")


def _checked(connection) -> str | None:
    """What the check found; an end removed on the other side is the page's error, not a success."""
    if connection.status.value == "ERROR":
        return None
    return (f"The connection is in place: {connection.remote_short_name} still has its end of "
            f"{connection.name} and answered this instance's credentials.")


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
    rule(one + "/test-run", "test_run", test_run, methods=["POST"])
    rule(one + "/activate", "activate_connection", activate_connection, methods=["POST"])
    rule(one + "/deactivate", "deactivate_connection", deactivate_connection, methods=["POST"])
    rule(one + "/check", "check_connection", check_connection, methods=["POST"])
    rule(one + "/invitation", "renew_invitation", renew_invitation, methods=["POST"])
    rule(one + "/delete", "confirm_delete", confirm_delete, methods=["GET"])
    rule(one + "/delete", "delete_connection", delete_connection, methods=["POST"])
