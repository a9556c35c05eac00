"""The ``exalate-emulator`` console script: ``serve`` runs one instance, ``demo`` runs two and
connects them."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from . import create_app
from .config import DEFAULT_HOST, DEFAULT_PORT, DEFAULTS, SERVER_DEFAULTS
from .db import db
from .descriptor import load_descriptor
from .entry import sync_world
from .exalate.matrix import platform_ids
from .script.cli import add_script_commands
from .server import ServerLimits, WorkerShares, create_server, settle_heap

log = logging.getLogger("exalate-emulator")

# Each option that sets an app setting: (option's destination, the setting). Only options given
# on the command line are passed on, so the app's defaults (plugin.config) apply to the rest.
SETTINGS = (
    ("platform", "EXALATE_PLATFORM"),
    ("platform_version", "EXALATE_PLATFORM_VERSION"),
    ("exalate_version", "EXALATE_VERSION"),
    ("outbound_timeout", "OUTBOUND_READ_TIMEOUT"),
    ("compatibility_cache", "COMPATIBILITY_CACHE_SECONDS"),
    ("max_body_size", "MAX_CONTENT_LENGTH"),
    ("attachment_max_size", "ATTACHMENT_MAX_BYTES"),
    ("max_login_attempts", "LOGIN_ATTEMPTS"),
)
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def default_data_root() -> Path:
    root = os.environ.get("EXALATE_EMULATOR_HOME")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(xdg) / "exalate-emulator"


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exalate-emulator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run one Jira instance with the Exalate app")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"interface to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--base-url", help="the instance's public base URL (default http://HOST:PORT)")
    serve.add_argument("--database", help="SQLAlchemy database URL (default: SQLite in the data folder)")
    serve.add_argument("--data-dir", type=Path,
                       help="folder for the embedded database (default: a per-port folder under "
                            "$EXALATE_EMULATOR_HOME or ~/.local/share/exalate-emulator)")
    serve.add_argument("--platform", choices=platform_ids(),
                       help=f"the kind of Exalate node to present (default {DEFAULTS['EXALATE_PLATFORM']})")
    serve.add_argument("--platform-version",
                       help=f"the platform's version (default {DEFAULTS['EXALATE_PLATFORM_VERSION']})")
    serve.add_argument("--exalate-version",
                       help=f"the Exalate app's version (default {DEFAULTS['EXALATE_VERSION']})")
    serve.add_argument("--workers", type=int, default=default_workers(),
                       help="worker processes sharing the port (default: one per CPU, at most 4)")
    serve.add_argument("--threads", type=int, default=SERVER_DEFAULTS["threads"],
                       help=f"threads per worker process (default {SERVER_DEFAULTS['threads']})")
    serve.add_argument("--connection-limit", type=int, default=SERVER_DEFAULTS["connection_limit"],
                       help="open connections per worker process; when all are taken, the one that has "
                            "waited longest for its request is closed to make room "
                            f"(default {SERVER_DEFAULTS['connection_limit']})")
    serve.add_argument("--header-timeout", type=float, default=SERVER_DEFAULTS["header_timeout"],
                       metavar="SECONDS",
                       help="time a client has to send a request's line and headers, from the connection "
                            f"falling idle (default {SERVER_DEFAULTS['header_timeout']:g})")
    serve.add_argument("--body-timeout", type=float, default=SERVER_DEFAULTS["body_timeout"], metavar="SECONDS",
                       help="time a client has to send a request's body, from its headers "
                            f"(default {SERVER_DEFAULTS['body_timeout']:g})")
    serve.add_argument("--max-login-attempts", type=_at_least_one, metavar="N",
                       help="failed logins before a user name is refused for 10 minutes "
                            f"(default {DEFAULTS['LOGIN_ATTEMPTS']})")
    serve.add_argument("--max-body-size", type=int, metavar="BYTES",
                       help="largest request body accepted; larger ones are refused with 413 "
                            f"(default {DEFAULTS['MAX_CONTENT_LENGTH']})")
    serve.add_argument("--attachment-max-size", type=_at_least_one, metavar="BYTES",
                       help="largest attachment upload accepted, past --max-body-size; a larger one is "
                            "refused from its headers, as Jira refuses it "
                            f"(default {DEFAULTS['ATTACHMENT_MAX_BYTES']})")
    serve.add_argument("--outbound-timeout", type=float,
                       help="seconds to wait for another node's answer "
                            f"(default {DEFAULTS['OUTBOUND_READ_TIMEOUT']:g})")
    serve.add_argument("--compatibility-cache", type=float, metavar="SECONDS",
                       help="how long the compatibility check reuses a destination's node info "
                            f"(default {DEFAULTS['COMPATIBILITY_CACHE_SECONDS']:g}; 0: never)")
    serve.add_argument("--deny-private-addresses", action="store_true",
                       help="refuse calls to loopback and private networks (allowed by default: "
                            "on-premise instances live there)")
    serve.add_argument("--log-level", default="INFO", help="logging level (default INFO)")

    demo = commands.add_parser("demo", help="start two instances and connect them")
    demo.add_argument("--host", default=DEFAULT_HOST)
    demo.add_argument("--ports", type=int, nargs=2, default=(DEFAULT_PORT, DEFAULT_PORT + 1),
                      metavar=("PORT_A", "PORT_B"))
    demo.add_argument("--mode", default="SCRIPT", choices=("SCRIPT", "BASIC"))
    add_script_commands(commands, sync_world)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "script":
        return args.run_script_command(args)
    if args.command == "serve":
        return serve(args)
    return demo(args)


def app_config(args: argparse.Namespace) -> dict:
    base_url = (args.base_url or f"http://{args.host}:{args.port}").rstrip("/")
    database = args.database
    if not database:
        data_dir = args.data_dir or default_data_root() / f"instance-{args.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        database = "sqlite:///" + str((data_dir / "exalate.db").resolve())
    config = {
        "BASE_URL": base_url,
        "SQLALCHEMY_DATABASE_URI": database,
        "OUTBOUND_ALLOW_PRIVATE": not args.deny_private_addresses,
    }
    config.update({setting: getattr(args, option) for option, setting in SETTINGS
                   if getattr(args, option) is not None})
    return config


def serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = app_config(args)
    # Migrate and seed once, before any worker exists; each worker then opens its own database
    # connections (they must not cross a fork).
    with create_app({**config, "SYNC_WORKER": False}).app_context():  # the workers run the sync workers
        db.engine.dispose()
    listener = socket.create_server((args.host, args.port), backlog=1024)
    limits = ServerLimits(threads=args.threads, connection_limit=args.connection_limit,
                          header_timeout=args.header_timeout, body_timeout=args.body_timeout)
    log.info("Exalate for Jira (%s) at %s, database %s, %d worker(s) x %d threads",
             config.get("EXALATE_PLATFORM", DEFAULTS["EXALATE_PLATFORM"]),
             config["BASE_URL"], _redacted(config["SQLALCHEMY_DATABASE_URI"]), args.workers, args.threads)
    if args.workers <= 1:
        return _run_worker(config, listener, limits)
    return _supervise(config, listener, args.workers, limits)


def _run_worker(config: dict, listener: socket.socket, limits: ServerLimits,
                shares: WorkerShares | None = None) -> int:
    server = create_server(create_app(config), listener, limits, shares)
    settle_heap()

    def stop(signum, _frame):
        # waitress ends its loop on SystemExit and lets the requests in progress finish.
        log.info("Received signal %s, shutting down", signum)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.run()
    log.info("Stopped")
    return 0


def _supervise(config: dict, listener: socket.socket, workers: int, limits: ServerLimits) -> int:
    """Fork worker processes that share the listening socket; replace any that dies; stop them
    all on SIGTERM or Ctrl+C. Workers also stop when the supervisor dies, however it dies."""
    children: dict[int, int] = {}  # pid -> its slot in shares
    shares = WorkerShares(workers)
    stopping = False
    # Only the supervisor holds the write end: when it dies, even by SIGKILL, each worker reads
    # the end of the pipe and stops, freeing the port for the next start.
    lifeline, lifeline_held = os.pipe()

    def spawn(index: int) -> None:
        # Block the stop signals across fork: a child must never run the supervisor's handler.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        pid = os.fork()
        if pid == 0:
            os.close(lifeline_held)
            for signum in STOP_SIGNALS:
                signal.signal(signum, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
            _stop_when_closed(lifeline)
            shares.take(index)
            try:
                os._exit(_run_worker(config, listener, limits, shares))
            except BaseException:  # never back into the supervisor's loop, in the child
                log.exception("Worker %d failed", os.getpid())
                os._exit(1)
        children[pid] = index
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    for index in range(workers):
        spawn(index)
    while children:
        pid, status = os.wait()
        index = children.pop(pid, None)
        if index is None:  # not a worker
            continue
        shares.release(index)
        if not stopping:
            log.warning("Worker %d ended (status %d); starting another", pid, status)
            spawn(index)
    log.info("Stopped")
    return 0



def _stop_when_closed(lifeline: int) -> None:
    """Send this process SIGTERM once every write end of ``lifeline`` is closed."""

    def watch() -> None:
        while os.read(lifeline, 1):
            pass
        log.warning("The supervisor is gone; stopping worker %d", os.getpid())
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="supervisor-lifeline", daemon=True).start()


def _redacted(url: str) -> str:
    head, sep, tail = url.rpartition("@")
    return ("***" + sep + tail) if sep else url


# ---------------------------------------------------------------------------- demo


def demo(args: argparse.Namespace) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # each step shows as it happens, even through a pipe
    # Ctrl+C stops the demo even when it was started in the background, where the shell leaves
    # SIGINT ignored (and Python then installs no handler of its own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    port_a, port_b = args.ports
    urls = [f"http://{args.host}:{port}" for port in (port_a, port_b)]
    with tempfile.TemporaryDirectory(prefix="exalate-demo-") as folder:
        processes = [
            _start_instance(args.host, port, Path(folder) / f"instance-{port}") for port in (port_a, port_b)
        ]
        try:
            return _run_demo(urls, args.mode, processes)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=10)


def _start_instance(host: str, port: int, data_dir: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "plugin.cli", "serve", "--host", host, "--port", str(port),
               "--data-dir", str(data_dir), "--log-level", "WARNING"]
    return subprocess.Popen(command)


def _run_demo(urls: list[str], mode: str, processes: list[subprocess.Popen]) -> int:
    url_a, url_b = urls
    rest = load_descriptor().rest_prefix
    step = _Steps()
    step(f"Starting instance A at {url_a} and instance B at {url_b}")
    for url, process in zip(urls, processes, strict=True):
        wait_until_up(url, process)
    session_a, session_b = _admin_session(), _admin_session()
    step(f"A checks which configuration modes {url_b} offers")
    report = session_a.post(url_a + rest + "/compatibility", json={"destinationUrl": url_b}).json()
    print("   ", ", ".join(f"{m['mode'].capitalize()}: {'available' if m['available'] else m['reason']}"
                          for m in report["modes"]))
    step(f"A initiates a {mode.capitalize()} connection JiraA_to_JiraB (incoming sync into DEMO)")
    initiated = _ok(session_a.post(url_a + rest + "/connections", json={
        "destinationUrl": url_b, "mode": mode, "localShortName": "JiraA", "remoteShortName": "JiraB",
        "name": "JiraA_to_JiraB", "description": "Created by exalate-emulator demo", "projectKey": "DEMO",
    }))
    code = initiated["invitationCode"]
    print(f"    status on A: {initiated['connection']['status']}; invitation code: {code[:32]}…")
    step("B accepts the invitation (incoming sync into SUP)")
    accepted = _ok(session_b.post(url_b + rest + "/invitations/accept",
                                  json={"invitationCode": code, "projectKey": "SUP"}))
    print("    Congratulations! The connection is set up.")
    connection_a = _ok(session_a.get(f"{url_a}{rest}/connections/{initiated['connection']['id']}"))
    step(f"Status on A: {connection_a['status']}; status on B: {accepted['connection']['status']}")
    twins = _exalate_demo_issue(step, session_a, url_a, url_b, rest, initiated["connection"]["id"])
    print("\nOpen the Connections pages (log in as admin / admin):")
    for url in urls:
        print(f"    {url}/plugins/servlet/exalate/connections")
    if twins:
        print("\nOpen the issue and its twin:")
        for url, key in zip(urls, twins, strict=True):
            print(f"    {url}/browse/{key}")
    print("\nPress Ctrl+C to stop both instances.")
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        print()
    return 0


DEMO_TWIN_TIMEOUT = 30.0  # seconds; the workers are woken by new work, so this is only a bound


def _exalate_demo_issue(step, session: requests.Session, url_a: str, url_b: str, rest: str,
                        connection_id: int) -> tuple[str, str] | None:
    """Create an issue on A, exalate it over the connection and wait (bounded) for its twin on B: both keys,
    or None when the twin did not arrive in time."""
    issue = _ok(session.post(url_a + "/rest/api/2/issue", json={"fields": {
        "project": {"key": "DEMO"}, "issuetype": {"name": "Task"}, "summary": "Printer on fire",
        "description": "Created by exalate-emulator demo"}}))
    key = issue["key"]
    step(f"A creates {key} and exalates it over JiraA_to_JiraB")
    _ok(session.post(f"{url_a}{rest}/issues/{key}/exalate", json={"connection": connection_id}))
    deadline = time.monotonic() + DEMO_TWIN_TIMEOUT
    while time.monotonic() < deadline:
        twins = _ok(session.get(f"{url_a}{rest}/issues/{key}/sync-status"))["twins"]
        if twins and twins[0]["status"] == "SYNCHRONIZED" and twins[0]["remoteIssueKey"]:
            remote_key = twins[0]["remoteIssueKey"]
            print(f"    its twin on B is {remote_key}")
            return key, remote_key
        time.sleep(0.2)
    print(f"    its twin did not arrive on {url_b} within {DEMO_TWIN_TIMEOUT:.0f} seconds; see the Errors page")
    return None


class _Steps:
    def __init__(self):
        self.number = 0

    def __call__(self, text: str) -> None:
        self.number += 1
        print(f"[{self.number}] {text}", flush=True)


def _admin_session() -> requests.Session:
    session = requests.Session()
    session.auth = ("admin", "admin")
    return session


def _ok(response: requests.Response) -> dict:
    if response.status_code >= 400:
        raise SystemExit(f"{response.request.method} {response.url} failed: {response.status_code} {response.text}")
    return response.json()


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    """Wait until the instance at ``url`` answers its node-info resource."""
    info_url = url + load_descriptor().rest_prefix + "/info"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"The instance for {url} exited with code {process.returncode}.")
        try:
            if requests.get(info_url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit(f"The instance at {url} did not start within {timeout} seconds.")


if __name__ == "__main__":
    sys.exit(main())
