"""The Groovy corpus (tests/groovy/corpus) against its recordings (tests/groovy/expected).

``python scripts/groovy_corpus.py`` runs every snippet through the emulator (``exalate-emulator script
run``, in this process) and prints each mismatch as a unified diff, then the pass count and rate; exit
status 1 when any snippet differs.

``python scripts/groovy_corpus.py --record`` runs every snippet through real Groovy, in one JVM (Debian's
``groovy``; JAVA_HOME, when not set, is found from ``java`` on PATH), and writes what it printed as the
recordings. A snippet marked ``// groovy4: <why>`` keeps its ``.out`` (Groovy 4's result, written by hand);
only its ``.groovy24.out`` is written. Name snippets (``area/name`` or paths) to record or check only those."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from groovy.harness import (  # noqa: E402
    CORPUS,
    expected_path,
    groovy4_reason,
    mismatch,
    name_of,
    run_emulator,
    run_real_groovy,
    snippets,
)


def chosen(names: list[str]) -> list[Path]:
    if not names:
        return snippets()
    paths = []
    for name in names:
        path = Path(name) if name.endswith(".groovy") else CORPUS / f"{name}.groovy"
        if not path.is_file():
            raise SystemExit(f"no such snippet: {name}")
        paths.append(path.resolve())
    return paths


def record(paths: list[Path]) -> int:
    results = run_real_groovy(paths)
    for snippet in paths:
        marked = groovy4_reason(snippet) is not None
        target = expected_path(snippet, groovy24=marked)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(results[snippet], encoding="utf-8")
        if marked and not expected_path(snippet).exists():
            print(f"{name_of(snippet)}: marked groovy4, write Groovy 4's result by hand in "
                  f"{expected_path(snippet).name}")
    print(f"recorded {len(paths)} snippets from real Groovy")
    return 0


def check(paths: list[Path]) -> int:
    passed = 0
    for snippet in paths:
        expected = expected_path(snippet).read_text(encoding="utf-8")
        diff = mismatch(snippet, expected, run_emulator(snippet).recording(), "emulator")
        if diff:
            print(diff, end="" if diff.endswith("\n") else "\n")
        else:
            passed += 1
    rate = 100.0 * passed / len(paths) if paths else 100.0
    print(f"corpus: {len(paths)} snippets, {passed} pass ({rate:.1f} %)")
    return 0 if passed == len(paths) else 1


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help="re-record the expectations from real Groovy")
    parser.add_argument("snippets", nargs="*", help="area/name of the snippets to take (default: all)")
    options = parser.parse_args(arguments)
    paths = chosen(options.snippets)
    return record(paths) if options.record else check(paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
