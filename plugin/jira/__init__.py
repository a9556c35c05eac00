"""The host Jira: users and logging in, login sessions, projects, and issues with their comments,
attachments and workflow. It knows nothing of Exalate; it tells listeners (``events``) what
happens to issues."""

from __future__ import annotations

from ..lazy import loaded_on_first_use

__all__ = ["Jira"]

# Jira (host.py) brings the database layer: loaded when first asked for, so that the script world
# (exalate-emulator script run) loads without it.
__getattr__ = loaded_on_first_use(__name__, ".host", {"Jira"})
