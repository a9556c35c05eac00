"""The sync monitoring pages: *Errors* (the list, filtered by status and connection, and one error's page
with *Retry* and *Resolve*) and *Sync Queue* (tabs *Outgoing sync* — the sync events — and *Incoming sync* —
the sync requests — of what is still pending, filtered by connection and issue key, a page at a time). The
sync engine's monitor (``exalate.sync.monitor``) reads and mends; the pages only show its answers."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from ..errors import Conflict, DomainError
from ..exalate.sync.models import ErrorStatus
from ..fields import MAX_ID
from ..web import exalate
from .pages import connection_choices, render_failure, render_form

QUEUE_PAGE_SIZE = 50
ERROR_FIELDS = ("status", "connection")
QUEUE_FIELDS = ("connection", "issueKey")
STATUSES = tuple((status.value, status.value.capitalize()) for status in ErrorStatus)
TABS = {"outgoing": "Outgoing sync", "incoming": "Incoming sync"}


def list_errors():
    form = {"status": request.args.get("status", ErrorStatus.OPEN.value), "connection": _connection_arg()}
    if form["status"] not in ErrorStatus.__members__:
        form["status"] = ErrorStatus.OPEN.value
    context = {"form": form, "statuses": STATUSES, "connections": connection_choices(), "errors_found": []}
    try:
        context["errors_found"] = exalate().sync.monitor.errors(status=ErrorStatus(form["status"]),
                                                                connection=form["connection"] or None)
    except DomainError as error:
        return render_failure("admin/sync_errors.html", error, ERROR_FIELDS, **context)
    return render_form("admin/sync_errors.html", **context)


def show_error(error_id: int, page_errors=(), status: int = 200):
    return render_form("admin/sync_error.html", error=exalate().sync.monitor.error(error_id),
                       page_errors=page_errors, status=status)


def retry_error(error_id: int):
    return _mend(error_id, exalate().sync.monitor.retry_error, "The error is being retried with the sync rules "
                                                              "as they are now.")


def resolve_error(error_id: int):
    return _mend(error_id, exalate().sync.monitor.resolve_error, "The error has been resolved: what it held is "
                                                                "dropped, and the issue syncs again.")


def _mend(error_id: int, operation, success: str):
    try:
        operation(error_id)
    except Conflict as error:  # resolved meanwhile, or nothing left to run again
        return show_error(error_id, [str(error)], 409)
    flash(success, "success")
    return redirect(url_for(".sync_error", error_id=error_id), 303)


def sync_queue():
    tab = request.args.get("tab", "outgoing")
    tab = tab if tab in TABS else "outgoing"
    form = {"connection": _connection_arg(), "issueKey": request.args.get("issueKey", "").strip()}
    start_at = min(max(request.args.get("startAt", 0, type=int), 0), MAX_ID)
    monitor = exalate().sync.monitor
    filters = {"connection": form["connection"] or None, "issue_key": form["issueKey"] or None}
    context = {"form": form, "tab": tab, "tabs": TABS, "connections": connection_choices(), "pages": {}}
    try:
        context["pages"] = {
            name: page(**filters, start_at=start_at if name == tab else 0,
                       max_results=QUEUE_PAGE_SIZE if name == tab else 0)
            for name, page in (("outgoing", monitor.events_page), ("incoming", monitor.requests_page))}
    except DomainError as error:
        return render_failure("admin/sync_queue.html", error, QUEUE_FIELDS, **context)
    return render_form("admin/sync_queue.html", **context)


def _connection_arg() -> str:
    """The connection filter as given: an id, or empty for every connection."""
    value = request.args.get("connection", "").strip()
    return value if value.isascii() and value.isdigit() else ""


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    one = "/errors/<int:error_id>"
    rule("/errors", "sync_errors", list_errors, methods=["GET"])
    rule(one, "sync_error", show_error, methods=["GET"])
    rule(one + "/retry", "retry_sync_error", retry_error, methods=["POST"])
    rule(one + "/resolve", "resolve_sync_error", resolve_error, methods=["POST"])
    rule("/sync-queue", "sync_queue", sync_queue, methods=["GET"])
