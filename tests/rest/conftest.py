"""REST fixtures: connections made through the API."""

from __future__ import annotations

import factories
import pytest


@pytest.fixture
def create_connection(client):
    """POST /connections with ``initiate_body(**overrides)``; returns the 201 body."""

    def create(**overrides) -> dict:
        return factories.create_connection(client, **overrides)

    return create
