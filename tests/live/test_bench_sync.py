"""``python -m bench sync`` still runs end to end (a smoke run at tiny sizes: its figures are not judged here):
the latency rounds and each Bulk Exalate complete, and every twin exists on B."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import postgres

ROOT = Path(__file__).parents[2]
ROUNDS, BULK = 5, 20  # bench.sync.QUICK


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    output = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "bench", "sync", "--quick", "--threads", "2", "--output", str(output)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return output.read_text().split("<!-- python -m bench sync -->", 1)[1]


def _row(report: str, label: str) -> list[str]:
    line = next(line for line in report.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_every_latency_round_got_its_twin_on_b(report):
    assert f"({ROUNDS} rounds, one at a time; {ROUNDS} twins on B at the end)" in report
    cells = _row(report, "Create on A → twin readable on B")
    assert all(re.fullmatch(r"[\d.]+", cell) for cell in cells[1:]), cells


def test_the_sqlite_bulk_exalate_got_every_twin_on_b(report):
    cells = _row(report, "SQLite")
    assert cells[2:4] == [str(BULK), str(BULK)], cells
    assert all(re.fullmatch(r"[\d,.]+", cell) for cell in cells[4:]), cells


def test_the_postgresql_bulk_exalate_got_every_twin_on_b_or_says_why_not(report):
    if not postgres.installed():
        assert "PostgreSQL is not installed" in report
        return
    cells = _row(report, "PostgreSQL")
    assert cells[1] == "2 × `serve --workers 1`"
    assert cells[2:4] == [str(BULK), str(BULK)], cells


def test_the_report_names_the_machine_the_load_and_the_command(report):
    assert re.search(r"machine: .+; load average [\d.]+, [\d.]+, [\d.]+ .*Command: `python -m bench sync`", report)
    assert re.search(r"^\| Latency p50 < 25 × one `GET /info` round trip \| [\d.]+ × \| — \| (?:yes|\*\*no\*\*) \|$",
                     report, re.MULTILINE)
