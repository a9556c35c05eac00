"""Fault injection between real nodes: a proxy in front of one ``exalate-emulator serve`` process
misbehaves on demand (down, slow past the timeout, HTTP 500, garbage, the connection dropped
mid-answer, the answer lost after the work was done) while another node calls it.

Run ``python tests/faults.py`` for a summary table (scenario, expected, observed);
``tests/test_faults.py`` runs the same scenarios under pytest."""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from factories import initiate_body  # noqa: E402
from live.instances import LiveInstance, free_port  # noqa: E402

TIMEOUT = 1.5  # the nodes' outbound timeout in these scenarios
FAULTS = ("down", "slow", "error", "garbage", "dropped", "answer-lost")


class FaultProxy:
    """Forwards to ``target`` or misbehaves, as ``fault`` says; ``None`` is healthy."""

    def __init__(self, target: str):
        self.target = target
        self.fault: str | None = None
        self.server = _QuietServer(("127.0.0.1", free_port()), _handler(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # hanging up on the caller is what some faults are for


def _handler(proxy: FaultProxy):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - the http.server API
            self._handle()

        def do_POST(self):  # noqa: N802
            self._handle()

        def _handle(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            fault = proxy.fault
            if fault == "slow":
                time.sleep(TIMEOUT + 1)
            if fault == "error":
                return self._send(500, b'{"errorMessages":["Internal server error"],"errors":{}}')
            if fault == "garbage":
                return self._send(200, b"\x00\x13garbage, not JSON at all")
            if fault == "dropped":
                self.send_response(200)
                self.send_header("Content-Length", "5000")
                self.end_headers()
                self.wfile.write(b'{"url": "http://')
                self.close_connection = True
                return None
            answer = requests.request(self.command, proxy.target + self.path, data=body, timeout=30,
                                      headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
            if fault == "answer-lost":
                self.close_connection = True  # the work is done over there; the answer never arrives
                return None
            return self._send(answer.status_code, answer.content)

        def _send(self, status: int, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@dataclass
class Outcome:
    scenario: str
    expected: str
    observed: str

    @property
    def ok(self) -> bool:
        return self.expected == self.observed


class Lab:
    """Two real nodes; calls from ``caller`` to ``callee`` pass through ``proxy``."""

    def __init__(self, folder: Path):
        # No cached node info: every scenario must reach the misbehaving proxy.
        args = ("--workers", "1", "--outbound-timeout", str(TIMEOUT), "--compatibility-cache", "0")
        (folder / "caller").mkdir()
        (folder / "callee").mkdir()
        self.caller = LiveInstance(free_port(), folder / "caller", args).start()
        callee_port = free_port()
        self.proxy = FaultProxy(f"http://127.0.0.1:{callee_port}")
        # The callee announces the proxy as its URL, so the caller always goes through it.
        self.callee = LiveInstance(callee_port, folder / "callee", (*args, "--base-url", self.proxy.url)).start()
        self._names = 0

    def close(self) -> None:
        self.caller.stop()
        self.callee.stop()
        self.proxy.close()

    def name(self) -> str:
        self._names += 1
        return f"fault_{self._names}"

    def totals(self) -> tuple[int, int]:
        return tuple(i.api.get(i.rest("/connections")).json()["total"] for i in (self.caller, self.callee))

    # ------------------------------------------------------------------ scenarios

    def compatibility(self, fault: str) -> str:
        self.proxy.fault = fault
        url = self._destination(fault)
        report = self.caller.api.post(self.caller.rest("/compatibility"), json={"destinationUrl": url}).json()
        self.proxy.fault = None
        problem = report["problem"]["code"] if report["problem"] else "none"
        return f"problem {problem}, modes offered: {sum(m['available'] for m in report['modes'])}"

    def accept(self, fault: str) -> str:
        """The callee initiated; the caller accepts, calling the callee (the initiator)."""
        initiated = self.callee.api.post(self.callee.rest("/connections"), json=initiate_body(
            localShortName="C", remoteShortName="D", name=self.name())).json()
        before = self.totals()
        self.proxy.fault = fault
        body = {"invitationCode": initiated["invitationCode"], "projectKey": "SUP"}
        failed = self._accept_through(fault, body)
        self.proxy.fault = None
        unchanged = self.totals()[0] == before[0]
        retried = self.caller.api.post(self.caller.rest("/invitations/accept"), json=body)
        statuses = [self.caller.api.get(self.caller.rest("/connections")).json()["total"] - before[0],
                    self.callee.api.get(self.callee.rest(f"/connections/{initiated['connection']['id']}")).json()[
                        "status"]]
        return (f"{failed.status_code}, caller unchanged: {unchanged}, retry {retried.status_code}, "
                f"ends on caller: {statuses[0]}, initiator {statuses[1]}")

    def visual(self, fault: str) -> str:
        before = self.totals()
        self.proxy.fault = fault
        body = initiate_body(destinationUrl=self.proxy.url, mode="VISUAL", localShortName="C", remoteShortName="D",
                             name=self.name(), destinationProjectKey="SUP",
                             destinationAdmin={"username": "admin", "password": "admin"})
        failed = self.caller.api.post(self.caller.rest("/connections"), json=body)
        self.proxy.fault = None
        unchanged = self.totals() == before
        retried = self.caller.api.post(self.caller.rest("/connections"), json=body)
        return f"{failed.status_code}, unchanged: {unchanged}, retry {retried.status_code}"

    def _destination(self, fault: str) -> str:
        return f"http://127.0.0.1:{free_port()}" if fault == "down" else self.proxy.url

    def _accept_through(self, fault: str, body: dict) -> requests.Response:
        if fault != "down":
            return self.caller.api.post(self.caller.rest("/invitations/accept"), json=body)
        self.callee.stop()
        try:
            return self.caller.api.post(self.caller.rest("/invitations/accept"), json=body)
        finally:
            self.callee.start()


EXPECTED_PROBLEM = {"down": "CONNECTION_REFUSED", "slow": "TIMEOUT", "error": "HTTP_ERROR",
                    "garbage": "NOT_EXALATE", "dropped": "CONNECTION_FAILED"}
ACCEPT_STATUS = {"down": 502, "slow": 504, "error": 502, "garbage": 502, "dropped": 502, "answer-lost": 502}


def scenarios() -> list[tuple[str, str, str]]:
    """(scenario, lab method, fault, expected observation), written from the rules, not the code."""
    rows = []
    for fault in FAULTS:
        if fault != "answer-lost":
            rows.append((f"compatibility check, destination {fault}", "compatibility", fault,
                         f"problem {EXPECTED_PROBLEM[fault]}, modes offered: 0"))
        rows.append((f"accept, initiator {fault}", "accept", fault,
                     f"{ACCEPT_STATUS[fault]}, caller unchanged: True, retry 201, ends on caller: 1, "
                     "initiator ACTIVE"))
        if fault != "down":
            rows.append((f"visual creation, destination {fault}", "visual", fault,
                         f"{ACCEPT_STATUS[fault]}, unchanged: True, retry 201"))
    return rows


def run(lab: Lab, row) -> Outcome:
    scenario, method, fault, expected = row
    return Outcome(scenario, expected, getattr(lab, method)(fault))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="exalate-faults-") as folder:
        lab = Lab(Path(folder))
        try:
            outcomes = [run(lab, row) for row in scenarios()]
        finally:
            lab.close()
    width = max(len(o.scenario) for o in outcomes)
    print(f"{'scenario':<{width}}  ok  expected / observed")
    for outcome in outcomes:
        print(f"{outcome.scenario:<{width}}  {'yes' if outcome.ok else 'NO '} {outcome.expected}")
        if not outcome.ok:
            print(f"{'':<{width}}      observed: {outcome.observed}")
    failed = sum(not o.ok for o in outcomes)
    print(f"\n{len(outcomes) - failed} of {len(outcomes)} scenarios as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
