"""``scripts/groovy_corpus.py``, as a person runs it: the report of a check, and a re-recording that leaves
the Groovy 4 result of a marked snippet alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from groovy import harness
from groovy.harness import (
    CORPUS,
    GROOVY_MISSING,
    RUNNER,
    expected_path,
    groovy4_reason,
    groovy_environment,
    snippets,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "groovy_corpus.py"
HARNESS = Path(harness.__file__).resolve()
pytestmark = pytest.mark.live


def run_script(*arguments: str, script: Path = SCRIPT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(script), *arguments], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)


def copy_of_the_corpus(folder: Path, snippet: Path) -> Path:
    """The script and the harness with one snippet and its recordings, in FOLDER: a re-recording there cannot
    touch the repository's. Returns the copied script."""
    for source in (SCRIPT, RUNNER, HARNESS, HARNESS.with_name("__init__.py"), snippet,
                   expected_path(snippet), expected_path(snippet, groovy24=True)):
        target = folder / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return folder / SCRIPT.relative_to(ROOT)


def test_a_check_ends_with_the_pass_count_and_rate():
    run = run_script("numbers/division_is_decimal", "strings/plus_null")
    assert re.fullmatch(r"corpus: 2 snippets, [0-2] pass \(\d+\.\d %\)", run.stdout.splitlines()[-1])
    assert run.returncode == (0 if " 2 pass " in run.stdout else 1)


def test_an_unknown_snippet_is_named():
    run = run_script("numbers/no_such_snippet")
    assert (run.returncode, run.stderr.strip()) == (1, "no such snippet: numbers/no_such_snippet")


def test_recording_keeps_the_groovy4_result_of_a_marked_snippet(tmp_path):
    if groovy_environment() is None:
        pytest.skip(GROOVY_MISSING)
    marked = next(snippet for snippet in snippets() if groovy4_reason(snippet) is not None)
    script = copy_of_the_corpus(tmp_path, marked)
    groovy4, groovy24 = (tmp_path / path.relative_to(ROOT)
                         for path in (expected_path(marked), expected_path(marked, groovy24=True)))
    groovy24.unlink()
    run = run_script("--record", marked.relative_to(CORPUS).with_suffix("").as_posix(), script=script)
    assert run.returncode == 0, run.stderr
    assert groovy4.read_bytes() == expected_path(marked).read_bytes()
    assert groovy24.read_bytes() == expected_path(marked, groovy24=True).read_bytes()
