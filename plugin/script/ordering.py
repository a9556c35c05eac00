"""What the List, Set and Map methods share: calling a closure, walking a collection, and Groovy's order
(``sort`` with or without a closure, ``unique``, ``max``/``min``)."""

from __future__ import annotations

from functools import cmp_to_key

from .arith import to_decimal
from .runtime import Closure
from .values import GroovySet, IntRange, compare, is_number, key_of


def call(rt, closure, *args):
    return rt.call_closure(closure, list(args))


def items_of(rt, values) -> list:
    if isinstance(values, IntRange):
        rt.check_size(len(values))
    return list(values)


def sorted_items(rt, items: list, closure=None) -> list:
    rt.tick(len(items))
    if closure is None:
        return sorted(items, key=cmp_to_key(compare))
    if closure.parameter_count == 2:
        return sorted(items, key=cmp_to_key(lambda a, b: int(call(rt, closure, a, b))))
    keys = {id(item): call(rt, closure, item) for item in items}
    return sorted(items, key=cmp_to_key(lambda a, b: compare(keys[id(a)], keys[id(b)])))


def sort_values(rt, values, *args):
    mutate = not (args and isinstance(args[0], bool) and not args[0])
    closure = next((arg for arg in args if isinstance(arg, Closure)), None)
    result = sorted_items(rt, items_of(rt, values), closure)
    if mutate and isinstance(values, list):
        values[:] = result
        return values
    return GroovySet(result) if isinstance(values, GroovySet) else result


def unique_items(rt, items: list, closure=None) -> list:
    """Groovy's ``unique``: numbers equal by value (``1`` and ``1.0`` are one), the first of each kept."""
    kept = []
    if closure is not None and closure.parameter_count == 2:
        for item in items:
            rt.tick(len(kept))
            if not any(int(call(rt, closure, other, item)) == 0 for other in kept):
                kept.append(item)
        return kept
    seen = set()
    for item in items:
        key = unique_key(item if closure is None else call(rt, closure, item))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def unique_key(value):
    return ("number", to_decimal(value).normalize()) if is_number(value) and not isinstance(value, float) or \
        isinstance(value, float) and value == value and abs(value) != float("inf") else key_of(value)


def membership(items) -> set:
    """The values of ``items`` as ``unique_key`` sees them: ``unique_key(x) in membership(items)`` is whether
    items holds a value equal to x, in one hash lookup (``minus``, ``intersect``, ``removeAll`` stay linear)."""
    return {unique_key(item) for item in items}


def unique_values(rt, values, *args):
    mutate = not (args and isinstance(args[0], bool) and not args[0])
    closure = next((arg for arg in args if isinstance(arg, Closure)), None)
    result = unique_items(rt, items_of(rt, values), closure)
    if mutate and isinstance(values, list):
        values[:] = result
        return values
    return result


def extreme(sign: int):
    def pick(rt, values, closure=None):
        items = items_of(rt, values)
        if not items:
            return None
        if closure is not None and closure.parameter_count == 2:
            order = lambda a, b: int(call(rt, closure, a, b))  # noqa: E731
        elif closure is not None:
            keys = [call(rt, closure, item) for item in items]
            best = 0
            for index in range(1, len(items)):
                if compare(keys[index], keys[best]) * sign > 0:
                    best = index
            return items[best]
        else:
            order = compare
        best = items[0]
        for item in items[1:]:
            if order(item, best) * sign > 0:
                best = item
        return best
    return pick


def put_entry(rt, result: dict, entry) -> None:
    """``collectEntries``: a closure may answer a map entry, a map, or a pair ``[key, value]``."""
    from .errors import GroovyRuntimeError
    from .ops import MapEntry, stringify
    if isinstance(entry, MapEntry):
        result[entry.key] = entry.value
    elif isinstance(entry, dict):
        result.update(entry)
    elif isinstance(entry, list) and len(entry) == 2:
        result[entry[0]] = entry[1]
    else:
        raise GroovyRuntimeError(f"Cannot use {stringify(rt, entry)} as a map entry", "IllegalArgumentException")
