"""Phrase search in text fields: a value in double quotes inside the JQL string matches its words together
and in order, as Jira's ``summary ~ "\\"exact phrase\\""`` does; unquoted words match in any order."""

from __future__ import annotations

import pytest
from factories import add_issue

from plugin.errors import ValidationFailed
from plugin.jira.jql import search


@pytest.fixture
def printers(jira):
    add_issue("Printer on fire in the office")  # DEMO-1
    add_issue("Fire in the printer room")  # DEMO-2
    add_issue("The printer is on FIRE", comments=("printer on fire again",))


def found(jql: str) -> set[str]:
    return {issue.key for issue in search(jql, current_username="admin", start_at=0, max_results=100).issues}


@pytest.mark.parametrize(("jql", "expected"), [
    ('summary ~ "printer fire"', {"DEMO-1", "DEMO-2", "DEMO-3"}),  # words, in any order
    ('summary ~ "\\"printer on fire\\""', {"DEMO-1"}),  # the phrase: its words together, in order
    ("summary ~ '\"is on fire\"'", {"DEMO-3"}),  # case-insensitive
    ('summary ~ "\\"printer   on fire\\""', {"DEMO-1"}),  # the query's spaces count once
    ('text ~ "\\"on fire again\\""', {"DEMO-3"}),  # comments too, through text
    ('summary !~ "\\"printer on fire\\""', {"DEMO-2", "DEMO-3"}),
])
def test_phrase_search(printers, jql, expected):
    assert found(jql) == expected


def test_empty_phrase_refused(printers):
    with pytest.raises(ValidationFailed) as raised:
        search('summary ~ "\\"  \\""', current_username="admin", start_at=0, max_results=50)
    assert raised.value.message == "The field 'summary' does not support searching for an empty string."
