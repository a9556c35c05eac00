"""Jira's REST conventions for failures: ``{"errorMessages": [...], "errors": {...}}`` bodies,
a status per domain error, JSON (never an HTML page) for every path under ``/rest/``."""

from __future__ import annotations

import json
import logging

from flask import Flask, jsonify, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

from .. import auth
from ..errors import DomainError, TooManyAttempts, ValidationFailed
from ..web import exalate, status_for, wire_errors

log = logging.getLogger(__name__)

# Resources that answer without a Jira user: node discovery; the handshake, which the
# invitation's signature authenticates; and the calls between the two ends of a connection,
# which their shared secret authenticates (X-exalate-jwt).
PUBLIC_ENDPOINTS = {"rest.node_info", "rest.node_handshake", "rest.node_connection", "rest.withdraw_node_connection",
                    "rest.node_sync", "rest.node_sync_ack", "rest.node_sync_pending", "rest.node_sync_taken",
                    "rest.node_attachment", "rest.node_visual_catalog", "rest.node_visual"}
# Logging in replaces the session rather than acting as its user.
LOGIN_ENDPOINT = "jira_rest.create_session"


def error_body(messages=(), field_errors=None, status: int = 400):
    response = jsonify({"errorMessages": list(messages), "errors": dict(field_errors or {})})
    response.status_code = status
    return response


def render_domain_error(error: DomainError):
    status = status_for(error)
    messages = error.messages
    if not messages and not error.field_errors:
        messages = [str(error)]
    response = error_body(messages, wire_errors(error), status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="protected-area"'
    if isinstance(error, TooManyAttempts):
        login_url = exalate().identity.base_url + "/login.jsp"
        response.headers["X-Authentication-Denied-Reason"] = "CAPTCHA_CHALLENGE; login-url=" + login_url
    return response


class XsrfRefused(Exception):
    pass


def check_xsrf_header():
    """Jira refuses form-encoded or multipart REST calls without ``X-Atlassian-Token: no-check``.
    A change that the session cookie authenticates needs the header or the session's
    ``atl_token`` whatever its content type: a page of another site (or of another port on this
    host, which is the same site to cookies) can send a body-less POST with the cookie."""
    if request.method not in ("POST", "PUT", "DELETE", "PATCH") or auth.xsrf_header_present():
        return
    if auth.is_form_post():
        raise XsrfRefused()
    if auth.is_cookie_authenticated() and request.endpoint != LOGIN_ENDPOINT and not auth.request_token_valid():
        raise XsrfRefused()


def guard_request():
    check_xsrf_header()
    if request.endpoint not in PUBLIC_ENDPOINTS:
        auth.require_admin()


def json_body(schema: Schema) -> dict:
    """The request's JSON body loaded through ``schema``; a 400 naming each bad field otherwise."""
    if not request.is_json:
        raise ValidationFailed("The request body must be JSON (Content-Type: application/json).")
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # deeply nested arrays: silent=True only covers ValueError
        data = None
    if data is None and request.get_data():
        raise ValidationFailed("The request body is not valid JSON.")
    if not isinstance(data, dict):
        raise ValidationFailed("The request body must be a JSON object.")
    if not _is_unicode(data):
        raise ValidationFailed("The request body is not valid JSON: it escapes half a surrogate pair "
                               "(\\ud800-\\udfff), which is no character.")
    return _load(schema, data)


def query_args(schema: Schema) -> dict:
    """The request's query parameters loaded through ``schema``; a 400 naming each bad one."""
    return _load(schema, request.args.to_dict())


def _load(schema: Schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as exc:  # marshmallow names the fields as the wire does
        raise ValidationFailed(field_errors=_flatten(exc.messages)) from exc


def _is_unicode(data) -> bool:
    """JSON can escape a lone surrogate (``"\\ud800"``); Python decodes it into a string that no
    database driver can encode."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _flatten(messages, prefix: str = "") -> dict[str, str]:
    flat = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            # marshmallow files a nested field's own type error under "_schema": name the field.
            name = prefix if key == "_schema" and prefix else (f"{prefix}.{key}" if prefix else str(key))
            if isinstance(value, dict):
                flat.update(_flatten(value, name))
            else:
                flat[name] = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    else:
        flat[prefix or "body"] = str(messages)
    return flat


def register_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, _on_domain_error)
    app.register_error_handler(XsrfRefused, _on_xsrf)
    app.register_error_handler(HTTPException, _on_http_exception)
    app.register_error_handler(Exception, _on_unexpected)


def _is_rest() -> bool:
    return request.path.startswith("/rest/")


def _on_domain_error(error: DomainError):
    # Admin pages handle their own errors (see plugin.admin); this is the REST rendering.
    return render_domain_error(error)


def _on_xsrf(_error):
    if _is_rest():
        return error_body([auth.XSRF_FAILED], status=403)
    return auth.XSRF_FAILED, 403, {"Content-Type": "text/plain; charset=utf-8"}


def _on_http_exception(error: HTTPException):
    if not _is_rest():
        from ..admin.pages import render_http_error  # the pages' own frame; loaded late: pages load the REST schemas

        return render_http_error(error)
    response = error_body([error.description or error.name], status=error.code or 500)
    if getattr(error, "valid_methods", None):  # a 405 says what is allowed
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _on_unexpected(error: Exception):
    log.exception("Unexpected error on %s %s", request.method, request.path)
    if _is_rest():
        return error_body(["Internal server error. The error has been logged."], status=500)
    return "Internal server error. The error has been logged.", 500
