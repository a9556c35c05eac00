"""A JQL query tree to an SQL condition on issues, built with SQLAlchemy: the database does all the
searching, and no issue is loaded to be filtered in Python.

Named values (projects, statuses, users, …) are looked up first, in their small tables, so that a value
that does not exist is refused in Jira's words; the condition then compares the issue's foreign keys.
Every clause's condition is true or false, never NULL, so NOT is its complement: ``NOT assignee = admin``
finds the unassigned issues too, while ``assignee != admin`` does not (Jira: "!=" never matches an
empty field). ``~`` is Jira's text search, here case-insensitive containment of every word of the value
(in any order; "*" and "?" wildcards are dropped, so "win*" finds "window" as Jira does), or of a phrase in
double quotes, its words together and in order."""

from __future__ import annotations

import operator as python_operator
import re
from datetime import datetime
from functools import lru_cache

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, select, true

from ...db import db
from ...fields import MAX_ID, searchable, storable
from ..models import Comment, Issue, IssueLabel, IssueType, Priority, Project, Resolution, Status, User
from .dates import moment
from .fields import Field, checked
from .syntax import EMPTY, AllOf, AnyOf, Clause, Function, Negation, jql_error

MAX_CLAUSES = 200  # SQLite nests each AND and OR once more; it refuses expressions 1000 deep
MAX_VALUES = 1000
MAX_WORDS = 20  # per text search
POSITIVE = ("=", "in", "is", "~")
COMPARE = {"=": python_operator.eq, "!=": python_operator.ne, "<": python_operator.lt, "<=": python_operator.le,
           ">": python_operator.gt, ">=": python_operator.ge}
COMPARISONS = ("<", "<=", ">", ">=")
ISSUE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*-[0-9]{1,9}\Z")
# Jira's status categories by name, key and id.
CATEGORIES = {"to do": "new", "new": "new", "2": "new", "in progress": "indeterminate",
              "indeterminate": "indeterminate", "4": "indeterminate", "done": "done", "3": "done"}
UNRESOLVED = "unresolved"  # "resolution = Unresolved": no resolution
COLUMNS = {"project": Issue.project_id, "issue_type": Issue.issue_type_id, "status": Issue.status_id,
           "status_category": Issue.status_id, "priority": Issue.priority_id, "resolution": Issue.resolution_id}
TEXT_COLUMNS = {"summary": ("summary",), "description": ("description",), "comment": ("comment",),
                "text": ("summary", "description", "comment")}


class Translation:
    """Translates the clauses of one search; ``current_username`` answers currentUser().

    The condition has two forms, for the database's planner: ``counting``, "labels = x" reads the labels'
    index first (an issue among the label's few), as the count of all matches gains by it; otherwise it
    is checked issue by issue, so that a page in the order of an index (created, in a project) stops
    reading at its end (bench/RESULTS.md, the JQL search figures)."""

    def __init__(self, current_username: str | None, now: datetime, *, counting: bool = False,
                 looked_up: dict | None = None):
        self.current_username = current_username
        self.now = now
        self.counting = counting
        # (kind, name) -> the ids it names: shared by the translations of one search, which look alike up
        self.looked_up = {} if looked_up is None else looked_up
        self.clauses = 0
        self.values = 0

    def condition(self, node) -> ColumnElement[bool]:
        if node is None:
            return true()
        if isinstance(node, AllOf):
            return and_(*map(self.condition, node.clauses))
        if isinstance(node, AnyOf):
            return or_(*map(self.condition, node.clauses))
        if isinstance(node, Negation):
            return not_(self.condition(node.clause))
        return self.clause(node)

    def clause(self, clause: Clause) -> ColumnElement[bool]:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise jql_error(f"The JQL query is too complex: at most {MAX_CLAUSES} clauses.")
        field = checked(clause)
        operands = clause.operand if isinstance(clause.operand, tuple) else (clause.operand,)
        self.values += len(operands)
        if self.values > MAX_VALUES:
            raise jql_error(f"The JQL query is too complex: at most {MAX_VALUES} values.")
        translate = {"key": self._key, "label": self._labels, "user": self._users, "text": self._text,
                     "date": self._dates}.get(field.kind, self._named)
        return translate(clause, field, operands)

    def _named(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        column = COLUMNS[field.kind]
        ids: set[int] = set()
        empty = EMPTY in operands
        for operand in (item for item in operands if item is not EMPTY):
            if field.kind == "resolution" and operand.text.lower() == UNRESOLVED:
                empty = True
                continue
            key = (field.kind, operand.text)
            if key not in self.looked_up:
                self.looked_up[key] = db.session.connection().scalars(_named_ids(*key)).all()
            found = self.looked_up[key]
            if not found:
                raise jql_error(f"The value '{operand.text}' does not exist for the field '{clause.field}'.")
            ids.update(found)
        if clause.operator in COMPARISONS:
            ids = set(db.session.connection().scalars(_priorities_beyond(clause.operator, ids)))
        return _membership(column, ids, empty, clause.operator)

    def _users(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        column = Issue.assignee_id if field.id == "assignee" else Issue.reporter_id
        ids: set[int] = set()
        for operand in (item for item in operands if item is not EMPTY):
            if isinstance(operand, Function):  # currentUser(): nobody when no one is logged in
                current = select(User.id).where(User.username == self.current_username)
                ids.update(db.session.connection().scalars(current))
                continue
            text = operand.text.lower()
            found = db.session.connection().scalars(select(User.id).where(or_(
                func.lower(User.username) == text, func.lower(User.email) == text,
                func.lower(User.display_name) == text))).all() if searchable(text) else []
            if not found:
                raise jql_error(f"The value '{operand.text}' does not exist for the field '{clause.field}'.")
            ids.update(found)
        return _membership(column, ids, EMPTY in operands, clause.operator)

    def _key(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        issues = [_issue(operand.text, clause.field) for operand in operands]
        if clause.operator in COMPARISONS:
            _, project_id, number = issues[0]
            return and_(Issue.project_id == project_id, COMPARE[clause.operator](Issue.number, number))
        return _membership(Issue.id, {issue_id for issue_id, _, _ in issues}, False, clause.operator)

    def _labels(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        labels = sorted({item.text for item in operands if item is not EMPTY and searchable(item.text)})
        has_label = exists().where(IssueLabel.issue_id == Issue.id)
        if self.counting:
            labelled = Issue.id.in_(select(IssueLabel.issue_id).where(IssueLabel.label.in_(labels)))
        else:
            labelled = has_label.where(IssueLabel.label.in_(labels))
        matches = or_(labelled if labels else false(), not_(has_label) if EMPTY in operands else false())
        return matches if clause.operator in POSITIVE else not_(matches)

    def _text(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        (operand,) = operands
        if operand is EMPTY:
            matches = or_(Issue.description.is_(None), Issue.description == "")
        else:
            words = _search_terms(operand.text)
            if not words:
                raise jql_error(f"The field '{clause.field}' does not support searching for an empty string.")
            if len(words) > MAX_WORDS:
                raise jql_error(f"The JQL query is too complex: at most {MAX_WORDS} words in one text search.")
            matches = and_(*(or_(*(_contains(column, word) for column in TEXT_COLUMNS[field.id])) for word in words))
        return matches if clause.operator in POSITIVE else not_(matches)

    def _dates(self, clause: Clause, field: Field, operands: tuple) -> ColumnElement[bool]:
        column = getattr(Issue, field.id)
        when = moment(operands[0], clause.field, self.now)
        return COMPARE[clause.operator](column, when)


@lru_cache(maxsize=1024)
def _named_ids(kind: str, text: str):
    """The ids of the projects, issue types, statuses, priorities or resolutions ``text`` names (the statement,
    built once per name: a trigger's query is translated at every change of an issue)."""
    if kind == "status_category":
        return select(Status.id).where(Status.category == CATEGORIES.get(text.lower()))
    model = {"project": Project, "issue_type": IssueType, "status": Status, "priority": Priority,
             "resolution": Resolution}[kind]
    if not searchable(text):
        return select(model.id).where(false())
    names = [func.lower(model.name) == text.lower()]
    if kind == "project":
        names.append(Project.key == text.upper())
    if _number(text) is not None:
        names.append(model.id == _number(text))
    return select(model.id).where(or_(*names))


def _priorities_beyond(operator: str, ids: set[int]):
    """"priority > Medium": the priorities above Medium, which have the smaller sequence numbers."""
    sequence = select(Priority.sequence).where(Priority.id == min(ids)).scalar_subquery()
    inverse = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[operator]
    return select(Priority.id).where(COMPARE[inverse](Priority.sequence, sequence))


def _membership(column, ids: set[int], empty: bool, operator: str) -> ColumnElement[bool]:
    """``column`` in ``ids`` (or empty); never NULL. A negative operator never matches an empty field."""
    if operator in POSITIVE or operator in COMPARISONS:
        return or_(and_(column.is_not(None), column.in_(sorted(ids))), column.is_(None) if empty else false())
    return and_(column.is_not(None), column.not_in(sorted(ids)))


def _issue(text: str, written: str) -> tuple[int, int, int]:
    """(id, project id, number) of the issue a key or an id names."""
    if text.isascii() and text.isdigit():
        named = false() if _number(text) is None else Issue.id == _number(text)
    elif ISSUE_KEY.match(text):
        named = Issue.key == text.upper()
    else:
        raise jql_error(f"The issue key '{text}' for field '{written}' is invalid.")
    found = db.session.connection().execute(select(Issue.id, Issue.project_id, Issue.number).where(named)).first()
    if found is None:
        raise jql_error(f"An issue with key '{text}' does not exist for field '{written}'.")
    return tuple(found)


def _number(text: str) -> int | None:
    """The id ``text`` names, if it is one an INTEGER column can hold."""
    return int(text) if re.fullmatch(r"[0-9]{1,10}", text) and int(text) <= MAX_ID else None


def _search_terms(text: str) -> list[str]:
    """What every match must contain: each word, or a phrase (the value in double quotes, as in
    ``summary ~ "\\"exact phrase\\""``) as it stands, its words in order with single spaces between."""
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] == stripped[-1] == '"':
        phrase = " ".join(stripped[1:-1].split())
        return [phrase] if phrase.strip("*?") else []
    return [word for word in (part.strip("*?") for part in text.split()) if word]


def _contains(column: str, word: str) -> ColumnElement[bool]:
    if not storable(word):
        return false()
    pattern = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
    if column == "summary":
        return Issue.summary.ilike(pattern, escape="\\")
    if column == "description":
        return func.coalesce(Issue.description, "").ilike(pattern, escape="\\")
    return exists().where(Comment.issue_id == Issue.id, Comment.body.ilike(pattern, escape="\\"))
