"""Orchestration: start the servers, seed them, measure, print the report and write it.

Every server is one process on a free 127.0.0.1 port with the same waitress thread count: the
emulator as ``python -m plugin.cli serve --workers 1``, the baseline as ``python -m bench.bare_app``.
``python -m bench`` measures every part; ``python -m bench exalate``, ``issues``, ``limit`` (bare Flask on
gunicorn, with wrk; ``bench.limit``), ``script`` (the sync rules' interpreter, no server), ``sync`` (issue
sync between live instances; ``bench.sync``) or ``memory`` (one node's resident memory at 100,000 issues;
``bench.memory``) one, and writes its sections of the report, keeping the others'."""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from plugin.cli import wait_until_up
from plugin.descriptor import load_descriptor

from . import issues, limit, load, memory, report, script, seed, sync
from .report import Comparison, GrowthPoint, Results

REST = load_descriptor().rest_prefix
API = "/rest/api/2"
ADMIN = ("admin", "admin")
PAGE = 50
SLICE_WARMUP = 0.1
RESULTS_FILE = Path(__file__).parent / "RESULTS.md"


@dataclass(frozen=True)
class Sizes:
    list_size: int
    growth: tuple[int, ...]
    duration: float  # seconds per measurement
    warmup: float
    rounds: int  # slices per measurement, taken in turns with the others of its group
    issues: tuple[int, int]  # issues held by the smaller and the larger node of the search figures


FULL = Sizes(list_size=10_000, growth=(100, 10_000, 100_000), duration=8.0, warmup=1.0, rounds=8,
             issues=(10_000, 100_000))
QUICK = Sizes(list_size=200, growth=(60, 600), duration=0.3, warmup=0.1, rounds=2, issues=(300, 3_000))
PARTS = report.PARTS


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def rest(self, path: str) -> str:
        return self.url + REST + path

    def api(self, path: str) -> str:
        """A Jira REST v2 resource."""
        return self.url + API + path

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process so far (Linux)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_memory_mb(self) -> float:
        """The process's high-water mark of resident memory (Linux)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmHWM is not reported on this system.")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=15)


# One measured load: the operations, and the server whose CPU time they are charged with.
Load = tuple[load.OperationFactory, Server]


class Bench:
    """The servers of one run, in a working folder that is removed at the end."""

    def __init__(self, workdir: Path, threads: int, sizes: Sizes, servers: ExitStack):
        self.workdir = workdir
        self.threads = threads
        self.sizes = sizes
        self.servers = servers
        self.names = itertools.count(1)

    def emulator(self, connections: int, issue_count: int = 0, *, workers: int = 1) -> Server:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        data_dir = self.workdir / f"emulator-{next(self.names)}"
        seed.seed_emulator(data_dir, url, connections, issue_count)
        return self.start(url, data_dir / "server.log", [
            "-m", "plugin.cli", "serve", "--port", str(port), "--data-dir", str(data_dir),
            "--workers", str(workers), "--threads", str(self.threads), "--log-level", "WARNING"])

    def bare(self, connections: int, issue_count: int = 0) -> Server:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        database = self.workdir / f"bare-{next(self.names)}.db"
        seed.seed_bare(database, url, connections, issue_count)
        return self.start(url, database.with_suffix(".log"), [
            "-m", "bench.bare_app", "--port", str(port), "--db", seed.sqlite_url(database),
            "--threads", str(self.threads)])

    def start(self, url: str, log_path: Path, arguments: list[str]) -> Server:
        with open(log_path, "ab") as log:
            process = subprocess.Popen([sys.executable, *arguments], stdout=log, stderr=subprocess.STDOUT,
                                       cwd=Path(__file__).parent.parent)
        server = Server(url, process)
        self.servers.callback(server.stop)
        try:
            wait_until_up(url, process)
        except SystemExit as exc:
            raise RuntimeError(f"{exc} Its log: {log_path.read_text()[-2000:]}") from None
        return server

    def interleaved(self, loads: dict[object, Load], *, concurrent: bool = True) -> dict[object, load.Measurement]:
        """Each load in turn, in slices, so that all of them meet whatever else the machine is
        doing alike."""
        slices: dict[object, list[load.Measurement]] = {key: [] for key in loads}
        for turn in range(self.sizes.rounds):
            for key, (factory, server) in loads.items():
                slices[key].append(load.measure(factory, server.cpu_seconds,
                                                concurrency=self.threads if concurrent else 1,
                                                duration=self.sizes.duration / self.sizes.rounds,
                                                warmup=self.sizes.warmup if turn == 0 else SLICE_WARMUP))
        return {key: load.Measurement.combined(parts) for key, parts in slices.items()}

    def compare(self, label: str, emulator: Load, bare: Load) -> Comparison:
        measured = self.interleaved({"emulator": emulator, "bare": bare})
        return Comparison(label, measured["emulator"], measured["bare"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_page(server: Server, start_at: int = 0) -> Load:
    return load.get(server.rest(f"/connections?startAt={start_at}&maxResults={PAGE}"), auth=ADMIN), server


def info(server: Server) -> Load:
    return load.get(server.rest("/info")), server


def compatibility(server: Server, destination: Server) -> Load:
    return load.post(server.rest("/compatibility"), {"destinationUrl": destination.url}, auth=ADMIN), server


def handshake(source: Server, destination: Server) -> Load:
    """Initiate a Script connection on ``source`` towards ``destination``, accept it there (the
    CPU figure is the source's alone)."""
    numbers = itertools.count(1)

    def factory() -> load.Operation:
        initiator, acceptor = load.session(ADMIN), load.session(ADMIN)

        def operation() -> None:
            name = f"Bench_{next(numbers)}"
            initiated = load.checked(initiator.post(source.rest("/connections"), json={
                "destinationUrl": destination.url, "mode": "SCRIPT", "localShortName": "JiraA",
                "remoteShortName": "JiraB", "name": name, "projectKey": "DEMO"}), 201).json()
            load.checked(acceptor.post(destination.rest("/invitations/accept"), json={
                "invitationCode": initiated["invitationCode"], "projectKey": "SUP"}), 201)
        return operation
    return factory, source


def prove_credentials(server: Server) -> None:
    """One authenticated request before any load. A password's first check runs scrypt (about
    32 MB while it runs, once per concurrent check); the memory figures are about connections."""
    load.checked(load.session(ADMIN).get(server.rest("/connections?maxResults=1")))


def run(bench: Bench) -> Results:
    emulator, bare = bench.emulator(bench.sizes.list_size), bench.bare(bench.sizes.list_size)
    destination = bench.emulator(0)
    for server in (emulator, bare):
        prove_credentials(server)
    node_info = bench.compare("`GET /info`", info(emulator), info(bare))
    connections = bench.compare(f"`GET /connections` (50 of {bench.sizes.list_size:,})", first_page(emulator),
                                first_page(bare))
    peaks = emulator.peak_memory_mb(), bare.peak_memory_mb()
    compatible = bench.compare("`POST /compatibility` (live destination)", compatibility(emulator, destination),
                               compatibility(bare, destination))
    sequential = bench.interleaved({"info": info(emulator), "handshake": handshake(emulator, destination)},
                                   concurrent=False)
    for server in (emulator, bare, destination):
        server.stop()
    sizes = bench.sizes
    return Results(bench.threads, sizes.duration, sizes.rounds, sizes.list_size, node_info, connections, compatible,
                   sequential["info"], sequential["handshake"], *peaks, measure_growth(bench))


def measure_growth(bench: Bench) -> list[GrowthPoint]:
    """First and last page of nodes holding more and more connections, all measured in turns."""
    servers = {size: bench.emulator(size) for size in bench.sizes.growth}
    for server in servers.values():
        prove_credentials(server)
    loads = {}
    for size, server in servers.items():
        loads[size, "first"] = first_page(server)
        loads[size, "last"] = first_page(server, max(0, size - PAGE))
    measured = bench.interleaved(loads, concurrent=False)
    return [GrowthPoint(size, measured[size, "first"], measured[size, "last"], server.peak_memory_mb())
            for size, server in servers.items()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART",
                        help=f"what to measure: {' and '.join(PARTS)} (default: every part)")
    parser.add_argument("--duration", type=float, help=f"seconds per measurement (default {FULL.duration:g})")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads per server and client workers "
                                                               "(default 4)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and durations: a smoke run")
    parser.add_argument("--latency-only", action="store_true",
                        help="sync: only the latency, no Bulk Exalate throughput (report written only "
                             "with --output)")
    parser.add_argument("--output", type=Path, help=f"where to write the report (default {RESULTS_FILE}; with "
                                                    "--quick, nowhere unless given)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part {', '.join(sorted(unknown))}: choose from {', '.join(PARTS)}")
    sizes = QUICK if args.quick else FULL
    if args.duration:
        sizes = replace(sizes, duration=args.duration)
    output = args.output or (None if args.quick or args.latency_only else RESULTS_FILE)
    parts = args.parts or PARTS
    blocks = {}
    with tempfile.TemporaryDirectory(prefix="exalate-bench-") as folder, ExitStack() as servers:
        bench = Bench(Path(folder), args.threads, sizes, servers)
        if "exalate" in parts:
            blocks["exalate"] = report.render(run(bench))
        if "issues" in parts:
            blocks["issues"] = issues.render(issues.run(bench))
        if "limit" in parts:
            blocks["limit"] = limit.render(limit.run(bench))
        if "script" in parts:
            blocks["script"] = script.section(quick=args.quick)
        if "sync" in parts:
            blocks["sync"] = sync.render(sync.run(bench, quick=args.quick, latency_only=args.latency_only))
        if "memory" in parts:
            blocks["memory"] = memory.render(memory.run(bench, quick=args.quick))
    print(report.merged("", blocks))
    if output:
        existing = output.read_text() if output.exists() else ""
        output.write_text(report.merged(existing, blocks))
        print(f"Written to {output}")
    return 0
