"""``python -m bench script`` still runs (a smoke run: its figures are not judged here) and writes its own
section of the report, in place, leaving the rest of the report as it was."""

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


def test_a_smoke_run_writes_its_section_once_and_keeps_the_rest(tmp_path):
    report = tmp_path / "RESULTS.md"
    report.write_text("# Benchmark results\n\n## Other\n\nkept\n", encoding="utf-8")
    smoke(report)
    smoke(report)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\n## Other\n\nkept\n\n" + SECTION)
    assert text.count(SECTION) == 1
    assert "| Default outgoing script |" in text and "| Default incoming script (first sync) |" in text
