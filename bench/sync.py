"""Issue sync between live nodes (``python -m bench sync``, issue 13): two instances connected by a Script
connection, each a ``serve`` with 2 worker processes on SQLite.

Latency: an issue created on A (REST) that an active trigger picks up, timed until its twin is readable on
B (``GET /rest/api/2/issue/SUP-n`` polled every few milliseconds), one round at a time, against one
``GET /info`` round trip measured between the rounds. Throughput: a trigger's Bulk Exalate of issues
seeded on A, timed until every twin is SYNCHRONIZED on A (acknowledged by B); on SQLite, and on a
throwaway PostgreSQL with two ``serve`` nodes (one process each) per database when PostgreSQL is
installed. Each run ends by checking that every twin exists on B, once, and that no sync error was
recorded."""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import requests
from sqlalchemy import create_engine, func, select

from plugin.exalate.sync.models import Twin, TwinStatus

from . import load, report, seed

if TYPE_CHECKING:
    from .run import Bench, Server

ADMIN = ("admin", "admin")
LATENCY_TARGET = 25.0  # × one GET /info round trip
POLL_SECONDS = 0.005
INFO_PER_ROUND = 5
THROUGHPUT_POLL_SECONDS = 0.1
DEADLINE_SECONDS = 900.0
COMMAND = "python -m bench sync"
METHOD = """\
Latency: each round creates an issue on A through `POST /rest/api/2/issue` with the label an active trigger
(`project = DEMO AND labels = latency`) selects, and polls `GET /rest/api/2/issue/SUP-n` on B every 5 ms until
the twin answers; between rounds, five `GET /info` round trips on A give the unit. The path, followed with
timestamps in the workers: the create's transaction queues the event and wakes its process's worker once it
commits; the worker claims it at once and posts it to B, which stores the request and wakes its own worker,
which applies it. No step waits for a poll; what the time goes to is each step's work (the rules, the
transactions, the HTTP calls), which a loaded machine stretches.

Throughput: A is seeded with the issues in bulk (`bench/seed.py`), a trigger `project in (DEMO, SUP)` is
added, and its Bulk Exalate is posted; the clock stops when A's database counts every twin
SYNCHRONIZED, that is acknowledged by B. A step of a worker claims up to 10 due rows in one transaction, and a
request or worker step reads the host's catalog once, so most of what remains per twin is one HTTP call each
way and the transactions of sending, storing, applying and acknowledging."""


@dataclass(frozen=True)
class SyncSizes:
    rounds: int
    bulk: int


FULL = SyncSizes(rounds=50, bulk=1_000)
QUICK = SyncSizes(rounds=5, bulk=20)


@dataclass
class Side:
    """One instance: its nodes (the first one's URL is the instance's, standing in for a load balancer)
    and its database."""

    nodes: list[Server]
    database: str

    @property
    def url(self) -> str:
        return self.nodes[0].url

    def rest(self, path: str) -> str:
        return self.nodes[0].rest(path)

    def api(self, path: str) -> str:
        return self.nodes[0].api(path)


@dataclass(frozen=True)
class Latency:
    rounds: tuple[float, ...]  # seconds, sorted
    info: tuple[float, ...]
    on_b: int  # twins found on B at the end

    def p50_ms(self) -> float:
        return _percentile(self.rounds, 50) * 1000

    def p99_ms(self) -> float:
        return _percentile(self.rounds, 99) * 1000

    def info_ms(self) -> float:
        return statistics.median(self.info) * 1000


@dataclass(frozen=True)
class Throughput:
    label: str
    nodes: str
    twins: int
    seconds: float
    on_b: int
    cpu_seconds: float  # of every emulator process of both instances (not the database server's)

    @property
    def per_second(self) -> float:
        return self.twins / self.seconds

    @property
    def cpu_ms(self) -> float:
        """Emulator CPU time per twin: unlike twins per second, barely moved by other work on the machine."""
        return self.cpu_seconds / self.twins * 1000


@dataclass(frozen=True)
class SyncResults:
    latency: Latency
    throughput: list[Throughput]
    skipped: str | None  # why the PostgreSQL figure is missing


def _percentile(values: tuple[float, ...], percent: float) -> float:
    return load.Measurement(len(values), 1.0, values, 0.0).percentile(percent)


# ---------------------------------------------------------------- starting and connecting


def sqlite_side(bench: Bench, issues: int = 0) -> Side:
    """An instance on SQLite: one ``serve`` with 2 worker processes."""
    url, data_dir = _place(bench)
    seed.seed_emulator(data_dir, url, 0, issues)
    server = _serve(bench, url, data_dir, "--data-dir", str(data_dir), "--workers", "2")
    return Side([server], seed.sqlite_url(seed.emulator_database(data_dir)))


def postgres_side(bench: Bench, database: str, issues: int = 0, nodes: int = 2) -> Side:
    """An instance on PostgreSQL: ``nodes`` ``serve`` processes of one process each on one database, with
    one base URL (the first node's)."""
    base_url, data_dir = _place(bench)
    seed.seed_emulator(data_dir, base_url, 0, issues, database=database)
    servers = []
    for number in range(nodes):
        url = base_url if number == 0 else _place(bench)[0]
        servers.append(_serve(bench, url, data_dir, "--database", database, "--base-url", base_url,
                              "--workers", "1"))
    return Side(servers, database)


def _place(bench: Bench):
    from .run import free_port

    url = f"http://127.0.0.1:{free_port()}"
    return url, bench.workdir / f"sync-{next(bench.names)}"


def _serve(bench: Bench, url: str, data_dir, *arguments: str) -> Server:
    port = url.rsplit(":", 1)[1]
    return bench.start(url, data_dir / f"server-{port}.log", [
        "-m", "plugin.cli", "serve", "--port", port, "--threads", str(bench.threads), "--log-level", "WARNING",
        *arguments])


def connect(a: Side, b: Side, session: requests.Session, query: str) -> int:
    """A Script connection from A (incoming into DEMO) to B (incoming into SUP), and an active trigger on A
    with ``query``; the trigger's id."""
    initiated = load.checked(session.post(a.rest("/connections"), json={
        "destinationUrl": b.url, "mode": "SCRIPT", "localShortName": "JiraA", "remoteShortName": "JiraB",
        "name": "Bench_sync", "projectKey": "DEMO"}), 201).json()
    load.checked(session.post(b.rest("/invitations/accept"), json={
        "invitationCode": initiated["invitationCode"], "projectKey": "SUP"}), 201)
    trigger = load.checked(session.post(a.rest(f"/connections/{initiated['connection']['id']}/triggers"), json={
        "query": query, "active": True, "notes": "python -m bench sync"}), 201).json()
    return trigger["id"]


# ---------------------------------------------------------------- measuring


def measure_latency(bench: Bench, rounds: int) -> Latency:
    a, b = sqlite_side(bench), sqlite_side(bench)
    session = load.session(ADMIN)
    connect(a, b, session, "project = DEMO AND labels = latency")
    anonymous = requests.Session()
    times, info = [], []
    for number in range(1, rounds + 1):
        for _ in range(INFO_PER_ROUND):
            started = time.perf_counter()
            load.checked(anonymous.get(a.rest("/info")))
            info.append(time.perf_counter() - started)
        summary = f"Latency round {number}"
        started = time.perf_counter()
        load.checked(session.post(a.api("/issue"), json={"fields": {
            "project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": summary,
            "labels": ["latency"]}}), 201)
        twin = _await_issue(session, b.api(f"/issue/SUP-{number}?fields=summary"))
        times.append(time.perf_counter() - started)
        if twin["fields"]["summary"] != summary:
            raise load.BadAnswer(f"SUP-{number} on B is {twin['fields']['summary']!r}, not the twin of {summary!r}.")
    on_b = _check_complete(a, b, session, rounds)
    _stop(a, b)
    return Latency(tuple(sorted(times)), tuple(info), on_b)


def _await_issue(session: requests.Session, url: str) -> dict:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        answer = session.get(url)
        if answer.status_code == 200:
            return answer.json()
        if answer.status_code != 404:
            raise load.BadAnswer(f"{url} answered {answer.status_code}: {answer.text[:300]}")
        time.sleep(POLL_SECONDS)
    raise load.BadAnswer(f"{url} did not appear within {DEADLINE_SECONDS:g} s.")


def measure_throughput(label: str, nodes: str, a: Side, b: Side, issues: int) -> Throughput:
    """Bulk Exalate of the ``issues`` seeded on A (DEMO and SUP), until all are SYNCHRONIZED on A."""
    session = load.session(ADMIN)
    trigger = connect(a, b, session, "project in (DEMO, SUP)")
    engine = create_engine(a.database)
    try:
        cpu_before = _cpu_seconds(a, b)
        started = time.perf_counter()
        count = load.checked(session.post(a.rest(f"/triggers/{trigger}/bulk-exalate"))).json()["count"]
        if count != issues:
            raise load.BadAnswer(f"Bulk Exalate took {count} issues, not {issues}.")
        _await_synchronized(engine, issues)
        seconds = time.perf_counter() - started
        cpu_seconds = _cpu_seconds(a, b) - cpu_before
    finally:
        engine.dispose()
    on_b = _check_complete(a, b, session, issues)
    _stop(a, b)
    return Throughput(label, nodes, issues, seconds, on_b, cpu_seconds)


def _cpu_seconds(*sides: Side) -> float:
    """User and system CPU time so far of every node of ``sides`` and of the worker processes it forked (Linux)."""
    return sum(_process_tree_ticks(node.process.pid) for side in sides for node in side.nodes) / \
        os.sysconf("SC_CLK_TCK")


def _process_tree_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                    for child in (task / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return 0  # gone meanwhile
    return int(fields[11]) + int(fields[12]) + sum(_process_tree_ticks(child) for child in children)


def _await_synchronized(engine, count: int) -> None:
    query = select(func.count()).select_from(Twin).where(Twin.status == TwinStatus.SYNCHRONIZED)
    deadline = time.monotonic() + DEADLINE_SECONDS
    synchronized = 0
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            synchronized = connection.scalar(query)
        if synchronized >= count:
            return
        time.sleep(THROUGHPUT_POLL_SECONDS)
    raise load.BadAnswer(f"Only {synchronized} of {count} twins were synchronized within {DEADLINE_SECONDS:g} s.")


def _check_complete(a: Side, b: Side, session: requests.Session, count: int) -> int:
    """Every twin exists on B, once, and neither side recorded a sync error; how many twins B holds."""
    found = load.checked(session.get(b.api("/search"), params={"jql": "project = SUP", "maxResults": 0})).json()
    if found["total"] != count:
        raise load.BadAnswer(f"B holds {found['total']} twins, not {count}.")
    for side in (a, b):
        errors = load.checked(session.get(side.rest("/cmonitor"))).json()["numErrors"]
        if errors:
            raise load.BadAnswer(f"{side.url} recorded {errors} sync errors.")
    return found["total"]


def _stop(*sides: Side) -> None:
    for side in sides:
        for node in side.nodes:
            node.stop()


def run(bench: Bench, *, quick: bool = False, latency_only: bool = False) -> SyncResults:
    sizes = QUICK if quick else FULL
    latency = measure_latency(bench, sizes.rounds)
    if latency_only:
        return SyncResults(latency, [], "Throughput was not measured (`--latency-only`).")
    throughput = [measure_throughput("SQLite", "1 × `serve --workers 2`", sqlite_side(bench, sizes.bulk),
                                     sqlite_side(bench), sizes.bulk)]
    from . import postgres

    if not postgres.installed():
        return SyncResults(latency, throughput, "PostgreSQL is not installed (apt-get install postgresql): "
                                                "its figure was not measured.")
    server = postgres.ThrowawayPostgres().start()
    bench.servers.callback(server.stop)
    a = postgres_side(bench, server.new_database(), sizes.bulk)
    b = postgres_side(bench, server.new_database())
    throughput.append(measure_throughput("PostgreSQL", "2 × `serve --workers 1`", a, b, sizes.bulk))
    return SyncResults(latency, throughput, None)


# ---------------------------------------------------------------- the report


def render(results: SyncResults, *, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    latency = results.latency
    p50, p99, info = latency.p50_ms(), latency.p99_ms(), latency.info_ms()
    rows = [[t.label, t.nodes, f"{t.twins:,}", f"{t.on_b:,}", f"{t.seconds:.1f}", f"{t.per_second:,.1f}",
             f"{t.cpu_ms:.1f}"]
            for t in results.throughput]
    sections = [
        "## Issue sync between two live instances",
        f"Run on {when:%Y-%m-%d %H:%M} UTC; machine: {report.machine()}; load average {report.load_average()} "
        f"at the end. Command: `{COMMAND}`.",
        f"### Latency: created on A, readable on B ({len(latency.rounds)} rounds, one at a time; "
        f"{latency.on_b} twins on B at the end)",
        report.table(["Measurement", "p50 ms", "p99 ms", "p50 × `GET /info`", "p99 × `GET /info`"], [
            ["Create on A → twin readable on B", f"{p50:.1f}", f"{p99:.1f}", f"{p50 / info:.1f}",
             f"{p99 / info:.1f}"],
            ["One `GET /info` round trip", f"{info:.2f}", f"{_percentile(tuple(sorted(latency.info)), 99) * 1000:.2f}",
             "1.0", "—"]]),
        "### Throughput: a trigger's Bulk Exalate until every twin is SYNCHRONIZED on A",
        report.table(["Database", "Nodes per instance", "Issues", "Twins on B", "Seconds", "Twins/s",
                      "Emulator CPU ms/twin"], rows)
        + "\n\nEmulator CPU ms/twin: the CPU time of every emulator process of both instances (their forked "
        "workers included, the database server's not) from the Bulk Exalate to the last acknowledgement, per twin."
        + (f"\n\n{results.skipped}" if results.skipped else ""),
        report.targets_table([report.Target(
            f"Latency p50 < {LATENCY_TARGET:g} × one `GET /info` round trip", f"{p50 / info:.1f} ×", "—",
            p50 / info < LATENCY_TARGET)]),
        "### Method (sync)\n\n" + METHOD,
    ]
    return "\n\n".join(sections) + "\n"
