"""Each limit of ``Limits`` is honoured as given: the engine (and later the settings) can tighten or loosen it."""

from __future__ import annotations

import pytest

from plugin.script import Limits, ScriptError, run

CASES = [
    (Limits(max_steps=50), "for (i in 0..<100) { }", "the script ran more than 50 steps"),
    (Limits(max_seconds=0.2), "while (true) { }", "the script ran longer than 0.2 seconds"),
    (Limits(max_depth=10), "def f(n) { f(n + 1) }\nf(0)", "calls nested deeper than 10"),
    (Limits(max_string=100), "def s = 'x' * 101", "a string longer than 100 characters"),
    (Limits(max_string=100), "println 'x' * 60\nprintln 'x' * 60", "more than 100 characters of output"),
    (Limits(max_collection=10), "def l = (1..11).toList()", "a collection larger than 10 elements"),
]


@pytest.mark.parametrize("limits, source, message", CASES)
def test_a_limit_stops_the_script_where_it_is_set(limits, source, message):
    with pytest.raises(ScriptError) as caught:
        run(source, limits=limits)
    assert caught.value.message == message


def test_the_default_limits_leave_room_for_ordinary_scripts():
    assert run("def l = (1..1000).toList()\nprintln l.sum() + ('x' * 500).size()").output == "501000\n"


def test_what_was_printed_before_a_limit_is_kept():
    with pytest.raises(ScriptError) as caught:
        run("println 'start'\nwhile (true) { }", limits=Limits(max_steps=100))
    assert caught.value.output == "start\n"


@pytest.mark.parametrize("source", [
    "def l = (1..100000).toList()\n(1..100000).collect { l + [] }",
    "def s = 'x' * 900000\n(1..100000).collect { s.toUpperCase() }",
    "def s = 'x' * 900000\n(1..100000).collect { \"$s\" }",
])
def test_many_large_values_within_each_limit_still_meet_the_limit_on_all_that_is_built(source):
    """Each string and list is within its own limit, but together they would fill the memory."""
    with pytest.raises(ScriptError, match="the script built more than 20000000 characters and elements"):
        run(source, limits=Limits(max_seconds=20))
