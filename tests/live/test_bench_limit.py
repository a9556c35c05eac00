"""``python -m bench limit`` still runs end to end (a one-second smoke run, wrk when installed): every hot
read is compared with its bare Flask equivalent on gunicorn. Its figures are not judged here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
LABELS = ("`GET /info`", "`GET /connections?startAt=500&maxResults=50` (1,000 connections)",
          "`GET /rest/api/2/issue/DEMO-1`", "`GET /rest/api/2/search` first page (1,000 issues)")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    pytest.importorskip("gunicorn", reason="gunicorn is the bench's own dependency: tox -e bench")
    output = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "bench", "limit", "--quick", "--duration", "1", "--output",
                          str(output)], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return output.read_text()


def test_each_hot_read_has_figures_a_ratio_and_a_verdict(report):
    for label in LABELS:
        line = next(line for line in report.splitlines() if line.startswith(f"| {label} |"))
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert re.fullmatch(r"[\d,]+", cells[1]), cells
        assert re.fullmatch(r"[\w -]+: [\d,]+", cells[2]), cells
        assert re.fullmatch(r"[\d.]+ ×", cells[3]), cells
        assert cells[5] in ("yes", "**no**"), cells


def test_the_report_names_the_machine_and_the_client(report):
    section = report.split("<!-- python -m bench limit -->", 1)[1]
    assert re.search(r"Machine: .+\. Command: `python -m bench limit`", section)
    assert "wrk -t2 -c16 -d1s" in section or "wrk is not installed" in section
