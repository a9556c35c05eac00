"""Bulk Connect (a list of pairs, each on its own, a result per pair) and Clean-up (unexalate everything
under a connection), between two in-process instances."""

from __future__ import annotations

import pytest
from factories import create_issue_at, exalate_at, fields_at, settle, sync_status

from plugin.errors import Conflict, ValidationFailed
from plugin.exalate.sync.bulk import MAX_PAIRS


def sync(app):
    return app.extensions["exalate"].sync


def bulk_connect(app, pairs, connection="JiraA_to_JiraB"):
    with app.app_context():
        result = sync(app).bulk_connect(connection, pairs)
        return [(r.local_issue_key, r.remote_issue_key, r.status, r.message) for r in result.results]


@pytest.fixture
def issues(client, client_b, sync_connection):
    """DEMO-1, DEMO-2 on A and SUP-1, SUP-2 on B, none under sync."""
    for summary in ("First", "Second"):
        create_issue_at(client, summary=f"{summary} on A")
        create_issue_at(client_b, summary=f"{summary} on B", project={"key": "SUP"})


def test_bulk_connect_links_each_pair_and_syncs_it(app, app_b, client, client_b, issues):
    results = bulk_connect(app, [("DEMO-1", "SUP-2"), ("DEMO-2", "SUP-1")])
    settle(app, app_b)

    assert [r[2] for r in results] == ["CONNECTED", "CONNECTED"]
    assert fields_at(client_b, "SUP-2")["summary"] == "First on A"
    [twin] = sync_status(client, "DEMO-2")["twins"]
    assert (twin["remoteIssueKey"], twin["status"]) == ("SUP-1", "SYNCHRONIZED")


def test_an_unknown_local_issue_fails_its_pair_and_leaves_the_others(app, app_b, issues):
    results = bulk_connect(app, [("DEMO-1", "SUP-1"), ("DEMO-99", "SUP-3"), ("DEMO-2", "SUP-2")])

    assert results == [("DEMO-1", "SUP-1", "CONNECTED", None),
                       ("DEMO-99", "SUP-3", "FAILED", "Issue 'DEMO-99' does not exist."),
                       ("DEMO-2", "SUP-2", "CONNECTED", None)]


def test_a_local_issue_already_under_sync_fails_its_pair(app, client, issues):
    exalate_at(client, "DEMO-1", "JiraA_to_JiraB")

    [result] = bulk_connect(app, [("DEMO-1", "SUP-2")])

    assert result[2:] == ("FAILED", "Issue DEMO-1 is already under sync with connection JiraA_to_JiraB.")


def test_a_remote_issue_already_linked_under_the_connection_fails_its_pair(app, issues):
    bulk_connect(app, [("DEMO-1", "SUP-1")])

    [result] = bulk_connect(app, [("DEMO-2", "sup-1")])

    assert result[2:] == ("FAILED", "Remote issue sup-1 is already under sync with connection JiraA_to_JiraB.")


def test_a_key_twice_in_the_list_fails_the_later_pair(app, issues):
    results = bulk_connect(app, [("DEMO-1", "SUP-1"), ("demo-1", "SUP-2"), ("DEMO-2", "SUP-1")])

    assert [r[2:] for r in results] == [("CONNECTED", None),
                                        ("FAILED", "Local issue demo-1 is already in the list (pair 1)."),
                                        ("FAILED", "Remote issue SUP-1 is already in the list (pair 1).")]


def test_a_blank_key_fails_its_pair_and_keys_are_trimmed(app, issues):
    results = bulk_connect(app, [("  ", "SUP-1"), ("DEMO-1", ""), (" DEMO-2 ", " SUP-2\t")])

    assert results == [("", "SUP-1", "FAILED", "The local issue key is blank."),
                       ("DEMO-1", "", "FAILED", "The remote issue key is blank."),
                       ("DEMO-2", "SUP-2", "CONNECTED", None)]


def test_more_pairs_than_the_bound_are_refused_as_a_whole(app, issues):
    with app.app_context(), pytest.raises(ValidationFailed) as refused:
        sync(app).bulk_connect("JiraA_to_JiraB", [("DEMO-1", "SUP-1")] * (MAX_PAIRS + 1))
    assert refused.value.field_errors == {"pairs": "Give at most 1,000 pairs at a time (1,001 were given)."}


def test_an_empty_list_is_refused(app, issues):
    with app.app_context(), pytest.raises(ValidationFailed) as refused:
        sync(app).bulk_connect("JiraA_to_JiraB", [])
    assert refused.value.field_errors == {"pairs": "Give at least one pair of issue keys to connect."}


def test_bulk_connect_refuses_a_deactivated_connection(app, client, issues, sync_connection):
    with app.app_context():
        app.extensions["exalate"].connections.deactivate(sync_connection[0]["connection"]["id"])
        with pytest.raises(Conflict) as refused:
            sync(app).bulk_connect("JiraA_to_JiraB", [("DEMO-1", "SUP-1")])
    assert refused.value.field_errors == {
        "connection": "Connection JiraA_to_JiraB is Deactivated: it cannot sync issues."}


def test_connect_to_a_remote_issue_that_does_not_exist_is_a_clear_error_on_the_receiver(app, app_b, client,
                                                                                          issues):
    bulk_connect(app, [("DEMO-1", "SUP-9")])
    settle(app, app_b)

    with app_b.app_context():
        [error] = sync(app_b).errors()
        assert (error.message, error.type.value, error.remote_issue_key) == (
            "Issue SUP-9 does not exist.", "ISSUE_TRACKER", "DEMO-1")
        assert error.local_issue_key == "SUP-9"
    assert sync_status(client, "DEMO-1")["twins"][0]["status"] == "ERROR"


# ------------------------------------------------------------------ clean-up


def test_clean_up_unexalates_every_twin_on_both_sides_and_keeps_the_issues(app, app_b, client, client_b, issues):
    bulk_connect(app, [("DEMO-1", "SUP-1"), ("DEMO-2", "SUP-2")])
    settle(app, app_b)

    with app.app_context():
        assert sync(app).under_sync("JiraA_to_JiraB") == 2
        assert sync(app).clean_up("JiraA_to_JiraB") == 2
        assert sync(app).under_sync("JiraA_to_JiraB") == 0
    settle(app, app_b)

    for c, key in ((client, "DEMO-1"), (client, "DEMO-2"), (client_b, "SUP-1"), (client_b, "SUP-2")):
        assert sync_status(c, key)["twins"] == []
    assert fields_at(client_b, "SUP-1")["summary"] == "First on A"


def test_clean_up_of_a_connection_with_nothing_under_sync_counts_none(app, issues):
    with app.app_context():
        assert sync(app).clean_up("JiraA_to_JiraB") == 0
