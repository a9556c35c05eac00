"""jira-exalate-emulator: the Exalate app for Jira Server / Data Center, emulated.

``create_app`` builds one instance (one Jira node with the Exalate app installed)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from .backend import ExalateBackend, NodeIdentity
from .descriptor import load_descriptor
from .models import db
from .outbound import DEFAULT_READ_TIMEOUT, OutboundClient
from .schema import upgrade_database

DEFAULT_BASE_URL = "http://127.0.0.1:2990"

DEFAULTS = {
    "BASE_URL": DEFAULT_BASE_URL,
    # Flask-SQLAlchemy resolves a relative SQLite path inside the app's instance folder.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///exalate-emulator.db",
    "EXALATE_PLATFORM": "jira-server",
    "EXALATE_PLATFORM_VERSION": "9.12.0",
    "EXALATE_VERSION": "5.12.0",
    "INVITATION_DAYS": 7,
    # How long a destination's node info is reused by the compatibility check (0: never).
    "COMPATIBILITY_CACHE_SECONDS": 60,
    # werkzeug's password hash; tests pick a cheap one, as Django's test settings do.
    "PASSWORD_HASH_METHOD": "scrypt",
    "OUTBOUND_CONNECT_TIMEOUT": 3.0,
    "OUTBOUND_READ_TIMEOUT": DEFAULT_READ_TIMEOUT,
    "OUTBOUND_MAX_BYTES": 1_000_000,
    "OUTBOUND_ALLOW_PRIVATE": True,
    # Resolve host names before calling and refuse those that point at forbidden addresses.
    "OUTBOUND_CHECK_DNS": True,
    "SESSION_COOKIE_NAME": "JSESSIONID",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "JSON_SORT_KEYS": False,
}


def database_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.config["BASE_URL"] = app.config["BASE_URL"].rstrip("/")
    if "SESSION_COOKIE_SECURE" not in (config or {}):
        app.config["SESSION_COOKIE_SECURE"] = app.config["BASE_URL"].startswith("https://")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.json.sort_keys = False

    db.init_app(app)
    backend = ExalateBackend(
        NodeIdentity(
            base_url=app.config["BASE_URL"],
            platform=app.config["EXALATE_PLATFORM"],
            platform_version=app.config["EXALATE_PLATFORM_VERSION"],
            exalate_version=app.config["EXALATE_VERSION"],
        ),
        OutboundClient(
            connect_timeout=app.config["OUTBOUND_CONNECT_TIMEOUT"],
            read_timeout=app.config["OUTBOUND_READ_TIMEOUT"],
            max_bytes=app.config["OUTBOUND_MAX_BYTES"],
            allow_private=app.config["OUTBOUND_ALLOW_PRIVATE"],
            check_dns=app.config["OUTBOUND_CHECK_DNS"],
        ),
        invitation_days=app.config["INVITATION_DAYS"],
        password_method=app.config["PASSWORD_HASH_METHOD"],
        info_cache_seconds=app.config["COMPATIBILITY_CACHE_SECONDS"],
    )
    app.extensions["exalate"] = backend
    with app.app_context():
        upgrade_database(db.engine)
        backend.ensure_seeded()
        # The secret key lives with the instance's data, so every node of a cluster shares it.
        app.secret_key = app.config.get("SECRET_KEY") or backend.secret_key()
        db.session.remove()

    descriptor = load_descriptor()
    app.extensions["exalate.descriptor"] = descriptor

    from . import admin, rest

    rest.register(app, descriptor.rest_prefix)
    admin.register(app, descriptor)
    return app
