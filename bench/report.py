"""The benchmark's figures, the targets of issue #6 judged against them, and the Markdown report
that ``python -m bench`` prints and writes to ``bench/RESULTS.md``."""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .load import Measurement

# Where the targets below come from, and what "bare" means: the report says it too.
METHOD = """\
Both apps run as separate processes on 127.0.0.1 (one process each, waitress with the same thread
count), at the same time on the same machine. A closed-loop load generator (`bench/load.py`:
threads, one `requests.Session` each) drives one of them at a time; the measurements of a group
(emulator and bare app; handshake and `/info`; the sizes of the growth table) are taken in turns,
in slices, so that all of them meet whatever else the machine is doing alike. The server's CPU
time per request is read from `/proc` around each slice: on a busy machine it is the steadier
view of what each app costs.

The bare app (`bench/bare_app.py`) is Flask + Flask-SQLAlchemy doing the work a correct answer
needs, the plain way: `GET /info` reads the one settings row by primary key (the emulator must
too: settings live in the database so that all nodes of a cluster share them) and returns a dict;
`GET /connections` checks HTTP Basic against one fixed user with `hmac.compare_digest`, counts the
rows, loads a page through the ORM ordered by id and serialises it by hand into the emulator's
shape; `POST /compatibility` fetches the destination's `/info` with `requests`. Its connections
table has the emulator's columns and the same rows (default sync rules included). The emulator
does its full work: Basic auth against its users table (a proven password is remembered as a
keyed digest, so neither app hashes per request), marshmallow schemas, domain validation, the
outbound URL guard; its compatibility check reuses a destination's node info for
`COMPATIBILITY_CACHE_SECONDS` (60 s by default), so most checks do not call the destination, while
the bare app calls it every time. The emulator's rows are bulk-inserted with SQLAlchemy after `create_app`
seeded its database (`bench/seed.py`); the emulator has no bulk operation."""


# The parts of ``python -m bench``, in the order their sections stand in the report.
PARTS = ("exalate", "issues", "limit", "script", "sync", "memory")
_MARKER = "<!-- python -m bench {} -->"
_MARKERS = re.compile(r"<!-- python -m bench (\w+) -->\n*")


@dataclass(frozen=True)
class Comparison:
    label: str
    emulator: Measurement
    bare: Measurement

    @property
    def ratio(self) -> float:
        return self.emulator.per_second / self.bare.per_second

    @property
    def cpu_ratio(self) -> float:
        """The same comparison by server CPU time per request (bare / emulator)."""
        return self.bare.cpu_ms / self.emulator.cpu_ms


@dataclass(frozen=True)
class GrowthPoint:
    size: int
    first_page: Measurement
    deep_page: Measurement
    peak_mb: float


@dataclass(frozen=True)
class Results:
    threads: int
    duration: float
    rounds: int
    list_size: int
    info: Comparison
    connections: Comparison
    compatibility: Comparison
    info_round_trip: Measurement
    handshake: Measurement
    emulator_peak_mb: float
    bare_peak_mb: float
    growth: list[GrowthPoint]


@dataclass(frozen=True)
class Target:
    name: str
    figure: str
    cpu_view: str  # the same figure by server CPU time, which other work on the machine barely moves
    met: bool


def targets(results: Results) -> list[Target]:
    info, connections = results.info, results.connections
    handshake = results.handshake.p50_ms / results.info_round_trip.p50_ms
    smallest, largest = results.growth[0], results.growth[-1]
    growth = largest.first_page.p50_ms / smallest.first_page.p50_ms
    growth_cpu = largest.first_page.cpu_ms / smallest.first_page.cpu_ms
    return [
        Target("`GET /info` throughput ≥ 0.8 × bare", f"{info.ratio:.2f} ×", f"{info.cpu_ratio:.2f} ×",
               info.ratio >= 0.8),
        Target("`GET /connections` page throughput ≥ 0.7 × bare", f"{connections.ratio:.2f} ×",
               f"{connections.cpu_ratio:.2f} ×", connections.ratio >= 0.7),
        Target("Handshake p50 ≤ 15 × one `GET /info` round trip", f"{handshake:.1f} ×", "—", handshake <= 15),
        Target(f"List p50 at {largest.size:,} vs {smallest.size:,} connections ≤ 1.5 ×", f"{growth:.2f} ×",
               f"{growth_cpu:.2f} ×", growth <= 1.5),
    ]


def machine() -> str:
    cpu = _cpu_model() or platform.processor() or platform.machine()
    return (f"{platform.platform()}, {os.cpu_count()} CPUs ({cpu}), "
            f"{platform.python_implementation()} {platform.python_version()}")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as a report states them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg()) + " (1, 5, 15 min)"


def _cpu_model() -> str | None:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), None)


def render(results: Results, *, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    sections = [
        "# Benchmark results",
        f"Run on {when:%Y-%m-%d %H:%M} UTC; machine: {machine()}.\n\n"
        f"One process with {results.threads} waitress threads per server; {results.threads} client workers for "
        f"throughput, one for sequential figures; {results.duration:g} s per measurement, in {results.rounds} "
        f"slices taken in turns, after a warm-up. CPU ms/req is the measured server's CPU time per request. "
        f"Reproduce with `tox -e bench` or `python -m bench`.",
        "## Emulator against bare Flask + Flask-SQLAlchemy\n\n"
        + comparison_table([results.info, results.connections, results.compatibility]),
        "## Handshake between two emulator nodes (sequential)\n\n" + _handshake_table(results),
        "## Memory\n\n" + _memory(results),
        "## List latency as connections grow (sequential)\n\n" + _growth_table(results),
        "## Targets\n\n" + targets_table(targets(results)),
        "## Method\n\n" + METHOD,
    ]
    return "\n\n".join(sections) + "\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def figures(measurement: Measurement) -> list[str]:
    return [f"{measurement.per_second:,.0f}", f"{measurement.p50_ms:.2f}", f"{measurement.p99_ms:.2f}"]


def comparison_table(comparisons: list[Comparison]) -> str:
    header = ["Measurement", "Emulator req/s", "p50 ms", "p99 ms", "CPU ms/req", "Bare req/s", "p50 ms", "p99 ms",
              "CPU ms/req", "Emulator/bare req/s", "Bare/emulator CPU ms/req"]
    rows = [[c.label, *figures(c.emulator), f"{c.emulator.cpu_ms:.2f}", *figures(c.bare), f"{c.bare.cpu_ms:.2f}",
             f"{c.ratio:.2f}", f"{c.cpu_ratio:.2f}"]
            for c in comparisons]
    return table(header, rows)


def _handshake_table(results: Results) -> str:
    rows = [["Initiate on A + accept on B", *figures(results.handshake)],
            ["One `GET /info` round trip", *figures(results.info_round_trip)]]
    ratio = results.handshake.p50_ms / results.info_round_trip.p50_ms
    return (table(["Operation", "ops/s", "p50 ms", "p99 ms"], rows)
            + f"\n\nHandshake p50 = {ratio:.1f} × one `GET /info` round trip.")


def _memory(results: Results) -> str:
    return (f"Peak resident memory (VmHWM) after the list load: emulator node holding "
            f"{results.list_size:,} connections {results.emulator_peak_mb:.1f} MB; bare app "
            f"{results.bare_peak_mb:.1f} MB. The credentials were proven by one request before the load: "
            f"each password check that misses the emulator's cache runs scrypt, about 32 MB while it runs, "
            f"once per concurrent check.")


def _growth_table(results: Results) -> str:
    base = results.growth[0].first_page.p50_ms
    rows = [[f"{point.size:,}", f"{point.first_page.p50_ms:.2f}", f"{point.first_page.p99_ms:.2f}",
             f"{point.first_page.cpu_ms:.2f}", f"{point.first_page.p50_ms / base:.2f}",
             f"{point.deep_page.p50_ms:.2f}", f"{point.deep_page.p99_ms:.2f}", f"{point.peak_mb:.1f}"]
            for point in results.growth]
    header = ["Connections", "First page p50 ms", "p99 ms", "CPU ms/req", "p50 vs smallest", "Last page p50 ms",
              "p99 ms", "Peak MB"]
    return (table(header, rows) + "\n\n`GET /connections?startAt=0&maxResults=50` (first page) and "
            "`startAt=total-50` (last page), one request at a time.")


def targets_table(found: list[Target]) -> str:
    rows = [[t.name, t.figure, t.cpu_view, "yes" if t.met else "**no**"] for t in found]
    return table(["Target", "Figure", "By CPU time", "Met"], rows)


def merged(existing: str, blocks: dict[str, str]) -> str:
    """The report ``existing`` with the sections of the parts in ``blocks`` replaced (or added), the
    others' kept: the first part's sections first, each other part's after its marker."""
    pieces = _MARKERS.split(existing)
    kept = {PARTS[0]: pieces[0]} if pieces[0].strip() else {}
    kept.update(zip(pieces[1::2], pieces[2::2], strict=True))
    kept.update(blocks)
    marked = {part: _MARKER.format(part) + "\n\n" for part in PARTS[1:]}
    return "\n".join(marked.get(part, "") + kept[part].strip() + "\n" for part in PARTS if part in kept)
