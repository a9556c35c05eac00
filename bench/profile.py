"""``python -m bench.profile``: each hot read of ``python -m bench limit`` profiled in process (cProfile
around a loop of WSGI calls through the Flask test client), on a node seeded like the limit's (1,000
connections, 1,000 issues). Prints calls per request, CPU ms per request and the top functions by own time;
the calls per request are the steady figure on a shared machine."""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from plugin import create_app

from . import seed
from .bare_app import REST
from .issues import SEARCH_JQL
from .limit import AUTHORIZATION, CONNECTIONS, ISSUES, PAGE

HOT_PATHS = {
    "info": REST + "/info",
    "connections": REST + f"/connections?startAt=500&maxResults={PAGE}",
    "issue": "/rest/api/2/issue/DEMO-1",
    "search": "/rest/api/2/search?" + urlencode({"jql": SEARCH_JQL, "maxResults": PAGE}),
}


def profile(client, path: str, requests: int, top: int) -> str:
    headers = {"Authorization": AUTHORIZATION}
    for _ in range(5):  # warm: the password proven, statements compiled
        assert client.get(path, headers=headers).status_code == 200, path
    profiler = cProfile.Profile()
    started = time.process_time()
    profiler.enable()
    for _ in range(requests):
        client.get(path, headers=headers)
    profiler.disable()
    cpu_ms = (time.process_time() - started) * 1000 / requests
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    calls = stats.total_calls / requests
    stats.sort_stats("tottime").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    table = lines[lines.index(next(line for line in lines if "ncalls" in line)):]
    return "\n".join([f"{path}: {calls:,.0f} calls/request, {cpu_ms:.2f} CPU ms/request (profiled)", *table])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("paths", nargs="*", choices=[*HOT_PATHS, []], metavar="PATH",
                        help=f"which hot reads: {', '.join(HOT_PATHS)} (default: all)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        seed.seed_emulator(data, "http://127.0.0.1:2990", CONNECTIONS, ISSUES)
        app = create_app({"SQLALCHEMY_DATABASE_URI": seed.sqlite_url(seed.emulator_database(data)),
                          "BASE_URL": "http://127.0.0.1:2990", "SYNC_WORKER": False})
        client = app.test_client()
        for name in args.paths or HOT_PATHS:
            print(profile(client, HOT_PATHS[name], args.requests, args.top), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
