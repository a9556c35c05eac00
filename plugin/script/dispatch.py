"""Property access, method calls and indexing: each value kind answers only from its own table of allowed
properties and methods (strings.py, collections.py, maps.py, numbers.py, classes.py, host objects). Nothing else
of Python is reachable."""

from __future__ import annotations

import functools
import inspect
from decimal import Decimal

from .classes import ClassRef
from .errors import (
    GroovyRuntimeError,
    SandboxViolation,
    missing_property,
    null_method,
    null_property,
    null_set_property,
)
from .host import HostObject
from .maps import read_key
from .ops import ExceptionValue, MapEntry, binary, is_case, map_key, stringify
from .patterns import MATCHER_METHODS, Matcher, Pattern
from .runtime import Closure, no_signature
from .values import GroovySet, IntRange, StringBuffer, equals, is_number, to_string, truth, type_name

FORBIDDEN_METHODS = {
    "getClass", "getMetaClass", "setMetaClass", "invokeMethod", "getProperty", "setProperty", "execute",
    "evaluate", "sleep", "wait", "notify", "notifyAll", "use", "mixin", "getBinding", "setBinding", "run", "load",
    "exit", "forName", "newInstance", "getDeclaredMethods", "getMethods", "dump", "methodMissing",
    "propertyMissing", "respondsTo", "hasProperty", "getProperties", "getDelegate", "setDelegate", "rehydrate",
    "dehydrate", "getOwner", "getThisObject", "setResolveStrategy",
}
FORBIDDEN_PROPERTIES = {"class", "metaClass", "binding", "delegate", "owner", "thisObject", "properties",
                        "declaringClass", "classLoader"}
OPERATOR_METHOD_NAMES = {"plus": "+", "minus": "-", "multiply": "*", "div": "/", "mod": "%", "power": "**",
                         "leftShift": "<<", "rightShift": ">>", "and": "&", "or": "|", "xor": "^"}


def get_property(runtime, target, name: str):
    if isinstance(target, dict):
        return read_key(runtime, target, name)
    if target is None:
        raise null_property(name)
    if name in FORBIDDEN_PROPERTIES:
        raise SandboxViolation(f"The property '{name}'")
    if isinstance(target, HostObject):
        return target.get_property(name)
    if isinstance(target, MapEntry) and name in ("key", "value"):
        return getattr(target, name)
    if isinstance(target, ExceptionValue) and name in ("message", "localizedMessage", "cause"):
        return target.message if name != "cause" else None
    if isinstance(target, IntRange) and name in ("from", "to"):
        return target.start if name == "from" else target.stop
    if isinstance(target, (list, IntRange, GroovySet)):
        if name == "empty":
            return len(target) == 0
        if name == "length":  # the length of an array (split() answers one)
            return len(target)
        try:
            return [get_property(runtime, item, name) for item in target]
        except GroovyRuntimeError as error:
            if error.exception_class != "MissingPropertyException":
                raise
            raise GroovyRuntimeError(
                f"Exception evaluating property '{name}' for {type_name(target, True)}, Reason: "
                f"groovy.lang.MissingPropertyException: {error.message}", "MissingPropertyException") from None
    if isinstance(target, str) and name == "empty":
        return not target
    if isinstance(target, Matcher) and name == "count":
        return len(target.all())
    if isinstance(target, ClassRef):
        return target.static_property(name)
    raise missing_property(name, type_name(target, True))


def set_property(runtime, target, name: str, value) -> None:
    if isinstance(target, dict):
        runtime.check_size(len(target) + 1)
        target[name] = value
        return
    if target is None:
        raise null_set_property(name)
    if name in FORBIDDEN_PROPERTIES:
        raise SandboxViolation(f"The property '{name}'")
    if isinstance(target, HostObject):
        target.set_property(name, value)
        return
    if isinstance(target, (list, GroovySet)):
        for item in target:
            set_property(runtime, item, name, value)
        return
    raise missing_property(name, type_name(target, True))


def invoke(runtime, target, name: str, args: list):
    runtime.tick()
    if name in FORBIDDEN_METHODS:
        raise SandboxViolation(f"The method '{name}()'")
    if isinstance(target, HostObject):
        return target.call_method(name, args)
    if target is None:
        return _null_method(runtime, name, args)
    if isinstance(target, StringBuffer):
        if name in ("append", "leftShift") and len(args) == 1:
            return binary(runtime, "<<", target, args[0])
        target = target.to_string()  # otherwise it answers as the String it holds
    if isinstance(target, Closure) and name in ("call", "doCall"):
        return runtime.call_closure(target, args, method="call")
    if isinstance(target, Closure) and name in ("curry", "memoize"):
        return target.curry(*args) if name == "curry" else target
    if isinstance(target, ClassRef):
        return target.static_call(runtime, name, args)
    if isinstance(target, Matcher) and name in OBJECT_WALKS and args and isinstance(args[-1], Closure):
        return _walk(runtime, target, target.all(), name, args)
    table = table_for(target)
    method = table.get(name) if table is not None else None
    if method is None:
        method = COMMON.get(name)
    if method is None:
        if isinstance(target, dict) and isinstance(target.get(name), Closure):
            return runtime.call_closure(target[name], args)
        raise no_signature(f"{type_name(target, True)}.{name}", args)
    try:
        return runtime.built(method(runtime, target, *args), target)
    except TypeError:
        if _fits(method, args):
            raise
        raise no_signature(f"{type_name(target, True)}.{name}", args) from None


def _fits(method, args: list) -> bool:
    try:
        inspect.signature(method).bind(None, None, *args)
        return True
    except TypeError:
        return False


# Groovy's methods on any Object that walk it: null is walked as nothing, a Matcher match by match (each returns
# its receiver). The methods of collections alone (size, sum, join, sort, ...) throw on null.
OBJECT_WALKS = {"each", "eachWithIndex", "collect", "findAll", "find", "any", "every", "inject", "grep",
                "findIndexOf", "split"}


def _walk(runtime, receiver, items: list, name: str, args: list):
    try:
        walked = _tables()["list"][name](runtime, items, *args)
    except TypeError:
        raise (null_method(name) if receiver is None else no_signature(f"{type_name(receiver, True)}.{name}", args)) \
            from None
    return receiver if name in ("each", "eachWithIndex") else walked


def _null_method(runtime, name: str, args: list):
    if name in OBJECT_WALKS:
        return _walk(runtime, None, [], name, args)
    if name == "toString" and not args:
        return "null"
    if name in ("equals", "is") and len(args) == 1:
        return args[0] is None
    if name == "asBoolean" and not args:
        return False
    raise null_method(name)


@functools.cache
def _tables() -> dict:
    """The method tables by value kind (loaded on first use: they call back into this module)."""
    from . import lists, maps, numbers, strings
    return {"str": strings.METHODS, "list": lists.LIST_METHODS, "set": lists.SET_METHODS, "map": maps.METHODS,
            "number": numbers.METHODS}


def table_for(target):
    tables = _tables()
    if isinstance(target, str):
        return tables["str"]
    if isinstance(target, (list, IntRange)):
        return tables["list"]
    if isinstance(target, GroovySet):
        return tables["set"]
    if isinstance(target, dict):
        return tables["map"]
    if is_number(target):
        return tables["number"]
    if isinstance(target, MapEntry):
        return {"getKey": lambda rt, e: e.key, "getValue": lambda rt, e: e.value}
    if isinstance(target, ExceptionValue):
        return {"getMessage": lambda rt, e: e.message, "getLocalizedMessage": lambda rt, e: e.message,
                "getCause": lambda rt, e: None}
    if isinstance(target, Matcher):
        return MATCHER_METHODS
    if isinstance(target, Pattern):
        return {"matcher": lambda rt, p, text: Matcher(p, stringify(rt, text)), "pattern": lambda rt, p: p.pattern,
                "split": lambda rt, p, text: p.split(stringify(rt, text))}
    return None


def java_equals(target, other) -> bool:
    """``a.equals(b)``: unlike ``==``, numbers must be of one class (and BigDecimals of one scale)."""
    if is_number(target) and is_number(other):
        if type(target) is not type(other):
            return False
        if isinstance(target, Decimal):
            return target == other and target.as_tuple().exponent == other.as_tuple().exponent
    return equals(target, other)


def _operator_method(operator: str):
    return lambda runtime, target, other: binary(runtime, operator, target, other)


def _with(runtime, target, closure):
    return runtime.call_closure(closure, [target], delegate=target)


def _tap(runtime, target, closure):
    runtime.call_closure(closure, [target], delegate=target)
    return target


COMMON = {
    "toString": lambda rt, target: stringify(rt, target),
    "equals": lambda rt, target, other: java_equals(target, other),
    "is": lambda rt, target, other: target is other or (equals(target, other) and type(target) is type(other)
                                                       and not isinstance(target, (list, dict))),
    "hashCode": lambda rt, target: hash(to_string(target)) & 0x7FFFFFFF,
    "asBoolean": lambda rt, target: truth(target),
    "isCase": lambda rt, target, subject: is_case(rt, target, subject),
    "compareTo": lambda rt, target, other: binary(rt, "<=>", target, other),
    "with": _with,
    "tap": _tap,
    "inspect": lambda rt, target: _inspect(target),
    **{name: _operator_method(operator) for name, operator in OPERATOR_METHOD_NAMES.items()},
}


def _inspect(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        return "[" + ", ".join(f"{_inspect(k)}:{_inspect(v)}" for k, v in value.items()) + "]" if value else "[:]"
    return to_string(value)


def call_function(runtime, scope, name: str, args: list):
    """``name(args)``: a closure in a variable, a function of the script, or a builtin (println…)."""
    found = scope.find(name)
    if found is not None:
        return invoke(runtime, found.names[name], "call", args)
    functions = runtime.functions.get(name)
    if functions:
        for function in functions:
            required = sum(1 for parameter in function.parameters if parameter.default is None)
            if required <= len(args) <= len(function.parameters):
                return runtime.call_function(function, args)
        raise no_signature(f"{runtime.script_name}.{name}", args)
    from .builtins import BUILTINS
    builtin = BUILTINS.get(name)
    if builtin is not None:
        return builtin(runtime, args)
    for delegate in scope.delegates():
        return invoke(runtime, delegate, name, args)
    if name in FORBIDDEN_METHODS or name in ("getClass", "this"):
        raise SandboxViolation(f"The method '{name}()'")
    raise no_signature(f"{runtime.script_name}.{name}", args)


def get_index(runtime, target, key):
    if target is None:
        raise null_method("getAt")
    if isinstance(target, dict):
        return read_key(runtime, target, key)
    if isinstance(target, HostObject):
        return target.get_property(stringify(runtime, key))
    if isinstance(target, Matcher):
        return _element(runtime, target.all(), key, "java.util.regex.Matcher")
    if isinstance(target, (str, StringBuffer)):
        return _string_index(runtime, stringify(runtime, target), key)
    if isinstance(target, (list, IntRange, GroovySet)):
        items = target if not isinstance(target, GroovySet) else list(target)
        if isinstance(key, str):
            return get_property(runtime, target, key)
        return _element(runtime, items, key, type_name(target, True))
    raise no_signature(f"{type_name(target, True)}.getAt", [key])


def _element(runtime, items, key, owner: str):
    if isinstance(key, (IntRange, list)):
        return [_at(items, index) for index in _indexes(items, key)]
    if is_number(key):
        return _at(items, int(key))
    raise no_signature(f"{owner}.getAt", [key])


def _at(items, index: int):
    if index < 0:
        index += len(items)
        if index < 0:
            raise GroovyRuntimeError(f"Negative array index [{index - len(items)}] too large for array size "
                                     f"{len(items)}", "ArrayIndexOutOfBoundsException")
    return items[index] if index < len(items) else None


def _indexes(items, key) -> list[int]:
    if isinstance(key, list):
        return [int(index) for index in key]
    start, stop = key.start, key.stop if key.inclusive else key.stop - (1 if key.stop >= key.start else -1)
    size = len(items)
    start, stop = (start + size if start < 0 else start), (stop + size if stop < 0 else stop)
    for bound in (start, stop):
        if not 0 <= bound < size and not (size == 0 and not key.inclusive):
            raise GroovyRuntimeError(f"Index: {bound}, Size: {size}", "IndexOutOfBoundsException")
    return list(range(start, stop + 1)) if start <= stop else list(range(start, stop - 1, -1))


def _string_index(runtime, text: str, key):
    if isinstance(key, (IntRange, list)):
        return "".join(text[index] for index in _indexes(text, key))
    if not is_number(key):
        raise no_signature("java.lang.String.getAt", [key])
    index = int(key)
    position = index + len(text) if index < 0 else index
    if not 0 <= position < len(text):
        raise GroovyRuntimeError(f"begin {position}, end {position + 1}, length {len(text)}",
                                 "StringIndexOutOfBoundsException")
    return text[position]


def set_index(runtime, target, key, value) -> None:
    if target is None:
        # Groovy's putAt(Object, String, Object) sets a property: a String (or null) key names it
        named = key is None or isinstance(key, str)
        raise null_set_property(stringify(runtime, key)) if named else null_method("putAt")
    if isinstance(target, dict):
        runtime.check_size(len(target) + 1)
        target[map_key(key)] = value
    elif isinstance(target, HostObject):
        target.set_property(stringify(runtime, key), value)
    elif isinstance(target, list) and is_number(key):
        index = int(key)
        if index < 0:
            index += len(target)
            if index < 0:
                raise GroovyRuntimeError(f"Negative array index [{index - len(target)}] too large for array size "
                                         f"{len(target)}", "ArrayIndexOutOfBoundsException")
        runtime.check_size(index + 1)
        target.extend([None] * (index + 1 - len(target)))
        target[index] = value
    else:
        raise no_signature(f"{type_name(target, True)}.putAt", [key, value])
