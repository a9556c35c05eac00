"""The host Jira's issues, emulator against the bare app: ``POST /rest/api/2/issue`` throughput, and the
first page of a JQL search at two sizes, whose growth is the figure that matters (``python -m bench
issues``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from . import load, report
from .seed import SEARCHED_LABEL

if TYPE_CHECKING:
    from .run import Bench, Load, Server

ADMIN = ("admin", "admin")
SEARCH_JQL = f"project = DEMO AND labels = {SEARCHED_LABEL} ORDER BY created DESC"
SEARCH_GROWTH_TARGET = 2.0

METHOD = """\
Creating: each of the client workers posts `{"fields": {"project": {"key": "DEMO"}, "issuetype":
{"name": "Task"}, "summary": …, "labels": ["bench"]}}` to a node that starts empty. The emulator runs
its whole create: Basic auth, the marshmallow schema, every field's rule, the workflow's initial status,
the project's issue counter, the listeners told inside the transaction, and Jira's answer. The bare app
(`bench/bare_app.py`) checks Basic, takes the project's next number with `UPDATE … RETURNING`, inserts the
issue and its labels in the same transaction and answers `{id, key, self}`.

Searching: `GET /rest/api/2/search?jql=…` with the query above, first page (50), one request at a time,
on nodes seeded with bulk SQL (`bench/seed.py`: one issue in five in SUP, the rest in DEMO, one minute
apart; every issue has one or two labels, `x` on one in ten). The emulator parses and translates the JQL,
counts the matches and reads the page in the database, and answers each issue in Jira's shape (project,
type, status, priority, users as objects, attachments, sub-tasks); the bare app (`/search/reduced`) counts
and pages with the same joins and answers each issue's own columns and labels, so its figures are a floor
rather than the same work. What matters is how each grows from the smaller node to the larger. Counting
is the part that grows: the emulator keeps SQLite's planner statistics (at start, then hourly) and counts
"labels = x" from the label's index; the bare app, the plain way, has none, and SQLite then counts through
the project's issues."""


@dataclass(frozen=True)
class SearchPoint:
    size: int
    emulator: load.Measurement
    bare: load.Measurement


@dataclass(frozen=True)
class IssueResults:
    threads: int
    create: report.Comparison
    search: tuple[SearchPoint, SearchPoint]  # the smaller node, then the larger

    @property
    def search_growth(self) -> float:
        smaller, larger = self.search
        return larger.emulator.p50_ms / smaller.emulator.p50_ms

    @property
    def search_growth_cpu(self) -> float:
        smaller, larger = self.search
        return larger.emulator.cpu_ms / smaller.emulator.cpu_ms


def create_issue(server: Server) -> Load:
    numbers = itertools.count(1)

    def factory() -> load.Operation:
        client = load.session(ADMIN)
        return lambda: load.checked(client.post(server.api("/issue"), json={"fields": {
            "project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": f"Created {next(numbers)}",
            "labels": ["bench"]}}), 201)
    return factory, server


def search_first_page(server: Server, resource: str = "/search") -> Load:
    return load.get(server.api(resource + "?" + urlencode({"jql": SEARCH_JQL, "maxResults": 50})), auth=ADMIN), server


def run(bench: Bench) -> IssueResults:
    create = bench.compare("`POST /rest/api/2/issue`", create_issue(bench.emulator(0)), create_issue(bench.bare(0)))
    servers = {(size, kind): getattr(bench, kind)(0, size) for size in bench.sizes.issues
               for kind in ("emulator", "bare")}
    # The bare app's reduced answer (its own columns and labels): how each grows is what this part compares.
    measured = bench.interleaved({key: search_first_page(server, "/search" if key[1] == "emulator" else
                                                         "/search/reduced") for key, server in servers.items()},
                                 concurrent=False)
    for server in servers.values():
        server.stop()
    smaller, larger = (SearchPoint(size, measured[size, "emulator"], measured[size, "bare"])
                       for size in bench.sizes.issues)
    return IssueResults(bench.threads, create, (smaller, larger))


def render(results: IssueResults, *, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    smaller, larger = results.search
    bare_growth = larger.bare.p50_ms / smaller.bare.p50_ms
    met = results.search_growth <= SEARCH_GROWTH_TARGET
    sections = [
        "## Issues against bare Flask + Flask-SQLAlchemy",
        f"Run on {when:%Y-%m-%d %H:%M} UTC; machine: {report.machine()}. Reproduce with `python -m bench issues` "
        f"(or `tox -e bench -- issues`). {results.threads} client workers for creating, one for searching.",
        report.comparison_table([results.create]),
        f"### JQL search as issues grow (sequential)\n\n`{SEARCH_JQL}`, first page of 50.",
        _search_table(results),
        f"At {larger.size:,} against {smaller.size:,} issues the emulator's p50 is {results.search_growth:.2f} × "
        f"(by CPU time {results.search_growth_cpu:.2f} ×), the bare app's {bare_growth:.2f} ×.",
        report.targets_table([report.Target(
            f"Search p50 at {larger.size:,} vs {smaller.size:,} issues ≤ {SEARCH_GROWTH_TARGET:g} ×",
            f"{results.search_growth:.2f} ×", f"{results.search_growth_cpu:.2f} ×", met)]),
        "### Method (issues)\n\n" + METHOD,
    ]
    return "\n\n".join(sections) + "\n"


def _search_table(results: IssueResults) -> str:
    rows = [[f"{point.size:,}", *report.figures(point.emulator), f"{point.emulator.cpu_ms:.2f}",
             *report.figures(point.bare), f"{point.bare.cpu_ms:.2f}",
             f"{point.emulator.per_second / point.bare.per_second:.2f}"]
            for point in results.search]
    return report.table(["Issues", "Emulator req/s", "p50 ms", "p99 ms", "CPU ms/req", "Bare req/s", "p50 ms",
                         "p99 ms", "CPU ms/req", "Emulator/bare req/s"], rows)
