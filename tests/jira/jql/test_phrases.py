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


def test_words_match_in_any_order(printers):
    assert found('summary ~ "printer fire"') == {"DEMO-1", "DEMO-2", "DEMO-3"}


def test_phrase_matches_its_words_together_in_order(printers):
    assert found('summary ~ "\\"printer on fire\\""') == {"DEMO-1"}


def test_phrase_is_case_insensitive(printers):
    assert found("summary ~ '\"is on fire\"'") == {"DEMO-3"}


def test_phrase_spaces_in_the_query_count_once(printers):
    assert found('summary ~ "\\"printer   on fire\\""') == {"DEMO-1"}


def test_phrase_in_comments_through_text(printers):
    assert found('text ~ "\\"on fire again\\""') == {"DEMO-3"}


def test_phrase_not_contained(printers):
    assert found('summary !~ "\\"printer on fire\\""') == {"DEMO-2", "DEMO-3"}


def test_empty_phrase_refused(printers):
    with pytest.raises(ValidationFailed) as raised:
        search('summary ~ "\\"  \\""', current_username="admin", start_at=0, max_results=50)
    assert raised.value.message == "The field 'summary' does not support searching for an empty string."
