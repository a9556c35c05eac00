"""``python -m bench memory`` runs end to end (quick sizes): one node seeded, its hot reads warmed, its
resident memory reported. The figures are not judged here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_memory_of_a_warmed_node_is_reported(tmp_path):
    output = tmp_path / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "bench", "memory", "--quick", "--output", str(output)], cwd=ROOT,
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    section = output.read_text().split("<!-- python -m bench memory -->", 1)[1]
    row = next(line for line in section.splitlines() if line.startswith("| 2,000 issues, 200 connections |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert all(re.fullmatch(r"\d+\.\d", cell) for cell in cells[1:]), cells
