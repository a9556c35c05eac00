"""How the host (the sync engine, the CLI, a test) exposes its own objects to a script.

A host object is an instance of a ``HostObject`` subclass put in the bindings. The interpreter never looks
inside it: ``x.name`` calls ``get_property("name")``, ``x.name = v`` calls ``set_property("name", v)``, ``x.m(a)``
calls ``call_method("m", [a])``, ``x["k"]`` is ``get_property("k")``, and ``f(a)`` on a host object bound as ``f``
calls ``call_method("call", [a])``. What crosses the boundary, both ways, is only:

* ``None``, ``bool``, ``int`` (Integer; the subclasses ``values.Long`` and ``values.BigInteger`` for Long and
  BigInteger), ``decimal.Decimal`` (BigDecimal: prefer it for numbers with decimals), ``float`` (Double), ``str``;
* ``list`` and ``dict`` (insertion-ordered; keys are normally ``str``) of those, changed in place by the script;
* other ``HostObject`` instances (``library.DateValue`` for dates);
* from the script only: the interpreter's ``Closure`` (callable from Python: ``closure(arg, …)`` runs it under the
  same limits), ``values.GroovySet`` (``as Set``, ``keySet()``) and ``values.IntRange`` (``1..3``), both iterable.

Unknown names raise the ``missing_property``/``missing_method`` errors below so the script author reads Groovy's
words (``No such property: x for class: Issue``). To fail the script with words of the host's own (``debug.error``),
raise ``GroovyRuntimeError(message, exception_class)``: it reaches the caller as a ``ScriptError`` with the line of
the call. An example, a helper with one method::

    class NodeHelper(HostObject):
        groovy_class = "NodeHelper"

        def call_method(self, name, args):
            if name == "getIssueType" and len(args) == 1:
                return {"name": args[0]} if args[0] in ("Bug", "Task") else None
            return super().call_method(name, args)

    run('println nodeHelper.getIssueType("Bug")?.name', {"nodeHelper": NodeHelper()}).output  # 'Bug\n'
"""

from __future__ import annotations

from .errors import GroovyRuntimeError, missing_property


class HostObject:
    """The base of objects the host exposes. ``groovy_class`` names the object in error messages."""

    groovy_class = "HostObject"

    def get_property(self, name: str):
        getter = "get" + name[:1].upper() + name[1:]
        if self.has_method(getter):
            return self.call_method(getter, [])
        raise self.missing_property(name)

    def set_property(self, name: str, value) -> None:
        raise self.missing_property(name)

    def call_method(self, name: str, args: list):
        """The default: ``getX()`` reads property x and ``setX(v)`` writes it, as Groovy's bean rules do."""
        if name.startswith("get") and len(name) > 3 and not args:
            return self.get_property(name[3].lower() + name[4:])
        if name.startswith("set") and len(name) > 3 and len(args) == 1:
            self.set_property(name[3].lower() + name[4:], args[0])
            return None
        if name == "toString" and not args:
            return self.to_string()
        raise self.missing_method(name, args)

    def has_method(self, name: str) -> bool:
        """Whether ``call_method`` answers ``name``: a subclass that answers ``getX()`` says so here, and
        ``x.x`` then reads through it."""
        return False

    def to_string(self) -> str:
        return self.groovy_class

    def missing_property(self, name: str) -> GroovyRuntimeError:
        return missing_property(name, self.groovy_class)

    def missing_method(self, name: str, args: list) -> GroovyRuntimeError:
        from .runtime import no_signature
        return no_signature(f"{self.groovy_class}.{name}", args)


class MapHost(HostObject):
    """A plain map-like object (``issue``, ``replica`` for the CLI and tests): any property reads as its value
    (null when absent) and every write lands in ``fields``."""

    def __init__(self, fields: dict | None = None, groovy_class: str = "Replica"):
        self.fields = dict(fields or {})
        self.groovy_class = groovy_class

    def get_property(self, name: str):
        return self.fields.get(name)

    def set_property(self, name: str, value) -> None:
        self.fields[name] = value

    def to_string(self) -> str:
        from .values import to_string
        return to_string(self.fields)
