"""Races with real concurrent requests against real servers: one invitation, one winner; one
name, one connection. Runs on the backend under test (SQLite, or PostgreSQL with tox -e postgres)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from factories import initiate_at

ROUNDS = 5


@pytest.fixture
def three_instances(live_instances):
    return live_instances(3)


def _together(*calls):
    """Run the calls at the same moment, each in its own thread; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _initiate(instance, destination, name):
    return initiate_at(instance.url, destinationUrl=destination.url, localShortName="A", remoteShortName="B",
                       name=name)


def _accept(instance, code):
    return lambda: instance.api.post(instance.rest("/invitations/accept"),
                                     json={"invitationCode": code, "projectKey": "SUP"})


def _total(instance):
    return instance.api.get(instance.rest("/connections")).json()["total"]


def test_two_instances_accepting_one_code_one_wins(three_instances):
    a, b, c = three_instances
    for round_number in range(ROUNDS):
        code = _initiate(a, b, f"race_{round_number}").json()["invitationCode"]
        before = (_total(b), _total(c))
        results = _together(_accept(b, code), _accept(c, code))
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        after = (_total(b), _total(c))
        assert sum(after) - sum(before) == 1
        loser = results[1] if results[0].status_code == 201 else results[0]
        assert loser.json()["errorMessages"] == ["This invitation has already been accepted."]


def test_one_instance_accepting_one_code_twice_at_once_keeps_one(three_instances):
    a, b, _ = three_instances
    for round_number in range(ROUNDS):
        code = _initiate(a, b, f"twice_{round_number}").json()["invitationCode"]
        results = _together(_accept(b, code), _accept(b, code))
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        assert _total(b) == round_number + 1


def test_two_initiations_with_one_name_make_one_connection(three_instances):
    a, b, _ = three_instances
    for round_number in range(ROUNDS):
        name = f"Same_Name_{round_number}"
        results = _together(partial(_initiate, a, b, name), partial(_initiate, a, b, name.upper()))
        assert sorted(r.status_code for r in results) == [201, 400], [r.text for r in results]
        loser = results[1] if results[0].status_code == 201 else results[0]
        assert "already exists" in loser.json()["errors"]["name"]
        assert _total(a) == round_number + 1


def _changes_of(instance, connection_id):
    """Every change an administrator can make to one connection, and its deletion."""
    path = instance.rest(f"/connections/{connection_id}")
    api = instance.api
    return (
        lambda: api.delete(path),
        lambda: api.post(path + "/deactivate"),
        lambda: api.post(path + "/activate"),
        lambda: api.put(path, json={"description": "changed"}),
        lambda: api.put(path + "/rules", json={"outgoing": "replica.summary = issue.summary"}),
    )


def test_deleting_a_connection_while_it_changes_never_fails(two_instances):
    a, _ = two_instances
    for round_number in range(ROUNDS * 2):
        created = initiate_at(a.url, destinationUrl=a.url, destinationProjectKey="SUP", name=f"gone_{round_number}")
        assert created.status_code == 201, created.text
        deleted, *changed = _together(*_changes_of(a, created.json()["connection"]["id"]))
        assert deleted.status_code == 204, deleted.text
        for response in changed:  # the change came first, or found the connection gone
            assert response.status_code in (200, 404), response.text
            if response.status_code == 404:
                assert response.json()["errorMessages"] == [
                    f"Connection {created.json()['connection']['id']} does not exist."]
    assert _total(a) == 0


def _statuses(instance):
    return [end["status"] for end in instance.api.get(instance.rest("/connections")).json()["results"]]


def test_two_invitations_with_one_name_accepted_at_once_leave_one_pair(three_instances):
    a, b, c = three_instances
    for round_number in range(ROUNDS):
        name = f"dup_{round_number}"
        codes = [_initiate(initiator, b, name).json()["invitationCode"] for initiator in (a, c)]
        results = _together(*(_accept(b, code) for code in codes))
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        loser = 0 if results[0].status_code == 409 else 1
        assert results[loser].json()["errorMessages"] == [
            f"A connection named '{name}' already exists on this instance."]
        # Every active initiator end has its partner on B: the loser's was withdrawn, or never activated.
        assert (_statuses(a) + _statuses(c)).count("ACTIVE") == _total(b) == round_number + 1
