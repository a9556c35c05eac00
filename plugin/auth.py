"""Who is asking, as Jira decides it: HTTP Basic on REST, a session cookie from the login page
or ``POST /rest/auth/1/session``, and the ``atl_token`` that every admin form must carry."""

from __future__ import annotations

import hmac
import secrets

from flask import g, request, session

from .errors import NotAuthenticated, PermissionDenied
from .jira.models import User
from .web import jira

XSRF_FAILED = "XSRF check failed"
SESSION_USER = "user_id"
SESSION_TOKEN = "atl_token"


def log_in(user: User) -> None:
    session.clear()
    session[SESSION_USER] = user.id
    session[SESSION_TOKEN] = secrets.token_hex(20)
    session.permanent = True


def log_out() -> None:
    session.clear()


def current_user() -> User | None:
    """The user of this request: Basic credentials when given, else the session's user."""
    if "user" in g:
        return g.user
    user = None
    credentials = request.authorization
    if credentials is not None and credentials.type == "basic":
        user = jira().users.authenticate(credentials.username, credentials.password)
    elif SESSION_USER in session:
        user = jira().users.get(session[SESSION_USER])
    g.user = user
    return user


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
    sent = request.form.get("atl_token", "")
    expected = session.get(SESSION_TOKEN, "")
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


def is_form_post() -> bool:
    mimetype = request.mimetype or ""
    return mimetype in ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


def xsrf_header_present() -> bool:
    return request.headers.get("X-Atlassian-Token", "").lower() in ("no-check", "nocheck")
