"""General Settings in the backend: what the first start seeds, and a refused update that
changes nothing."""

from __future__ import annotations

import pytest
from factories import OWN_URL, committed

from plugin.errors import ValidationFailed


def test_seeds_general_settings_public_at_the_base_url(exalate, jira):
    settings = exalate.settings.get()
    assert (settings.exalate_url, settings.public) == (OWN_URL, True)
    assert exalate.node.info().exalate_url == OWN_URL


def test_half_valid_settings_change_nothing(exalate, jira):
    with pytest.raises(ValidationFailed) as caught:
        exalate.settings.update(exalate_url="gopher://jira.example.com", public=False)
    assert set(caught.value.field_errors) == {"exalate_url"}
    assert committed("SELECT exalate_url, public FROM instance") == [(OWN_URL, 1)]
