"""The worker thread: woken by new work rather than its poll, and alive after a step that failed."""

from __future__ import annotations

import contextlib
import threading

from plugin.exalate.sync.worker import Worker

WAIT = 10.0  # seconds: a bound, never a pace


class Steps:
    """A step that counts its calls and tells each one to whoever waits."""

    def __init__(self, failures: int = 0):
        self.calls = 0
        self.failures = failures
        self.called = threading.Condition()

    def __call__(self) -> bool:
        with self.called:
            self.calls += 1
            self.called.notify_all()
        if self.calls <= self.failures:
            raise RuntimeError("this step failed")
        return False

    def await_calls(self, count: int) -> bool:
        with self.called:
            return self.called.wait_for(lambda: self.calls >= count, WAIT)


def test_a_sleeping_worker_is_woken_by_new_work():
    steps = Steps()
    worker = Worker(steps, contextlib.nullcontext, poll_seconds=3600)  # only a wake-up can bring a second step
    worker.start()
    try:
        assert steps.await_calls(1)
        worker.wake()
        assert steps.await_calls(2)
    finally:
        worker.stop()
    assert not worker.thread.is_alive()


def test_a_worker_goes_on_after_a_step_that_failed():
    steps = Steps(failures=1)
    worker = Worker(steps, contextlib.nullcontext, poll_seconds=3600)
    worker.start()
    try:
        assert steps.await_calls(2)
    finally:
        worker.stop()
