"""What the author reads when a script fails: Groovy's words, the Java exception class, the line and column."""

from __future__ import annotations

import pytest

from plugin.script import ScriptError, ScriptSyntaxError, check, compile_script, run

RUNTIME = [
    ("println x", "groovy.lang.MissingPropertyException", "No such property: x for class: Script1", 1),
    ("def a = null\nprintln a.name", "java.lang.NullPointerException", "Cannot get property 'name' on null object",
     2),
    ("def a = null\n\na.foo()", "java.lang.NullPointerException", "Cannot invoke method foo() on null object", 3),
    ("def a = null\na.name = 1", "java.lang.NullPointerException", "Cannot set property 'name' on null object", 2),
    ("throw new Exception('custom failure')", "java.lang.Exception", "custom failure", 1),
    ("throw new IllegalArgumentException('bad arg')", "java.lang.IllegalArgumentException", "bad arg", 1),
    ("'abc'.foo()", "groovy.lang.MissingMethodException",
     "No signature of method: java.lang.String.foo() is applicable for argument types: () values: []", 1),
    ("def f(a) { a }\nf(1, 2)", "groovy.lang.MissingMethodException",
     "No signature of method: Script1.f() is applicable for argument types: (Integer, Integer) values: [1, 2]", 2),
    ("println([1, 2].foo)", "groovy.lang.MissingPropertyException",
     "Exception evaluating property 'foo' for java.util.ArrayList, Reason: groovy.lang.MissingPropertyException: "
     "No such property: foo for class: java.lang.Integer", 1),
    ("def x = 'abc' as Integer", "java.lang.NumberFormatException", 'For input string: "abc"', 1),
    ("println 1 / 0", "java.lang.ArithmeticException", "Division by zero", 1),
    ("def count = null\nprintln count + 1", "java.lang.NullPointerException", "Cannot execute null+1", 2),
    ("println 'a' > 1", "java.lang.ClassCastException", "class java.lang.Integer cannot be cast to class "
     "java.lang.String (java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')", 1),
    ("def c = { it }\nc(1, 2)", "groovy.lang.MissingMethodException",
     "No signature of method: Script1$_run_closure1.call() is applicable for argument types: "
     "(Integer, Integer) values: [1, 2]", 2),
]


@pytest.mark.parametrize("source, exception_class, message, line", RUNTIME)
def test_a_runtime_error_speaks_groovy(source, exception_class, message, line):
    with pytest.raises(ScriptError) as caught:
        run(source)
    error = caught.value
    assert (error.exception_class, error.message, error.line) == (exception_class, message, line)


@pytest.mark.parametrize("source", ["break", "[1].each { break }", "def f() { continue }\nf()"])
def test_break_or_continue_outside_a_loop_is_a_script_error(source):
    with pytest.raises(ScriptError, match="only allowed inside a loop or a switch"):
        run(source)


def test_the_class_in_messages_is_the_script_name_given():
    with pytest.raises(ScriptError, match="No such property: x for class: rules"):
        run("println x", script_name="rules")


def test_what_was_printed_before_the_failure_is_kept():
    with pytest.raises(ScriptError) as caught:
        run("println 'before'\nprintln x")
    assert caught.value.output == "before\n"


@pytest.mark.parametrize("source, line, column", [
    ("def x = (\n", 1, 9),  # the bracket left open
    ("println 'a'\nif (x)) {\n}", 2, 7),
    ("def s = 'unclosed\nprintln s", 1, 9),
    ("x = 1 +* 2", 1, 8),
])
def test_a_syntax_error_names_its_line_and_column(source, line, column):
    with pytest.raises(ScriptSyntaxError) as caught:
        check(source)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_a_syntax_error_message_names_the_unexpected_token():
    with pytest.raises(ScriptSyntaxError) as caught:
        check("x = 1 +* 2")
    assert caught.value.message == "Unexpected input: '*'"


def test_a_script_that_parses_passes_the_check_even_if_it_would_fail_at_run_time():
    check("println undefinedVariable.missingMethod()")


def test_a_script_is_parsed_once():
    assert compile_script("println 'cached'") is compile_script("println 'cached'")
