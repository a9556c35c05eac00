"""The ``exalate-emulator`` console script: ``script …`` goes straight to the sync-rule tools (no web app
loaded, so it starts fast); everything else to plugin.cli."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["script"]:
        from .script.cli import main as script_main
        return script_main(argv, world=sync_world)
    from .cli import main as cli_main
    return cli_main(argv)


def sync_world(direction: str, issue: dict | None, replica: dict | None):
    """``script run`` with ``--issue``/``--replica``: the rules run in the sync world over the default catalog
    (plugin.exalate.scripting, loaded only then)."""
    from .exalate.scripting.cli import script_world
    return script_world(direction, issue, replica)
