"""The Exalate app: this node, General Settings and the licence, the compatibility checker,
connections, invitations and the handshake, and the calls between the two ends of a connection.

``Exalate`` composes the areas; front doors call them by the product's operation names, e.g.
``exalate.connections.activate(id)`` or ``exalate.invitations.accept(...)``."""

from __future__ import annotations

from importlib import import_module

__all__ = ["Exalate"]


def __getattr__(name: str):
    """``Exalate`` is loaded on first use, so that what stands alone under ``plugin.exalate`` (the script world of
    ``exalate-emulator script run``) loads without the database layer."""
    if name != "Exalate":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(".app", __name__), name)
