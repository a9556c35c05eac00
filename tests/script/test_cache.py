"""Parsed scripts are kept per rules text, so a sync over many connections parses each connection's rules once."""

from __future__ import annotations

import pytest

import plugin.script.parser as parser
from plugin.script import PROGRAMS, run
from plugin.script.cache import DEFAULT_CACHE_SIZE, ProgramCache


@pytest.fixture
def parses(monkeypatch):
    """The texts parsed from now on."""
    parsed: list[str] = []
    real = parser.parse

    def counting(source):
        parsed.append(source)
        return real(source)
    monkeypatch.setattr(parser, "parse", counting)
    return parsed


def test_the_cache_has_room_for_the_rules_of_a_thousand_connections():
    assert PROGRAMS.size == DEFAULT_CACHE_SIZE >= 2 * 1000


def test_two_hundred_scripts_are_each_parsed_once_across_repeated_runs(parses):
    scripts = [f"// the rules of connection {number}\nreturn {number}" for number in range(200)]
    for _round in range(3):
        assert [run(script).value for script in scripts] == list(range(200))
    assert sorted(parses) == sorted(scripts)


def test_the_least_recently_used_script_leaves_a_full_cache():
    cache = ProgramCache(2)
    cache.get("a", str.upper)
    cache.get("b", str.upper)
    cache.get("a", lambda source: pytest.fail("parsed again"))
    cache.get("c", str.upper)
    assert cache.get("a", lambda source: "kept") == "A"
    assert cache.get("b", lambda source: "parsed again") == "parsed again"


def test_the_app_setting_sizes_the_cache(make_app):
    try:
        make_app("cachesize", SCRIPT_CACHE_SIZE=10)
        assert PROGRAMS.size == 10
    finally:
        PROGRAMS.resize(DEFAULT_CACHE_SIZE)
