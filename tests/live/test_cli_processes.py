"""The ``exalate-emulator`` command as real processes: serve with several workers, clean shutdown,
the demo."""

from __future__ import annotations

import contextlib
import http.client
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from factories import REST

from live.instances import LiveInstance, free_port


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def test_several_workers_share_the_port_and_stop_together(tmp_path):
    instance = LiveInstance(free_port(), tmp_path, ("--workers", "3")).start()
    try:
        workers = _children(instance.process.pid)
        assert len(workers) == 3
        for _ in range(10):
            assert requests.get(instance.rest("/info")).status_code == 200
    finally:
        assert instance.stop() == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_a_worker_that_dies_is_replaced(tmp_path):
    instance = LiveInstance(free_port(), tmp_path, ("--workers", "2")).start()
    try:
        victim = next(iter(_children(instance.process.pid)))
        os.kill(victim, signal.SIGKILL)
        replaced = _wait_for(lambda: len(_children(instance.process.pid) - {victim}) == 2)
        assert replaced
        assert requests.get(instance.rest("/info")).status_code == 200
    finally:
        instance.stop()


def _holders(server_port: int, client_ports: list[int], pids: set[int]) -> dict[int, int]:
    """Which of ``pids`` holds the server's end of each connection from ``client_ports``: pid -> how many."""
    inodes = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(address.rsplit(":", 1)[1], 16) for address in fields[1:3])
        if local == server_port and remote in client_ports:
            inodes[f"socket:[{fields[9]}]"] = remote
    held = {}
    for pid in pids:
        links = {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}
        held[pid] = len(links & set(inodes))
    return held


def _until_each_serves(port: int, workers: set[int], timeout: float = 20) -> None:
    """Until each worker has answered a request: a worker counts for the others once it serves, and the
    first to start up takes every connection until then."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while seen != workers:
        assert time.monotonic() < deadline, f"only {seen} of {workers} answered"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", REST + "/info")
        connection.getresponse().read()
        held = _holders(port, [connection.sock.getsockname()[1]], workers)
        seen |= {pid for pid, count in held.items() if count}
        connection.close()
    time.sleep(0.2)  # each has seen its connection close


def test_a_clients_kept_alive_connections_spread_over_the_workers(tmp_path):
    """Sixteen connections opened at once, as a client's pool does, each kept alive for its next request, and
    then sixteen more: each of the two workers holds about half of them, so that both cores answer."""
    port = free_port()
    instance = LiveInstance(port, tmp_path, ("--workers", "2")).start()
    connections = []
    try:
        workers = _children(instance.process.pid)
        _until_each_serves(port, workers)
        for _ in range(2):  # twice: the second round meets workers that already hold connections
            opened = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(16)]
            for connection in opened:
                connection.request("GET", REST + "/info")
            for connection in opened:
                answer = connection.getresponse()
                assert answer.status == 200 and answer.getheader("Connection", "").lower() != "close"
                answer.read()
            connections += opened
        held = _holders(port, [connection.sock.getsockname()[1] for connection in connections], workers)
        assert sum(held.values()) == 32 and max(held.values()) - min(held.values()) <= 2, held
    finally:
        for connection in connections:
            connection.close()
        instance.stop()


def _is_running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's parent may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_stop_when_the_supervisor_is_killed_and_the_port_can_be_reused(tmp_path):
    instance = LiveInstance(free_port(), tmp_path, ("--workers", "2")).start()
    workers = _children(instance.process.pid)
    try:
        instance.process.kill()
        instance.process.wait(timeout=10)
        assert _wait_for(lambda: not any(_is_running(pid) for pid in workers))
        assert instance.start().api.get(instance.rest("/info")).status_code == 200
    finally:
        for pid in workers:  # what this test started must not outlive it
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        instance.stop()


def _wait_for(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def ignoring_ctrl_c() -> None:
    """As a shell without job control starts a command in the background."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("started", ["in the foreground", "in the background"])
def test_demo_connects_two_instances_and_stops_on_ctrl_c(tmp_path, started):
    ports = [str(free_port()), str(free_port())]
    demo = subprocess.Popen([sys.executable, "-m", "plugin.cli", "demo", "--ports", *ports],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=ignoring_ctrl_c if started == "in the background" else None,
                            env={**os.environ, "EXALATE_EMULATOR_HOME": str(tmp_path)})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in demo.stdout], daemon=True).start()
    output = ""
    try:
        while "Press Ctrl+C" not in output:
            output += lines.get(timeout=60)
        assert "Congratulations! The connection is set up." in output
        assert "Status on A: ACTIVE; status on B: ACTIVE" in output
        assert f"http://127.0.0.1:{ports[1]}/plugins/servlet/exalate/connections" in output
        assert f"http://127.0.0.1:{ports[0]}/browse/DEMO-1" in output
        assert f"http://127.0.0.1:{ports[1]}/browse/SUP-1" in output
        twin = requests.get(f"http://127.0.0.1:{ports[1]}/rest/api/2/issue/SUP-1", auth=("admin", "admin"))
        assert twin.json()["fields"]["summary"] == "Printer on fire"
        connections = requests.get(f"http://127.0.0.1:{ports[0]}{REST}/connections", auth=("admin", "admin"))
        assert connections.json()["results"][0]["status"] == "ACTIVE"
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            code = demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(demo.pid, signal.SIGKILL)  # the demo and both instances: none outlives the test
            raise
    assert code == 0
