"""The interpreter's state for one run: scopes, closures, the step/time/depth budget and the output."""

from __future__ import annotations

import decimal
import time
from dataclasses import dataclass

from .errors import GroovyRuntimeError, LimitExceeded, missing_property
from .values import GroovySet


@dataclass(frozen=True)
class Limits:
    """What one run may use. A run that goes past any of them ends with a ``ScriptError``."""

    max_steps: int = 1_000_000  # statements, calls and loop iterations, builtin loops included
    max_seconds: float = 5.0  # wall time
    max_depth: int = 150  # nested function and closure calls
    max_string: int = 1_000_000  # characters in one string, and in the output
    max_collection: int = 100_000  # elements in one list, map, set or range turned into a list
    max_built: int = 20_000_000  # characters and elements of all the strings and collections built in one run


class Scope:
    """Local variables; closures keep the scope they were written in."""

    __slots__ = ("names", "parent", "delegate")

    def __init__(self, parent: Scope | None = None, delegate=None):
        self.names: dict = {}
        self.parent = parent
        self.delegate = delegate  # what ``with { }`` runs against: names the script does not know go to it

    def delegates(self):
        scope = self
        while scope is not None:
            if scope.delegate is not None:
                yield scope.delegate
            scope = scope.parent

    def find(self, name: str) -> Scope | None:
        scope = self
        while scope is not None:
            if name in scope.names:
                return scope
            scope = scope.parent
        return None


class ControlFlow(Exception):
    """break, continue and return travel as exceptions to the loop, closure or function that ends them."""


class BreakSignal(ControlFlow):
    pass


class ContinueSignal(ControlFlow):
    pass


class ReturnSignal(ControlFlow):
    def __init__(self, value):
        super().__init__()
        self.value = value


class Closure:
    """``{ a, b -> … }``: parameters, body and the scope it closes over."""

    groovy_class = "Closure"

    def __init__(self, runtime: Runtime, parameters, body, scope: Scope, number: int = 1, bound: tuple = ()):
        self.runtime, self.parameters, self.body, self.scope, self.number = runtime, parameters, body, scope, number
        self.bound = bound  # the leading arguments curry() fixed

    @property
    def parameter_count(self) -> int:
        return (1 if self.parameters is None else len(self.parameters)) - len(self.bound)

    def curry(self, *args) -> Closure:
        return Closure(self.runtime, self.parameters, self.body, self.scope, self.number, self.bound + args)

    def __call__(self, *args):
        return self.runtime.call_closure(self, list(args))

    def to_string(self) -> str:
        return f"{self.name()}@{id(self) & 0xFFFFFF:x}"

    def name(self) -> str:
        return f"{self.runtime.script_name}$_run_closure{self.number}"


class Parameter:
    """A parameter of a function or closure; ``default`` is the expression node of ``b = 1``, or None."""

    __slots__ = ("name", "default")

    def __init__(self, name: str, default=None):
        self.name, self.default = name, default


class Function:
    """``def name(a, b = 1) { … }`` at script level; sees the binding, not the script's local variables."""

    def __init__(self, name: str, parameters, body):
        self.name, self.parameters, self.body = name, parameters, body


class Runtime:
    def __init__(self, limits: Limits, binding: dict, script_name: str = "Script1"):
        self.limits = limits
        self.binding = binding
        self.script_name = script_name
        self.functions: dict[str, list[Function]] = {}
        self.imports: set[str] = set()
        self.output: list[str] = []
        self.output_size = 0
        self.built_size = 0
        self.steps = 0
        self.depth = 0
        self.deadline = time.monotonic() + limits.max_seconds
        self.globals = Scope()
        self.globals.names = binding

    def tick(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.max_steps:
            raise LimitExceeded(f"the script ran more than {self.limits.max_steps} steps")
        if self.steps & 0xFF < count and time.monotonic() > self.deadline:
            raise LimitExceeded(f"the script ran longer than {self.limits.max_seconds:g} seconds")

    def check_string(self, text: str) -> str:
        if len(text) > self.limits.max_string:
            raise LimitExceeded(f"a string longer than {self.limits.max_string} characters")
        return text

    def check_length(self, length: int) -> None:
        if length > self.limits.max_string:
            raise LimitExceeded(f"a string longer than {self.limits.max_string} characters")

    def built(self, value, *operands):
        """Count a string or collection an operation built against ``max_built``; returns the value. An
        operand handed back (``list << x``, ``sort()``) was not built."""
        if isinstance(value, (str, list, dict, GroovySet)) and not any(value is operand for operand in operands):
            self.built_size += len(value)
            if self.built_size > self.limits.max_built:
                raise LimitExceeded(f"the script built more than {self.limits.max_built} characters and elements")
        return value

    def check_size(self, size: int) -> None:
        if size > self.limits.max_collection:
            raise LimitExceeded(f"a collection larger than {self.limits.max_collection} elements")

    def write(self, text: str) -> None:
        self.output_size += len(text)
        if self.output_size > self.limits.max_string:
            raise LimitExceeded(f"more than {self.limits.max_string} characters of output")
        self.output.append(text)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise LimitExceeded(f"calls nested deeper than {self.limits.max_depth}", "StackOverflowError")
        self.tick()

    def lookup(self, scope: Scope, name: str):
        found = scope.find(name)
        if found is not None:
            return found.names[name]
        from .classes import class_named
        known = class_named(name, self.imports)
        if known is not None:
            return known
        for delegate in scope.delegates():
            from .dispatch import get_property
            try:
                return get_property(self, delegate, name)
            except GroovyRuntimeError as error:
                if error.exception_class != "MissingPropertyException":
                    raise
        raise missing_property(name, self.script_name)

    def call_closure(self, closure: Closure, args: list, delegate=None, method: str = "doCall"):
        """Run a closure; ``method`` names the call in arity errors: ``call`` when the script called it,
        ``doCall`` when a method such as ``each`` did."""
        scope = Scope(closure.scope, delegate)
        if closure.bound:
            args = [*closure.bound, *args]
        parameters = closure.parameters
        if parameters is None:
            if len(args) > 1:
                raise no_signature(f"{closure.name()}.{method}", args)
            scope.names["it"] = args[0] if args else None
        else:
            if len(args) == 1 and len(parameters) > 1 and isinstance(args[0], list):
                args = list(args[0])
            bind_parameters(self, parameters, args, scope, f"{closure.name()}.{method}")
        return self.run_called(closure.body, scope)

    def call_function(self, function: Function, args: list):
        scope = Scope(self.globals)
        bind_parameters(self, function.parameters, args, scope, f"{self.script_name}.{function.name}")
        return self.run_called(function.body, scope)

    def run_called(self, body: list, scope: Scope):
        """A closure's or function's body, one call deeper: its value, or what it returned."""
        self.enter()
        try:
            return run_body(self, body, scope)
        except ReturnSignal as returned:
            return returned.value
        except (BreakSignal, ContinueSignal):
            raise outside_loop() from None
        finally:
            self.depth -= 1


# What Python raises when a value goes where it cannot (a huge scale, an index past the end…): a Groovy
# runtime error at the statement's line, never an exception out of the interpreter.
PYTHON_FAILURES = (ArithmeticError, ValueError, TypeError, IndexError, KeyError, AttributeError,
                   decimal.InvalidOperation, UnicodeError)


def python_failure(error: Exception) -> GroovyRuntimeError:
    if isinstance(error, (ArithmeticError, decimal.InvalidOperation)):
        return GroovyRuntimeError("Invalid arithmetic operation", "ArithmeticException")
    if isinstance(error, (IndexError, KeyError)):
        return GroovyRuntimeError(f"Index out of range: {error}", "IndexOutOfBoundsException")
    return GroovyRuntimeError(str(error), "IllegalArgumentException")


def run_body(runtime, statements, scope):
    """Run statements; the value of the last one is the body's value (a closure or function returns it)."""
    value = None
    for statement in statements:
        runtime.tick()
        try:
            value = statement.run(runtime, scope)
        except GroovyRuntimeError as error:
            raise error.at(statement.line, statement.column) from None
        except PYTHON_FAILURES as error:
            raise python_failure(error).at(statement.line, statement.column) from None
    return value


def outside_loop() -> GroovyRuntimeError:
    """``break`` or ``continue`` in a closure or function body but in no loop there (Groovy refuses to compile it)."""
    return GroovyRuntimeError("the break or continue statement is only allowed inside a loop or a switch",
                              "CompilationFailedException")


def bind_parameters(runtime: Runtime, parameters, args: list, scope: Scope, owner: str) -> None:
    required = sum(1 for parameter in parameters if parameter.default is None)
    if not required <= len(args) <= len(parameters):
        raise no_signature(owner, args)
    optional = len(args) - required
    position = 0
    for parameter in parameters:
        if parameter.default is not None:
            if optional <= 0:
                scope.names[parameter.name] = parameter.default.ev(runtime, scope)
                continue
            optional -= 1
        scope.names[parameter.name] = args[position]
        position += 1


DEFAULT_IMPORTS = ("java.lang.", "java.util.", "java.math.", "groovy.lang.")


def argument_type(value) -> str:
    """An argument's class as Groovy 2.5 and later name it in MissingMethodException: short for the packages
    every script imports (``String``, ``Integer``, ``LinkedHashMap``), a closure by its own class."""
    from .values import type_name
    if isinstance(value, Closure):
        return value.name()
    name = type_name(value, True)
    return name[len(name.rsplit(".", 1)[0]) + 1:] if name.startswith(DEFAULT_IMPORTS) else name


def no_signature(owner: str, args: list, static: bool = False) -> GroovyRuntimeError:
    """Groovy's MissingMethodException: ``No signature of method: java.lang.String.foo() is applicable…``."""
    from .values import to_string
    types = ", ".join(argument_type(arg) for arg in args)
    values = ", ".join(to_string(arg) for arg in args)
    return GroovyRuntimeError(
        f"No signature of method: {'static ' if static else ''}{owner}() is applicable for argument types: "
        f"({types}) values: [{values}]", "MissingMethodException")
