"""``python -m bench script`` still runs (a smoke run: its figures are not judged here) and writes its own
part of the report, after its marker, keeping the other parts' sections."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
SECTION = "## Sync rules: the interpreter against plain Python"


def smoke(report: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "bench", "script", "--quick", "--output", str(report)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]


def test_a_smoke_run_writes_its_part_once_and_keeps_the_others(tmp_path):
    report = tmp_path / "RESULTS.md"
    report.write_text("# Benchmark results\n\nkept\n\n<!-- python -m bench issues -->\n\n## Issues\n\nkept too\n",
                      encoding="utf-8")
    smoke(report)
    smoke(report)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nkept\n\n<!-- python -m bench issues -->\n\n## Issues\n\n"
                           "kept too\n\n<!-- python -m bench script -->\n\n" + SECTION)
    assert text.count(SECTION) == 1
    assert "| Default outgoing script |" in text and "| Default incoming script (first sync) |" in text
