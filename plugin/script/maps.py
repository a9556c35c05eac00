"""The Map methods sync rules use. Maps keep insertion order (LinkedHashMap); a closure with two parameters
gets key and value, with one it gets the entry (``it.key``, ``it.value``)."""

from __future__ import annotations

from functools import cmp_to_key

from .ops import MapEntry, binary, stringify
from .ordering import call, put_entry
from .runtime import Closure
from .values import GroovySet, compare, equals, truth


class MapWithDefault(dict):
    """``map.withDefault { key -> … }``: reading a missing key stores the closure's value for it and gives it
    (Groovy's ``get`` decorator; ``containsKey``, iteration and copies see only what was stored)."""

    __slots__ = ("initial",)
    groovy_class = "groovy.lang.MapWithDefault"

    def __init__(self, entries: dict, initial: Closure):
        super().__init__(entries)
        self.initial = initial


def read_key(rt, values: dict, key):
    """``map[key]``, ``map.key``, ``map.get(key)``."""
    if isinstance(values, MapWithDefault) and key not in values:
        rt.check_size(len(values) + 1)
        values[key] = call(rt, values.initial, key)
    return values.get(key)


def entry_call(rt, closure: Closure, key, value):
    if closure.parameter_count == 2:
        return call(rt, closure, key, value)
    return call(rt, closure, MapEntry(key, value))


def _each(rt, values: dict, closure):
    for key, value in list(values.items()):
        entry_call(rt, closure, key, value)
    return values


def _each_with_index(rt, values: dict, closure):
    for index, (key, value) in enumerate(list(values.items())):
        if closure.parameter_count == 3:
            call(rt, closure, key, value, index)
        else:
            call(rt, closure, MapEntry(key, value), index)
    return values


def _find_all(rt, values: dict, closure):
    return {k: v for k, v in list(values.items()) if truth(entry_call(rt, closure, k, v))}


def _find(rt, values: dict, closure):
    for key, value in list(values.items()):
        if truth(entry_call(rt, closure, key, value)):
            return MapEntry(key, value)
    return None


def _collect_entries(rt, values: dict, closure=None):
    if closure is None:
        return dict(values)
    result = {}
    for key, value in list(values.items()):
        put_entry(rt, result, entry_call(rt, closure, key, value))
    return result


def _sort(rt, values: dict, closure=None):
    entries = [MapEntry(k, v) for k, v in values.items()]
    if closure is None:
        ordered = sorted(entries, key=cmp_to_key(lambda a, b: compare(a.key, b.key)))
    elif closure.parameter_count == 2:
        ordered = sorted(entries, key=cmp_to_key(lambda a, b: int(call(rt, closure, a, b))))
    else:
        ordered = sorted(entries, key=cmp_to_key(lambda a, b: compare(call(rt, closure, a), call(rt, closure, b))))
    return {entry.key: entry.value for entry in ordered}


def _group_by(rt, values: dict, closure):
    groups: dict = {}
    for key, value in list(values.items()):
        groups.setdefault(entry_call(rt, closure, key, value), {})[key] = value
    return groups


def _get(rt, values: dict, key, *default):
    """Groovy's ``get(key, default)`` also puts the default in the map."""
    if default and key not in values:
        values[key] = default[0]
    return read_key(rt, values, key)


def _get_or_put(rt, values: dict, key, default):
    if key not in values:
        values[key] = default
    return values[key]


def _put(rt, values: dict, key, value):
    rt.check_size(len(values) + 1)
    old = values.get(key)
    values[key] = value
    return old


def _put_all(rt, values: dict, more: dict):
    rt.check_size(len(values) + len(more))
    values.update(more)


def _inject(rt, values: dict, initial, closure):
    accumulated = initial
    for key, value in list(values.items()):
        accumulated = call(rt, closure, accumulated, MapEntry(key, value))
    return accumulated


METHODS = {
    "each": _each, "eachWithIndex": _each_with_index,
    "collect": lambda rt, m, c: [entry_call(rt, c, k, v) for k, v in list(m.items())],
    "findAll": _find_all, "find": _find, "collectEntries": _collect_entries, "sort": _sort, "groupBy": _group_by,
    "any": lambda rt, m, c: any(truth(entry_call(rt, c, k, v)) for k, v in list(m.items())),
    "every": lambda rt, m, c: all(truth(entry_call(rt, c, k, v)) for k, v in list(m.items())),
    "count": lambda rt, m, c: sum(1 for k, v in list(m.items()) if truth(entry_call(rt, c, k, v))),
    "containsKey": lambda rt, m, key: key in m,
    "containsValue": lambda rt, m, value: any(equals(v, value) for v in m.values()),
    "get": _get, "getOrDefault": lambda rt, m, key, default: m.get(key, default),
    "put": _put, "putAll": _put_all, "remove": lambda rt, m, key: m.pop(key, None),
    "keySet": lambda rt, m: GroovySet(m.keys()),
    "values": lambda rt, m: list(m.values()), "entrySet": lambda rt, m: [MapEntry(k, v) for k, v in m.items()],
    "size": lambda rt, m: len(m), "isEmpty": lambda rt, m: not m, "clear": lambda rt, m: m.clear(),
    "getAt": read_key, "putAt": lambda rt, m, key, value: _put(rt, m, key, value) and None,
    "plus": lambda rt, m, other: binary(rt, "+", m, other), "minus": lambda rt, m, other: binary(rt, "-", m, other),
    "leftShift": lambda rt, m, other: binary(rt, "<<", m, other),
    "subMap": lambda rt, m, keys: {k: m[k] for k in keys if k in m},
    "findResults": lambda rt, m, c: [r for r in (entry_call(rt, c, k, v) for k, v in list(m.items())) if r is not None],
    "withDefault": lambda rt, m, c: MapWithDefault(m, c),
    "max": lambda rt, m, c: max((MapEntry(k, v) for k, v in m.items()), key=cmp_to_key(
        lambda a, b: compare(entry_call(rt, c, a.key, a.value), entry_call(rt, c, b.key, b.value)))) if m else None,
    "min": lambda rt, m, c: min((MapEntry(k, v) for k, v in m.items()), key=cmp_to_key(
        lambda a, b: compare(entry_call(rt, c, a.key, a.value), entry_call(rt, c, b.key, b.value)))) if m else None,
    "computeIfAbsent": lambda rt, m, key, c: m[key] if key in m else _put(rt, m, key, call(rt, c, key)) or m[key],
    "getOrPut": _get_or_put, "toMapString": lambda rt, m: stringify(rt, m),
    "inject": lambda rt, m, initial, c: _inject(rt, m, initial, c),
}
