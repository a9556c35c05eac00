"""Issue sync end to end between two real ``serve`` processes, A and B, shared by the module's tests
(``live_pair``): each test makes its own connection, triggers and labels, so none disturbs another. What
moves issues and what holds them: triggers and Bulk Exalate, triggers on both sides without ping-pong, a
deactivated connection, a script error with Retry. Every wait polls the REST API with a deadline."""

from __future__ import annotations

from factories import await_value

from live.e2e import add_trigger, arrives, connect, create, edit, fields_of, idle, search, sync_status

BULK = 200


def test_a_trigger_picks_up_exactly_the_matching_issues(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_trigger")
    trigger = add_trigger(link, "project = DEMO AND labels = sync")
    try:
        matching = create(a, summary="Matches", labels=["sync"])
        other_project = create(a, summary="Other project", project={"key": "SUP"}, labels=["sync"])
        unlabelled = create(a, summary="No label")
        labelled_later = create(a, summary="Labelled later")
        edit(a, labelled_later, labels=["sync"])

        remote = link.twin(matching)
        link.twin(labelled_later)
        assert sync_status(a, other_project) == sync_status(a, unlabelled) == []

        edit(a, matching, summary="Matches no more", labels=[])  # under sync: it stays so
        arrives(b, remote, lambda fields: fields["summary"], "Matches no more")
    finally:
        a.api.delete(a.rest(f"/triggers/{trigger}"))


def test_bulk_exalate_of_200_issues_delivers_each_exactly_once(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_bulk")
    keys = [create(a, summary=f"Bulk {number}", labels=["bulk200"]) for number in range(BULK)]
    trigger = add_trigger(link, "project = DEMO AND labels = bulk200")
    try:
        answer = a.api.post(a.rest(f"/triggers/{trigger}/bulk-exalate"))
        assert answer.status_code == 200, answer.text
        assert answer.json()["count"] == BULK

        await_value(lambda: search(b, "labels = bulk200", limit=0)["total"] == BULK, deadline=180.0, interval=0.5)
        remote_keys = [link.twin(key) for key in keys]
        assert len(set(remote_keys)) == BULK
        found = search(b, "labels = bulk200", limit=2 * BULK)
        assert found["total"] == BULK
        assert {issue["key"] for issue in found["issues"]} == set(remote_keys)
        assert sorted(issue["fields"]["summary"] for issue in found["issues"]) == sorted(f"Bulk {n}"
                                                                                          for n in range(BULK))

        again = a.api.post(a.rest(f"/triggers/{trigger}/bulk-exalate"))  # under sync already: nothing new
        assert again.status_code == 200, again.text
        await_value(lambda: idle(link))
        assert search(b, "labels = bulk200", limit=0)["total"] == BULK
    finally:
        a.api.delete(a.rest(f"/triggers/{trigger}"))




def test_bulk_unexalate_unlinks_every_matching_issue_on_both_sides(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_bulk_unexalate")
    trigger = add_trigger(link, "project = DEMO AND labels = unlinkme")
    try:
        keys = [create(a, summary=f"Unlink {number}", labels=["unlinkme"]) for number in range(3)]
        remote_keys = [link.twin(key) for key in keys]
        answer = a.api.post(a.rest(f"/triggers/{trigger}/bulk-unexalate"))
        assert answer.status_code == 200, answer.text
        assert answer.json()["count"] == 3

        assert [sync_status(a, key) for key in keys] == [[], [], []]
        await_value(lambda: [sync_status(b, key) for key in remote_keys] == [[], [], []])
    finally:
        a.api.delete(a.rest(f"/triggers/{trigger}"))


def test_triggers_matching_on_both_sides_send_nothing_back(live_pair):
    """A's trigger sends the issue to B; B's twin matches B's trigger too, but a change made by the connection's
    incoming sync is never sent back over it: the queues fall idle, each side has one issue."""
    a, b = live_pair
    link = connect(live_pair, "E2E_pingpong")
    triggers = [(a, add_trigger(link, "labels = pingpong")), (b, add_trigger(link, "labels = pingpong", b))]
    try:
        key = create(a, summary="Ping", labels=["pingpong"])
        remote = link.twin(key)
        assert link.twin(remote, b) == key
        await_value(lambda: idle(link))
        edit(b, remote, summary="Pong")
        await_value(lambda: fields_of(a, key)["summary"] == "Pong")
        await_value(lambda: idle(link))

        assert [issue["key"] for issue in search(a, "labels = pingpong")["issues"]] == [key]
        assert [issue["key"] for issue in search(b, "labels = pingpong")["issues"]] == [remote]
        assert fields_of(b, remote)["summary"] == "Pong"
    finally:
        for instance, trigger in triggers:
            instance.api.delete(instance.rest(f"/triggers/{trigger}"))


def test_a_change_that_arrives_over_one_connection_travels_on_over_another(live_pair):
    """An incoming sync's change is never sent back over its own connection, but it is over the others."""
    a, b = live_pair
    first = connect(live_pair, "E2E_relay_in")  # A to B
    onward = connect((b, a), "E2E_relay_on")  # B to A, where it arrives in SUP
    key, middle = first.exalated(summary="Relay")
    onward.exalate(middle)
    last = onward.twin(middle)

    edit(a, key, summary="Relay, edited")
    arrives(a, last, lambda fields: fields["summary"], "Relay, edited")
    await_value(lambda: idle(first) and idle(onward))
    assert [len(sync_status(a, key)), len(sync_status(b, middle)), len(sync_status(a, last))] == [1, 2, 1]


def test_a_deactivated_connection_queues_and_delivers_on_activation(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_deactivated")
    key, remote = link.exalated(summary="Before")
    answer = a.api.post(a.rest(f"/connections/{link.at_a}/deactivate"))
    assert answer.status_code == 200, answer.text

    edit(a, key, summary="While deactivated")
    pending = a.api.get(a.rest("/syncevents"), params={"connection": str(link.at_a), "limit": 0}).json()
    assert pending["total"] == 1
    assert fields_of(b, remote)["summary"] == "Before"

    answer = a.api.post(a.rest(f"/connections/{link.at_a}/activate"))
    assert answer.status_code == 200, answer.text
    await_value(lambda: fields_of(b, remote)["summary"] == "While deactivated")


def test_a_script_error_on_the_receiver_holds_the_sync_until_fixed_and_retried(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_script_error")
    fixed = link.rules(b, 'issue.projectKey = "SUP"\nthrow new Exception("Tray jammed")\n')
    key = create(a, summary="Held back")
    link.exalate(key)

    [error] = await_value(lambda: open_errors(link))
    assert (error["type"], error["lineNumber"]) == ("SCRIPT", 2)
    assert "Tray jammed" in error["message"]
    assert sync_status(a, key)[0]["remoteIssueKey"] is None
    assert b.api.get(b.rest("/cmonitor")).json()["numErrors"] >= 1

    link.rules(b, fixed)
    answer = b.api.post(b.rest(f"/errors/{error['id']}/retry"))
    assert answer.status_code == 202, answer.text
    assert fields_of(b, link.twin(key))["summary"] == "Held back"
    assert open_errors(link) == []


def test_resolve_drops_the_held_change_and_releases_the_ones_behind_it(live_pair):
    a, b = live_pair
    link = connect(live_pair, "E2E_resolve")
    key, remote = link.exalated(summary="First")
    fixed = link.rules(b, 'debug.error("Not now")\n')
    edit(a, key, summary="Second")
    [error] = await_value(lambda: open_errors(link))
    assert (error["message"], error["remoteIssueKey"]) == ("Not now", key)
    edit(a, key, summary="Third", labels=["third"])  # waits behind the held change
    await_value(lambda: a.api.get(a.rest("/syncevents"), params={"connection": str(link.at_a), "limit": 0})
                .json()["total"] == 0)

    link.rules(b, fixed)
    answer = b.api.post(b.rest(f"/errors/{error['id']}/resolve"))
    assert answer.status_code == 200, answer.text
    await_value(lambda: fields_of(b, remote)["labels"] == ["third"])
    assert fields_of(b, remote)["summary"] == "Third"
    assert open_errors(link) == []


def test_incoming_rules_that_name_no_project_say_so(live_pair):
    a, _ = live_pair
    link = connect(live_pair, "E2E_no_project")
    link.rules(link.b, "issue.summary = replica.summary\n")
    key = create(a, summary="Nowhere to go")
    link.exalate(key)

    [error] = await_value(lambda: open_errors(link))
    assert (error["type"], error["message"]) == ("SCRIPT", "Project key was not set")


def open_errors(link) -> list[dict]:
    """The connection's open errors on B."""
    return link.b.api.get(link.b.rest("/errors"), params={"connection": str(link.at_b), "status": "OPEN"}).json()[
        "results"]
