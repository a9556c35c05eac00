"""The benchmark (``python -m bench``) still runs end to end: a smoke run at tiny sizes, so that
the benchmark code cannot rot between full runs. Its figures are not judged here."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
COMMITTED = ROOT / "bench" / "RESULTS.md"


@dataclass(frozen=True)
class SmokeRun:
    stdout: str
    report: str
    committed_before: str | None
    committed_after: str | None


def _committed() -> str | None:
    return COMMITTED.read_text() if COMMITTED.exists() else None


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> SmokeRun:
    output = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    before = _committed()
    run = subprocess.run([sys.executable, "-m", "bench", "exalate", "issues", "script", "--quick", "--threads", "2",
                          "--output", str(output)],
                         cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return SmokeRun(run.stdout, output.read_text(), before, _committed())


def _row(report: str, label: str) -> list[str]:
    line = next(line for line in report.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_report_is_written_where_asked_and_printed(smoke):
    assert smoke.report.startswith("# Benchmark results")
    assert smoke.report in smoke.stdout


def test_each_comparison_has_figures_for_both_apps_and_a_ratio(smoke):
    for label in ("`GET /info`", "`GET /connections` (50 of 200)", "`POST /compatibility` (live destination)"):
        cells = _row(smoke.report, label)
        assert len(cells) == 11
        assert all(re.fullmatch(r"[\d,.]+", cell) for cell in cells[1:]), cells


def test_handshake_memory_and_growth_are_reported(smoke):
    assert len(_row(smoke.report, "Initiate on A + accept on B")) == 4
    assert len(_row(smoke.report, "One `GET /info` round trip")) == 4
    assert re.search(r"emulator node holding 200 connections [\d.]+ MB; bare app [\d.]+ MB", smoke.report)
    assert len(_row(smoke.report, "60")) == len(_row(smoke.report, "600")) == 8


def test_every_target_is_judged(smoke):
    targets = smoke.report.split("## Targets", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"\| (?:yes|\*\*no\*\*) \|$", targets, re.MULTILINE)) == 4


def test_issue_creation_is_compared_with_the_bare_app(smoke):
    cells = _row(smoke.report, "`POST /rest/api/2/issue`")
    assert len(cells) == 11
    assert all(re.fullmatch(r"[\d,.]+", cell) for cell in cells[1:]), cells


def test_search_growth_is_reported_and_judged(smoke):
    issues = smoke.report.split("<!-- python -m bench issues -->", 1)[1]
    assert len(_row(issues, "300")) == len(_row(issues, "3,000")) == 10
    assert re.search(r"At 3,000 against 300 issues the emulator's p50 is [\d.]+ ×", issues)
    assert re.search(r"^\| Search p50 at 3,000 vs 300 issues ≤ 2 × \|.*\| (?:yes|\*\*no\*\*) \|$", issues, re.MULTILINE)


def test_a_smoke_run_leaves_the_committed_results_alone(smoke):
    assert smoke.committed_after == smoke.committed_before
