"""REST fixtures: connections made through the API, and further instances on a routed network."""

from __future__ import annotations

import pytest
from conftest import ADMIN, REST, initiate_body

from plugin import create_app


@pytest.fixture
def create_connection(client):
    """POST /connections with ``initiate_body(**overrides)``; returns the 201 body."""

    def create(**overrides) -> dict:
        response = client.post(REST + "/connections", json=initiate_body(**overrides), headers=ADMIN)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()

    return create


@pytest.fixture
def make_app(new_database):
    """Another instance, ``http://<host>.test:2990``, with its own database."""

    def make(host: str, **config):
        return create_app({
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": new_database(),
            "BASE_URL": f"http://{host}.test:2990",
            "OUTBOUND_CONNECT_TIMEOUT": 1.0,
            "OUTBOUND_READ_TIMEOUT": 2.0,
            **config,
        })

    return make



@pytest.fixture
def app_b(make_app, network):
    return network.add(make_app("jira-b"))


@pytest.fixture
def client_b(app_b):
    return app_b.test_client()
