"""The classes a script may name: the value types (for ``as``, ``instanceof``, typed declarations and ``switch``
cases), a few static helpers (``Math``, ``Integer.parseInt``, ``String.valueOf``…), exceptions, and the small
library of library.py. Everything else (``System``, ``Runtime``, ``File``, ``Class``…) is refused by name."""

from __future__ import annotations

import math
from decimal import Decimal

from .arith import integer_of, to_decimal
from .errors import GroovyRuntimeError, SandboxViolation
from .lexer import PRIMITIVES
from .ops import EXCEPTION_PARENTS, INTERNAL_EXCEPTIONS, ExceptionValue, catches, parse_number, qualified_exception
from .runtime import Closure, no_signature
from .values import BigInteger, GroovySet, IntRange, Long, is_number, rank, to_string, truth, type_name

FORBIDDEN_CLASSES = {
    "System", "Runtime", "Thread", "ThreadGroup", "Class", "ClassLoader", "Eval", "GroovyShell", "GroovySystem",
    "GroovyClassLoader", "ProcessBuilder", "Process", "File", "Files", "Paths", "Path", "FileReader",
    "FileWriter", "FileInputStream", "FileOutputStream", "URL", "URI", "URLClassLoader", "Socket", "ServerSocket",
    "HttpURLConnection", "Unsafe", "Field", "Method", "Constructor", "Proxy", "ObjectInputStream",
    "ScriptEngineManager", "InvokerHelper", "MetaClass", "ExpandoMetaClass", "Binding", "Script", "Executors",
    "ProcessGroovyMethods", "MethodHandles", "AntBuilder", "Grape", "Sql", "InetAddress", "Expando",
    "this", "super", "java", "javax", "groovy", "org", "sun", "com", "jdk",
}
ALLOWED_IMPORTS = {"java.text.SimpleDateFormat", "groovy.json.JsonSlurper", "groovy.json.JsonOutput",
                   "java.util.Date", "java.math.BigDecimal", "java.math.BigInteger", "java.util.regex.Pattern",
                   "java.util.regex.Matcher", "java.util.List", "java.util.Map", "java.util.Set",
                   "java.util.ArrayList", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.HashSet",
                   "java.util.LinkedHashSet", "java.util.*", "java.math.*", "groovy.json.*", "java.text.*"}
NUMBER_KINDS = {"Integer": (0, "java.lang.Integer"), "int": (0, "int"), "Long": (1, "java.lang.Long"),
                "long": (1, "long"), "Short": (0, "java.lang.Short"), "short": (0, "short"),
                "Byte": (0, "java.lang.Byte"), "byte": (0, "byte"), "BigInteger": (2, "java.math.BigInteger"),
                "BigDecimal": (3, "java.math.BigDecimal"), "Double": (4, "java.lang.Double"),
                "double": (4, "double"), "Float": (4, "java.lang.Float"), "float": (4, "float")}
COLLECTION_KINDS = {"List": "java.util.List", "ArrayList": "java.util.ArrayList",
                    "LinkedList": "java.util.LinkedList", "Collection": "java.util.Collection",
                    "Iterable": "java.lang.Iterable", "Set": "java.util.Set", "HashSet": "java.util.HashSet",
                    "LinkedHashSet": "java.util.LinkedHashSet", "TreeSet": "java.util.TreeSet",
                    "Map": "java.util.Map", "HashMap": "java.util.HashMap",
                    "LinkedHashMap": "java.util.LinkedHashMap", "TreeMap": "java.util.TreeMap"}


class ClassRef:
    """A class named in a script: ``Integer``, ``String``, ``Math``, ``int[]``, ``Exception``…"""

    groovy_class = "java.lang.Class"

    def __init__(self, name: str):
        self.name = name

    @property
    def qualified(self) -> str:
        if self.name in NUMBER_KINDS:
            return NUMBER_KINDS[self.name][1]
        if self.name in COLLECTION_KINDS:
            return COLLECTION_KINDS[self.name]
        if self.name in EXCEPTION_PARENTS:
            return qualified_exception(self.name)
        return {"String": "java.lang.String", "Boolean": "java.lang.Boolean", "boolean": "boolean",
                "Object": "java.lang.Object", "Number": "java.lang.Number", "Math": "java.lang.Math",
                "Closure": "groovy.lang.Closure", "Character": "java.lang.Character",
                "JsonSlurper": "groovy.json.JsonSlurper", "JsonOutput": "groovy.json.JsonOutput",
                "SimpleDateFormat": "java.text.SimpleDateFormat", "Date": "java.util.Date"}.get(self.name, self.name)

    def to_string(self) -> str:
        return ("class " if self.name[:1].isupper() else "") + self.qualified

    def is_instance(self, value) -> bool:
        name = self.name.rstrip("[]") if not self.name.endswith("[]") else "List"
        if value is None:
            return False
        if name in NUMBER_KINDS:
            wanted = NUMBER_KINDS[name][0]
            return is_number(value) and rank(value) == wanted and (wanted != 4 or True)
        checks = {
            "Number": is_number, "String": lambda v: isinstance(v, str), "CharSequence": lambda v: isinstance(v, str),
            "GString": lambda v: False, "Boolean": lambda v: isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "Object": lambda v: True, "Closure": lambda v: isinstance(v, Closure),
            "Map": lambda v: isinstance(v, dict), "HashMap": lambda v: isinstance(v, dict),
            "LinkedHashMap": lambda v: isinstance(v, dict),
            "Set": lambda v: isinstance(v, GroovySet), "HashSet": lambda v: isinstance(v, GroovySet),
            "LinkedHashSet": lambda v: isinstance(v, GroovySet),
            "Collection": lambda v: isinstance(v, (list, IntRange, GroovySet)),
            "Iterable": lambda v: isinstance(v, (list, IntRange, GroovySet)),
        }
        if name in checks:
            return checks[name](value)
        if name in ("List", "ArrayList", "LinkedList"):
            return isinstance(value, (list, IntRange))
        if name in EXCEPTION_PARENTS and isinstance(value, ExceptionValue):
            return catches([name], value.exception_class)
        return type_name(value) == name or getattr(value, "groovy_class", None) == name

    def cast(self, runtime, value):
        """``value as Type``."""
        name = self.name
        if value is None:
            return False if name == "boolean" else None
        if name in NUMBER_KINDS:
            return to_number(value, name)
        if name == "String":
            return to_string(value)
        if name in ("char", "Character"):
            return _character(value)
        if name in ("Boolean", "boolean"):
            return truth(value)
        if name.endswith("[]") or name in ("List", "ArrayList", "LinkedList", "Collection"):
            items = _items(runtime, value)
            element = name[:-2] if name.endswith("[]") else None
            return [ClassRef(element).cast(runtime, item) for item in items] if element else items
        if name in ("Set", "HashSet", "LinkedHashSet", "TreeSet"):
            items = _items(runtime, value)
            return GroovySet(sorted(items, key=_sort_key) if name == "TreeSet" else items)
        if self.is_instance(value) or name in ("Object", "def"):
            return value
        raise cast_error(value, self.qualified)

    def assign(self, runtime, value):
        """``Type x = value``: numbers convert, anything becomes a String, a value must otherwise fit."""
        name = self.name
        if name in ("def", "Object", "var"):
            return value
        if value is None:
            if name == "boolean":
                return False
            if name in PRIMITIVES:
                raise cast_error(value, name)
            return None
        if name in NUMBER_KINDS and is_number(value):
            return to_number(value, name)
        if name in NUMBER_KINDS and isinstance(value, str) and len(value) == 1 and name[0].islower():
            return ord(value)
        if name == "String":
            return to_string(value)
        if name in ("boolean", "Boolean"):
            return truth(value) if not isinstance(value, bool) else value
        if name.endswith("[]") or name in ("Set", "HashSet", "LinkedHashSet"):
            return self.cast(runtime, value)
        if self.is_instance(value) or name not in KNOWN_NAMES:
            return value
        raise cast_error(value, self.qualified)

    def java_cast(self, value):
        if value is None:
            if self.name in PRIMITIVES:
                raise cast_error(value, self.name)
            return None
        if self.name in NUMBER_KINDS and is_number(value):
            return to_number(value, self.name)
        if self.is_instance(value) or self.name in ("Object", "def"):
            return value
        raise cast_error(value, self.qualified)

    def static_property(self, name: str):
        table = STATIC_PROPERTIES.get(self.name, {})
        if name in table:
            return table[name]
        if name == "name" or name == "simpleName":
            return self.qualified if name == "name" else self.name
        from .errors import missing_property
        raise missing_property(name, self.qualified)

    def static_call(self, runtime, name: str, args: list):
        from .library import STATIC_METHODS
        method = STATIC_METHODS.get(self.name, {}).get(name)
        if method is None:
            if name in ("forName", "getClassLoader", "newInstance", "getMethods", "getDeclaredMethods"):
                raise SandboxViolation(f"{self.name}.{name}()")
            raise no_signature(f"{self.qualified}.{name}", args, static=True)
        try:
            return method(runtime, *args)
        except TypeError:
            raise no_signature(f"{self.qualified}.{name}", args, static=True) from None


def _character(value) -> str:
    """A char is a one-letter String here: ``65 as char`` is ``A``."""
    if is_number(value) and not isinstance(value, bool):
        return chr(int(value))
    if isinstance(value, str) and len(value) == 1:
        return value
    raise cast_error(value, "java.lang.Character")


def _items(runtime, value) -> list:
    if isinstance(value, (list, GroovySet)):
        return list(value)
    if isinstance(value, IntRange):
        runtime.check_size(len(value))
        return list(value)
    if isinstance(value, dict):
        from .ops import MapEntry
        return [MapEntry(k, v) for k, v in value.items()]
    if isinstance(value, str):
        return list(value)
    return [value]


def _sort_key(value):
    from functools import cmp_to_key

    from .values import compare
    return cmp_to_key(compare)(value)


def cast_error(value, target: str) -> GroovyRuntimeError:
    return GroovyRuntimeError(f"Cannot cast object '{to_string(value)}' with class '{type_name(value, True)}' to "
                              f"class '{target}'", "GroovyCastException")


def to_number(value, name: str):
    wanted = NUMBER_KINDS[name][0]
    if isinstance(value, str):
        kind = {0: "Integer", 1: "Long", 2: "BigInteger", 3: "BigDecimal", 4: "Double"}[wanted]
        return parse_number(value, kind if name not in ("Short", "Byte") else name)
    if isinstance(value, bool) or not is_number(value):
        raise cast_error(value, NUMBER_KINDS[name][1])
    if wanted == 4:
        return float(value)
    if wanted == 3:
        return to_decimal(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return integer_of(0, wanted)
    return integer_of(int(value), wanted)


STATIC_PROPERTIES = {
    "Integer": {"MAX_VALUE": 2**31 - 1, "MIN_VALUE": -(2**31)},
    "Long": {"MAX_VALUE": Long(2**63 - 1), "MIN_VALUE": Long(-(2**63))},
    "Math": {"PI": math.pi, "E": math.e},
    "BigDecimal": {"ZERO": Decimal(0), "ONE": Decimal(1), "TEN": Decimal(10)},
    "BigInteger": {"ZERO": BigInteger(0), "ONE": BigInteger(1), "TEN": BigInteger(10)},
    "Boolean": {"TRUE": True, "FALSE": False},
    "Double": {"MAX_VALUE": 1.7976931348623157e308, "MIN_VALUE": 5e-324},
}
LIBRARY = {"Math", "Character", "char", "JsonSlurper", "JsonOutput", "SimpleDateFormat", "Date", "Arrays",
           "Collections", "Pattern", "Object", "Number", "String", "Boolean", "boolean", "Closure", "CharSequence",
           "GString"}
KNOWN_NAMES = set(NUMBER_KINDS) | set(COLLECTION_KINDS) | set(EXCEPTION_PARENTS) | LIBRARY


def class_named(name: str, imports: set[str] = frozenset()) -> ClassRef | None:
    """The class a bare name means, or None (then it is a missing property). Refused names raise; a class
    outside Groovy's default imports (java.lang, java.util, java.math…) must be imported first."""
    if name in FORBIDDEN_CLASSES:
        raise SandboxViolation(f"'{name}'")
    check_imported(name, imports)
    if name in KNOWN_NAMES and name[:1].isupper() and name not in INTERNAL_EXCEPTIONS:
        return ClassRef(name)
    return None


def class_for_cast(name: str) -> ClassRef:
    if name.rstrip("[]") in FORBIDDEN_CLASSES:
        raise SandboxViolation(f"'{name}'")
    if name.rstrip("[]") in KNOWN_NAMES or name in ("def", "var"):
        return ClassRef(name)
    raise GroovyRuntimeError(f"unable to resolve class {name}", "CompilationFailedException")


def construct(runtime, name: str, args: list):
    """``new Type(args)``."""
    simple = name.rsplit(".", 1)[-1]
    if simple in FORBIDDEN_CLASSES or name.split(".")[0] in ("java", "javax", "groovy", "org", "sun") and \
            name not in ALLOWED_IMPORTS:
        raise SandboxViolation(f"new {simple}(…)")
    if simple in EXCEPTION_PARENTS and simple not in INTERNAL_EXCEPTIONS:
        message = args[0] if args and not isinstance(args[0], ExceptionValue) else None
        if len(args) > 2:
            raise no_signature(f"{qualified_exception(simple)}.<init>", args)
        return ExceptionValue(simple, to_string(message) if message is not None else
                              (args[0].to_string() if args else None))
    from .library import CONSTRUCTORS
    if name == simple:
        check_imported(simple, runtime.imports)
    constructor = CONSTRUCTORS.get(simple)
    if constructor is None:
        raise GroovyRuntimeError(f"unable to resolve class {name}", "CompilationFailedException")
    try:
        return constructor(runtime, *args)
    except TypeError:
        raise GroovyRuntimeError(f"Could not find matching constructor for: {ClassRef(simple).qualified}"
                                 f"({', '.join(type_name(a, True) for a in args)})",
                                 "GroovyRuntimeException") from None


NEEDS_IMPORT = {"JsonSlurper": "groovy.json", "JsonOutput": "groovy.json", "SimpleDateFormat": "java.text"}


def check_imported(name: str, imports: set[str]) -> None:
    package = NEEDS_IMPORT.get(name)
    if package and f"{package}.{name}" not in imports and f"{package}.*" not in imports:
        raise GroovyRuntimeError(f"unable to resolve class {name}", "CompilationFailedException")


def check_import(name: str) -> None:
    if name not in ALLOWED_IMPORTS:
        raise SandboxViolation(f"import {name}")

