"""The JQL parser: what it reads into a query tree, and Jira's words, with positions, for what it cannot."""

from __future__ import annotations

import pytest

from plugin.errors import ValidationFailed
from plugin.jira.jql import parse
from plugin.jira.jql.syntax import EMPTY, AllOf, AnyOf, Clause, Function, Negation, Query, SortKey, Value


def refusal(jql: str) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as raised:
        parse(jql)
    assert raised.value.field_errors == {}
    return raised.value


def test_empty_query_has_no_condition_and_no_order():
    assert parse("  ") == Query(where=None, order_by=())


def test_clause_reads_field_operator_and_value():
    assert parse("project = DEMO").where == Clause("project", "=", Value("DEMO"))


@pytest.mark.parametrize(("jql", "operator"), [
    ("a = b", "="), ("a != b", "!="), ("a < b", "<"), ("a <= b", "<="), ("a > b", ">"), ("a >= b", ">="),
    ("a ~ b", "~"), ("a !~ b", "!~"), ("a IN (b)", "in"), ("a not In (b)", "not in"), ("a IS empty", "is"),
    ("a is NOT null", "is not"),
])
def test_every_operator_reads_case_insensitively(jql, operator):
    assert parse(jql).where.operator == operator


def test_quoted_values_in_both_quotes_with_escapes():
    values = parse("""summary ~ "say \\"hi\\"" or summary ~ 'it\\'s' or a = "\\u0041\\n" """).where.clauses
    assert [clause.operand for clause in values] == [
        Value('say "hi"', quoted=True), Value("it's", quoted=True), Value("A\n", quoted=True)]


def test_quoted_field_name():
    assert parse('"project" = DEMO').where.field == "project"


def test_list_of_values_functions_and_empty():
    assert parse("assignee in (admin, currentUser(), EMPTY)").where.operand == (
        Value("admin"), Function("currentUser"), EMPTY)


def test_function_arguments():
    assert parse("created > startOfDay(-1)").where.operand == Function("startOfDay", ("-1",))


def test_unquoted_keys_dates_and_periods_are_values():
    operands = [clause.operand.text for clause in parse("key = DEMO-1 and created > 2026/12/01 and updated < -1d")
                .where.clauses]
    assert operands == ["DEMO-1", "2026/12/01", "-1d"]


def test_and_binds_tighter_than_or():
    assert parse("a = 1 OR b = 2 AND c = 3").where == AnyOf((
        Clause("a", "=", Value("1")), AllOf((Clause("b", "=", Value("2")), Clause("c", "=", Value("3"))))))


def test_parentheses_group():
    assert parse("(a = 1 OR b = 2) AND c = 3").where == AllOf((
        AnyOf((Clause("a", "=", Value("1")), Clause("b", "=", Value("2")))), Clause("c", "=", Value("3"))))


def test_not_binds_tighter_than_and():
    assert parse("NOT a = 1 and b = 2").where == AllOf((
        Negation(Clause("a", "=", Value("1"))), Clause("b", "=", Value("2"))))


def test_symbols_for_and_or_not():
    assert parse("a = 1 && b = 2 || !c = 3") == parse("a = 1 AND b = 2 OR NOT c = 3")


def test_order_by_keys_and_directions():
    assert parse("order by created DESC, key asc, summary").order_by == (
        SortKey("created", True), SortKey("key", False), SortKey("summary", None))


def test_order_by_alone():
    assert parse("ORDER BY key").where is None


@pytest.mark.parametrize(("jql", "message"), [
    ("project = DEMO bar", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'bar'. "
                           "(line 1, character 16)"),
    ("invalid query", "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are "
                      "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. "
                      "(line 1, character 9)"),
    ("project =", "Error in the JQL Query: Expecting either a value, list or function before the end of the query."),
    ("project = )", "Error in the JQL Query: Expecting either a value, list or function but got ')'. "
                    "(line 1, character 11)"),
    ("labels = and", "Error in the JQL Query: Expecting either a value, list or function but got 'and'. You must "
                     "surround 'and' in quotation marks to use it as a value. (line 1, character 10)"),
    ("(project = DEMO", "Error in the JQL Query: Expecting ')' before the end of the query."),
    ("labels in (a b)", "Error in the JQL Query: Expecting ')' but got 'b'. (line 1, character 14)"),
    ("project = DEMO AND", "Error in the JQL Query: Expecting a field name before the end of the query."),
    ("project = DEMO\nAND )", "Error in the JQL Query: Expecting a field name but got ')'. (line 2, character 5)"),
    ("project = DEMO ORDER created", "Error in the JQL Query: Expecting 'BY' but got 'created'. "
                                     "(line 1, character 22)"),
    ("order by created up", "Error in the JQL Query: Expecting either 'ASC' or 'DESC' but got 'up'. "
                            "(line 1, character 18)"),
    ("order by created desc up", "Error in the JQL Query: Expecting ',' but got 'up'. (line 1, character 23)"),
    ('summary ~ "abc', "Error in the JQL Query: The quoted string 'abc' has not been completed. "
                       "(line 1, character 11)"),
    ("labels = 50%", "Error in the JQL Query: The character '%' is a reserved JQL character. You must enclose it "
                     "in a string or use the escape '\\u0025' instead. (line 1, character 12)"),
])
def test_syntax_error_in_jiras_words(jql, message):
    assert refusal(jql).message == message


def test_nesting_is_bounded():
    assert refusal("(" * 60 + "a = b" + ")" * 60).message == \
        "The JQL query is too complex: at most 50 parentheses or NOTs inside each other."


def test_length_is_bounded():
    assert refusal("summary ~ " + "x" * 20_000).message == "The JQL query is too long: at most 20000 characters."


def test_a_query_is_parsed_once_by_text():
    """A trigger's query is asked at every change of an issue: its tree is remembered (it is immutable)."""
    text = "project = DEMO AND labels = remembered"
    assert parse(text) is parse(text)


def test_a_query_that_is_not_jql_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(ValidationFailed):
            parse("project = = DEMO")
