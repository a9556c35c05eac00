"""The recordings are real Groovy's words: every snippet through real Groovy (Debian's 2.4) in one JVM,
compared with its recording. Only ``tox -e groovy`` runs this; it skips when ``groovy`` is absent."""

from __future__ import annotations

import pytest

from groovy.harness import (
    GROOVY_MISSING,
    expected_path,
    groovy4_reason,
    groovy_environment,
    mismatch,
    name_of,
    run_real_groovy,
    snippets,
)

pytestmark = pytest.mark.live
SNIPPETS = snippets()
MARKED = [snippet for snippet in SNIPPETS if groovy4_reason(snippet) is not None]


@pytest.fixture(scope="module")
def real_groovy():
    if groovy_environment() is None:
        pytest.skip(GROOVY_MISSING)
    return run_real_groovy(SNIPPETS)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=name_of)
def test_recording_is_what_real_groovy_prints(snippet, real_groovy):
    expected = expected_path(snippet, groovy24=True).read_text(encoding="utf-8")
    assert real_groovy[snippet] == expected, mismatch(snippet, expected, real_groovy[snippet], "real Groovy")


@pytest.mark.parametrize("snippet", MARKED, ids=name_of)
def test_a_snippet_marked_for_groovy4_differs_on_groovy_2_4(snippet, real_groovy):
    assert real_groovy[snippet] != expected_path(snippet).read_text(encoding="utf-8")
