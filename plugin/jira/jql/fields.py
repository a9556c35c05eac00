"""The fields JQL knows (``fields.yml``) and the checks a clause passes before any value is looked up:
the field exists, takes the operator, and the operand has the shape the operator needs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import yaml

from .dates import PERIODS
from .syntax import EMPTY, Clause, Function, Value, jql_error

LIST_OPERATORS = ("in", "not in")
EMPTY_OPERATORS = ("is", "is not")
# name -> (the kinds of field it serves, the fewest and the most arguments it takes)
FUNCTIONS = {
    "currentuser": ({"user"}, 0, 0),
    **{name: ({"date"}, 0, 0 if unit is None else 1) for name, unit in PERIODS.items()},
}


@dataclass(frozen=True)
class Field:
    id: str
    clauses: tuple[str, ...]
    kind: str
    operators: tuple[str, ...]
    empty: bool = False
    orderable: bool = False
    listed: bool = True


def _load() -> dict[str, Field]:
    entries = yaml.safe_load(files(__package__).joinpath("fields.yml").read_text(encoding="utf-8"))
    return {name: Field(id=name, clauses=tuple(entry.pop("clauses")), operators=tuple(entry.pop("operators")), **entry)
            for name, entry in entries.items()}


_FIELDS = _load()
_BY_CLAUSE = {clause.lower(): field for field in _FIELDS.values() for clause in field.clauses}
FIELDS: dict[str, tuple[str, ...]] = {field.id: field.clauses for field in _FIELDS.values() if field.listed}
"""Each issue field JQL searches, with the clause names that name it (the REST ``/field`` resource's
``clauseNames``)."""


def field_named(name: str) -> Field:
    field = _BY_CLAUSE.get(name.lower())
    if field is None:
        raise jql_error(f"Field '{name}' does not exist or you do not have permission to view it.")
    return field


def sortable_field(name: str) -> Field:
    field = field_named(name)
    if not field.orderable:
        raise jql_error(f"Not able to sort using field '{name}'.")
    return field


def checked(clause: Clause) -> Field:
    """The field ``clause`` searches, once the clause is one Jira would run."""
    field = field_named(clause.field)
    operator, operand = clause.operator, clause.operand
    if operator not in field.operators:
        raise jql_error(f"The operator '{operator}' is not supported by the '{clause.field}' field.")
    operands = operand if isinstance(operand, tuple) else (operand,)
    if isinstance(operand, tuple) != (operator in LIST_OPERATORS):
        shape = "list" if isinstance(operand, tuple) else "non-list"
        raise jql_error(f"Operator '{operator}' does not support the {shape} value '{encoded(operand)}' for field "
                        f"'{clause.field}'.")
    if operator in EMPTY_OPERATORS and operand is not EMPTY:
        raise jql_error(f"Operator '{operator}' does not support the non-empty value '{encoded(operand)}' for field "
                        f"'{clause.field}'.")
    if EMPTY in operands and not field.empty:
        raise jql_error(f"The field '{clause.field}' does not support searching for EMPTY values.")
    if EMPTY in operands and operator in ("<", "<=", ">", ">="):
        raise jql_error(f"Operator '{operator}' does not support the empty value for field '{clause.field}'.")
    for function in (item for item in operands if isinstance(item, Function)):
        _check_function(function, field, clause.field)
    return field


def _check_function(function: Function, field: Field, written: str) -> None:
    known = FUNCTIONS.get(function.name.lower())
    if known is None:
        raise jql_error(f"Unable to find JQL function '{function.name}()'.")
    kinds, fewest, most = known
    if field.kind not in kinds:
        raise jql_error(f"The function '{function.name}' is not supported by the '{written}' field.")
    count = len(function.arguments)
    if not fewest <= count <= most:
        expected = f"'{most}'" if fewest == most else f"between '{fewest}' and '{most}'"
        raise jql_error(f"Function '{function.name}' expected {expected} arguments but received '{count}'.")


def encoded(operand) -> str:
    """An operand as the query wrote it (quoted values in double quotes), for messages."""
    if isinstance(operand, tuple):
        return "(" + ", ".join(map(encoded, operand)) + ")"
    if isinstance(operand, Value):
        return f'"{operand.text}"' if operand.quoted else operand.text
    return str(operand)
