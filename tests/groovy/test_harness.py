"""The corpus itself and the harness that judges it: every snippet recorded, errors in one form, and
real Groovy found (or its absence named) without a machine-specific path."""

from __future__ import annotations

import os
import stat
from collections import Counter

import pytest

from groovy.harness import (
    CORPUS,
    EXPECTED,
    GROOVY4_MARK,
    EmulatorRun,
    expected_path,
    groovy4_reason,
    groovy_environment,
    snippets,
)

SNIPPETS = snippets()


def test_the_corpus_is_large_and_holds_errors():
    errors = [s for s in SNIPPETS if "\n! " in "\n" + expected_path(s).read_text(encoding="utf-8")]
    assert len(SNIPPETS) >= 220
    assert len(errors) >= 25


def test_every_snippet_has_its_recordings():
    missing = [s for s in SNIPPETS if not expected_path(s).is_file() or not expected_path(s, groovy24=True).is_file()]
    assert missing == []


def test_every_recording_has_its_snippet():
    recorded = {path.relative_to(EXPECTED).as_posix().split(".")[0] for path in EXPECTED.rglob("*.out")}
    assert recorded == {s.relative_to(CORPUS).with_suffix("").as_posix() for s in SNIPPETS}


def test_snippets_marked_for_groovy4_are_few_and_say_why():
    marked = [s for s in SNIPPETS if groovy4_reason(s) is not None]
    assert 0 < len(marked) <= 5
    assert all(groovy4_reason(s) for s in marked), f"{GROOVY4_MARK} needs a reason"
    assert all(expected_path(s) != expected_path(s, groovy24=True) for s in marked)


def test_snippet_names_are_unique_across_areas():
    assert Counter(s.relative_to(CORPUS).as_posix() for s in SNIPPETS).most_common(1)[0][1] == 1


# What the emulator may print around Groovy's message, and the recording each run comes to.
ERROR_RUNS = {
    "the script and line before": ("before\n", "Script1.groovy: 2: No such property: x for class: Script1\n",
                                   "before\n! No such property: x for class: Script1\n"),
    "the line after": ("", "Cannot get property 'name' on null object at line: 4\n",
                       "! Cannot get property 'name' on null object\n"),
    "the groovy command's words": ("n=1\n", "Caught: java.lang.IllegalStateException: stopped at 2: done\n"
                                            "\tat Script1.run(Script1.groovy:3)\n", "n=1\n! stopped at 2: done\n"),
    "only the exception's class": ("", "Caught: java.lang.Exception: Error: bad\n\tat Script1.run(Script1.groovy:1)\n",
                                   "! Error: bad\n"),
    "a message of several lines": ("", "Caught: groovy.lang.MissingMethodException: No signature of method: x\n"
                                       "Possible solutions: y\n\tat Script1.run(Script1.groovy:1)\n",
                                   "! No signature of method: x\nPossible solutions: y\n"),
    "after unfinished output": ("partial", "Script1.groovy: 3:7: boom\n", "partial\n! boom\n"),
}


@pytest.mark.parametrize(("stdout", "stderr", "recording"), ERROR_RUNS.values(), ids=ERROR_RUNS.keys())
def test_an_emulator_error_is_recorded_as_groovys_message(stdout, stderr, recording):
    assert EmulatorRun(stdout, stderr, 1).recording() == recording


def test_a_clean_run_is_its_output():
    assert EmulatorRun("a\nb", "", 0).recording() == "a\nb"


def test_without_groovy_there_is_no_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert groovy_environment() is None


def _executable(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_jdk_is_the_one_java_on_path_belongs_to(monkeypatch, tmp_path):
    """Debian's groovy needs JAVA_HOME; when it is unset, the JDK is found from the java on PATH."""
    bin_folder = tmp_path / "bin"
    _executable(bin_folder / "groovy")
    (bin_folder / "java").symlink_to(_executable(tmp_path / "jdk" / "bin" / "java"))
    monkeypatch.setenv("PATH", str(bin_folder))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert groovy_environment()["JAVA_HOME"] == str((tmp_path / "jdk").resolve())


def test_a_java_home_given_is_kept(monkeypatch, tmp_path):
    _executable(tmp_path / "groovy")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("JAVA_HOME", os.fspath(tmp_path / "elsewhere"))
    assert groovy_environment()["JAVA_HOME"] == str(tmp_path / "elsewhere")
