"""The app's settings and their defaults, in one place: ``create_app`` starts from these, the
command line passes only what it was given, and the README's option table states them."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from .outbound import DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BYTES, DEFAULT_READ_TIMEOUT
from .script.cache import DEFAULT_CACHE_SIZE

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 2990

DEFAULTS = {
    "BASE_URL": f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
    # Flask-SQLAlchemy resolves a relative SQLite path inside the app's instance folder.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///exalate-emulator.db",
    # What the node says it is.
    "EXALATE_PLATFORM": "jira-server",
    "EXALATE_PLATFORM_VERSION": "9.12.0",
    "EXALATE_VERSION": "5.12.0",
    "INVITATION_DAYS": 7,
    # How long a destination's node info is reused by the compatibility check (0: never).
    "COMPATIBILITY_CACHE_SECONDS": 60,
    # werkzeug's password hash; tests pick a cheap one, as Django's test settings do.
    "PASSWORD_HASH_METHOD": "scrypt",
    # Failed logins before a user name is refused for a while (Jira's "Maximum Authentication
    # Attempts Allowed").
    "LOGIN_ATTEMPTS": 5,
    "OUTBOUND_CONNECT_TIMEOUT": DEFAULT_CONNECT_TIMEOUT,
    "OUTBOUND_READ_TIMEOUT": DEFAULT_READ_TIMEOUT,
    "OUTBOUND_MAX_BYTES": DEFAULT_MAX_BYTES,
    "OUTBOUND_ALLOW_PRIVATE": True,
    # Resolve host names before calling and refuse those that point at forbidden addresses.
    "OUTBOUND_CHECK_DNS": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "JSON_SORT_KEYS": False,
    # The largest request body accepted (bytes); a larger one is refused with 413 from its headers.
    # REST bodies are small JSON documents: 1 MiB leaves them ample room.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # The largest attachment upload (bytes), the one route allowed past MAX_CONTENT_LENGTH
    # (Jira's default attachment size limit is 10 MB).
    "ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
    # Parsed sync rules kept in the process (two scripts per connection; one parse per rules version).
    "SCRIPT_CACHE_SIZE": DEFAULT_CACHE_SIZE,
    # Every process runs a sync worker thread; tests that step the queues themselves turn it off.
    "SYNC_WORKER": True,
}

# The HTTP server's settings, per worker process (``exalate-emulator serve`` options).
SERVER_DEFAULTS = {
    "threads": 8,
    # waitress's default; when all are taken, the connection that waited longest is closed.
    "connection_limit": 100,
    # Seconds for a request's line and headers, then for its body: Tomcat's connectionTimeout
    # (Jira's server.xml) is 20 s.
    "header_timeout": 20.0,
    "body_timeout": 60.0,
}


def session_cookie_name(base_url: str) -> str:
    """Jira's ``JSESSIONID``, with the base URL's port when it names one: browsers keep cookies
    per host whatever the port, so two instances on one host would otherwise log each other out.
    Nodes of a cluster share a base URL, hence the cookie. ``SESSION_COOKIE_NAME`` overrides it."""
    port = urlsplit(base_url).port
    return f"JSESSIONID_{port}" if port else "JSESSIONID"


def database_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
