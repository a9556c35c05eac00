"""The run going on in this thread, so that work done deep inside values (comparing, printing, hashing a list
nested in itself a hundred times) counts against its step and time limits too."""

from __future__ import annotations

import threading

_state = threading.local()


def activate(runtime):
    """Make ``runtime`` the current run; returns the previous one, to restore with ``activate`` afterwards."""
    previous = getattr(_state, "runtime", None)
    _state.runtime = runtime
    return previous


def tick(count: int = 1) -> None:
    runtime = getattr(_state, "runtime", None)
    if runtime is not None:
        runtime.tick(count)
