"""What every server-rendered page shares: who may open it, how a domain error becomes a page,
how a form is re-shown with each error beside its field, and the shell's context (the user,
``atl_token`` and the admin navigation built from the plugin descriptor)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .. import auth
from ..descriptor import WebItem, WebSection
from ..errors import DomainError, NotAuthenticated, PermissionDenied, ValidationFailed
from ..fields import MAX_PAGE
from ..web import exalate, status_for, wire_errors

LOGIN_ENDPOINT = "jira_pages.login"
ISSUE_PAGES = "issue_pages"  # the blueprint of Jira's issue pages, open to every user
LOGOUT_ENDPOINT = "jira_pages.logout"
HOME_ENDPOINT = "jira_pages.home"
UPM_PATH = "/plugins/servlet/upm"
NO_PERMISSION = "You do not have permission to access this page."
ERROR_TITLES = {403: "Permission violation", 404: "Page not found", 405: "Method not allowed", 409: "Conflict",
                429: "Too many login attempts"}
# Jira's own words when a form token is stale: the page explains and offers to send the form again.
XSRF_TITLE = "XSRF Security Token Missing"
XSRF_MESSAGE = ("Jira could not complete this action due to a missing or expired form token. You may have logged "
                "out in another tab or cleared your browser cookies. A new form token has been issued: what you "
                "typed is kept below, send it again with Retry operation.")
DEAD_LINK = "Oops, you've found a dead link."
# The wizards show the step named in the query with the answers there: after logging in again,
# a wizard whose post found no session opens where the user was.
RESUMABLE_ENDPOINTS = ("exalate.initiate", "exalate.accept")

# Jira's own section above the apps' sections in the Apps admin tab.
MARKETPLACE_SECTION = WebSection(
    "upm-marketplace", "ATLASSIAN MARKETPLACE", (WebItem("upm-manage-apps", "Manage apps", UPM_PATH, 10),)
)

# Admin pages show invitation codes and tokens: keep them out of caches and out of every frame.
# The pages' own CSS and JS are files under /static, so the policy forbids anything inline:
# an injected <script>, style or event handler attribute would not run.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def protect(blueprint: Blueprint, *, administrators_only: bool = True) -> None:
    """Give a blueprint of pages the shell, the access rules and the error pages: administration
    pages are for Jira administrators, Jira's own issue pages for anyone logged in."""
    blueprint.before_request(guard if administrators_only else guard_for_users)
    blueprint.after_request(add_security_headers)
    blueprint.context_processor(shell_context)
    blueprint.register_error_handler(DomainError, render_domain_error)


def guard():
    """Admin only, except logging in and out and the root (which sends each user where they
    start); every form post carries the session's atl_token."""
    if request.endpoint == HOME_ENDPOINT:
        auth.require_user()
    elif request.endpoint not in (LOGIN_ENDPOINT, LOGOUT_ENDPOINT):
        auth.require_admin()
    return check_form_token()


def guard_for_users():
    """Anyone logged in; every form post carries the session's atl_token."""
    auth.require_user()
    return check_form_token()


def check_form_token():
    if request.method == "POST" and request.endpoint != LOGIN_ENDPOINT and not auth.form_token_valid():
        return render_page("xsrf.html", 403, title=XSRF_TITLE, message=XSRF_MESSAGE, retry=posted_fields())
    return None


def posted_fields(*, leave_out: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The posted form without its token and without any password: what may go back into a page."""
    return [(name, value) for name, value in request.form.items(multi=True)
            if name not in ("atl_token", *leave_out) and "password" not in name.lower()]


def add_security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    return response


def render_domain_error(error: DomainError):
    if isinstance(error, NotAuthenticated):
        if request.method == "POST":
            return redirect(login_url(resume_path(), expired=True))
        return redirect(login_url(requested_path()))
    status = status_for(error)
    message = NO_PERMISSION if isinstance(error, PermissionDenied) else str(error)
    return render_page("error.html", status, title=ERROR_TITLES.get(status, "Error"), message=message)


def login_url(destination: str = "", expired: bool = False) -> str:
    return url_for(LOGIN_ENDPOINT, os_destination=destination or None, expired="true" if expired else None)


def requested_path() -> str:
    query = request.query_string.decode("utf-8", "replace")
    return request.path + ("?" + query if query else "")


def resume_path() -> str:
    """Where to go back after logging in again when a form was posted without a session: a wizard
    shows the step that was posted, with the answers (never a password) in the query; any other
    form goes back to the page it was on."""
    if request.endpoint in RESUMABLE_ENDPOINTS:
        if request.form.get("invitationCode"):  # it carries the connection's secret: never into an address
            return request.path + "?" + urlencode(posted_fields(leave_out=("action", "step", "invitationCode")))
        return request.path + "?" + urlencode(posted_fields(leave_out=("action",)))
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path:
        return referrer.path + ("?" + referrer.query if referrer.query else "")
    return ""


def render_http_error(error: HTTPException):
    """A routing or method failure outside REST, in the Jira frame with a way back."""
    status = error.code or 500
    message = DEAD_LINK if status == 404 else (error.description or error.name)
    body = render_template("error.html", title=ERROR_TITLES.get(status, error.name), message=message,
                           **shell_context())
    return add_security_headers(current_app.response_class(body, status))


def render_page(template: str, status: int = 200, **context):
    return render_template(template, **context), status


def render_form(template: str, *, errors: dict | None = None, page_errors=(), status: int | None = None, **context):
    """A page with a form; with errors it answers 400 unless told otherwise."""
    errors = errors or {}
    page_errors = list(page_errors)
    if status is None:
        status = 400 if errors or page_errors else 200
    return render_page(template, status, errors=errors, page_errors=page_errors, **context)


def render_failure(template: str, error: DomainError, fields, **context):
    errors, page_errors = explain(error, fields)
    return render_form(template, errors=errors, page_errors=page_errors, status=status_for(error), **context)


def explain(error: DomainError, fields) -> tuple[dict[str, str], list[str]]:
    """Split an error into messages beside the form's ``fields`` and messages for the page.

    Only a validation failure belongs beside fields; any other failure (the other node, a
    conflict) is about the whole operation, so its text goes to the top of the page."""
    if not isinstance(error, ValidationFailed):
        return {}, [str(error)]
    named = wire_errors(error)  # forms name their fields as the wire does
    placed = {name: text for name, text in named.items() if name in fields}
    stray = [text for name, text in named.items() if name not in fields]
    messages = [text for text in error.messages if text not in placed.values()]
    return placed, messages + stray


def connection_choices() -> list[tuple[str, str]]:
    """(id, name) of the connections, for a page's connection picker."""
    return [(str(connection.id), connection.name)
            for connection in exalate().connections.list(max_results=MAX_PAGE).results]


def project_choices(projects) -> list[tuple[str, str]]:
    """(key, "Name (KEY)") of ``projects`` (this instance's or another's), for a page's project picker."""
    return [(project.key, f"{project.name} ({project.key})") for project in projects]


def shell_context() -> dict:
    descriptor = current_app.extensions["exalate.descriptor"]
    sections = (MARKETPLACE_SECTION, *descriptor.admin_sections)
    user = _user_or_none()
    return {
        "descriptor": descriptor,
        "user": user,
        # Errors of the issue pages stay in Jira's frame; those of the administration, in its shell.
        "admin_frame": user is not None and user.is_admin and request.blueprint != ISSUE_PAGES,
        "atl_token": auth.atl_token,
        "nav_sections": sections,
        "current_link": current_link(sections, request.path),
    }


def current_link(sections, path: str) -> str | None:
    """The navigation item this page belongs to: the longest link that is the path or a parent of it."""
    links = [item.link for section in sections for item in section.items]
    matches = [link for link in links if path == link or path.startswith(link.rstrip("/") + "/")]
    return max(matches, key=len, default=None)


def jira_datetime(value: datetime | None) -> str:
    return value.strftime("%d/%b/%Y %H:%M UTC") if value else ""


def _user_or_none():
    # The login page and error pages render for visitors whose browser may still send stale
    # credentials, or those of a name locked after failed logins.
    try:
        return auth.current_user()
    except DomainError:
        return None
