"""Issue sync between two Data Center clusters on PostgreSQL (DESIGN.md §6.4 step 4): side A is two ``serve``
processes on one database, side B two on another. A Bulk Exalate of 100 issues makes every twin exactly once:
both of A's workers deliver, no event is delivered twice, none ends in error. PostgreSQL only (tox -e
postgres), where the workers claim rows ``FOR UPDATE SKIP LOCKED``."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from factories import AUTH, accept_at, await_value, created_at, issue_fields

from live.instances import LiveInstance, free_port

pytestmark = pytest.mark.skipif(os.environ.get("EXALATE_TEST_DATABASE") != "postgresql",
                                reason="a cluster shares a PostgreSQL database (tox -e postgres)")
ISSUES = 100
BOUND = 60.0  # seconds for the whole sync: a bound, it takes a few on a quiet machine
DELIVERED = re.compile(r"Sync event (\S+) delivered")


def start_cluster(folder, name: str, database: str) -> list[LiveInstance]:
    """Two processes of one instance on ``database``; the first one's URL is the cluster's base URL (as a load
    balancer's would be). They log each event they deliver."""
    base_port = free_port()
    nodes = []
    for number, port in enumerate((base_port, free_port())):
        data_dir = folder / f"{name}{number + 1}"
        data_dir.mkdir()
        nodes.append(LiveInstance(port, data_dir, ("--database", database, "--base-url", f"http://127.0.0.1:{base_port}",
                                                   "--workers", "1", "--log-level", "DEBUG")))
    return [node.start() for node in nodes]


@pytest.fixture
def two_clusters(tmp_path, new_database):
    databases = new_database(), new_database()
    started = []
    try:
        for name, database in zip("ab", databases, strict=True):
            started.extend(start_cluster(tmp_path, name, database))
        yield started[:2], started[2:], databases
    finally:
        for node in started:
            node.stop()


def rows(database: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(database) as connection:
        return [tuple(row) for row in connection.execute(sql)]


def delivered_by(node: LiveInstance) -> list[str]:
    return DELIVERED.findall((node.data_dir.parent / f"instance-{node.port}.log").read_text(errors="replace"))


def create_issue(node: LiveInstance, summary: str) -> int:
    fields = issue_fields(summary=summary, labels=["bulk"])
    return requests.post(node.url + "/rest/api/2/issue", json={"fields": fields}, auth=AUTH).status_code


def test_bulk_exalate_between_two_clusters_makes_each_twin_once(two_clusters):
    (a1, a2), (b1, _), (database_a, database_b) = two_clusters
    initiated = created_at(a1.url, a1.api, destinationUrl=b1.url)
    assert accept_at(b1.url, initiated["invitationCode"], session=b1.api).status_code == 201
    with ThreadPoolExecutor(4) as pool:  # through both nodes, as a load balancer would spread them
        statuses = list(pool.map(lambda number: create_issue(a1 if number % 2 else a2, f"Bulk {number}"),
                                 range(ISSUES)))
    assert statuses == [201] * ISSUES
    trigger = a1.api.post(a1.rest(f"/connections/{initiated['connection']['id']}/triggers"),
                          json={"query": "labels = bulk"})
    assert trigger.status_code == 201, trigger.text

    answer = a2.api.post(a2.rest(f"/triggers/{trigger.json()['id']}/bulk-exalate"))
    assert answer.json() == {"count": ISSUES}
    await_value(lambda: rows(database_a, "SELECT status, count(*) FROM sync_twins GROUP BY status") == [
        ("SYNCHRONIZED", ISSUES)], deadline=BOUND, interval=0.2)

    assert rows(database_b, "SELECT state, count(*), count(DISTINCT event_id) FROM sync_requests GROUP BY state") == [
        ("DONE", ISSUES, ISSUES)]
    assert rows(database_b, "SELECT count(*), count(DISTINCT summary) FROM issues") == [(ISSUES, ISSUES)]
    for database in (database_a, database_b):
        assert rows(database, "SELECT count(*) FROM sync_errors") == [(0,)]
    by_a1, by_a2 = delivered_by(a1), delivered_by(a2)
    assert by_a1 and by_a2, "both of A's workers deliver"
    assert len(by_a1 + by_a2) == len(set(by_a1 + by_a2)) == ISSUES
