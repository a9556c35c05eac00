"""The memory of a node (``python -m bench memory``, issue 14): one ``serve`` worker holding 100,000
issues and 10,000 connections (seeded with core-SQL bulk inserts, ``bench.seed``), its resident memory
read from ``/proc`` after a warm-up of the hot reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import requests

from . import load, report
from .issues import SEARCH_JQL

if TYPE_CHECKING:
    from .run import Bench, Server

CONNECTIONS = 10_000
ISSUES = 100_000
QUICK_CONNECTIONS, QUICK_ISSUES = 200, 2_000
WARM_UP_ROUNDS = 20  # each hot read this many times, on one keep-alive connection
ADMIN = ("admin", "admin")


@dataclass(frozen=True)
class MemoryResult:
    connections: int
    issues: int
    requests: int
    started_mb: float  # resident after start, before any request
    resident_mb: float  # VmRSS after the warm-up
    peak_mb: float  # VmHWM after the warm-up


def resident_mb(server: Server, field: str) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} is not reported on this system.")


def hot_reads(server: Server, connections: int, issues: int) -> list[str]:
    last_page = max(connections - 50, 0)
    return [server.rest("/info"), server.rest("/connections?startAt=0&maxResults=50"),
            server.rest(f"/connections?startAt={last_page}&maxResults=50"), server.api("/issue/DEMO-1"),
            server.api(f"/issue/DEMO-{issues * 4 // 5}"),
            server.api("/search?" + urlencode({"jql": SEARCH_JQL, "maxResults": 50}))]


def run(bench: Bench, *, quick: bool = False) -> MemoryResult:
    connections, issues = (QUICK_CONNECTIONS, QUICK_ISSUES) if quick else (CONNECTIONS, ISSUES)
    server = bench.emulator(connections, issues, workers=1)
    started = resident_mb(server, "VmRSS")
    urls = hot_reads(server, connections, issues)
    with requests.Session() as session:
        session.auth = ADMIN
        for _ in range(WARM_UP_ROUNDS):
            for url in urls:
                load.checked(session.get(url, timeout=60))
    return MemoryResult(connections, issues, WARM_UP_ROUNDS * len(urls), started,
                        resident_mb(server, "VmRSS"), resident_mb(server, "VmHWM"))


def render(result: MemoryResult) -> str:
    rows = [[f"{result.issues:,} issues, {result.connections:,} connections", f"{result.started_mb:.1f}",
             f"{result.resident_mb:.1f}", f"{result.peak_mb:.1f}"]]
    return "\n".join([
        "## The memory of a node (`python -m bench memory`)", "",
        f"Machine: {report.machine()}. Command: `python -m bench memory`. One `exalate-emulator serve --workers 1` "
        "process on SQLite, seeded with core-SQL bulk inserts (`bench/seed.py`); resident memory from "
        f"`/proc/PID/status` at start and after a warm-up of {result.requests} requests (`GET /info`, the first and "
        "last page of 50 connections, two issues by key, the first page of a JQL search), one at a time.", "",
        report.table(["Node", "Resident at start, MB", "Resident after warm-up, MB", "Peak (VmHWM), MB"], rows), "",
        "The peak above the resident figure is the first password check's scrypt (about 32 MB while it runs, then "
        "given back); the process's caches are bounded (`plugin.db.CommittedRows`: 4,096 rows; proven passwords: "
        "1,024 digests; parsed sync rules: `SCRIPT_CACHE_SIZE`), and the issues stay in the database: a page or "
        "an issue is read when asked for.", ""])
