"""A process killed with SIGKILL in the middle of a burst of initiations leaves a database that
opens, passes an integrity check, and holds every connection whose creation was answered 201."""

from __future__ import annotations

import signal
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from factories import AUTH, initiate_body

from live.instances import LiveInstance, free_port


def test_sigkill_during_a_burst_loses_nothing_that_was_acknowledged(tmp_path):
    instance = LiveInstance(free_port(), tmp_path, ("--workers", "1", "--threads", "8")).start()
    acknowledged: list[str] = []
    lock = threading.Lock()
    killed = threading.Event()

    def initiate(number: int) -> None:
        name = f"burst_{number}"
        try:
            response = requests.post(instance.rest("/connections"), auth=AUTH, timeout=10, json=initiate_body(
                localShortName="A", remoteShortName="B", name=name))
        except requests.RequestException:
            return  # the process died under this request: no answer, no promise
        if response.status_code == 201:
            with lock:
                acknowledged.append(name)
                if len(acknowledged) == 40:
                    instance.process.send_signal(signal.SIGKILL)
                    killed.set()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(initiate, range(400)))
    assert killed.is_set(), "the burst ended before the process was killed"
    instance.process.wait(timeout=10)
    assert instance.process.returncode == -signal.SIGKILL

    database = tmp_path / "exalate.db"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        stored = {row[0] for row in connection.execute("SELECT name FROM connections")}
    assert set(acknowledged) <= stored

    instance.start()  # and the instance starts again on it
    assert requests.get(instance.rest("/connections"), auth=("admin", "admin")).json()["total"] == len(stored)
    instance.stop()
