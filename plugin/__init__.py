"""jira-exalate-emulator: the Exalate app for Jira Server / Data Center, emulated.

``create_app`` (plugin.app) builds one instance: the host Jira (``plugin.jira``), the app (``plugin.exalate``),
and the two doors onto them, REST (``plugin.rest``) and pages (``plugin.admin``). It is loaded on first use, so
that ``exalate-emulator script …`` and ``plugin.script`` start without Flask or SQLAlchemy."""

from __future__ import annotations

from importlib import import_module

__all__ = ["create_app", "DEFAULTS"]


def __getattr__(name: str):
    app = import_module(".app", __name__)
    try:
        return getattr(app, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
