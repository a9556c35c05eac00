"""The host Jira: users and logging in, login sessions, projects, and issues with their comments,
attachments and workflow. It knows nothing of Exalate; it tells listeners (``events``) what
happens to issues."""

from __future__ import annotations

from importlib import import_module

__all__ = ["Jira"]


def __getattr__(name: str):
    """``Jira`` is loaded on first use, so that what stands alone under ``plugin.jira`` (the script world of
    ``exalate-emulator script run``) loads without the database layer."""
    if name != "Jira":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(".host", __name__), name)
