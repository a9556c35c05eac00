"""The limit of the stack (``python -m bench limit``, issue 14): the emulator's hot reads against bare
Flask on gunicorn, measured as a user would load them, with wrk, in one run.

The baselines run on gunicorn ``--preload -w 2`` (sync workers): a Flask hello world, and the bare
Flask-SQLAlchemy app of ``bench/bare_app.py`` (a 50-row page; an issue by key and a first page of JQL
search answering the emulator's JSON, which tests/test_bench_baseline.py checks; the same search in a
reduced shape, reported as a floor and not judged). The emulator runs on its own ``serve`` with 2 worker
processes. Without wrk, the load comes from ``bench.load`` (Python threads, a weaker client), and the report
says so."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import requests
from flask import Flask

from . import load, report, seed
from .bare_app import REST
from .issues import SEARCH_JQL

if TYPE_CHECKING:
    from .run import Bench, Server

WORKERS = 2
PAGE = 50
CONNECTIONS = 1_000
ISSUES = 1_000
WRK_THREADS, WRK_CONNECTIONS = 2, 16
# Each pair is measured in this many slices of each side, in turns (emulator, bare, bare, emulator, …), so that
# whatever else the shared machine does meets both sides alike.
SLICES = 4
AUTHORIZATION = "Basic YWRtaW46YWRtaW4="  # admin:admin
_REQUESTS_PER_SECOND = re.compile(r"Requests/sec:\s+([\d.]+)")
_NOT_OK = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors:.*")


def hello_app() -> Flask:
    """The limit: Flask answering a constant, at the path of ``/info`` (which is also what tells the
    harness the server is up)."""
    app = Flask(__name__)
    app.add_url_rule(REST + "/info", view_func=lambda: "Hello, World!")
    return app


@dataclass(frozen=True)
class Pair:
    label: str
    emulator: float  # requests per second
    bare: float
    bare_label: str
    target: float | None  # None: reported, not judged

    @property
    def ratio(self) -> float:
        return self.emulator / self.bare

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "—"
        return "yes" if self.ratio >= self.target else "**no**"


@dataclass(frozen=True)
class LimitResults:
    pairs: list[Pair]
    client: str
    duration: float


def wrk_command(url: str, duration: float) -> list[str]:
    return ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{max(1, round(duration))}s",
            "-H", f"Authorization: {AUTHORIZATION}", url]


def requests_per_second(url: str, duration: float) -> float:
    """Throughput of ``GET url`` with wrk when installed, else with ``bench.load``; an error answer
    fails the run, so that no figure is the speed of an error page."""
    if shutil.which("wrk") is None:
        measured = load.measure(load.get(url, auth=("admin", "admin")), lambda: 0.0,
                                concurrency=WRK_CONNECTIONS, duration=duration, warmup=min(1.0, duration / 4))
        return measured.per_second
    output = subprocess.run(wrk_command(url, duration), capture_output=True, text=True, check=True).stdout
    not_ok = _NOT_OK.search(output)
    if not_ok or _ERRORS.search(output):
        raise load.BadAnswer(f"wrk saw errors on {url}:\n{output}")
    return float(_REQUESTS_PER_SECOND.search(output).group(1))


def in_turns(first: str, second: str, duration: float) -> tuple[float, float]:
    """The throughput of each URL over ``duration`` seconds, measured in ``SLICES`` slices each, in turns
    (ABBA order, so that a trend in the machine's load weighs on both alike): the mean of each side's slices."""
    rates: dict[str, list[float]] = {first: [], second: []}
    slices = slices_for(duration)
    for turn in range(slices):
        for url in ((first, second) if turn % 2 == 0 else (second, first)):
            rates[url].append(requests_per_second(url, duration / slices))
    return sum(rates[first]) / slices, sum(rates[second]) / slices


def slices_for(duration: float) -> int:
    """``SLICES``, or fewer for a short run: wrk measures whole seconds, at least one."""
    return max(1, min(SLICES, int(duration // 2)))


def gunicorn(bench: Bench, app: str) -> Server:
    from .run import free_port  # run imports this module

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    return bench.start(url, bench.workdir / f"gunicorn-{port}.log", [
        "-m", "gunicorn", "--preload", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
        app])


def prove_credentials(server: Server) -> None:
    """Sequential authenticated requests, each on a new connection, so that every worker process has
    checked the password once (about 80 ms of scrypt) before the load: under load, at most the login
    throttle's allowed attempts are checked at once, and the rest of a cold start is refused (429)."""
    for _ in range(8 * WORKERS):
        load.checked(requests.get(server.rest("/connections?maxResults=1"), auth=("admin", "admin")))


def run(bench: Bench) -> LimitResults:
    duration = bench.sizes.duration
    emulator = bench.emulator(CONNECTIONS, ISSUES, workers=WORKERS)
    database = bench.workdir / "limit-bare.db"
    seed.seed_bare(database, "http://127.0.0.1", CONNECTIONS, ISSUES)
    bare = gunicorn(bench, f"bench.bare_app:create_bare_app({seed.sqlite_url(database)!r})")
    hello = gunicorn(bench, "bench.limit:hello_app()")
    page = f"/connections?startAt=500&maxResults={PAGE}"
    query = "?" + urlencode({"jql": SEARCH_JQL, "maxResults": PAGE})
    search = "/search" + query
    cases = [
        ("`GET /info`", emulator.rest("/info"), "hello world", hello.rest("/info"), 0.8),
        (f"`GET {page}` ({CONNECTIONS:,} connections)", emulator.rest(page), "50-row page", bare.rest(page), 0.7),
        ("`GET /rest/api/2/issue/DEMO-1`", emulator.api("/issue/DEMO-1"), "issue by key",
         bare.api("/issue/DEMO-1"), 0.6),
        (f"`GET /rest/api/2/search` first page ({ISSUES:,} issues)", emulator.api(search), "search first page",
         bare.api(search), 0.6),
        # Reported, not judged: the bare app answering the same query in a reduced shape (bench/bare_app.py)
        ("The same search", emulator.api(search), "reduced shape", bare.api("/search/reduced" + query), None),
    ]
    prove_credentials(emulator)
    pairs = []
    for label, emulator_url, bare_label, bare_url, target in cases:
        for url in (emulator_url, bare_url):  # warm each worker's caches and connections
            requests_per_second(url, 1)
        emulator_rate, bare_rate = in_turns(emulator_url, bare_url, duration)
        pairs.append(Pair(label, emulator_rate, bare_rate, bare_label, target))
    client = shlex.join(wrk_command("URL", duration / slices_for(duration))) if shutil.which("wrk") else (
        f"wrk is not installed: bench.load, {WRK_CONNECTIONS} Python client threads (a weaker client)")
    return LimitResults(pairs, client, duration)


def render(results: LimitResults) -> str:
    slices = slices_for(results.duration)
    rows = [[pair.label, f"{pair.emulator:,.0f}", f"{pair.bare_label}: {pair.bare:,.0f}", f"{pair.ratio:.2f} ×",
             f"≥ {pair.target} ×" if pair.target is not None else "—", pair.verdict] for pair in results.pairs]
    return "\n".join([
        "## The limit of the stack (`python -m bench limit`)", "",
        f"Machine: {report.machine()}. Command: `python -m bench limit` (client: `{results.client}`). "
        f"The emulator: `exalate-emulator serve --workers {WORKERS}`; the baselines: gunicorn `--preload -w "
        f"{WORKERS}` (`bench/limit.py`, `bench/bare_app.py`), {CONNECTIONS:,} connections and {ISSUES:,} issues "
        f"on each node. Requests per second, higher is better: each side measured in "
        f"{slices} slices of {results.duration / slices:g} s, in turns. Load average {report.load_average()} "
        "at the end.", "",
        report.table(["Emulator", "req/s", "Bare Flask, req/s", "Ratio", "Target", "Met"], rows), ""])

