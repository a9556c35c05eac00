"""Issue sync between two real ``serve`` processes: an issue exalated on A gets its twin on B through their
workers, and a comment made on B reaches A. Each wait polls the REST API with a deadline."""

from __future__ import annotations

import signal

import pytest
from factories import await_value, connect_at, exalate_and_comment_back, issue_fields

from live.instances import answers, twin_states


def test_an_exalated_issue_gets_its_twin_and_a_comment_there_comes_back(two_instances):
    a, b = two_instances
    initiated, _ = connect_at(a.url, b.url)
    exalate_and_comment_back(a, b, initiated["connection"]["name"], "Live twin")


BURST = 100


@pytest.mark.parametrize("killed", ["receiver", "sender"])
def test_a_node_killed_in_a_burst_gets_each_twin_once_after_restart(two_instances, killed):
    """One side is killed once the first twins arrived, in the middle of A's exalating: the receiver (the rest
    of the burst queues on A) or the sender (what it had queued waits in its database). After the restart,
    each of the 100 issues has exactly one twin on B."""
    a, b = two_instances
    victim = b if killed == "receiver" else a
    initiated, _ = connect_at(a.url, b.url)
    keys = []

    def exalate_next() -> None:
        number = len(keys)
        created = a.api.post(a.url + "/rest/api/2/issue", json={"fields": issue_fields(summary=f"Burst {number}")})
        keys.append(created.json()["key"])
        answer = a.api.post(a.rest(f"/issues/{keys[-1]}/exalate"), json={"connection": initiated["connection"]["id"]})
        assert answer.status_code == 202, answer.text

    for _ in range(BURST // 2):
        exalate_next()
    await_value(lambda: twin_states(a, keys[:1]) == ["SYNCHRONIZED"])
    victim.process.send_signal(signal.SIGKILL)
    victim.process.wait(timeout=10)
    await_value(lambda: not answers(victim.url))  # its workers have gone too, the port is free
    if victim is a:
        a.start()
    while len(keys) < BURST:
        exalate_next()
    if victim is b:
        b.start()

    await_value(lambda: set(twin_states(a, keys)) == {"SYNCHRONIZED"}, deadline=120.0, interval=0.5)
    found = b.api.get(b.url + "/rest/api/2/search", params={"jql": "project = SUP", "maxResults": 2 * BURST}).json()
    assert sorted(i["fields"]["summary"] for i in found["issues"]) == sorted(f"Burst {n}" for n in range(BURST))
    remote_keys = {a.api.get(a.rest(f"/issues/{key}/sync-status")).json()["twins"][0]["remoteIssueKey"]
                   for key in keys}
    assert remote_keys == {issue["key"] for issue in found["issues"]}
