"""The sync worker thread of a process: it takes steps while there is work, then sleeps until woken by new
work queued in this process (set after the queueing transaction commits) or until a short poll interval
passes (work queued by another process of a cluster)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
FAILURE_PAUSE = 1.0


class Worker:
    def __init__(self, step: Callable[[], bool], context: Callable[[], AbstractContextManager],
                 poll_seconds: float = POLL_SECONDS):
        self.step = step
        self.context = context
        self.poll_seconds = poll_seconds
        self.woken = threading.Event()
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None

    def wake(self) -> None:
        self.woken.set()

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="exalate-sync-worker", daemon=True)
        self.thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.stopped.set()
        self.woken.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                with self.context():
                    busy = self.step()
            except Exception:  # noqa: BLE001 - a worker outlives any one failed step; the row is retried
                log.exception("A sync step failed")
                self.stopped.wait(FAILURE_PAUSE)
                continue
            if not busy:
                self.woken.wait(self.poll_seconds)
                self.woken.clear()
