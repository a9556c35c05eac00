"""Who is asking, as Jira decides it: HTTP Basic on REST, a session cookie from the login page
or ``POST /rest/auth/1/session`` (its session kept in the database, so logging out ends it on
every node), and the ``atl_token`` that every admin form must carry."""

from __future__ import annotations

import hmac
import secrets

from flask import current_app, g, request, session

from .errors import DomainError, NotAuthenticated, PermissionDenied
from .jira.models import User
from .web import jira

XSRF_FAILED = "XSRF check failed"
SESSION_ID = "session"
SESSION_TOKEN = "atl_token"


def log_in(user: User) -> None:
    log_out()
    session[SESSION_ID] = jira().sessions.open(user, current_app.permanent_session_lifetime)
    session[SESSION_TOKEN] = secrets.token_hex(20)
    session.permanent = True


def log_out() -> None:
    if SESSION_ID in session:
        jira().sessions.close(session[SESSION_ID])
    session.clear()
    g.pop("user", None)


def current_user() -> User | None:
    """The user of this request: Basic credentials when given, else the session's user. Asked
    once per request: a refusal is remembered, so a wrong password counts as one failure."""
    if "auth_error" in g:
        raise g.auth_error
    if "user" in g:
        return g.user
    user = None
    credentials = _basic_credentials()
    try:
        if credentials is not None:
            user = jira().users.authenticate(credentials.username, credentials.password)
        elif SESSION_ID in session:
            user = jira().sessions.user_for(session[SESSION_ID])
    except DomainError as error:
        g.auth_error = error
        raise
    g.user = user
    return user


def is_cookie_authenticated() -> bool:
    """Whether the session cookie, which a browser sends along by itself, is what identifies
    this request (rather than credentials its sender had to know). A cookie whose session has
    ended identifies nobody: its request is unauthenticated (401), not a forgery (403)."""
    return _basic_credentials() is None and SESSION_ID in session and current_user() is not None


def _basic_credentials():
    credentials = request.authorization
    return credentials if credentials is not None and credentials.type == "basic" else None


def require_user() -> User:
    user = current_user()
    if user is None:
        raise NotAuthenticated("You are not authenticated. Authentication required to perform this operation.")
    return user


def require_admin() -> User:
    user = require_user()
    if not user.is_admin:
        raise PermissionDenied("You must be a Jira administrator to manage Exalate.")
    return user


def atl_token() -> str:
    """The session's form token, created on first use."""
    if SESSION_TOKEN not in session:
        session[SESSION_TOKEN] = secrets.token_hex(20)
    return session[SESSION_TOKEN]


def form_token_valid() -> bool:
    return _token_matches(request.form.get("atl_token", ""))


def request_token_valid() -> bool:
    """The session's ``atl_token`` as a request parameter (query string or form), as Jira takes it."""
    return _token_matches(request.values.get("atl_token", ""))


def _token_matches(sent: str) -> bool:
    expected = session.get(SESSION_TOKEN, "")
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


def is_form_post() -> bool:
    mimetype = request.mimetype or ""
    return mimetype in ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


def xsrf_header_present() -> bool:
    return request.headers.get("X-Atlassian-Token", "").lower() in ("no-check", "nocheck")
