"""A connection held by an error of impact CONNECTION shows *Error* with the message on its page and in
the list; once the error is retried it is Active again."""

from __future__ import annotations

import pytest
from factories import create_issue_at, exalate_at

from plugin.db import db
from plugin.exalate.models import Connection

from .pagetools import text


@pytest.fixture
def held(app, client, sync_connection):
    """A's outgoing rules do not parse and an issue was exalated: A's end is held; its id and the message."""
    connection_id = sync_connection[0]["connection"]["id"]
    with app.app_context():
        db.session.get(Connection, connection_id).outgoing_rules = "replica.summary = (\n"
        db.session.commit()
    exalate_at(client, create_issue_at(client)["key"], connection_id)
    with app.app_context():
        return connection_id, db.session.get(Connection, connection_id).error_message


def test_the_connection_page_shows_error_and_the_message(browser, held):
    connection_id, message = held
    response = browser.get(f"connections/{connection_id}")

    assert '<span class="aui-lozenge aui-lozenge-error">Error</span>' in response.text
    assert f'<div class="aui-message aui-message-error"><p>{message}</p></div>' in text(response.text)


def test_the_connection_list_shows_error_and_the_message(browser, held):
    response = browser.get("connections")

    assert '<span class="aui-lozenge aui-lozenge-error">Error</span>' in response.text
    assert f'<div class="status-message">{held[1]}</div>' in text(response.text)
