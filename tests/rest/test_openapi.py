"""GET /rest/issuehub/4.0/openapi.json: the OpenAPI 3 document of every REST resource, checked
against the routes the app really serves (``app.url_map``), both ways."""

from __future__ import annotations

import re

import pytest
from factories import ADMIN, REST, USER, create_connection

from plugin.fields import MAX_ID

from .helpers import assert_error

IGNORED_METHODS = {"HEAD", "OPTIONS"}
SAMPLE_VALUES = {"integer": "7", "string": "0" * 32}


@pytest.fixture
def document(client):
    response = client.get(REST + "/openapi.json", headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def served(app) -> set[tuple[str, str]]:
    """(method, endpoint) of every route under /rest/."""
    return {(method, rule.endpoint) for rule in app.url_map.iter_rules() if rule.rule.startswith("/rest/")
            for method in rule.methods - IGNORED_METHODS}


def documented(app, document) -> set[tuple[str, str]]:
    """(method, endpoint) the app routes each documented operation to, its path parameters filled in
    with values of their documented type."""
    adapter = app.url_map.bind("jira-a.test")
    found = set()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            endpoint, _arguments = adapter.match(sample_url(path, operation), method.upper())
            found.add((method.upper(), endpoint))
    return found


def sample_url(path: str, operation: dict) -> str:
    types = {p["name"]: p["schema"]["type"] for p in operation.get("parameters", ()) if p["in"] == "path"}
    return re.sub(r"\{(\w+)\}", lambda match: SAMPLE_VALUES[types[match.group(1)]], path)


def test_document_is_openapi_3(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]


def test_every_served_rest_route_is_documented(app, document):
    assert served(app) - documented(app, document) == set()


def test_every_documented_operation_is_served(app, document):
    assert documented(app, document) - served(app) == set()


def test_both_rest_apis_are_documented(document):
    assert REST + "/connections/{connectionId}" in document["paths"]
    assert "/rest/api/2/project" in document["paths"]


def test_bodies_are_described_by_the_marshmallow_schemas(document):
    initiate = document["paths"][REST + "/connections"]["post"]
    body = initiate["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/InitiateInput"}
    assert "destinationUrl" in document["components"]["schemas"]["InitiateInput"]["properties"]
    created = initiate["responses"]["201"]["content"]["application/json"]["schema"]
    connection = document["components"]["schemas"]["Connection"]["properties"]
    assert created == {"$ref": "#/components/schemas/Initiated"}
    assert connection["status"]["enum"] == ["PENDING", "ACTIVE", "DEACTIVATED", "ERROR"]


def test_connection_schema_names_every_key_a_connection_is_shown_with(client, document):
    shown = create_connection(client)["connection"]
    assert set(document["components"]["schemas"]["Connection"]["properties"]) == set(shown)


def test_failures_are_documented_as_jira_error_bodies(document):
    get = document["paths"][REST + "/connections/{connectionId}"]["get"]
    assert set(get["responses"]) == {"200", "401", "403", "404", "429"}
    assert get["responses"]["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert document["components"]["schemas"]["Error"]["required"] == ["errorMessages", "errors"]


def test_connection_ids_are_documented_within_the_database_range(document):
    get = document["paths"][REST + "/connections/{connectionId}"]["get"]
    (parameter,) = get["parameters"]
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def test_node_resources_are_documented_without_a_jira_user(document):
    assert document["paths"][REST + "/info"]["get"]["security"] == []
    assert document["paths"][REST + "/node/connections/{uid}"]["get"]["security"] == [{"nodeToken": []}]


def test_the_document_needs_a_jira_administrator(client):
    assert_error(client.get(REST + "/openapi.json"), 401)


def test_the_document_is_refused_to_other_users(client):
    assert_error(client.get(REST + "/openapi.json", headers=USER), 403)


def test_jira_timestamps_are_documented_by_their_pattern(client, document):
    created = document["components"]["schemas"]["Connection"]["properties"]["created"]
    assert created["format"] == "jira-datetime"
    assert re.match(created["pattern"], create_connection(client)["connection"]["created"])


def test_a_new_connection_links_to_the_operations_on_it(document):
    created = document["paths"][REST + "/connections"]["post"]["responses"]["201"]
    assert created["links"]["get_connection"] == {"operationId": "get_connection",
                                                  "parameters": {"connectionId": "$response.body#/connection/id"}}
    assert {"delete_connection", "put_rules", "activate_connection"} <= set(created["links"])


def test_the_initiate_example_creates_a_connection(client, document):
    initiate = document["paths"][REST + "/connections"]["post"]["requestBody"]["content"]["application/json"]
    response = client.post(REST + "/connections", json=initiate["example"], headers=ADMIN)
    assert response.status_code == 201, response.get_data(as_text=True)
