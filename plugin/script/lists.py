"""The List (and Set, and range) methods sync rules use, with Groovy's behaviour: ``sort`` and ``unique`` change
the list they are called on, ``reverse``, ``plus`` and ``minus`` make a new one."""

from __future__ import annotations

from .dispatch import get_index
from .errors import GroovyRuntimeError, LimitExceeded
from .ops import binary, is_case, stringify
from .ordering import (
    call,
    extreme,
    items_of,
    membership,
    put_entry,
    sort_values,
    sorted_items,
    unique_items,
    unique_key,
    unique_values,
)
from .runtime import Closure
from .values import GroovySet, IntRange, equals, is_number, truth


def _each(rt, values, closure):
    for item in items_of(rt, values):
        call(rt, closure, item)
    return values


def _each_with_index(rt, values, closure):
    for index, item in enumerate(items_of(rt, values)):
        call(rt, closure, item, index)
    return values


def _collect(rt, values, closure=None):
    result = [item if closure is None else call(rt, closure, item) for item in items_of(rt, values)]
    rt.check_size(len(result))
    return result


def _find_all(rt, values, closure=None):
    kept = [item for item in items_of(rt, values) if truth(item if closure is None else call(rt, closure, item))]
    return GroovySet(kept) if isinstance(values, GroovySet) else kept


def _find(rt, values, closure=None):
    for item in items_of(rt, values):
        if truth(item if closure is None else call(rt, closure, item)):
            return item
    return None


def _find_index(rt, values, closure):
    for index, item in enumerate(items_of(rt, values)):
        if truth(call(rt, closure, item)):
            return index
    return -1


def _any(rt, values, closure=None):
    return any(truth(item if closure is None else call(rt, closure, item)) for item in items_of(rt, values))


def _every(rt, values, closure=None):
    return all(truth(item if closure is None else call(rt, closure, item)) for item in items_of(rt, values))


def _inject(rt, values, initial, closure=None):
    items = items_of(rt, values)
    if closure is None:
        if not items:
            raise GroovyRuntimeError("Cannot call inject() on an empty collection without passing an initial value.",
                                     "NoSuchElementException")
        initial, closure, items = items[0], initial, items[1:]
    accumulated = initial
    for item in items:
        accumulated = call(rt, closure, accumulated, item)
    return accumulated


def _group_by(rt, values, closure):
    groups: dict = {}
    for item in items_of(rt, values):
        groups.setdefault(call(rt, closure, item), []).append(item)
    return groups


def _count_by(rt, values, closure):
    counts: dict = {}
    for item in items_of(rt, values):
        key = call(rt, closure, item)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _join(rt, values, separator=""):
    text = stringify(rt, separator).join(stringify(rt, item) for item in items_of(rt, values))
    return rt.check_string(text)


def _sum(rt, values, *args):
    closure = args[-1] if args and isinstance(args[-1], Closure) else None
    items = items_of(rt, values)
    if closure is not None:
        items = [call(rt, closure, item) for item in items]
    has_initial = args and not isinstance(args[0], Closure)
    if not items:
        return args[0] if has_initial else None
    total = args[0] if has_initial else items[0]
    for item in (items if has_initial else items[1:]):
        total = binary(rt, "+", total, item)
    return total


def _first(rt, values, count=None):
    items = items_of(rt, values)
    if count is not None:
        return items[: int(count)]
    if not items:
        raise GroovyRuntimeError("Cannot access first() element from an empty List", "NoSuchElementException")
    return items[0]


def _last(rt, values, count=None):
    items = items_of(rt, values)
    if count is not None:
        return items[-int(count):] if int(count) else []
    if not items:
        raise GroovyRuntimeError("Cannot access last() element from an empty List", "NoSuchElementException")
    return items[-1]


def _contains(rt, values, item):
    return any(equals(value, item) for value in values) if not isinstance(values, GroovySet) else item in values


def _index_of(rt, values, item):
    return next((index for index, value in enumerate(values) if equals(value, item)), -1)


def _add(rt, values, *args):
    mutable(values, "add")
    rt.check_size(len(values) + 1)
    if len(args) == 2 and isinstance(values, list):
        values.insert(int(args[0]), args[1])
        return None
    if len(args) != 1:
        raise TypeError
    if isinstance(values, GroovySet):
        return values.add(args[0])
    values.append(args[0])
    return True


def _add_all(rt, values, more):
    mutable(values, "addAll")
    more = items_of(rt, more)
    rt.check_size(len(values) + len(more))
    for item in more:
        values.add(item) if isinstance(values, GroovySet) else values.append(item)
    return bool(more)


def _remove(rt, values, item):
    mutable(values, "remove")
    if isinstance(values, GroovySet):
        return values.remove(item)
    if is_number(item) and not isinstance(item, bool) and type(item) is int:
        index = item + len(values) if item < 0 else item
        if not 0 <= index < len(values):
            raise GroovyRuntimeError(f"Index {item} out of bounds for length {len(values)}",
                                     "IndexOutOfBoundsException")
        return values.pop(index)
    for index, value in enumerate(values):
        if equals(value, item):
            del values[index]
            return True
    return False


def _remove_all(rt, values, what):
    mutable(values, "removeAll")
    before = len(values)
    if isinstance(what, Closure):
        kept = [item for item in values if not truth(call(rt, what, item))]
    else:
        gone = items_of(rt, what)
        gone = membership(gone)
        kept = [item for item in values if unique_key(item) not in gone]
    _replace(values, kept)
    return len(kept) != before


def _retain_all(rt, values, what):
    mutable(values, "retainAll")
    before = len(values)
    others = None if isinstance(what, Closure) else membership(items_of(rt, what))
    kept = [item for item in values if (truth(call(rt, what, item)) if others is None
                                        else unique_key(item) in others)]
    _replace(values, kept)
    return len(kept) != before


def _replace(values, kept: list) -> None:
    if isinstance(values, GroovySet):
        values.items = GroovySet(kept).items
    else:
        values[:] = kept


def mutable(values, method: str) -> None:
    if isinstance(values, IntRange):
        raise GroovyRuntimeError(f"{method}() on a range", "UnsupportedOperationException")


def _flatten(rt, values):
    result: list = []

    def walk(items, depth):
        if depth > 200:
            raise LimitExceeded("a collection nested more than 200 deep")
        for item in items:
            if isinstance(item, (list, GroovySet, IntRange)):
                walk(item, depth + 1)
            else:
                rt.tick()
                result.append(item)
                rt.check_size(len(result))
    walk(values, 0)
    return result


def _collect_entries(rt, values, closure=None):
    result = {}
    for item in items_of(rt, values):
        put_entry(rt, result, item if closure is None else call(rt, closure, item))
    return result


def _count(rt, values, what):
    if isinstance(what, Closure):
        return sum(1 for item in items_of(rt, values) if truth(call(rt, what, item)))
    return sum(1 for item in values if equals(item, what))


def _intersect(rt, values, other):
    other = items_of(rt, other)
    others = membership(other)
    return [item for item in unique_items(rt, items_of(rt, values)) if unique_key(item) in others]


def _sub_list(rt, values, start, end):
    items = items_of(rt, values)
    if not 0 <= int(start) <= int(end) <= len(items):
        raise GroovyRuntimeError(f"fromIndex: {start}, toIndex: {end}, size: {len(items)}", "IndexOutOfBoundsException")
    return items[int(start): int(end)]


def _split(rt, values, closure):
    items = items_of(rt, values)
    return [[i for i in items if truth(call(rt, closure, i))], [i for i in items if not truth(call(rt, closure, i))]]


def _collect_many(rt, values, closure):
    result = []
    for item in items_of(rt, values):
        result.extend(items_of(rt, call(rt, closure, item)))
        rt.check_size(len(result))
    return result


def _get(rt, values, index):
    items = items_of(rt, values)
    position = int(index)
    if not 0 <= position < len(items):
        raise GroovyRuntimeError(f"Index {position} out of bounds for length {len(items)}", "IndexOutOfBoundsException")
    return items[position]


def _set(rt, values, index, value):
    mutable(values, "set")
    old = _get(rt, values, index)
    values[int(index)] = value
    return old


LIST_METHODS = {
    "each": _each, "eachWithIndex": _each_with_index, "collect": _collect, "findAll": _find_all, "find": _find,
    "findIndexOf": _find_index, "any": _any, "every": _every, "inject": _inject, "groupBy": _group_by,
    "countBy": _count_by, "sort": sort_values, "toSorted": lambda rt, v, c=None: sorted_items(rt, items_of(rt, v), c),
    "unique": unique_values, "toUnique": lambda rt, v, c=None: unique_items(rt, items_of(rt, v), c),
    "join": _join, "sum": _sum, "max": extreme(1), "min": extreme(-1), "first": _first, "head": _first,
    "last": _last, "tail": lambda rt, v: items_of(rt, v)[1:], "init": lambda rt, v: items_of(rt, v)[:-1],
    "size": lambda rt, v: len(v), "isEmpty": lambda rt, v: len(v) == 0, "contains": _contains,
    "containsAll": lambda rt, v, other: all(_contains(rt, v, item) for item in other),
    "indexOf": _index_of, "lastIndexOf": lambda rt, v, item: next(
        (i for i in range(len(v) - 1, -1, -1) if equals(items_of(rt, v)[i], item)), -1),
    "add": _add, "addAll": _add_all, "remove": _remove, "removeAll": _remove_all, "removeIf": _remove_all,
    "retainAll": _retain_all, "clear": lambda rt, v: mutable(v, "clear") or _replace(v, []),
    "flatten": _flatten, "reverse": lambda rt, v: items_of(rt, v)[::-1],
    "take": lambda rt, v, n: items_of(rt, v)[: max(int(n), 0)],
    "drop": lambda rt, v, n: items_of(rt, v)[max(int(n), 0):],
    "takeWhile": lambda rt, v, c: _take_while(rt, v, c), "collectEntries": _collect_entries, "count": _count,
    "withIndex": lambda rt, v: [[item, index] for index, item in enumerate(items_of(rt, v))],
    "indexed": lambda rt, v: {index: item for index, item in enumerate(items_of(rt, v))},
    "toSet": lambda rt, v: GroovySet(items_of(rt, v)),
    "asList": lambda rt, v: v if isinstance(v, list) else items_of(rt, v),
    "toList": lambda rt, v: items_of(rt, v), "subList": _sub_list, "intersect": _intersect,
    "disjoint": lambda rt, v, other: not _intersect(rt, v, other), "split": _split, "collectMany": _collect_many,
    "get": _get, "set": _set, "getAt": get_index,
    "leftShift": lambda rt, v, item: binary(rt, "<<", v, item), "push": lambda rt, v, item: _add(rt, v, item),
    "pop": lambda rt, v: _remove(rt, v, len(v) - 1) if v else _first(rt, v),
    "grep": lambda rt, v, case=None: [
        i for i in items_of(rt, v) if (truth(i) if case is None else is_case(rt, case, i))],
    "findResults": lambda rt, v, c: [r for r in (call(rt, c, i) for i in items_of(rt, v)) if r is not None],
    "getFrom": lambda rt, v: v.start if isinstance(v, IntRange) else None,
    "getTo": lambda rt, v: v.stop if isinstance(v, IntRange) else None,
    "plus": lambda rt, v, *args: _plus(rt, v, *args),
    "toListString": lambda rt, v: stringify(rt, items_of(rt, v)),
    "step": lambda rt, v, n: items_of(rt, v)[:: int(n)],
}


def _plus(rt, values, *args):
    """``list.plus(x)`` as ``+``; ``list.plus(index, items)`` inserts."""
    if len(args) == 1:
        return binary(rt, "+", values, args[0])
    if len(args) != 2 or not is_number(args[0]):
        raise TypeError
    items = items_of(rt, values)
    addition = items_of(rt, args[1]) if isinstance(args[1], (list, GroovySet, IntRange)) else [args[1]]
    rt.check_size(len(items) + len(addition))
    return items[: int(args[0])] + addition + items[int(args[0]):]


def _take_while(rt, values, closure):
    result = []
    for item in items_of(rt, values):
        if not truth(call(rt, closure, item)):
            break
        result.append(item)
    return result


SET_METHODS = {**LIST_METHODS, "plus": lambda rt, v, other: binary(rt, "+", v, other)}

