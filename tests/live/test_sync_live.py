"""Issue sync between two real ``serve`` processes: an issue exalated on A gets its twin on B through their
workers, and a comment made on B reaches A. Each wait polls the REST API with a deadline."""

from __future__ import annotations

import signal

import requests
from factories import await_value, connect_at, exalate_and_comment_back, issue_fields


def test_an_exalated_issue_gets_its_twin_and_a_comment_there_comes_back(two_instances):
    a, b = two_instances
    initiated, _ = connect_at(a.url, b.url)
    exalate_and_comment_back(a, b, initiated["connection"]["name"], "Live twin")


BURST = 40


def test_a_receiver_killed_in_a_burst_gets_each_twin_once_after_restart(two_instances):
    a, b = two_instances
    initiated, _ = connect_at(a.url, b.url)
    keys = []
    for number in range(BURST):
        created = a.api.post(a.url + "/rest/api/2/issue", json={"fields": issue_fields(summary=f"Burst {number}")})
        keys.append(created.json()["key"])
        answer = a.api.post(a.rest(f"/issues/{keys[-1]}/exalate"), json={"connection": initiated["connection"]["id"]})
        assert answer.status_code == 202, answer.text

    await_value(lambda: twin_states(a, keys[:1]) == ["SYNCHRONIZED"])
    b.process.send_signal(signal.SIGKILL)
    b.process.wait(timeout=10)
    await_value(lambda: not answers(b.url))  # its workers have gone too, the port is free
    b.start()

    await_value(lambda: set(twin_states(a, keys)) == {"SYNCHRONIZED"}, deadline=90.0, interval=0.5)
    found = b.api.get(b.url + "/rest/api/2/search", params={"jql": "project = SUP", "maxResults": 100}).json()
    assert sorted(i["fields"]["summary"] for i in found["issues"]) == sorted(f"Burst {n}" for n in range(BURST))


def twin_states(instance, keys: list[str]) -> list[str]:
    return [instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"][0]["status"]
            for key in keys]


def answers(url: str) -> bool:
    try:
        requests.get(url + "/status", timeout=1)
    except requests.RequestException:
        return False
    return True
