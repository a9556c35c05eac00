"""General Settings in the backend: what the first start seeds, and a refused update that
changes nothing."""

from __future__ import annotations

import pytest
from factories import OWN_URL, committed

from plugin.errors import ValidationFailed


def test_seeds_general_settings_public_at_the_base_url(backend):
    settings = backend.get_settings()
    assert (settings.exalate_url, settings.public) == (OWN_URL, True)
    assert backend.node_info().exalate_url == OWN_URL


def test_half_valid_settings_change_nothing(backend):
    with pytest.raises(ValidationFailed) as caught:
        backend.update_settings(exalate_url="https://jira.example.com", public="false")
    assert set(caught.value.field_errors) == {"public"}
    assert committed("SELECT exalate_url, public FROM instance") == [(OWN_URL, 1)]
