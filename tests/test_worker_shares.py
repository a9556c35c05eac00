"""How the worker processes of one ``serve`` share the connections of its port (``plugin.server.WorkerShares``):
a worker accepts while it holds no more than the fewest a live sibling holds; a silent sibling does not count."""

from __future__ import annotations

import copy
import os

from plugin.server import WorkerShares


def _workers(count: int, now: float = 100.0) -> list[WorkerShares]:
    """Each worker's view of one map, as each forked process holds its own copy of the object: serving."""
    views = _starting(WorkerShares(count), range(count))
    for view in views:
        view.may_accept(0, now)
    return views


def _starting(shares: WorkerShares, indexes) -> list[WorkerShares]:
    views = []
    for index in indexes:
        view = copy.copy(shares)  # the same shared map
        view.take(index)
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


def test_a_worker_still_starting_does_not_hold_its_siblings_back():
    """A slot counts from its worker's first look, once it serves: not while it starts, nor while it fails to
    start again and again (the supervisor gives its slot to each replacement)."""
    serving, starting = _starting(WorkerShares(2), range(2))
    assert serving.may_accept(6, 100.0)
    starting.may_accept(0, 100.0)  # it serves now
    assert not serving.may_accept(6, 100.0)
