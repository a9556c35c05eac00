"""The Exalate app: this node, General Settings and the licence, the compatibility checker,
connections, invitations and the handshake, and the calls between the two ends of a connection.

``Exalate`` composes the areas; front doors call them by the product's operation names, e.g.
``exalate.connections.activate(id)`` or ``exalate.invitations.accept(...)``."""

from __future__ import annotations

from ..lazy import loaded_on_first_use

__all__ = ["Exalate"]

# Exalate (app.py) brings the database layer: loaded when first asked for, so that the script world
# (exalate-emulator script run) loads without it.
__getattr__ = loaded_on_first_use(__name__, ".app", {"Exalate"})
