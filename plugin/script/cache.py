"""Parsed scripts kept for reuse, one per rules text: every connection has an outgoing and an incoming script,
and a sync runs them again and again, so each text is parsed once while it is in use (least recently used
texts leave first when the cache is full)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

# Room for the rules of 1,024 connections (two scripts each); a parsed script of the default rules is a few
# tens of kilobytes.
DEFAULT_CACHE_SIZE = 2048


class ProgramCache:
    """A bounded least-recently-used map from a script's digest to its parse, safe across threads."""

    def __init__(self, size: int = DEFAULT_CACHE_SIZE):
        self._size = size
        self._programs: OrderedDict[bytes, object] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return self._size

    def resize(self, size: int) -> None:
        with self._lock:
            self._size = max(size, 0)
            self._trim()

    def clear(self) -> None:
        with self._lock:
            self._programs.clear()

    def get(self, source: str, parse: Callable[[str], object]):
        key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest()
        with self._lock:
            program = self._programs.get(key)
            if program is not None:
                self._programs.move_to_end(key)
                return program
        program = parse(source)  # outside the lock: a long parse does not hold up the other workers
        with self._lock:
            self._programs[key] = program
            self._trim()
        return program

    def _trim(self) -> None:
        while len(self._programs) > self._size:
            self._programs.popitem(last=False)
