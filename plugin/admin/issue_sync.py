"""The Exalate app on Jira's issue page: the *More* menu's Exalate, Connect and Unexalate (each a small
form with a connection picker, under the Exalate servlet, so for administrators as the product's Exalate
permissions have it) and the *Exalate* panel listing the issue's twins. The pages only translate: the sync
engine (``exalate.sync``) decides, and its refusals land beside the field they are about."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup

from .. import auth
from ..errors import DomainError, NotFound
from ..exalate.models import Status
from ..fields import MAX_PAGE
from ..jira.models import Issue, User
from ..web import exalate, status_for, wire_errors
from .issue_menu import IssueOperation, IssuePanel, issue_operations, issue_panels
from .issues import issue_or_404
from .pages import render_form

TEMPLATE = "issues/sync_operation.html"
FIELDS = ("connection", "remoteIssueKey")
# The issue itself is fixed by the page: what the domain says of it (already under sync, not under sync
# with that connection) is about the connection chosen.
FIELD_OF = {"issueKey": "connection"}
OPERATIONS = {
    "exalate_issue": ("Exalate", "Send {key} to the other side of a connection, where its twin is created.",
                      "{key} is queued for sync with {connection}."),
    "connect_issue": ("Connect", "Link {key} with an existing issue on the other side and keep them in sync.",
                      "{key} is queued to connect with {remote} over {connection}."),
    "unexalate_issue": ("Unexalate", "Stop syncing {key}: the link goes on both sides, both issues stay.",
                        "{key} is no longer synchronized over {connection}."),
}


def twins_of(issue: Issue):
    """The issue's twins, read once per request: the menu entries and the panel all ask."""
    cache = g.setdefault("twins_by_key", {})
    if issue.key not in cache:
        cache[issue.key] = exalate().sync.sync_status(issue.key).twins
    return cache[issue.key]


def under_sync(user: User, issue: Issue) -> bool:
    return user.is_admin and bool(twins_of(issue))


def may_start_sync(user: User, issue: Issue) -> bool:
    """Exalate and Connect apply where an active connection does not sync the issue yet."""
    return user.is_admin and bool(_connections_to_start(issue))


def exalate_issue(key: str):
    return _operation("exalate_issue", key, _connections_to_start)


def connect_issue(key: str):
    return _operation("connect_issue", key, _connections_to_start)


def unexalate_issue(key: str):
    return _operation("unexalate_issue", key, _syncing_connections)


def _operation(operation: str, key: str, offered):
    """The form (GET) or the operation (POST) on the issue, with the connections ``offered`` to choose from."""
    issue = issue_or_404(key)
    choices = offered(issue)
    if request.method == "GET":
        return _form_page(operation, issue, choices, {"connection": request.args.get("connection", "")})
    typed = {name: request.form.get(name, "") for name in FIELDS}
    try:
        _run(operation, typed, issue.key)
    except DomainError as error:
        if isinstance(error, NotFound) and not error.field_errors:
            raise
        return _form_page(operation, issue, choices, typed, error)
    connection = exalate().sync.operations.connection(typed["connection"]).name
    flash(OPERATIONS[operation][2].format(key=issue.key, connection=connection,
                                          remote=typed["remoteIssueKey"].strip()), "success")
    return redirect(url_for("issue_pages.browse", key=issue.key), 303)


def _run(operation: str, typed: dict, key: str) -> None:
    sync, actor = exalate().sync, auth.require_user()
    if operation == "connect_issue":
        sync.connect_issue(typed["connection"], key, typed["remoteIssueKey"], actor)
    elif operation == "exalate_issue":  # one issue, as the product's operation: refused if already under sync
        sync.exalate_issue(typed["connection"], key, actor, refuse_synced=True)
    else:
        sync.unexalate_issue(typed["connection"], key, actor)


def _form_page(operation: str, issue: Issue, connections, form: dict, error: DomainError | None = None):
    errors, page_errors = _placed(error) if error is not None else ({}, [])
    title, intro, _ = OPERATIONS[operation]
    status = status_for(error) if error is not None else None
    return render_form(TEMPLATE, errors=errors, page_errors=page_errors, status=status, issue=issue, form=form,
                       title=title, intro=intro.format(key=issue.key), action=url_for(f".{operation}", key=issue.key),
                       connections=[(str(c.id), c.name) for c in connections],
                       asks_remote_key=operation == "connect_issue")


def _placed(error: DomainError) -> tuple[dict[str, str], list[str]]:
    """Each of the domain's messages beside the form's field it is about, the others on top of the page."""
    errors, page_errors = {}, []
    for name, message in wire_errors(error).items():
        field = FIELD_OF.get(name, name)
        if field in FIELDS:
            errors.setdefault(field, message)
        else:
            page_errors.append(message)
    return errors, page_errors or ([] if error.field_errors else [str(error)])


def _connections_to_start(issue: Issue):
    """The active connections the issue is not under sync with yet."""
    syncing = {twin.connection_id for twin in twins_of(issue)}
    connections = exalate().connections.list(max_results=MAX_PAGE).results
    return [c for c in connections if c.status == Status.ACTIVE and c.id not in syncing]


def _syncing_connections(issue: Issue):
    """Unexalate offers the connections the issue is under sync with, whatever their state."""
    return [twin.connection for twin in twins_of(issue)]


def exalate_panel(user: User, issue: Issue) -> str | None:
    twins = twins_of(issue)
    if not twins:
        return None
    return Markup(render_template("issues/exalate_panel.html", twins=twins, web_link=web_link))


def web_link(url: str | None) -> str | None:
    """The remote issue's address as the other side sent it, if it is one a link may lead to."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def register_operations(app) -> None:
    """Exalate, Connect and Unexalate in the issue's *More* menu; the Exalate panel on the issue page."""
    operations = issue_operations(app)
    for weight, (operation, shown) in enumerate((("exalate_issue", may_start_sync), ("connect_issue", may_start_sync),
                                                 ("unexalate_issue", under_sync)), start=50):
        operations.add(IssueOperation(f"{operation.split('_')[0]}-sync", OPERATIONS[operation][0],
                                      lambda issue, name=operation: url_for(f"exalate.{name}", key=issue.key),
                                      shown=shown, weight=weight))
    issue_panels(app).append(IssuePanel("exalate-panel", exalate_panel, weight=50))


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    for operation, view in (("exalate_issue", exalate_issue), ("connect_issue", connect_issue),
                            ("unexalate_issue", unexalate_issue)):
        rule(f"/issue/<key>/{operation.split('_')[0]}", operation, view, methods=["GET", "POST"])
