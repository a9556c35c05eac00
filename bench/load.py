"""A small closed-loop load generator: worker threads, each with its own ``requests.Session``,
repeat one operation for a fixed time and record the latency of each.

An operation is a plain callable that makes one or more calls and raises ``BadAnswer`` when an
answer is not the expected one, so a benchmark never reports the speed of error pages."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

Operation = Callable[[], object]
# Builds one worker's operation, with its own session: sessions are not shared between threads.
OperationFactory = Callable[[], Operation]


class BadAnswer(Exception):
    pass


@dataclass(frozen=True)
class Measurement:
    count: int
    seconds: float
    latencies: tuple[float, ...]  # seconds, sorted
    server_cpu: float  # CPU seconds the measured server spent meanwhile

    @property
    def per_second(self) -> float:
        return self.count / self.seconds

    @property
    def cpu_ms(self) -> float:
        """The server's CPU time per operation: unlike throughput, barely moved by other work on
        the machine."""
        return self.server_cpu / self.count * 1000

    @property
    def p50_ms(self) -> float:
        return self.percentile(50) * 1000

    @property
    def p99_ms(self) -> float:
        return self.percentile(99) * 1000

    @classmethod
    def combined(cls, parts: list[Measurement]) -> Measurement:
        """One measurement from several taken in turns."""
        latencies = sorted(latency for part in parts for latency in part.latencies)
        return cls(len(latencies), sum(part.seconds for part in parts), tuple(latencies),
                   sum(part.server_cpu for part in parts))

    def percentile(self, percent: float) -> float:
        """Nearest rank: the smallest latency that ``percent`` % of the operations did not exceed."""
        rank = max(1, -(-len(self.latencies) * percent // 100))
        return self.latencies[int(rank) - 1]


def measure(factory: OperationFactory, server_cpu: Callable[[], float], *, concurrency: int = 1,
            duration: float = 5.0, warmup: float = 0.5) -> Measurement:
    """Run ``concurrency`` workers for ``warmup`` seconds unrecorded, then for ``duration`` seconds;
    ``server_cpu`` reads the CPU seconds the server has used so far."""
    operations = [factory() for _ in range(concurrency)]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        _phase(pool, operations, warmup)
        cpu_before, started = server_cpu(), time.perf_counter()
        latencies = _phase(pool, operations, duration)
        seconds, cpu = time.perf_counter() - started, server_cpu() - cpu_before
    if not latencies:
        raise BadAnswer("No operation completed: raise the duration.")
    return Measurement(len(latencies), seconds, tuple(sorted(latencies)), cpu)


def _phase(pool: ThreadPoolExecutor, operations: list[Operation], duration: float) -> list[float]:
    start = threading.Barrier(len(operations))
    deadline = time.perf_counter() + duration
    futures = [pool.submit(_repeat, operation, start, deadline) for operation in operations]
    return [latency for future in futures for latency in future.result()]


def _repeat(operation: Operation, start: threading.Barrier, deadline: float) -> list[float]:
    start.wait()
    latencies = []
    clock = time.perf_counter
    while clock() < deadline:
        began = clock()
        operation()
        latencies.append(clock() - began)
    return latencies


def session(auth: tuple[str, str] | None = None) -> requests.Session:
    client = requests.Session()
    client.auth = auth
    return client


def checked(response: requests.Response, status: int = 200) -> requests.Response:
    if response.status_code != status:
        raise BadAnswer(f"{response.request.method} {response.url}: HTTP {response.status_code} "
                        f"(expected {status}): {response.text[:300]}")
    return response


def get(url: str, *, auth: tuple[str, str] | None = None) -> OperationFactory:
    def factory() -> Operation:
        client = session(auth)
        return lambda: checked(client.get(url))
    return factory


def post(url: str, body: dict, *, auth: tuple[str, str] | None = None, status: int = 200) -> OperationFactory:
    def factory() -> Operation:
        client = session(auth)
        return lambda: checked(client.post(url, json=body), status)
    return factory
