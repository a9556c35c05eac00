"""Jira's own pages that the app relies on: the login page (``/login.jsp``), logging out,
Manage apps (the Universal Plugin Manager listing the app) and the root, which opens the
Connections page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from .. import auth
from ..errors import NotAuthenticated, TooManyAttempts
from ..web import exalate, jira, status_for
from .pages import UPM_PATH, login_url, render_form, render_page

CONNECTIONS_ENDPOINT = "exalate.connections"
NAVIGATOR_ENDPOINT = "issue_pages.navigator"
SESSION_EXPIRED = "Your session has expired. Log in again to continue where you were."


def login():
    if request.method == "GET":
        destination = request.args.get("os_destination", "")
        notice = SESSION_EXPIRED if request.args.get("expired") == "true" else None
        try:  # a browser may keep sending Basic credentials of a name that is now locked
            auth.current_user()
        except TooManyAttempts as error:
            return _login_page(destination, page_errors=[str(error)], status=status_for(error))
        except NotAuthenticated:
            pass
        return _login_page(destination, notice=notice)
    destination = request.form.get("os_destination", "")
    username = request.form.get("os_username", "")
    try:
        user = jira().users.authenticate(username, request.form.get("os_password", ""))
    except (NotAuthenticated, TooManyAttempts) as error:
        return _login_page(destination, username, page_errors=[str(error)], status=status_for(error))
    auth.log_in(user)
    return redirect(safe_destination(destination) or url_for(CONNECTIONS_ENDPOINT))


def _login_page(destination: str, username: str = "", **kwargs):
    form = {"os_username": username, "os_destination": destination}
    return render_form("jira/login.html", form=form, **kwargs)


def safe_destination(destination: str) -> str | None:
    """A path on this site, or None: ``//host`` and ``/\\host`` are other sites to a browser."""
    if not destination.startswith("/") or destination.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 0x20 for char in destination):
        return None
    return destination


def logout():
    if request.method == "GET":
        # Logging out changes state, so a link only leads to the confirming form.
        if auth.current_user() is None:
            return redirect(login_url())
        return render_page("jira/logout.html")
    auth.log_out()
    flash("You are now logged out.", "info")
    return redirect(login_url(), 303)


def manage_apps():
    return render_page("jira/upm.html", license=exalate().licenses.get())


def home():
    """Administrators start at the Connections page, everyone else at the issue navigator."""
    user = auth.current_user()
    return redirect(url_for(CONNECTIONS_ENDPOINT if user.is_admin else NAVIGATOR_ENDPOINT))


def register(blueprint: Blueprint) -> None:
    rule = blueprint.add_url_rule
    rule("/login.jsp", view_func=login, methods=["GET", "POST"])
    rule("/logout", view_func=logout, methods=["GET", "POST"])
    rule(UPM_PATH, view_func=manage_apps, methods=["GET"])
    rule("/", view_func=home, methods=["GET"])
