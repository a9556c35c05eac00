"""Groovy's meaning, snippet by snippet: each source prints what real Groovy prints (checked against Groovy)."""

from __future__ import annotations

import pytest

from plugin.script import ScriptError, run

NUMBERS = [
    ("println 5 / 2", "2.5"),
    ("println 0.1 + 0.2 == 0.3", "true"),
    ("println 0.1 + 0.2", "0.3"),
    ("println 1 == 1.0", "true"),
    ("println 1 / 3", "0.3333333333"),
    ("println 2 / 3", "0.6666666667"),
    ("println 1.23456789012345 / 7", "0.17636684144621"),
    ("println 7.intdiv(2)", "3"),
    ("println(-7.intdiv(2))", "-3"),
    ("println(-7 % 3)", "-1"),
    ("println 2147483647 + 1", "-2147483648"),
    ("println 2147483648", "2147483648"),
    ("println 9223372036854775807 + 1", "-9223372036854775808"),
    ("println 99999999999999999999", "99999999999999999999"),
    ("println 2 ** 40", "1099511627776"),
    ("println 2 ** 100", "1267650600228229401496703205376"),
    ("println 2 ** -1", "0.5"),
    ("println 1.5 * 2", "3.0"),
    ("println 1e3", "1E+3"),
    ("println 1.0e-10", "1.0E-10"),
    ("println 0.1d + 0.2d", "0.30000000000000004"),
    ("println 1e20d", "1.0E20"),
    ("println 12345678.9d", "1.23456789E7"),
    ("println 100d", "100.0"),
    ("println(-5.abs())", "-5"),
    ("println 5.toString() + 1", "51"),
    ("println 1 + 'a'", "1a"),
    ("println 4.5.toInteger()", "4"),
    ("println 100.0 / 3", "33.3333333333"),
    ("println 0.0000001", "1E-7"),
    ("println Math.max(3, 7) + Math.min(3, 7)", "10"),
    ("println Integer.parseInt('12') + 1", "13"),
    ("println Integer.MAX_VALUE", "2147483647"),
    ("println Math.round(2.5)", "3"),
    ("println Math.sqrt(16)", "4.0"),
]
STRINGS = [
    ('println "a" + null', "anull"),
    ("println 'ab' * 3", "ababab"),
    ("println 'abc' - 'b'", "ac"),
    ("println 'hello world'[0..4]", "hello"),
    ("println 'hello'[-1]", "o"),
    ("println 'hello'[1..-2]", "ell"),
    ("println ' x '.trim() + '|'", "x|"),
    ("println 'a1b22c333'.replaceAll(/\\d+/, '#')", "a#b#c#"),
    ("println 'a,b,,c,,'.split(',')", "[a, b, , c]"),
    ("println 'hello'.substring(1, 3)", "el"),
    ("println '42'.toInteger() + 1", "43"),
    ("println '42'.isNumber() && !'abc'.isNumber()", "true"),
    ("println 'hello'.capitalize()", "Hello"),
    ("println 'x'.padLeft(3, '0') + '|' + 'x'.padRight(3) + '|'", "00x|x  |"),
    ("println 'a,b;c'.tokenize(',;')", "[a, b, c]"),
    ("println 'a1b2'.findAll(/\\d/)", "[1, 2]"),
    ('println "line1\\nline2".readLines()', "[line1, line2]"),
    ("println 'x1y2'.replaceAll(/(\\d)/, '<$1>')", "x<1>y<2>"),
    ("println 'Hello World'.replaceAll(/o/) { it.toUpperCase() }", "HellO WOrld"),
    ("def name = 'World'\nprintln \"Hello, ${name}!\"", "Hello, World!"),
    ("def m = [a: [b: 'deep']]\nprintln \"value: $m.a.b\"", "value: deep"),
    ("println 'no $interpolation'", "no $interpolation"),
    ("println String.format('%05d|%-4s|%.2f', 42, 'ab', 3.14159)", "00042|ab  |3.14"),
    ("println 'abc' ==~ /a.c/", "true"),
    ("def p = ~/\\d+/\nprintln p.matcher('a12').find() && !p.matcher('ab').find()", "true"),
    ("def m = 'key=value' =~ /(\\w+)=(\\w+)/\nprintln m[0]", "[key=value, key, value]"),
    ("println((('abc' =~ /b/) ? 'found' : 'not'))", "found"),
]
LISTS = [
    ("def l = [1, 2, 3]\nprintln l[0..1]", "[1, 2]"),
    ("def l = [1, 2, 3]\nprintln l[-1]", "3"),
    ("def l = [1, 2, 3]\nprintln l[99]", "null"),
    ("println([1, 2, 3].inject(0) { acc, x -> acc + x })", "6"),
    ("def l = [3, 1, 2]\nl.sort()\nprintln l", "[1, 2, 3]"),
    ("def l = [3, 1, 2]\nprintln l.sort(false)\nprintln l", "[1, 2, 3]\n[3, 1, 2]"),
    ("println(['bb', 'a', 'ccc'].sort { a, b -> b.size() <=> a.size() })", "[ccc, bb, a]"),
    ("println([1, 2, 1, 3, 2].unique())", "[1, 2, 3]"),
    ("println([[1, 2], [3, [4]]].flatten())", "[1, 2, 3, 4]"),
    ("println(['a', 'bb', 'cc'].groupBy { it.size() })", "[1:[a], 2:[bb, cc]]"),
    ("println([1, 2, 3].collectEntries { [(it): it * it] })", "[1:1, 2:4, 3:9]"),
    ("println([1, 2, 3] + 4 - [2])", "[1, 3, 4]"),
    ("println([1, 2] * 2)", "[1, 2, 1, 2]"),
    ("def e = []\ne << 1 << 2\ne.addAll([3])\ne.remove(0)\nprintln e", "[2, 3]"),
    ("println(['a', 'bb']*.size())", "[1, 2]"),
    ("println([[1, 'a'], [2, 'b']].collect { n, s -> \"$n$s\" })", "[1a, 2b]"),
    ("println([1, 2, 2] as Set)", "[1, 2]"),
    ("println((1..<3).toList() + ('a'..'c'))", "[1, 2, a, b, c]"),
    ("println([1, 2, 3].eachWithIndex { x, i -> print \"$i:$x \" })", "0:1 1:2 2:3 [1, 2, 3]"),
    ("println([1, null, 0, 2].findAll())", "[1, 2]"),
]
MAPS = [
    ("def m = [a: 1, b: 2]\nprintln m", "[a:1, b:2]"),
    ("def m = [a: 1]\nprintln m.missing", "null"),
    ("def m = [a: 1]\nm.c = 3\nm['d'] = 4\nprintln m", "[a:1, c:3, d:4]"),
    ("def k = 'x'\nprintln([(k): 1, k: 2])", "[x:1, k:2]"),
    ("println([:])", "[:]"),
    ("[a: 1, b: 2].each { key, value -> print \"$key=$value \" }", "a=1 b=2 "),
    ("[a: 1].each { print \"${it.key}->${it.value}\" }", "a->1"),
    ("def m = [a: 1]\nprintln m.get('zz', 'd')\nprintln m", "d\n[a:1, zz:d]"),
    ("println([a: 1, b: 2].find { it.value == 2 })", "b=2"),
    ("println([b: 2, a: 1].sort())", "[a:1, b:2]"),
]
FLOW = [
    ("println null ?: 'default'", "default"),
    ("def a = null\nprintln a?.foo?.bar", "null"),
    ("println 5 in 1..10", "true"),
    ("println 'b' <=> 'a'", "1"),
    ("def f(n) { n < 2 ? n : f(n - 1) + f(n - 2) }\nprintln f(15)", "610"),
    ("def greet(name = 'you') { \"hi $name\" }\nprintln greet() + greet('me')", "hi youhi me"),
    ("def r = [1, 2, 3].each { if (it == 2) return; print it }\nprintln r", "13[1, 2, 3]"),
    ("for (int i = 0; i < 3; i++) { print i }", "012"),
    ("for (i in 1..10) { if (i > 3) break; if (i == 2) continue; print i }", "13"),
    ("def z = 5\nprintln z++\nprintln z", "5\n6"),
    ("def x = 1\nprintln x\nreturn\nprintln 'not here'", "1"),
    ("switch ('b') {\n case 'a': println 'A'; break\n case 'b': println 'B'\n case 'c': println 'C'; break\n"
     " default: println 'D'\n}", "B\nC"),
    ("def kind(x) {\n switch (x) {\n  case 1..5: return 'small'\n  case [10, 20]: return 'list'\n"
     "  case ~/ab.*/: return 'regex'\n  case String: return 'string'\n  default: return 'other'\n }\n}\n"
     "println([kind(3), kind(20), kind('abc'), kind('z'), kind(1.5)])", "[small, list, regex, string, other]"),
    ("try {\n throw new IllegalStateException('state')\n} catch (IllegalArgumentException e) {\n println 'no'\n"
     "} catch (RuntimeException e) {\n println \"runtime: ${e.message}\"\n} finally {\n println 'finally'\n}",
     "runtime: state\nfinally"),
    ("try { 'abc'.toInteger() } catch (NumberFormatException e) { println e.message }",
     'For input string: "abc"'),
    ("3.times { print it }\n10.upto(12) { print it }", "01210 11 12".replace(" ", "")),
    ("def c = { x, y -> x + y }\nprintln c(1, 2) + c.call(3, 4)", "10"),
    ("if (false)\n{\n println 'a'\n}\n// a comment\n\nelse\n{\n println 'b'\n}", "b"),
    ("def f()\n{\n 'f'\n}\nprintln f()", "f"),
    ("def m = [a: 1]\nprintln m.with { a + 1 }", "2"),
    ("def s = 'x'\ns <<= 'y'\nprintln s", "xy"),
    ("println 5 & 3 | 8", "9"),
    ("def (a, b) = [1, 2]\nprintln a + b", "3"),
    ("println([1, 2, 3].sum { it * 1.5 })", "9.0"),
    ("println((int) 3.7 + (Integer) 1)", "4"),
    ("println([5 !in [1, 2], 'x' !instanceof Integer])", "[true, true]"),
    ("def a = null\ndef b = [1, 2]\nprintln([a?[0], b?[1]])", "[null, 2]"),
    ("DEBUG = true\nif (DEBUG) println 'dbg'", "dbg"),
    ("if (false) println 'a' else println 'b'", "b"),
    ("def p = 'P2'\ndef l = switch (p) {\n case 'P1' -> 'Highest'\n case 'P2', 'P3' -> 'High'\n"
     " default -> 'Medium'\n}\nprintln l", "High"),
    ("def greet = { name, greeting = 'Hello' -> \"$greeting, $name\" }\nprintln greet('Ann') + greet('Bob', 'Hi')",
     "Hello, AnnHi, Bob"),
    ("def s = 'ab' << 'c'\ns << 'd'\nprintln s.toString() + s.size()", "abcd4"),
    ("println(['a', null]*.toUpperCase())", "[A, null]"),
    ("0.step(10, 3) { print \"$it \" }", "0 3 6 9 "),
    ("println([a: 1, b: 2] - [a: 1])", "[b:2]"),
    ("def r = 3..7\nprintln([r.from, r.to, r.size()])", "[3, 7, 5]"),
    ("println(-2147483648 - 1)", "2147483647"),
    ("'a\\nb'.eachLine { line, n -> print \"$n:$line \" }", "0:a 1:b "),
    ("println((65 as char) + ('b' as char))", "Ab"),
    ("def add = { a, b -> a + b }\ndef inc = add.curry(1)\nprintln inc(2)", "3"),
    ("println 3.789.round(2) + 3.7.trunc()", "6.79"),
]

LIBRARY = [
    ("import groovy.json.JsonSlurper\ndef d = new JsonSlurper().parseText('{\"n\": 1.50, \"a\": [1, {\"b\": null}]}')\n"
     "println d\nprintln d.n * 2", "[a:[1, [b:null]], n:1.50]\n3.00"),
    ("import groovy.json.JsonOutput\nprintln JsonOutput.toJson([1, 'a', null, 2.5, [k: 'v'], 'q\"'])",
     '[1,"a",null,2.5,{"k":"v"},"q\\""]'),
    ("import groovy.json.*\nprintln JsonOutput.prettyPrint('{\"a\":[1]}')", '{\n    "a": [\n        1\n    ]\n}'),
    ("import java.text.SimpleDateFormat\ndef f = new SimpleDateFormat('yyyy-MM-dd HH:mm')\n"
     "println new SimpleDateFormat(\"dd/MM/yy'T'HH\").format(f.parse('2024-03-05 14:07'))", "05/03/24T14"),
    ("println String.format('%3d|%-3d|%x|%,d|%.3f', 5, 5, 255, 1234567, 2.0)", "  5|5  |ff|1,234,567|2.000"),
    ("printf('%s-%s%n', 'a', 'b')", "a-b"),
]


def test_a_class_outside_the_default_imports_must_be_imported():
    with pytest.raises(ScriptError, match="unable to resolve class JsonSlurper"):
        run("new JsonSlurper().parseText('{}')")


@pytest.mark.parametrize("source, printed", NUMBERS + STRINGS + LISTS + MAPS + FLOW + LIBRARY)
def test_a_snippet_prints_what_groovy_prints(source, printed):
    output = run(source).output
    assert output.removesuffix("\n") == printed


@pytest.mark.parametrize("source", ["\ufeffprintln 1", "#!/usr/bin/env groovy\nprintln 1"])
def test_a_byte_order_mark_or_a_shebang_line_is_not_code(source):
    assert run(source).output == "1\n"


def test_println_ends_with_its_newline_and_nothing_more():
    assert run("print 'a'\nprintln 'b'\nprintln()").output == "ab\n\n"


def test_assignment_to_an_undeclared_name_lands_in_the_binding():
    assert run("x = 5\ndef y = 6").bindings == {"x": 5}


def test_functions_do_not_see_the_script_locals():
    """As in Groovy, a def function sees the binding, not the script's def variables."""
    assert run("def a = 1\nb = 2\ndef f() { b }\nprintln f()").output == "2\n"
