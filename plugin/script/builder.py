"""The parse tree to the interpreter's nodes (nodes.py, statements.py): one method per grammar rule, each node
keeping the line and column where it starts."""

from __future__ import annotations

from lark import Transformer, v_args

from . import nodes as n
from . import statements as s
from .arith import literal_decimal, literal_integer
from .errors import ScriptSyntaxError
from .runtime import Function, Parameter

CAST_TAIL_PRECEDENCE = {"SHIFT_OP": 1, "RANGE_OP": 1, "PLUS": 2, "MINUS": 2, "MUL_OP": 3}


def _at(token):
    return token.line, token.column


def _first_position(children) -> tuple[int, int]:
    for child in children:
        if hasattr(child, "line") and getattr(child, "line", None) is not None:
            return child.line, child.column
    return 0, 0


def _node(node, children):
    return node.located(*_first_position(children))


@v_args(inline=True)
class Build(Transformer):
    def __init__(self, program):
        super().__init__()
        self.program = program

    def start(self, statements):
        return statements

    def expression_only(self, expression):
        return expression

    def statements(self, *children):
        return list(children)

    def block(self, brace, statements):
        return s.Block(statements).located(*_at(brace))

    def body(self, statement):
        return statement if isinstance(statement, s.Block) else s.Block([statement]).located(
            statement.line, statement.column)

    # declarations and functions
    def declaration(self, *children):
        names = [c for c in children if getattr(c, "type", None) == "NAME"]
        value = children[-1] if not hasattr(children[-1], "type") else None
        name, type_name = (names[-1], names[0] if len(names) == 2 else None)
        return s.Declaration(str(name), str(type_name) if type_name else None, value).located(*_at(names[0]))

    def multiple_declaration(self, *children):
        names = [str(c) for c in children if getattr(c, "type", None) == "NAME"]
        return s.MultipleDeclaration(names, children[-1]).located(*_at(children[0]))

    def function(self, *children):
        names = [c for c in children if getattr(c, "type", None) == "NAME"]
        parameters, block = children[-2], children[-1]
        function = Function(str(names[-1]), parameters, block.statements)
        self.program.functions.setdefault(function.name, []).append(function)
        return s.FunctionDefinition(function).located(*_at(names[-1]))

    def parameters(self, *parameters):
        return list(parameters)

    closure_parameters = parameters

    def parameter(self, *children):
        names = [c for c in children if getattr(c, "type", None) == "NAME"]
        default = children[-1] if not hasattr(children[-1], "type") else None
        return Parameter(str(names[-1]), default)

    closure_parameter = parameter

    # control flow
    def if_statement(self, condition, then, otherwise=None):
        return s.If(condition, then, otherwise).located(condition.line, condition.column)

    def for_in(self, *children):
        names = [c for c in children if getattr(c, "type", None) == "NAME"]
        iterable, body = children[-2], children[-1]
        return s.ForIn(str(names[-1]), iterable, body).located(*_at(names[-1]))

    def for_classic(self, *children):
        init, condition, update = [], None, []
        body = children[-1]
        for child in children[:-1]:
            if isinstance(child, tuple) and child[0] == "init":
                init = child[1]
            elif isinstance(child, list):
                update = child
            else:
                condition = child
        return s.ForClassic(init, condition, update, body).located(body.line, body.column)

    def for_init(self, child):
        return ("init", child if isinstance(child, list) else [child])

    def expression_list(self, *expressions):
        return list(expressions)

    def while_statement(self, condition, body):
        return s.While(condition, body).located(condition.line, condition.column)

    def switch_statement(self, subject, _brace, *groups):
        return s.Switch(subject, list(groups)).located(subject.line, subject.column)

    def case_group(self, *children):
        return ([label for label in children[:-1]], children[-1])

    def case_label(self, expression=None):
        return expression

    def try_statement(self, body, *rest):
        catches = [c for c in rest if isinstance(c, tuple)]
        final = rest[-1] if rest and not isinstance(rest[-1], tuple) else None
        return s.Try(body, catches, final).located(*_first_position([*body.statements, body]))

    def catch_clause(self, *children):
        types = children[0] if isinstance(children[0], list) else []
        return (types, str(children[-2]), children[-1])

    def catch_types(self, *names):
        return [str(name).rsplit(".", 1)[-1] for name in names if name.type == "NAME"]

    def return_statement(self, keyword, value=None):
        return s.Return(value).located(*_at(keyword))

    def break_statement(self, keyword):
        return s.Break().located(*_at(keyword))

    def continue_statement(self, keyword):
        return s.Continue().located(*_at(keyword))

    def throw_statement(self, value):
        return s.Throw(value).located(value.line, value.column)

    def import_statement(self, name):
        self.program.imports.append((name, self.program.last_position))
        return s.Import(name).located(*self.program.last_position)

    def dotted_name(self, *names):
        self.program.last_position = _at(names[0])
        return ".".join(str(name) for name in names)

    def annotation(self, name, arguments=None):
        return s.Annotation(str(name)).located(*_at(name))

    # expressions
    def assign(self, target, operator, value):
        if not hasattr(target, "assign"):
            raise ScriptSyntaxError("Invalid assignment target", *_at(operator))
        return n.Assign(target, str(operator), value).located(target.line, target.column)

    def conditional(self, condition, then, otherwise):
        return _node(n.Conditional(condition, then, otherwise), [condition])

    def elvis(self, value, fallback):
        return _node(n.Elvis(value, fallback), [value])

    def or_(self, left, right):
        return _node(n.Logical("||", left, right), [left])

    def and_(self, left, right):
        return _node(n.Logical("&&", left, right), [left])

    def binary(self, left, operator, right):
        return n.Binary(str(operator), left, right).located(*_at(operator))

    def in_(self, left, right):
        return _node(n.Binary("in", left, right), [left])

    def not_in(self, left, right):
        return _node(n.Unary("!", _node(n.Binary("in", left, right), [left])), [left])

    def not_instanceof(self, value, type_name):
        return _node(n.Unary("!", _node(n.TypeTest("instanceof", value, type_name), [value])), [value])

    def java_cast(self, cast, value):
        return n.TypeTest("cast", value, str(cast)).located(*_at(cast))

    def safe_index(self, target, indexes):
        return n.Index(target, indexes, safe=True).located(target.line, target.column)

    def instanceof(self, value, type_name):
        return _node(n.TypeTest("instanceof", value, type_name), [value])

    def cast(self, value, type_name):
        return _node(n.TypeTest("as", value, type_name), [value])

    def cast_then(self, value, type_name, *tail):
        """``x as T + a * b``: the operators after the cast, by their precedence, the cast their first operand."""
        operands = [self.cast(value, type_name)] + list(tail[1::2])
        return self._by_precedence(operands, [operator.children[0] for operator in tail[0::2]])

    def _by_precedence(self, operands: list, operators: list):
        values, pending = [operands[0]], []
        for operator, operand in zip(operators, operands[1:], strict=True):
            while pending and CAST_TAIL_PRECEDENCE[pending[-1].type] >= CAST_TAIL_PRECEDENCE[operator.type]:
                self._combine(values, pending.pop())
            pending.append(operator)
            values.append(operand)
        while pending:
            self._combine(values, pending.pop())
        return values[0]

    def _combine(self, values: list, operator) -> None:
        right, left = values.pop(), values.pop()
        values.append(self.range(left, operator, right) if operator.type == "RANGE_OP"
                      else self.binary(left, operator, right))

    def range(self, start, operator, stop):
        return n.RangeNode(start, stop, str(operator) == "..").located(*_at(operator))

    def unary(self, operator, operand):
        if str(operator) == "-" and isinstance(operand, n.Literal) and getattr(operand, "digits", None):
            # -2147483648 is one Integer literal, as in Java, not the negation of a Long
            return n.Literal(literal_integer("-" + operand.digits)).located(*_at(operator))
        return n.Unary(str(operator), operand).located(*_at(operator))

    def prefix(self, operator, target):
        self._assignable(target, operator)
        return n.IncDec(str(operator), target, True).located(*_at(operator))

    def postfix_incdec(self, target, operator):
        self._assignable(target, operator)
        return n.IncDec(str(operator), target, False).located(target.line, target.column)

    @staticmethod
    def _assignable(target, operator):
        if not hasattr(target, "assign"):
            raise ScriptSyntaxError(f"The expression cannot be the target of {operator}", *_at(operator))

    def property(self, target, *rest):
        mode, member = (".", rest[0]) if len(rest) == 1 else (str(rest[0]), rest[1])
        return n.Property(target, member[0], mode).located(*member[1])

    def method_call(self, target, *rest):
        mode, member, arguments = (".", rest[0], rest[1]) if len(rest) == 2 else (str(rest[0]), rest[1], rest[2])
        return n.MethodCall(target, member[0], mode, arguments).located(*member[1])

    def member(self, token):
        if token.type == "_STRING" or token.type == "STRING":
            return (str(token), _at(token))
        if token.type == "GSTRING":
            return (self.gstring(token), _at(token))
        return (str(token), _at(token))

    def call(self, callee, arguments):
        return n.Call(callee, arguments).located(callee.line, callee.column)

    def call_arguments(self, *children):
        arguments = list(children[0]) if children and isinstance(children[0], list) else []
        if children and not isinstance(children[-1], list):
            arguments.append(children[-1])
        return arguments

    def arguments(self, *arguments):
        return [n.NamedArgument(a[0], a[1]).located(a[0].line, a[0].column) if isinstance(a, tuple) else a
                for a in arguments]

    def spread_argument(self, star, value):
        return n.SpreadArgument(value).located(*_at(star))

    def index(self, target, indexes):
        return n.Index(target, indexes).located(target.line, target.column)

    def variable(self, token):
        return n.Variable(str(token)).located(*_at(token))

    def integer(self, token):
        literal = n.IntegerLiteral(literal_integer(str(token))).located(*_at(token))
        literal.digits = str(token)
        return literal

    def decimal(self, token):
        return n.Literal(literal_decimal(str(token))).located(*_at(token))

    def string(self, token):
        return n.Literal(str(token)).located(*_at(token))

    key_name = string

    def gstring(self, token):
        from .parser import parse_expression
        parts = [part if isinstance(part, str) else parse_expression(part[0], part[1], part[2], self.program)
                 for part in token.parts]
        return n.GString(parts).located(*_at(token))

    def true(self, token):
        return n.Literal(True).located(*_at(token))

    def false(self, token):
        return n.Literal(False).located(*_at(token))

    def null(self, token):
        return n.Literal(None).located(*_at(token))

    def list(self, items):
        return n.ListLiteral(items).located(*_first_position(items))

    def arguments_list(self, *items):
        return list(items)

    def map(self, entries):
        return n.MapLiteral(entries).located(*_first_position([entries[0][0]]))

    def map_entries(self, *entries):
        return list(entries)

    def map_entry(self, key, value):
        return (key, value)

    def empty_map(self):
        return n.MapLiteral([]).located(0, 0)

    def switch_expression(self, subject, _brace, *cases):
        return s.SwitchExpression(subject, list(cases)).located(subject.line, subject.column)

    def arrow_case(self, *children):
        return (children[0] if len(children) == 2 else None, children[-1])

    def closure(self, *children):
        parameters = children[0] if len(children) == 2 else None
        self.program.closures += 1
        statements = children[-1]
        return n.ClosureLiteral(parameters, statements, self.program.closures).located(*_first_position(statements))

    def new(self, keyword, type_name, arguments):
        return n.New(type_name, arguments).located(*_at(keyword))

    def new_array(self, keyword, type_name, size):
        return n.New("ArrayList", []).located(*_at(keyword))

    def type_name(self, *names):
        return ".".join(str(name) for name in names)
