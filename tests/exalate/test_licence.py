"""The licence in the backend: the Evaluation licence the first start seeds, and a refused
licence that changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import committed

from plugin.db import utcnow
from plugin.errors import ValidationFailed


def test_seeds_an_evaluation_licence_with_thirty_days(exalate):
    licence = exalate.licenses.get()
    assert (licence.type, licence.state) == ("EVALUATION", "EVALUATION")
    assert licence.days_left in (29, 30)
    assert timedelta(days=29, hours=23) < licence.expires_at - utcnow() <= timedelta(days=30)


def test_a_refused_licence_changes_nothing(exalate):
    before = committed("SELECT license_type, license_expires_at FROM instance")
    with pytest.raises(ValidationFailed):
        exalate.licenses.update(type="GOLD")
    assert committed("SELECT license_type, license_expires_at FROM instance") == before
