"""Projects: the two the first start seeds, and a refused project that is not created."""

from __future__ import annotations

import pytest
from factories import committed

from plugin.errors import ValidationFailed


def test_seeds_two_projects(exalate, jira):
    assert committed("SELECT key FROM projects ORDER BY key") == [("DEMO",), ("SUP",)]


def test_a_refused_project_is_not_created(exalate, jira):
    with pytest.raises(ValidationFailed) as caught:
        jira.projects.create(key="OPS", name="Operations", lead="nobody")
    assert set(caught.value.field_errors) == {"lead"}
    assert committed("SELECT count(*) FROM projects") == [(2,)]
