"""What the parser accepts and where it points when it refuses: Groovy 4's lexical rules (identifiers, number
literals, strings) and its parse errors at the token that cannot continue, each checked against real Groovy."""

from __future__ import annotations

import pytest

from plugin.script import ScriptError, ScriptSyntaxError, check, run


def syntax_error(source: str) -> tuple[str, int, int]:
    with pytest.raises(ScriptSyntaxError) as raised:
        check(source)
    return raised.value.message, raised.value.line, raised.value.column


@pytest.mark.parametrize("source, printed", [
    ("def é = 1\nprintln é", "1\n"),
    ("def À = 'a'\nprintln À", "a\n"),
    ("def prix€ = 2\nprintln prix€", "2\n"),
    ("def x٣ = 3\nprintln x٣", "3\n"),
    ("def é = 'ü'\nprintln \"$é!\"", "ü!\n"),
])
def test_an_identifier_may_use_letters_of_any_script_as_java_allows(source, printed):
    assert run(source).output == printed


@pytest.mark.parametrize("source, message, column", [
    ("x = ½", "Unexpected character: '½'", 5),
    ("x = ٣", "Unexpected character: '٣'", 5),
    ("x = 1 \x00", "Unexpected character: '\\u0000'", 7),
    ("x = \ud800", "Unexpected character: '\\ud800'", 5),
    ("x = 1\u00a0+ 2", "Unexpected character: '\\u00a0'", 6),
])
def test_a_character_outside_identifiers_and_strings_is_a_syntax_error_with_its_place(source, message, column):
    assert syntax_error(source) == (message, 1, column)
    message.encode("utf-8")


def test_a_byte_order_mark_inside_the_script_is_a_syntax_error_on_its_line():
    assert syntax_error("x = 1\n\ufeffy = 2") == ("Unexpected character: '\\ufeff'", 2, 1)


def test_a_lone_surrogate_in_an_unexpected_token_is_shown_escaped():
    assert syntax_error("x = 1 '\ud800'")[0] == "Unexpected input: '\\ud800'"


@pytest.mark.parametrize("source, printed", [
    ("def x = 5\nprintln(x as String + 'a')", "5a\n"),
    ("println('3' as int * 2)", "6\n"),
    ("println('7' as int - 1 - 2 * 2 + 10 % 4)", "4\n"),
    ("println('2' as int + 3 * 4 .. 20)", "[14, 15, 16, 17, 18, 19, 20]\n"),
    ("println(1 + '2' as int)", "12\n"),
    ("println('5' as int + 1 > 5)", "true\n"),
])
def test_operators_after_as_go_on_from_the_cast_as_groovy_4_reads_them(source, printed):
    # Groovy 4's grammar has `as` as a suffix at the relational level: x as T + 1 is (x as T) + 1, 1 + x as T
    # is (1 + x) as T (Groovy 2.4 refused the first)
    assert run(source).output == printed


def test_a_very_long_chain_after_a_cast_is_a_script_error_not_a_crash():
    with pytest.raises(ScriptError):
        run("def x = '1' as int" + " + 1" * 5000)


@pytest.mark.parametrize("source, printed", [
    ("println(0b1111_0000 + 0B11L)", "243\n"),
    ("println(0x1fL + 017 + 00)", "46\n"),
    ("println 0777", "511\n"),
    ("println(1_000_000L + 1G + 1e3)", "1001001\n"),
    ("println(1.5f + 1d)", "2.5\n"),
    ("println 1e3", "1E+3\n"),
    ("def name = 'n'\nprintln($/C:\\temp\\$name $$x $/ /$)", "C:\\temp\\n $x / \n"),
    ("println(\"12/x\" ==~ $/\\d+/x/$)", "true\n"),
    ("println($/${1 + 1}/$)", "2\n"),
])
def test_number_literals_and_dollar_slashy_strings_read_as_groovy_reads_them(source, printed):
    assert run(source).output == printed


@pytest.mark.parametrize("source, message, line, column", [
    ("println 09", "Invalid octal literal: '09'", 1, 9),
    ("def x = $/abc", "Unexpected end of file: the dollar slashy string is not closed", 1, 9),
    ("def f(a) { a }\ndef p = this.&f", "Method pointers ('.&') are not supported in sync rules: use a closure, "
     "{ value -> target.method(value) }", 2, 13),
    ("def q = 'abc'.&toUpperCase", "Method pointers ('.&') are not supported in sync rules: use a closure, "
     "{ value -> target.method(value) }", 1, 14),
    ("def m = String::valueOf", "Method references ('::') are not supported in sync rules: use a closure, "
     "{ value -> target.method(value) }", 1, 15),
    ("outer:\nfor (i in 1..3) { println i }", "Labelled statements ('outer:') are not supported in sync rules", 1, 1),
    ("for (i in 1..3) {\n  break outer\n}", "'break' with a label is not supported in sync rules", 2, 9),
    ("for (i in 1..3) { continue outer }", "'continue' with a label is not supported in sync rules", 1, 28),
])
def test_what_sync_rules_leave_out_is_a_syntax_error_that_says_so(source, message, line, column):
    assert syntax_error(source) == (message, line, column)


# Common mistakes, with the line real Groovy reports (2.4 on this machine) and the first token that cannot
# continue. Where the script ends with a bracket left open, Groovy points at the end of the text; the bracket
# left open is where the author went wrong, so it is reported there, on its line.
MISTAKES = [
    ("def x = 1\nif (x {\n  println 1\n}\n", "Unexpected end of script: '(' is not closed", 2, 4),
    ("def x = 1\nif (x {\n", "Unexpected end of script: '{' is not closed", 2, 7),
    ("println(1 + 2\nprintln 3\n", "Unexpected input: 'println'", 2, 1),
    ('def a = 1\ndef b = 2\ndef s = "abc\nprintln s\n', "Unexpected end of line: the string is not closed", 3, 9),
    ("def f() {\n  println 1\n\nprintln 2\n", "Unexpected end of script: '{' is not closed", 1, 9),
    ("def x = 1\nelse {\n  println 1\n}\n", "Unexpected input: 'else'", 2, 1),
    ("def x = 1\n}\nprintln x\n", "Unexpected input: '}'", 2, 1),
    ("def 1x = 2\n", "Unexpected input: '1'", 1, 5),
    ("def x\nx = = 1\n", "Unexpected input: '='", 2, 5),
    ("def m = [a: 1, b: 2\nprintln m\n", "Unexpected input: 'println'", 2, 1),
    ("if (true) {\n  println 1\n} else if {\n  println 2\n}\n", "Unexpected input: '{'", 3, 11),
    ("[1, 2].each { it ->\n  println it\n\nprintln 'done'\n", "Unexpected end of script: '{' is not closed", 1, 13),
    ("def x = 1 +\n", "Unexpected input: end of script", 2, 1),
    ("for (i in 1..3 {\n  println i\n}\n", "Unexpected end of script: '(' is not closed", 1, 5),
    ("def x = (1 + 2))\n", "Unexpected input: ')'", 1, 16),
]


@pytest.mark.parametrize("source, message, line, column", MISTAKES)
def test_a_parse_error_points_at_the_token_that_cannot_continue(source, message, line, column):
    assert syntax_error(source) == (message, line, column)
