"""The Groovy corpus: snippets under ``corpus/<area>/``, what real Groovy printed for each under
``expected/<area>/``, and the two ways of running them — every snippet in one real Groovy JVM
(``runner.groovy``) and each through ``exalate-emulator script run`` — put in the same recorded form.

A recording is what the snippet printed, exactly; when it threw, one more line ``! <message>`` (after a
newline, if the output did not end with one). A snippet whose first line is ``// groovy4: <why>`` prints
something else on Groovy 2.4 (Debian's) than on Groovy 4 (the product's): its ``.out`` holds Groovy 4's
result, written by hand, and ``.groovy24.out`` what 2.4 printed."""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
RUNNER = HERE / "runner.groovy"
GROOVY4_MARK = "// groovy4:"
GROOVY_MISSING = "groovy not installed: apt-get install groovy"
# A snippet runs as a file of this name, so that Groovy's messages name the class Script1 on both sides.
SCRIPT_FILE = "Script1.groovy"
# What may surround Groovy's message in the emulator's error output, taken away before comparing: the words of
# the groovy command ("Caught: groovy.lang.MissingPropertyException: ...", then "\tat ..." lines), the script
# and line before it ("Script1.groovy: 3: ...", a column may follow) or the line after it ("... at line: 3").
STACK_FRAME = re.compile(r"^\s+at ")
SURROUNDINGS = (re.compile(r"^Caught: "), re.compile(r"^(?:[A-Za-z_$][\w$]*\.)+[\w$]*(?:Exception|Error): "),
                re.compile(r"^\S+\.groovy: \d+(?::\d+)?: "), re.compile(r" at line: \d+(?:, column: \d+)?$"))
REAL_GROOVY_TIMEOUT = 600


def snippets() -> list[Path]:
    return sorted(CORPUS.rglob("*.groovy"))


def name_of(snippet: Path) -> str:
    """``area/name``, the snippet's id in test names and reports."""
    return snippet.relative_to(CORPUS).with_suffix("").as_posix()


def groovy4_reason(snippet: Path) -> str | None:
    first = snippet.read_text(encoding="utf-8").split("\n", 1)[0]
    return first[len(GROOVY4_MARK):].strip() if first.startswith(GROOVY4_MARK) else None


def expected_path(snippet: Path, groovy24: bool = False) -> Path:
    """The recording to compare with: Groovy 4's (``.out``), or for a marked snippet on Groovy 2.4 its
    ``.groovy24.out``."""
    base = EXPECTED / snippet.relative_to(CORPUS).with_suffix("")
    if groovy24 and groovy4_reason(snippet) is not None:
        return base.with_suffix(".groovy24.out")
    return base.with_suffix(".out")


def recorded(stdout: str, error: str | None) -> str:
    if error is None:
        return stdout
    separator = "" if stdout == "" or stdout.endswith("\n") else "\n"
    return f"{stdout}{separator}! {error}\n"


# --- real Groovy ---------------------------------------------------------------------------------------

def groovy_environment() -> dict[str, str] | None:
    """The environment real Groovy runs in, or None when ``groovy`` is not installed. Debian's ``groovy``
    wants JAVA_HOME; when it is not set, the JDK is the one the ``java`` on PATH belongs to."""
    if shutil.which("groovy") is None:
        return None
    environment = dict(os.environ)
    if not environment.get("JAVA_HOME"):
        java = shutil.which("java")
        if java is None:
            return None
        environment["JAVA_HOME"] = str(Path(java).resolve().parents[1])
    return environment


def run_real_groovy(paths: list[Path]) -> dict[Path, str]:
    """Every snippet through real Groovy in one JVM: each path with its recording."""
    environment = groovy_environment()
    if environment is None:
        raise RuntimeError(GROOVY_MISSING)
    run = subprocess.run(["groovy", str(RUNNER), *map(str, paths)], env=environment, capture_output=True,
                         text=True, encoding="utf-8", timeout=REAL_GROOVY_TIMEOUT, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"groovy {RUNNER.name} failed ({run.returncode}): {run.stderr.strip()}")
    return {Path(result["path"]): recorded(result["stdout"], result["error"])
            for result in json.loads(run.stdout)}


# --- the emulator --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EmulatorRun:
    stdout: str
    stderr: str
    status: int

    def recording(self) -> str:
        """The run in recorded form: the output, then on a failure Groovy's message alone."""
        if self.status == 0:
            return self.stdout
        return recorded(self.stdout, error_message(self.stderr))


def error_message(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    frames = [number for number, line in enumerate(lines) if STACK_FRAME.match(line)]
    message = "\n".join(lines[:frames[0]] if frames else lines)
    for surrounding in SURROUNDINGS:
        message = surrounding.sub("", message, count=1)
    return message


def call_cli(arguments: list[str]) -> int:
    """``plugin.cli.main`` in this process; its exit status whether it returns it or exits with it."""
    from plugin.cli import main

    try:
        status = main(arguments)
    except SystemExit as exit_:
        status = exit_.code
    if status is None:
        return 0
    return status if isinstance(status, int) else 1


def script_run_arguments(snippet: Path, folder: Path) -> list[str]:
    """``script run`` of the snippet copied into FOLDER as Script1.groovy, the name real Groovy ran it under."""
    script = folder / SCRIPT_FILE
    script.write_text(snippet.read_text(encoding="utf-8"), encoding="utf-8")
    return ["script", "run", str(script)]


def run_emulator(snippet: Path) -> EmulatorRun:
    """``exalate-emulator script run SNIPPET`` in this process, its output captured. A crash of the emulator
    itself is that snippet's result, not the end of the report."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory(prefix="groovy-corpus-") as folder, \
            contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = call_cli(script_run_arguments(snippet, Path(folder)))
        except Exception as crash:
            stderr.write(f"emulator crashed: {type(crash).__name__}: {crash}")
            status = 1
    return EmulatorRun(stdout.getvalue(), stderr.getvalue(), status)


def mismatch(snippet: Path, expected: str, actual: str, actual_label: str) -> str:
    """A unified diff of the recording against what ran, empty when they agree."""
    recording = expected_path(snippet).relative_to(HERE).as_posix()
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        fromfile=recording, tofile=f"{name_of(snippet)} ({actual_label})"))
