"""Scripts cannot reach the host: no reflection, processes, files, imports or evaluation, each refused by name;
and a runaway script (loops, huge strings, collections, numbers, recursion) ends as a ScriptError within the
limits, never a hang, a RecursionError or a MemoryError."""

from __future__ import annotations

import threading
import time

import pytest

from plugin.script import Limits, ScriptError, ScriptSyntaxError, run

REFUSED = [
    ('"ls".execute()', "The method 'execute()' is not allowed in sync rules"),
    ("[1].getClass()", "The method 'getClass()' is not allowed in sync rules"),
    ("[1].class", "The property 'class' is not allowed in sync rules"),
    ("Class.forName('java.lang.Runtime')", "'Class' is not allowed in sync rules"),
    ("System.exit(0)", "'System' is not allowed in sync rules"),
    ("System.getenv('HOME')", "'System' is not allowed in sync rules"),
    ("Runtime.getRuntime().exec('ls')", "'Runtime' is not allowed in sync rules"),
    ("Thread.sleep(100000)", "'Thread' is not allowed in sync rules"),
    ("new Thread({ }).start()", "new Thread(…) is not allowed in sync rules"),
    ("Eval.me('1')", "'Eval' is not allowed in sync rules"),
    ("evaluate('1 + 1')", "The method 'evaluate()' is not allowed in sync rules"),
    ("this.binding", "'this' is not allowed in sync rules"),
    ("[].metaClass", "The property 'metaClass' is not allowed in sync rules"),
    ("String.metaClass.foo = { 1 }", "The property 'metaClass' is not allowed in sync rules"),
    ("@Grab('x:y:1')\nprintln 1", "@Grab is not allowed in sync rules"),
    ("import java.io.File\nprintln 1", "import java.io.File is not allowed in sync rules"),
    ("new File('/etc/passwd').text", "new File(…) is not allowed in sync rules"),
    ("new java.io.File('x')", "new File(…) is not allowed in sync rules"),
    ("new ProcessBuilder('ls').start()", "new ProcessBuilder(…) is not allowed in sync rules"),
    ("new GroovyShell().evaluate('1')", "new GroovyShell(…) is not allowed in sync rules"),
    ("java.lang.System.exit(0)", "'java' is not allowed in sync rules"),
    ("'x'.invokeMethod('execute', null)", "The method 'invokeMethod()' is not allowed in sync rules"),
    ("{ -> 1 }.owner", "The property 'owner' is not allowed in sync rules"),
    ("{ -> 1 }.rehydrate(1, 2, 3)", "The method 'rehydrate()' is not allowed in sync rules"),
    ("'x'.getMetaClass()", "The method 'getMetaClass()' is not allowed in sync rules"),
    ("def c = 'java.lang.Runtime' as Class", "'Class' is not allowed in sync rules"),
    ("Class c = String", "'Class' is not allowed in sync rules"),
    ("sleep(100000)", "The method 'sleep()' is not allowed in sync rules"),
    ("this.getClass().classLoader", "'this' is not allowed in sync rules"),
    ("Math.class.forName('x')", "The property 'class' is not allowed in sync rules"),
    ("'%s'.format(System)", "'System' is not allowed in sync rules"),
    ("[1].each { it.getClass() }", "The method 'getClass()' is not allowed in sync rules"),
    ("'x'.__class__", "No such property: __class__ for class: java.lang.String"),
    ("[1].__class__", "No such property: __class__ for class: java.lang.Integer"),
    ("'x'.__len__()", "No signature of method: java.lang.String.__len__() is applicable"),
    ("[1].with { delegate }", "The property 'delegate' is not allowed in sync rules"),
]
RUNAWAY = [
    ("while (true) { }", "the script ran more than"),
    ("for (;;) { }", "the script ran more than"),
    ("[1, 2, 3].collect { while (true) { } }", "the script ran"),
    ("'x' * 1e9", "a string longer than"),
    ("def s = 'x' * 1000\nwhile (true) { s = s + s }", "a string longer than"),
    ("def s = 'x' * 900000\ns.replace('x', 'yy')", "a string longer than"),
    ("'x'.padLeft(1e9)", "a string longer than"),
    ("'x'.center(1e9)", "a string longer than"),
    ("String.format('%0999999999d', 1)", "a string longer than"),
    ("while (true) { println 'x' * 1000 }", "characters of output"),
    ("def f(n) { f(n + 1) }\nf(0)", "calls nested deeper than"),
    ("def f = { it(it) }\nf(f)", "calls nested deeper than"),
    ("(1..1e9).collect()", "a collection larger than"),
    ("(1..1e9).each { }", "a collection larger than"),
    ("(1..1e9).sum()", "a collection larger than"),
    ("[0] * 1e9", "a collection larger than"),
    ("def l = [1]\n40.times { l = l + l }", "a collection larger than"),
    ("def l = []\nwhile (true) { l << 1 }", "the script ran"),
    ("def m = [:]\n(1..1000000).each { m[it] = it }", "a collection larger than"),
    ("def l = [1]\n100.times { l = [l, l] }\nprintln l", "too long"),
    ("def l = [1]\n100.times { l = [l, l] }\nprintln l.flatten().size()", "a collection larger than"),
    ("def l = [1]\ndef k = [1]\n100.times { l = [l, l]; k = [k, k] }\nprintln l == k", "the script ran"),
    ("2 ** 1000000000", "number too large"),
    ("def x = 2G\n40.times { x = x * x }", "number too large"),
]
LIMITS = Limits(max_seconds=2, max_steps=300_000)


@pytest.mark.parametrize("source, message", REFUSED)
def test_an_escape_is_refused_by_name(source, message):
    with pytest.raises(ScriptError) as caught:
        run(source)
    assert message in caught.value.message
    assert caught.value.line == 1


@pytest.mark.parametrize("source, message", REFUSED[:12])
def test_a_refusal_cannot_be_caught_by_the_script(source, message):
    guarded = "try {\n" + source + "\n} catch (Throwable e) {\n println 'caught'\n}"
    with pytest.raises(ScriptError) as caught:
        run(guarded)
    assert message in caught.value.message and caught.value.output == ""


@pytest.mark.parametrize("source, message", RUNAWAY)
def test_a_runaway_script_becomes_a_script_error(source, message):
    started = time.monotonic()
    with pytest.raises(ScriptError) as caught:
        run(source, limits=LIMITS)
    assert message in caught.value.message
    assert time.monotonic() - started < 30  # bounded by the limits, with room for a loaded machine


def test_a_limit_cannot_be_caught_by_the_script():
    with pytest.raises(ScriptError, match="the script ran more than"):
        run("try { while (true) { } } catch (Throwable e) { println 'caught' }", limits=LIMITS)


def test_deep_recursion_in_a_worker_thread_is_a_script_error_not_a_crash():
    failures = []

    def work():
        try:
            run("def f(n) { if (n >= 0) { [1].each { f(n + 1) } } }\nf(0)")
        except ScriptError as error:
            failures.append(error.message)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert failures == ["calls nested deeper than 150"]


def test_brackets_nested_beyond_reason_are_a_syntax_error():
    with pytest.raises(ScriptSyntaxError, match="nested deeper than"):
        run("(" * 5000 + "1" + ")" * 5000)


def test_a_catastrophic_regular_expression_does_not_hang():
    started = time.monotonic()
    try:
        run("println(('a' * 40 + 'b') ==~ /(a+)+c/)", limits=LIMITS)
    except ScriptError as error:
        assert "regular expression" in error.message
    assert time.monotonic() - started < 30


def test_no_python_object_is_reachable_through_a_list_property():
    """``[].__class__`` spreads over the (empty) list: nothing of Python comes back."""
    assert run("println([].__class__.__bases__)").output == "[]\n"


@pytest.mark.parametrize("source", [
    "def l = (1..90000).toList()\nprintln((l - l).size())",
    "def l = (1..90000).toList()\nprintln l.intersect(l).size()",
    "def l = (1..90000).toList()\nprintln l.unique().size()",
])
def test_set_like_list_operations_take_linear_time(source):
    """``minus``, ``intersect`` and ``unique`` hash rather than compare every pair: at the collection limit they
    finish well within the time limit (pairwise, they would run for minutes)."""
    assert run(source, limits=Limits(max_seconds=20)).output in ("0\n", "90000\n")
