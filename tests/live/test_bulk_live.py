"""Bulk Connect, Clean-up and the sync workers switch between two real ``serve`` processes. Each wait polls
the REST API with a deadline."""

from __future__ import annotations

from factories import await_value, connect_at, issue_fields


def create(instance, summary: str, project: str) -> str:
    created = instance.api.post(instance.url + "/rest/api/2/issue",
                                json={"fields": issue_fields(summary=summary, project={"key": project})})
    assert created.status_code == 201, created.text
    return created.json()["key"]


def twin_status(instance, key: str) -> str | None:
    twins = instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"]
    return twins[0]["status"] if twins else None


def test_bulk_connect_then_clean_up_between_live_processes(two_instances):
    a, b = two_instances
    initiated, _ = connect_at(a.url, b.url)
    connection_id = initiated["connection"]["id"]
    pairs = [{"localIssueKey": create(a, f"On A {n}", "DEMO"), "remoteIssueKey": create(b, f"On B {n}", "SUP")}
             for n in range(3)]

    answer = a.api.post(a.rest(f"/connections/{connection_id}/bulk-connect"), json={"pairs": pairs})
    assert (answer.status_code, answer.json()["connected"]) == (200, 3), answer.text
    await_value(lambda: all(twin_status(b, p["remoteIssueKey"]) == "SYNCHRONIZED" for p in pairs))
    assert b.api.get(f"{b.url}/rest/api/2/issue/SUP-3").json()["fields"]["summary"] == "On A 2"

    cleaned = a.api.post(a.rest(f"/connections/{connection_id}/clean-up"), json={})
    assert (cleaned.status_code, cleaned.json()) == (200, {"count": 3}), cleaned.text
    await_value(lambda: all(twin_status(b, p["remoteIssueKey"]) is None for p in pairs))


def test_a_receiver_with_its_sync_workers_off_applies_once_they_are_on(two_instances):
    a, b = two_instances
    initiated, _ = connect_at(a.url, b.url)
    switched = b.api.put(b.rest("/settings"), json={"syncWorkers": False})
    assert switched.json()["syncWorkers"] is False, switched.text
    key = create(a, "Waits on B", "DEMO")
    a.api.post(a.rest(f"/issues/{key}/exalate"), json={"connection": initiated["connection"]["id"]})

    await_value(lambda: twin_status(a, key) == "IN_PROGRESS")  # delivered: B stored it
    assert b.api.get(b.rest("/syncrequests"), params={"limit": 0}).json()["total"] == 1

    b.api.put(b.rest("/settings"), json={"syncWorkers": True})
    await_value(lambda: twin_status(a, key) == "SYNCHRONIZED")
