"""Statement nodes: declarations, control flow, exceptions; and running a body for its last value."""

from __future__ import annotations

from . import ops
from .errors import GroovyRuntimeError, LimitExceeded, SandboxViolation
from .nodes import Node
from .runtime import BreakSignal, ContinueSignal, ReturnSignal, Scope, run_body
from .values import truth


class Block(Node):
    __slots__ = ("statements",)

    def __init__(self, statements):
        self.statements = statements

    def run(self, runtime, scope):
        return run_body(runtime, self.statements, Scope(scope))


class Declaration(Node):
    __slots__ = ("name", "type_name", "value")

    def __init__(self, name, type_name, value):
        self.name, self.type_name, self.value = name, type_name, value

    def run(self, runtime, scope):
        value = None if self.value is None else self.value.ev(runtime, scope)
        if self.type_name:
            value = ops.declared(runtime, value, self.type_name)
        scope.names[self.name] = value
        return value


class MultipleDeclaration(Node):
    __slots__ = ("names", "value")

    def __init__(self, names, value):
        self.names, self.value = names, value

    def run(self, runtime, scope):
        values = list(ops.iterate(runtime, self.value.ev(runtime, scope)))
        for position, name in enumerate(self.names):
            scope.names[name] = values[position] if position < len(values) else None


class FunctionDefinition(Node):
    """Defined before the script runs (hoisted); running the statement does nothing."""

    __slots__ = ("function",)

    def __init__(self, function):
        self.function = function

    def run(self, runtime, scope):
        return None


class If(Node):
    __slots__ = ("condition", "then", "otherwise")

    def __init__(self, condition, then, otherwise):
        self.condition, self.then, self.otherwise = condition, then, otherwise

    def run(self, runtime, scope):
        if truth(self.condition.ev(runtime, scope)):
            return self.then.run(runtime, Scope(scope))
        if self.otherwise is not None:
            return self.otherwise.run(runtime, Scope(scope))
        return None


class ForIn(Node):
    __slots__ = ("name", "iterable", "body")

    def __init__(self, name, iterable, body):
        self.name, self.iterable, self.body = name, iterable, body

    def run(self, runtime, scope):
        values = self.iterable.ev(runtime, scope)
        if values is None:
            return None
        for value in ops.iterate(runtime, values):
            runtime.tick()
            inner = Scope(scope)
            inner.names[self.name] = value
            try:
                self.body.run(runtime, inner)
            except BreakSignal:
                break
            except ContinueSignal:
                continue
        return None


class ForClassic(Node):
    __slots__ = ("init", "condition", "update", "body")

    def __init__(self, init, condition, update, body):
        self.init, self.condition, self.update, self.body = init, condition, update, body

    def run(self, runtime, scope):
        outer = Scope(scope)
        for statement in self.init:
            statement.run(runtime, outer)
        while self.condition is None or truth(self.condition.ev(runtime, outer)):
            runtime.tick()
            try:
                self.body.run(runtime, Scope(outer))
            except BreakSignal:
                break
            except ContinueSignal:
                pass
            for statement in self.update:
                statement.ev(runtime, outer)
        return None


class While(Node):
    __slots__ = ("condition", "body")

    def __init__(self, condition, body):
        self.condition, self.body = condition, body

    def run(self, runtime, scope):
        while truth(self.condition.ev(runtime, scope)):
            runtime.tick()
            try:
                self.body.run(runtime, Scope(scope))
            except BreakSignal:
                break
            except ContinueSignal:
                continue
        return None


class Switch(Node):
    """Cases match as Groovy's ``isCase``: equal values, membership in a list or range, a regex that matches
    the whole string, a class the value is an instance of, a closure that returns true. Falls through until
    ``break``."""

    __slots__ = ("subject", "groups")

    def __init__(self, subject, groups):
        self.subject, self.groups = subject, groups  # [(labels: [node | None for default], statements)]

    def run(self, runtime, scope):
        subject = self.subject.ev(runtime, scope)
        inner = Scope(scope)
        start = self._first_match(runtime, inner, subject)
        value = None
        if start is None:
            return None
        try:
            for _labels, statements in self.groups[start:]:
                value = run_body(runtime, statements, inner)
        except BreakSignal:
            pass
        return value

    def _first_match(self, runtime, scope, subject) -> int | None:
        """The first case that matches; else ``default``, wherever it is written."""
        default = None
        for position, (labels, _statements) in enumerate(self.groups):
            for label in labels:
                if label is None:
                    default = position if default is None else default
                elif ops.is_case(runtime, label.ev(runtime, scope), subject):
                    return position
        return default


class SwitchExpression(Node):
    """``switch (x) { case 1, 2 -> "a"; default -> "b" }`` (Groovy 4): the value of the first case that
    matches, else of ``default``, else null."""

    __slots__ = ("subject", "cases")

    def __init__(self, subject, cases):
        self.subject, self.cases = subject, cases  # [(label nodes, or None for default; value node)]

    def ev(self, runtime, scope):
        subject = self.subject.ev(runtime, scope)
        fallback = None
        for labels, value in self.cases:
            if labels is None:
                fallback = fallback or value
            elif any(ops.is_case(runtime, label.ev(runtime, scope), subject) for label in labels):
                return value.ev(runtime, scope)
        return None if fallback is None else fallback.ev(runtime, scope)


class Try(Node):
    __slots__ = ("body", "catches", "final")

    def __init__(self, body, catches, final):
        self.body, self.catches, self.final = body, catches, final  # catches: [(types, name, block)]

    def run(self, runtime, scope):
        try:
            return self.body.run(runtime, scope)
        except (SandboxViolation, LimitExceeded):
            raise
        except GroovyRuntimeError as error:
            for types, name, block in self.catches:
                if ops.catches(types, error.exception_class):
                    inner = Scope(scope)
                    inner.names[name] = ops.exception_value(error)
                    return block.run(runtime, inner)
            raise
        finally:
            if self.final is not None:
                self.final.run(runtime, scope)


class Return(Node):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def run(self, runtime, scope):
        raise ReturnSignal(None if self.value is None else self.value.ev(runtime, scope))


class Break(Node):
    __slots__ = ()

    def run(self, runtime, scope):
        raise BreakSignal()


class Continue(Node):
    __slots__ = ()

    def run(self, runtime, scope):
        raise ContinueSignal()


class Throw(Node):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def run(self, runtime, scope):
        raise ops.throwable(self.value.ev(runtime, scope))


class Import(Node):
    """Checked before the script runs (``Program.check_imports``); running the statement does nothing."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def run(self, runtime, scope):
        return None


class Annotation(Node):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def run(self, runtime, scope):
        raise SandboxViolation(f"@{self.name}")
