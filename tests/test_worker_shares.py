"""How the worker processes of one ``serve`` share the connections of its port (``plugin.server.WorkerShares``):
a worker accepts while it holds no more than the fewest a live sibling holds; a silent sibling does not count."""

from __future__ import annotations

import os

from plugin.server import WorkerShares


def _workers(count: int, now: float = 100.0) -> list[WorkerShares]:
    shares = WorkerShares(count)
    views = []
    for index in range(count):
        view = WorkerShares.__new__(WorkerShares)
        view.__dict__.update(shares.__dict__)
        view.take(index)
        view.may_accept(0, now)
        views.append(view)
    return views


def test_the_worker_holding_more_declines_and_the_one_holding_fewest_accepts():
    first, second = _workers(2)
    assert second.may_accept(0, 100.0)
    assert not first.may_accept(3, 100.0)
    assert second.may_accept(2, 100.0)
    assert first.may_accept(3, 100.0) is False and second.may_accept(3, 100.0)
    assert first.may_accept(3, 100.0)  # equal: both accept


def test_a_sibling_silent_for_longer_than_stale_after_does_not_count():
    first, second = _workers(2, now=100.0)
    later = 100.0 + WorkerShares.STALE_AFTER + 0.1
    assert first.may_accept(5, later)  # the sibling holding none has not looked in since 100.0


def test_a_released_slot_no_longer_holds_anything():
    first, second, third = _workers(3)
    second.may_accept(1, 100.0)
    third.may_accept(4, 100.0)
    assert not third.may_accept(4, 100.0)
    first.release(0)  # the supervisor, once the first worker has ended
    assert not third.may_accept(4, 100.0)  # the second still holds fewer
    second.release(1)
    assert third.may_accept(4, 100.0)


def test_the_counts_are_seen_across_fork():
    first, second = _workers(2)
    child = os.fork()
    if child == 0:  # the sibling, in its own process
        second.may_accept(7, 100.0)
        os._exit(0)
    os.waitpid(child, 0)
    assert first.may_accept(6, 100.0)
    assert not second.may_accept(8, 100.0)
