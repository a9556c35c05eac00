"""Real instances for tests: ``exalate-emulator serve`` processes on free loopback ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import requests
from factories import REST

from plugin.cli import wait_until_up


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveInstance:
    """One running emulator process; ``api`` is a requests session logged in as admin."""

    port: int
    data_dir: Path
    extra_args: tuple[str, ...] = ()
    process: subprocess.Popen | None = None
    api: requests.Session = field(default_factory=requests.Session)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rest(self, path: str) -> str:
        return self.url + REST + path

    def start(self) -> LiveInstance:
        command = [sys.executable, "-m", "plugin.cli", "serve", "--port", str(self.port),
                   "--data-dir", str(self.data_dir), "--log-level", "WARNING", *self.extra_args]
        log = open(self.data_dir.parent / f"instance-{self.port}.log", "ab")  # noqa: SIM115 - kept by the process
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
        wait_until_up(self.url, self.process)
        self.api.auth = ("admin", "admin")
        return self

    def stop(self) -> int:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=15)
        self.process = None
        return code

    def restart(self) -> LiveInstance:
        self.stop()
        return self.start()


def start_instances(tmp_path: Path, count: int, *extra_args: str, database=None) -> list[LiveInstance]:
    """``count`` instances, each with its own database: SQLite in its data folder, or a new
    database made by ``database()`` (e.g. on PostgreSQL)."""
    instances = []
    for number in range(count):
        data_dir = tmp_path / f"node-{number}"
        data_dir.mkdir()
        args = tuple(extra_args) + (("--database", database()) if database else ())
        instances.append(LiveInstance(free_port(), data_dir, args).start())
    return instances


# ------------------------------------------------------------------ awaiting what the workers do

def twin_states(instance: LiveInstance, keys: list[str]) -> list[str]:
    """The sync status of each issue's first twin, as its instance's REST API answers it."""
    return [instance.api.get(instance.rest(f"/issues/{key}/sync-status")).json()["twins"][0]["status"]
            for key in keys]


def answers(url: str) -> bool:
    try:
        requests.get(url + "/status", timeout=1)
    except requests.RequestException:
        return False
    return True
