"""The benchmark's report file: a part run alone (``python -m bench issues``) replaces its own sections
and keeps the others'."""

from __future__ import annotations

from bench.report import merged

EXALATE = "# Benchmark results\n\n## Targets\n\nold figures\n"


def test_a_part_is_added_after_the_sections_already_there():
    assert merged(EXALATE, {"issues": "## Issues\n\nnew"}) == (
        EXALATE + "\n<!-- python -m bench issues -->\n\n## Issues\n\nnew\n")


def test_a_part_run_again_replaces_only_its_sections():
    both = merged(EXALATE, {"issues": "## Issues\n\nfirst"})
    assert merged(both, {"issues": "## Issues\n\nsecond"}) == merged(EXALATE, {"issues": "## Issues\n\nsecond"})


def test_the_first_part_run_alone_keeps_the_others():
    both = merged(EXALATE, {"issues": "## Issues\n\nkept"})
    again = merged(both, {"exalate": "# Benchmark results\n\nnew figures"})
    assert again.startswith("# Benchmark results\n\nnew figures\n") and again.endswith("## Issues\n\nkept\n")


def test_a_new_report_holds_what_was_run():
    assert merged("", {"issues": "## Issues"}) == "<!-- python -m bench issues -->\n\n## Issues\n"


def test_a_latency_only_sync_report_says_the_throughput_was_not_measured():
    from bench.sync import Latency, SyncResults, render

    latency = Latency(rounds=(0.05, 0.06, 0.07), info=(0.002, 0.002, 0.002), on_b=3)
    report = render(SyncResults(latency, [], "Throughput was not measured (`--latency-only`)."))
    assert "| Create on A → twin readable on B | 60.0 |" in report
    assert "Throughput was not measured (`--latency-only`)." in report


def test_sync_can_measure_the_latency_alone():
    from bench import run

    assert run.build_parser().parse_args(["sync", "--latency-only"]).latency_only
