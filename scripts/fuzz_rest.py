"""Run schemathesis against a live instance (``tox -e schemathesis``): start ``exalate-emulator
serve`` on a free loopback port with a fresh database, point ``schemathesis run`` at its OpenAPI
document as the administrator, print how many requests were sent and how long it took, stop it.

Arguments after the script name go to ``schemathesis run`` (checks, phases, example counts)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plugin.cli import wait_until_up
from plugin.descriptor import load_descriptor


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def count_requests(ndjson: Path) -> int:
    """The HTTP requests schemathesis sent: one interaction per request in its NDJSON events."""
    sent = 0
    for line in ndjson.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for payload in event.values():
            if isinstance(payload, dict) and "recorder" in payload:
                sent += len(payload["recorder"].get("interactions", {}))
    return sent


def main(arguments: list[str]) -> int:
    folder = Path(tempfile.mkdtemp(prefix="exalate-schemathesis-"))
    url = f"http://127.0.0.1:{free_port()}"
    port = url.rpartition(":")[2]
    log = open(folder / "instance.log", "wb")  # noqa: SIM115 - kept by the process
    # schemathesis probes every operation with wrong credentials for the administrator: with Jira's
    # usual 5 attempts the name would be locked (429) after a few probes, and every later request
    # would test the lockout instead of the operation. The lockout has its own tests.
    server = subprocess.Popen([sys.executable, "-m", "plugin.cli", "serve", "--port", port, "--data-dir",
                               str(folder / "data"), "--log-level", "WARNING", "--max-login-attempts", "1000000"],
                              stdout=log, stderr=subprocess.STDOUT)
    started = time.monotonic()
    try:
        wait_until_up(url, server)
        document = url + load_descriptor().rest_prefix + "/openapi.json"
        command = [str(Path(sys.executable).with_name("schemathesis")), "run", document, "--auth", "admin:admin",
                   "--report", "ndjson", "--report-ndjson-path", str(folder / "events.ndjson"), *arguments]
        code = subprocess.call(command)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    seconds = time.monotonic() - started
    print(f"schemathesis: {count_requests(folder / 'events.ndjson')} requests in {seconds:.0f} s "
          f"(instance log: {folder / 'instance.log'})")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
