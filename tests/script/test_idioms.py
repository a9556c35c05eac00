"""Groovy idioms of sync rules beyond the basics: null walked as nothing, spread literals, maps with a default,
``Matcher`` objects and ``Date`` comparisons. Each source prints what real Groovy prints."""

from __future__ import annotations

import pytest

from plugin.script import ScriptError, run

NULL_WALKED = [
    ("def c = null\nc.each { println 'never' }\nprintln 'done'", "done"),
    ("def c = null\nprintln c.each { println 'never' }", "null"),
    ("def c = null\nprintln c.eachWithIndex { x, i -> println 'never' }", "null"),
    ("def c = null\nprintln c.collect { it }", "[]"),
    ("def c = null\nprintln c.collect()", "[]"),
    ("def c = null\nprintln c.findAll { it }", "[]"),
    ("def c = null\nprintln c.find { it }", "null"),
    ("def c = null\nprintln c.any { true }", "false"),
    ("def c = null\nprintln c.every { false }", "true"),
    ("def c = null\nprintln c.inject(0) { a, b -> a + b }", "0"),
    ("def c = null\nprintln c.grep()", "[]"),
    ("def c = null\nprintln c.findIndexOf { it }", "-1"),
    ("def c = null\nprintln c.split { it }", "[[], []]"),
]
NULL_REFUSED = ["size", "sum", "join", "sort", "first", "isEmpty", "collectEntries", "groupBy", "max", "unique"]


def printed(source: str) -> str:
    return run(source).output.rstrip("\n")


@pytest.mark.parametrize("source, expected", NULL_WALKED)
def test_null_is_walked_as_nothing(source, expected):
    assert printed(source) == expected


@pytest.mark.parametrize("method", NULL_REFUSED)
def test_a_collection_method_on_null_throws(method):
    with pytest.raises(ScriptError) as caught:
        run(f"def c = null\nc.{method}()")
    assert (caught.value.exception_class, caught.value.message) == (
        "java.lang.NullPointerException", f"Cannot invoke method {method}() on null object")


WITH_DEFAULT = [
    ("def c = [:].withDefault { 0 }\n['bug', 'task', 'bug'].each { c[it] += 1 }\nprintln c", "[bug:2, task:1]"),
    ("def g = [:].withDefault { [] }\ng.a << 1\ng['a'] << 2\nprintln g", "[a:[1, 2]]"),
    ("def c = [:].withDefault { k -> k * 2 }\nprintln([c[3], c.get(4), c.containsKey(4), c.containsKey(5), c])",
     "[6, 8, true, false, [3:6, 4:8]]"),
    ("def c = [a: 1].withDefault { 0 }\nc.b += 1\nprintln c", "[a:1, b:1]"),
    ("def c = [:].withDefault { 0 }\nprintln([c.size(), c.x, c.size()])", "[0, 0, 1]"),
]


@pytest.mark.parametrize("source, expected", WITH_DEFAULT)
def test_a_map_with_default_reads_and_stores_the_default(source, expected):
    assert printed(source) == expected


DATES = "import java.text.SimpleDateFormat\ndef f = new SimpleDateFormat('yyyy-MM-dd')\n" \
        "def a = f.parse('2024-01-31')\ndef b = f.parse('2024-03-05')\ndef a2 = f.parse('2024-01-31')\n"
DATE_ORDER = [
    ("println([a < b, a > b, a <= a2, a >= b])", "[true, false, true, false]"),
    ("println([a <=> b, b <=> a, a <=> a2, a.compareTo(b)])", "[-1, 1, 0, -1]"),
    ("println([a == a2, a != b, a.equals(a2), a.before(b), a.after(b)])", "[true, true, true, true, false]"),
    ("println([b, a].sort().collect { f.format(it) })", "[2024-01-31, 2024-03-05]"),
    ("println([f.format([a, b].max()), f.format([b, a].min())])", "[2024-03-05, 2024-01-31]"),
    ("println([a < null, a > null, a <=> null, a == null])", "[false, true, 1, false]"),
    ("println b.time - a.time", "2937600000"),
]


@pytest.mark.parametrize("source, expected", DATE_ORDER)
def test_dates_compare_by_their_instant(source, expected):
    assert printed(DATES + source) == expected


def test_a_date_compared_with_a_string_is_a_cast_failure():
    with pytest.raises(ScriptError) as caught:
        run(DATES + "println a < 'x'")
    assert (caught.value.exception_class, caught.value.message) == (
        "java.lang.ClassCastException", "class java.lang.String cannot be cast to class java.util.Date "
        "(java.lang.String and java.util.Date are in module java.base of loader 'bootstrap')")


KEY = "def key = ~/([A-Z]+)-(\\d+)/\n"
MATCHERS = [
    ("def m = key.matcher('see DEMO-4 and SUP-9')\ndef found = []\n"
     "while (m.find()) { found << m.group(1) + '#' + m.group(2) }\nprintln found", "[DEMO#4, SUP#9]"),
    ("def m = key.matcher('A-1')\nprintln([m.matches(), m.group(), m.group(0), m.group(1), m.groupCount()])",
     "[true, A-1, A-1, A, 2]"),
    ("println key.matcher('x A-1').matches()", "false"),
    ("def m = 'x A-1 B-2' =~ key\nprintln([m[0], m[1][2], m.size(), m.count])", "[[A-1, A, 1], 2, 2, 2]"),
    ("def m = 'x A-1 B-2' =~ key\nm.find()\nprintln([m.group(), m.start(), m.end(), m.start(2)])",
     "[A-1, 2, 5, 4]"),
    ("def m = 'A-1' =~ key\nprintln([m.find(), m.find(), m.find()])", "[true, false, false]"),
    ("def m = 'x A-1' =~ /(q)?A/\nm.find()\nprintln([m.group(1), m.start(1)])", "[null, -1]"),
    ("def m = 'x A-1' =~ key\nif (m) { println m.group(2) }", "1"),
    ("println(('x A-1 B-2' =~ key).collect { it[1] })", "[A, B]"),
    ("def m = 'ab' =~ /x*/\ndef n = 0\nwhile (m.find()) { n++ }\nprintln n", "3"),
]
MATCHER_REFUSALS = [
    ("def m = key.matcher('A-1')\nm.group(1)", "java.lang.IllegalStateException", "No match found"),
    ("def m = key.matcher('A-1')\nm.find()\nm.group(3)", "java.lang.IndexOutOfBoundsException", "No group 3"),
]


@pytest.mark.parametrize("source, expected", MATCHERS)
def test_a_matcher_finds_and_groups_as_java_does(source, expected):
    assert printed(KEY + source) == expected


@pytest.mark.parametrize("source, exception_class, message", MATCHER_REFUSALS)
def test_a_matcher_group_without_a_match_is_refused(source, exception_class, message):
    with pytest.raises(ScriptError) as caught:
        run(KEY + source)
    assert (caught.value.exception_class, caught.value.message) == (exception_class, message)


SPREADS = [
    ("def more = [4, 5]\nprintln([*[1, 2], 3, *more])", "[1, 2, 3, 4, 5]"),
    ("def more = [4, 5]\nprintln([*more])", "[4, 5]"),
    ("println([*(1..3), 0,])", "[1, 2, 3, 0]"),
    ("def none = null\nprintln([*none, 3])", "[null, 3]"),
    ("def base = [a: 1]\nprintln([*: base, b: 2])", "[a:1, b:2]"),
    ("def base = [a: 1, b: 1]\nprintln([*: base, b: 2, a: 3])", "[a:3, b:2]"),
    ("def base = [a: 1]\nprintln([x: 0, *: base])", "[x:0, a:1]"),
    ("def f = { a, b -> a + b }\nprintln f(*[1, 2])", "3"),
    ("def f(a, b, c) { [a, b, c] }\nprintln f(0, *[1, 2])", "[0, 1, 2]"),
]
SPREAD_REFUSALS = [
    ("def text = 'ab'\n[*text, 3]", "java.lang.IllegalArgumentException", "cannot spread the type java.lang.String "
     "with value ab"),
    ("def items = [1]\n[*: items, c: 2]", "groovy.lang.SpreadMapEvaluatingException",
     "Cannot spread the map java.util.ArrayList, value [1]"),
    ("def none = null\n[*: none, c: 2]", "java.lang.NullPointerException",
     'Cannot invoke "Object.getClass()" because "value" is null'),
]


@pytest.mark.parametrize("source, expected", SPREADS)
def test_a_spread_joins_its_elements_or_entries(source, expected):
    assert printed(source) == expected


@pytest.mark.parametrize("source, exception_class, message", SPREAD_REFUSALS)
def test_what_cannot_be_spread_is_refused_in_groovy_words(source, exception_class, message):
    with pytest.raises(ScriptError) as caught:
        run(source)
    assert (caught.value.exception_class, caught.value.message, caught.value.line) == (exception_class, message, 2)


@pytest.mark.parametrize("source, expected", [
    ("println([a, a2, b].unique().size())", "2"),
    ("println([(a): 'due'][a2])", "due"),
    ("println([a, b].toSet().contains(a2))", "true"),
])
def test_equal_dates_are_one_key(source, expected):
    assert printed(DATES + source) == expected
