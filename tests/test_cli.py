"""The ``exalate-emulator`` command line, without starting it (tests/live/ starts it)."""

from __future__ import annotations

import os

from plugin.cli import build_parser, default_workers


def test_defaults_follow_the_machine():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.platform) == ("127.0.0.1", 2990, "jira-server")
    assert args.workers == default_workers() == max(1, min(4, os.cpu_count() or 1))
