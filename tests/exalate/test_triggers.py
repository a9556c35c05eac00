"""Triggers in the backend: the JQL is checked on save in Jira's words under ``query``; a refused change
changes nothing; ``matching`` answers which connections' active triggers select one issue, from the
database; Bulk Exalate and Bulk Unexalate hand every issue of every page to the sync operations."""

from __future__ import annotations

import pytest
from factories import RecordingSync, add_issue, committed, initiate

from plugin.db import db
from plugin.errors import Conflict, NotFound, ValidationFailed
from plugin.exalate.triggers import NO_SYNC, Triggers
from plugin.fields import MAX_PAGE
from plugin.jira.models import Issue, IssueLabel


@pytest.fixture
def connection_id(exalate):
    return initiate(exalate).connection.id


@pytest.fixture
def triggers(exalate, recording_sync):
    """The app's triggers, with a recording sync engine."""
    return exalate.triggers


def issues(*specs) -> list[str]:
    """Issues added and committed; their keys."""
    keys = [add_issue(**spec).key for spec in specs]
    db.session.commit()
    return keys


def issue(key: str) -> Issue:
    return db.session.query(Issue).filter_by(key=key).one()


# ----------------------------------------------------------------------------- saving


def test_a_trigger_is_saved_active_for_issues(triggers, connection_id):
    trigger = triggers.create(connection_id, query="project = DEMO AND labels = sync", notes="Support")

    assert committed("SELECT connection_id, entity_type, jql, notes, active FROM triggers") == [
        (connection_id, "issue", "project = DEMO AND labels = sync", "Support", True)]
    assert triggers.get(trigger.id).connection.id == connection_id


def test_a_query_jira_cannot_parse_is_refused_in_its_words_under_query(triggers, connection_id):
    with pytest.raises(ValidationFailed) as caught:
        triggers.create(connection_id, query="project = DEMO AND")

    assert set(caught.value.field_errors) == {"query"}
    assert caught.value.field_errors["query"].startswith("Error in the JQL Query:")
    assert committed("SELECT count(*) FROM triggers") == [(0,)]


@pytest.mark.parametrize("query, message", [
    ("foo = bar", "Field 'foo' does not exist or you do not have permission to view it."),
    ("project = NOPE", "The value 'NOPE' does not exist for the field 'project'."),
    ("project = DEMO ORDER BY labels", "Not able to sort using field 'labels'."),
])
def test_a_query_jira_would_not_run_is_refused_as_jira_says_it(triggers, connection_id, query, message):
    with pytest.raises(ValidationFailed) as caught:
        triggers.create(connection_id, query=query)

    assert caught.value.field_errors == {"query": message}


def test_a_query_is_required(triggers, connection_id):
    with pytest.raises(ValidationFailed) as caught:
        triggers.create(connection_id, query="  ")

    assert caught.value.field_errors == {"query": "This field is required."}


def test_every_bad_field_is_named_at_once(triggers, connection_id):
    with pytest.raises(ValidationFailed) as caught:
        triggers.create(connection_id, query="status = Nowhere", notes="x" * 4001, entity_type="sprint")

    assert set(caught.value.field_errors) == {"query", "notes", "entity_type"}


def test_an_unknown_connection_is_not_found(triggers):
    with pytest.raises(NotFound) as caught:
        triggers.create(999, query="project = DEMO")

    assert str(caught.value) == "Connection 999 does not exist."
    assert committed("SELECT count(*) FROM triggers") == [(0,)]


def test_an_update_changes_only_what_it_is_given(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO", notes="Kept").id

    triggers.update(trigger_id, query="project = SUP", active=False)

    assert committed("SELECT jql, notes, active FROM triggers") == [("project = SUP", "Kept", False)]


def test_an_update_moves_a_trigger_to_a_connection_named(exalate, triggers, connection_id):
    other = initiate(exalate, name="Other_One").connection.id
    trigger_id = triggers.create(connection_id, query="project = DEMO").id

    triggers.update(trigger_id, connection="other_one")

    assert committed("SELECT connection_id FROM triggers") == [(other,)]


def test_an_update_to_an_unknown_connection_is_refused_under_connection(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO").id

    with pytest.raises(ValidationFailed) as caught:
        triggers.update(trigger_id, connection=999, query="project = SUP")

    assert caught.value.field_errors == {"connection": "Connection 999 does not exist."}
    assert committed("SELECT connection_id, jql FROM triggers") == [(connection_id, "project = DEMO")]


def test_a_refused_update_changes_nothing(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO", notes="Kept").id

    with pytest.raises(ValidationFailed):
        triggers.update(trigger_id, query="project = DEMO AND (", notes="Changed", active=False)

    assert committed("SELECT jql, notes, active FROM triggers") == [("project = DEMO", "Kept", True)]


def test_a_deleted_trigger_is_gone(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO").id

    triggers.delete(trigger_id)

    assert committed("SELECT count(*) FROM triggers") == [(0,)]
    with pytest.raises(NotFound):
        triggers.get(trigger_id)


def test_a_connection_takes_its_triggers_with_it(exalate, triggers, connection_id):
    triggers.create(connection_id, query="project = DEMO")

    exalate.connections.delete(connection_id)

    assert committed("SELECT count(*) FROM triggers") == [(0,)]


def test_the_list_of_one_connection_holds_its_triggers_only(exalate, triggers, connection_id):
    other = initiate(exalate, name="Other_One").connection.id
    mine = triggers.create(connection_id, query="project = DEMO").id
    triggers.create(other, query="project = SUP")

    assert [trigger.id for trigger in triggers.list(connection_id)] == [mine]
    assert len(triggers.list()) == 2


# ---------------------------------------------------------------------------- matching


def test_an_issue_matches_the_connections_of_the_active_triggers_that_select_it(exalate, triggers, connection_id):
    other = initiate(exalate, name="Other_One").connection.id
    third = initiate(exalate, name="Third_One").connection.id
    triggers.create(connection_id, query="project = DEMO AND labels = sync")
    triggers.create(other, query="summary ~ printer")
    triggers.create(third, query="project = SUP")
    [key] = issues({"summary": "Printer on fire", "labels": ("sync",)})

    assert triggers.matching(issue(key)) == [connection_id, other]


def test_an_inactive_trigger_ignores_changes(triggers, connection_id):
    triggers.create(connection_id, query="project = DEMO", active=False)
    [key] = issues({})

    assert triggers.matching(issue(key)) == []


def test_a_connection_with_two_matching_triggers_is_named_once(triggers, connection_id):
    triggers.create(connection_id, query="project = DEMO")
    triggers.create(connection_id, query="priority = Medium")
    [key] = issues({})

    assert triggers.matching(issue(key)) == [connection_id]


def test_matching_sees_the_issue_as_the_change_left_it_before_it_is_committed(triggers, connection_id):
    triggers.create(connection_id, query="labels = sync")
    [key] = issues({})
    changed = issue(key)
    assert triggers.matching(changed) == []

    changed.label_rows.append(IssueLabel(label="sync"))

    assert triggers.matching(changed) == [connection_id]


def test_matching_asks_the_database_without_loading_issues(triggers, connection_id, app):
    from sqlalchemy import event

    triggers.create(connection_id, query="project = DEMO")
    [key] = issues({})
    one = issue(key)
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert triggers.matching(one) == [connection_id]
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    issue_reads = [text for text in statements if "FROM issues" in text]
    assert len(issue_reads) == 1 and "issues.id = " in issue_reads[0]
    assert "issues.summary" not in issue_reads[0]


def test_a_trigger_whose_value_was_removed_since_matches_nothing(triggers, connection_id):
    triggers.create(connection_id, query="project = DEMO")
    triggers.create(connection_id, query="project = DEMO AND labels = x")
    db.session.execute(db.text("UPDATE triggers SET jql = 'project = GONE' WHERE id = 1"))
    db.session.commit()
    [key] = issues({"labels": ("x",)})

    assert triggers.matching(issue(key)) == [connection_id]


# ------------------------------------------------------------------------------- bulk


def test_bulk_exalate_hands_every_match_to_the_sync_engine(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO AND labels = sync").id
    keys = issues({"labels": ("sync",)}, {}, {"labels": ("sync",)}, {"project": "SUP", "labels": ("sync",)})

    assert triggers.bulk_exalate(trigger_id, "admin") == 2

    assert triggers.sync.calls == [("exalate", connection_id, keys[0], "admin"),
                                   ("exalate", connection_id, keys[2], "admin")]


def test_bulk_exalate_reads_every_page(triggers, connection_id):
    trigger_id = triggers.create(connection_id, query="project = DEMO").id
    for _ in range(MAX_PAGE + 3):
        add_issue()
    db.session.commit()

    assert triggers.bulk_exalate(trigger_id, "admin") == MAX_PAGE + 3

    assert len({key for _, _, key, _ in triggers.sync.calls}) == MAX_PAGE + 3


def test_bulk_unexalate_counts_only_the_issues_the_engine_stopped(triggers, connection_id, monkeypatch):
    trigger_id = triggers.create(connection_id, query="project = DEMO").id
    keys = issues({}, {}, {})
    monkeypatch.setattr(triggers, "sync", RecordingSync(refuse=(keys[1],)))

    assert triggers.bulk_unexalate(trigger_id, "admin") == 2

    assert [(operation, key) for operation, _, key, _ in triggers.sync.calls] == [
        ("unexalate", keys[0]), ("unexalate", keys[2])]


def test_bulk_without_a_sync_engine_is_refused(exalate, connection_id):
    triggers = Triggers(exalate.connections)
    trigger_id = triggers.create(connection_id, query="project = DEMO").id

    with pytest.raises(Conflict) as caught:
        triggers.bulk_exalate(trigger_id, "admin")

    assert str(caught.value) == NO_SYNC


def test_bulk_on_an_unknown_trigger_is_not_found(triggers):
    with pytest.raises(NotFound) as caught:
        triggers.bulk_exalate(42, "admin")

    assert str(caught.value) == "Trigger 42 does not exist."


def test_the_entity_type_is_issue_as_the_api_spells_it(triggers, connection_id):
    with pytest.raises(ValidationFailed) as caught:
        triggers.create(connection_id, query="project = DEMO", entity_type="Issue")

    assert caught.value.field_errors == {
        "entity_type": "The entity type 'Issue' is not supported: the entity type is 'issue'."}
