"""``create_app`` builds one instance (one Jira node with the Exalate app installed): the host
Jira (``plugin.jira``), the app (``plugin.exalate``), and the two doors onto them, REST
(``plugin.rest``) and pages (``plugin.admin``)."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from .config import DEFAULTS, database_url, session_cookie_name
from .db import check_database_version, db, refresh_statistics, transaction
from .descriptor import load_descriptor
from .exalate import Exalate
from .exalate.node import NodeIdentity
from .jira import Jira
from .outbound import OutboundClient
from .schema import upgrade_database
from .script import PROGRAMS


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__package__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.config["BASE_URL"] = app.config["BASE_URL"].rstrip("/")
    if "SESSION_COOKIE_SECURE" not in (config or {}):
        app.config["SESSION_COOKIE_SECURE"] = app.config["BASE_URL"].startswith("https://")
    if "SESSION_COOKIE_NAME" not in (config or {}):
        app.config["SESSION_COOKIE_NAME"] = session_cookie_name(app.config["BASE_URL"])
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.json.sort_keys = False
    app.session_interface = CookielessFirst()
    PROGRAMS.resize(app.config["SCRIPT_CACHE_SIZE"])  # process-wide: the sync rules of every app in it
    db.init_app(app)

    descriptor = load_descriptor()
    jira = Jira(password_method=app.config["PASSWORD_HASH_METHOD"], login_attempts=app.config["LOGIN_ATTEMPTS"])
    exalate = Exalate(
        NodeIdentity(
            base_url=app.config["BASE_URL"],
            platform=app.config["EXALATE_PLATFORM"],
            platform_version=app.config["EXALATE_PLATFORM_VERSION"],
            exalate_version=app.config["EXALATE_VERSION"],
        ),
        jira,
        outbound=OutboundClient(
            connect_timeout=app.config["OUTBOUND_CONNECT_TIMEOUT"],
            read_timeout=app.config["OUTBOUND_READ_TIMEOUT"],
            max_bytes=app.config["OUTBOUND_MAX_BYTES"],
            allow_private=app.config["OUTBOUND_ALLOW_PRIVATE"],
            check_dns=app.config["OUTBOUND_CHECK_DNS"],
        ),
        rest_prefix=descriptor.rest_prefix,
        invitation_days=app.config["INVITATION_DAYS"],
        info_cache_seconds=app.config["COMPATIBILITY_CACHE_SECONDS"],
        attachment_max_bytes=app.config["ATTACHMENT_MAX_BYTES"],
    )
    app.extensions.update({"jira": jira, "exalate": exalate, "exalate.descriptor": descriptor})
    with app.app_context():
        check_database_version(db.engine)
        upgrade_database(db.engine)
        seed(jira, exalate)
        refresh_statistics(db.engine)
        # The secret key lives with the instance's data, so every node of a cluster shares it.
        app.secret_key = app.config.get("SECRET_KEY") or exalate.node.secret_key()
        jira.use_secret(app.secret_key)
        db.session.remove()

    from . import admin, rest

    app.before_request(refuse_oversized_body)
    rest.register(app, descriptor.rest_prefix)
    admin.register(app, descriptor)
    if app.config["SYNC_WORKER"]:
        exalate.sync.start_worker(app.app_context)
    return app


JIRA_UPLOAD = "jira_rest.add_attachments"  # REST: answers a body over ATTACHMENT_MAX_BYTES as Jira does
# Allowed up to ATTACHMENT_MAX_BYTES: attachment uploads, and the sync messages between nodes (a replica
# carries the comments, which together may well pass MAX_CONTENT_LENGTH).
UPLOAD_ENDPOINTS = {JIRA_UPLOAD, "issue_pages.attach", "rest.node_sync", "rest.node_sync_ack"}


class CookielessFirst(SecureCookieSessionInterface):
    """Flask's signed-cookie session, opened without building its signer when the request brings no session
    cookie: most REST calls (node to node, Basic auth) never have one."""

    def open_session(self, app, request):
        if "HTTP_COOKIE" not in request.environ or self.get_cookie_name(app) not in request.cookies:
            return self.session_class() if app.secret_key else None
        return super().open_session(app, request)


def refuse_oversized_body() -> None:
    """A body declared longer than the limit is refused before it is read (and before anyone is
    authenticated): 413, which the REST door renders as a Jira error body. A REST attachment upload
    over its own limit gets Jira's answer: 404 and the words of its upload parser (Jira REST API: "404
    Returned if … the attachments exceeds the maximum configured attachment size")."""
    environ = request.environ
    if environ.get("CONTENT_LENGTH", "") in ("", "0") and "HTTP_TRANSFER_ENCODING" not in environ:
        return  # no body: nothing to refuse (most reads)
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = current_app.config["ATTACHMENT_MAX_BYTES"]
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        if request.endpoint == JIRA_UPLOAD:
            raise NotFound(f"The field file exceeds its maximum permitted size of {limit} bytes.")
        raise RequestEntityTooLarge(f"The request body is larger than the limit of {limit} bytes.")


def seed(jira: Jira, exalate: Exalate, *, admin_password: str = "admin", user_password: str = "user") -> None:
    """First start: the instance row, the two users, two projects and a licence, in one
    transaction. Later starts keep whatever is there."""
    if exalate.node.is_seeded():
        return
    try:
        with transaction():
            exalate.node.seed()
            jira.seed(admin_password=admin_password, user_password=user_password)
    except IntegrityError:
        pass  # another node of the cluster seeded first
