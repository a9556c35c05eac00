"""Expression nodes: each keeps its line and column and evaluates itself (``ev``) in a runtime and a scope."""

from __future__ import annotations

from . import ops
from .dispatch import call_function, get_index, get_property, invoke, set_index, set_property
from .errors import GroovyRuntimeError
from .runtime import Closure
from .values import truth


class Node:
    __slots__ = ("line", "column")

    def located(self, line: int, column: int):
        self.line, self.column = line, column
        return self

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # As a statement an expression is evaluated and its value kept (a closure's or function's last
        # statement returns it): ``run`` is ``ev``, without a call in between.
        if "ev" in cls.__dict__ and "run" not in cls.__dict__:
            cls.run = cls.ev

    def fail(self, error: GroovyRuntimeError) -> GroovyRuntimeError:
        return error.at(self.line, self.column)


class Literal(Node):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def ev(self, runtime, scope):
        return self.value


class IntegerLiteral(Literal):
    """An integer as written, so that ``-2147483648`` can be read as one literal."""

    __slots__ = ("digits",)


class GString(Node):
    __slots__ = ("parts",)

    def __init__(self, parts):
        self.parts = parts  # str or expression nodes

    def ev(self, runtime, scope):
        text = "".join(part if isinstance(part, str) else ops.stringify(runtime, part.ev(runtime, scope))
                       for part in self.parts)
        return runtime.built(runtime.check_string(text))


class Variable(Node):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def ev(self, runtime, scope):
        try:
            return runtime.lookup(scope, self.name)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class ClosureLiteral(Node):
    __slots__ = ("parameters", "body", "number")

    def __init__(self, parameters, body, number):
        self.parameters, self.body, self.number = parameters, body, number

    def ev(self, runtime, scope):
        return Closure(runtime, self.parameters, self.body, scope, self.number)


class Binary(Node):
    __slots__ = ("operator", "left", "right")

    def __init__(self, operator, left, right):
        self.operator, self.left, self.right = operator, left, right

    def ev(self, runtime, scope):
        left = self.left.ev(runtime, scope)
        right = self.right.ev(runtime, scope)
        try:
            return runtime.built(ops.binary(runtime, self.operator, left, right), left, right)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class Logical(Node):
    __slots__ = ("operator", "left", "right")

    def __init__(self, operator, left, right):
        self.operator, self.left, self.right = operator, left, right

    def ev(self, runtime, scope):
        left = truth(self.left.ev(runtime, scope))
        if self.operator == "&&":
            return left and truth(self.right.ev(runtime, scope))
        return left or truth(self.right.ev(runtime, scope))


class Conditional(Node):
    __slots__ = ("condition", "then", "otherwise")

    def __init__(self, condition, then, otherwise):
        self.condition, self.then, self.otherwise = condition, then, otherwise

    def ev(self, runtime, scope):
        if truth(self.condition.ev(runtime, scope)):
            return self.then.ev(runtime, scope)
        return self.otherwise.ev(runtime, scope)


class Elvis(Node):
    __slots__ = ("value", "fallback")

    def __init__(self, value, fallback):
        self.value, self.fallback = value, fallback

    def ev(self, runtime, scope):
        value = self.value.ev(runtime, scope)
        return value if truth(value) else self.fallback.ev(runtime, scope)


class Unary(Node):
    __slots__ = ("operator", "operand")

    def __init__(self, operator, operand):
        self.operator, self.operand = operator, operand

    def ev(self, runtime, scope):
        try:
            return ops.unary(runtime, self.operator, self.operand.ev(runtime, scope))
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class TypeTest(Node):
    """``x instanceof T``, ``x as T``, ``(T) x``."""

    __slots__ = ("operator", "operand", "type_name")

    def __init__(self, operator, operand, type_name):
        self.operator, self.operand, self.type_name = operator, operand, type_name

    def ev(self, runtime, scope):
        value = self.operand.ev(runtime, scope)
        try:
            if self.operator == "instanceof":
                return ops.is_instance(value, self.type_name)
            if self.operator == "cast":
                return ops.java_cast(runtime, value, self.type_name)
            return ops.cast(runtime, value, self.type_name)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class Property(Node):
    __slots__ = ("target", "name", "mode")

    def __init__(self, target, name, mode):
        self.target, self.name, self.mode = target, name, mode  # mode: ".", "?.", "*."

    def name_of(self, runtime, scope) -> str:
        return self.name if type(self.name) is str else ops.stringify(runtime, self.name.ev(runtime, scope))

    def ev(self, runtime, scope):
        target = self.target.ev(runtime, scope)
        name = self.name if type(self.name) is str else self.name_of(runtime, scope)
        try:
            if self.mode == "?." and target is None:
                return None
            if self.mode == "*.":
                items = ops.iterate(runtime, target)  # spread is null-safe element by element
                return [None if item is None else get_property(runtime, item, name) for item in items]
            return get_property(runtime, target, name)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None

    def assign(self, runtime, scope, value):
        target = self.target.ev(runtime, scope)
        if self.mode == "?." and target is None:
            return
        try:
            set_property(runtime, target, self.name_of(runtime, scope), value)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class MethodCall(Node):
    __slots__ = ("target", "name", "mode", "arguments")

    def __init__(self, target, name, mode, arguments):
        self.target, self.name, self.mode, self.arguments = target, name, mode, arguments

    def ev(self, runtime, scope):
        target = self.target.ev(runtime, scope)
        name = self.name if isinstance(self.name, str) else ops.stringify(runtime, self.name.ev(runtime, scope))
        if self.mode == "?." and target is None:
            return None
        args = evaluate_arguments(self.arguments, runtime, scope)
        try:
            if self.mode == "*.":
                items = ops.iterate(runtime, target)
                return [None if item is None else invoke(runtime, item, name, args) for item in items]
            return invoke(runtime, target, name, args)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class Call(Node):
    """``name(args)`` (a script function, a builtin such as println, or a closure variable) or ``expr(args)``."""

    __slots__ = ("callee", "arguments")

    def __init__(self, callee, arguments):
        self.callee, self.arguments = callee, arguments

    def ev(self, runtime, scope):
        try:
            if isinstance(self.callee, Variable):
                args = evaluate_arguments(self.arguments, runtime, scope)
                return call_function(runtime, scope, self.callee.name, args)
            callee = self.callee.ev(runtime, scope)
            return invoke(runtime, callee, "call", evaluate_arguments(self.arguments, runtime, scope))
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class Index(Node):
    __slots__ = ("target", "indexes", "safe")

    def __init__(self, target, indexes, safe=False):
        self.target, self.indexes, self.safe = target, indexes, safe  # safe: a?[i] is null on a null a

    def key(self, runtime, scope):
        keys = [index.ev(runtime, scope) for index in self.indexes]
        return keys[0] if len(keys) == 1 else keys

    def ev(self, runtime, scope):
        target = self.target.ev(runtime, scope)
        if target is None and self.safe:
            return None
        key = self.key(runtime, scope)
        try:
            return get_index(runtime, target, key)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None

    def assign(self, runtime, scope, value):
        target = self.target.ev(runtime, scope)
        key = self.key(runtime, scope)
        try:
            set_index(runtime, target, key, value)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class New(Node):
    __slots__ = ("type_name", "arguments")

    def __init__(self, type_name, arguments):
        self.type_name, self.arguments = type_name, arguments

    def ev(self, runtime, scope):
        from .classes import construct
        args = evaluate_arguments(self.arguments, runtime, scope)
        try:
            return construct(runtime, self.type_name, args)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class RangeNode(Node):
    __slots__ = ("start", "stop", "inclusive")

    def __init__(self, start, stop, inclusive):
        self.start, self.stop, self.inclusive = start, stop, inclusive

    def ev(self, runtime, scope):
        try:
            return ops.make_range(self.start.ev(runtime, scope), self.stop.ev(runtime, scope), self.inclusive)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None


class Assign(Node):
    __slots__ = ("target", "operator", "value")

    def __init__(self, target, operator, value):
        self.target, self.operator, self.value = target, operator, value

    def ev(self, runtime, scope):
        if self.operator == "=":
            value = self.value.ev(runtime, scope)
        else:
            current = self.target.ev(runtime, scope)
            value = self.value.ev(runtime, scope)
            try:
                value = ops.binary(runtime, self.operator[:-1], current, value)
            except GroovyRuntimeError as error:
                raise self.fail(error) from None
        self.target.assign(runtime, scope, value)
        return value


class IncDec(Node):
    """``++x``, ``x--``: the target gains or loses one; the value is the new one (prefix) or the old one."""

    __slots__ = ("operator", "target", "prefix")

    def __init__(self, operator, target, prefix):
        self.operator, self.target, self.prefix = operator, target, prefix

    def ev(self, runtime, scope):
        old = self.target.ev(runtime, scope)
        try:
            new = ops.increment(old, 1 if self.operator == "++" else -1)
        except GroovyRuntimeError as error:
            raise self.fail(error) from None
        self.target.assign(runtime, scope, new)
        return new if self.prefix else old


def _variable_assign(self, runtime, scope, value):
    found = scope.find(self.name)
    (found.names if found is not None else runtime.binding)[self.name] = value


Variable.assign = _variable_assign


class SpreadArgument(Node):
    """``*value`` in a list literal or a call's arguments."""

    __slots__ = ("value",)
    despread = staticmethod(ops.despread)

    def __init__(self, value):
        self.value = value

    def spread(self, runtime, scope):
        try:
            values = self.despread(self.value.ev(runtime, scope))
        except GroovyRuntimeError as error:
            raise self.fail(error) from None
        runtime.check_size(len(values))
        return values


class NamedArgument(Node):
    __slots__ = ("key", "value")

    def __init__(self, key, value):
        self.key, self.value = key, value


def evaluate_arguments(arguments, runtime, scope) -> list:
    """Positional values; named arguments (``f(a: 1)``) gather into one map, passed first, as Groovy does."""
    values, named = [], {}
    for argument in arguments:
        if isinstance(argument, NamedArgument):
            named[ops.map_key(argument.key.ev(runtime, scope))] = argument.value.ev(runtime, scope)
        elif isinstance(argument, SpreadArgument):
            values.extend(argument.spread(runtime, scope))
        else:
            values.append(argument.ev(runtime, scope))
    return [named, *values] if named else values

