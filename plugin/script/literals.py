"""Collection literals and what spreads into them: ``[a, *b]``, ``[k: v, *: m]``."""

from __future__ import annotations

from . import ops
from .errors import GroovyRuntimeError
from .nodes import Node, SpreadArgument
from .values import to_string, type_name


def despread_map(value) -> dict:
    """``*: value`` in a map literal."""
    if isinstance(value, dict):
        return value
    if value is None:  # Java's own words for the null it was handed
        raise GroovyRuntimeError('Cannot invoke "Object.getClass()" because "value" is null', "NullPointerException")
    raise GroovyRuntimeError(f"Cannot spread the map {type_name(value, True)}, value {to_string(value)}",
                             "SpreadMapEvaluatingException")


class ListLiteral(Node):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def ev(self, runtime, scope):
        runtime.check_size(len(self.items))
        values = []
        for item in self.items:
            if isinstance(item, SpreadArgument):
                values.extend(item.spread(runtime, scope))
            else:
                values.append(item.ev(runtime, scope))
        runtime.check_size(len(values))
        return values


class MapLiteral(Node):
    __slots__ = ("entries",)

    def __init__(self, entries):
        self.entries = entries  # (key node, value node) or SpreadMapEntry

    def ev(self, runtime, scope):
        values = {}
        for entry in self.entries:
            if isinstance(entry, SpreadMapEntry):
                values.update(entry.spread(runtime, scope))
            else:
                values[ops.map_key(entry[0].ev(runtime, scope))] = entry[1].ev(runtime, scope)
        return values


class SpreadMapEntry(SpreadArgument):
    """``*: value`` in a map literal."""

    __slots__ = ()
    despread = staticmethod(despread_map)
