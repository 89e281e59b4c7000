"""API benchmark: p50 / p99 latency per endpoint with 1 and 4 concurrent clients over a large synthetic store.

    python benchmarks/bench_api.py [--events 10000000] [--requests 12] [--db PATH] [--keep] [--cache]
                                   [--threads N] [--only TEXT]

The store is built as `bench_store.py` builds it (`--events` synthetic events generated in DuckDB), then
`newsevents serve` runs over it in a child process (read-only, as in production) and each endpoint is asked
`--requests` times by one client, then by four clients at once (each asking `--requests` times). Latency is the
wall time of one HTTP request as the client sees it. With a dozen requests p99 is close to the maximum: it is
the figure to watch for a noisy machine.

The server's cache of answers is off (every request is computed) unless `--cache`, and the benchmark waits for
the server's rollups (`/api/summary` says when they are built; a version without them is measured at once).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import ensure_importable

ensure_importable()

from bench_store import load_synthetic  # noqa: E402

from newsevents.store import EventStore  # noqa: E402

YEAR = {"from": "2020-01-01", "to": "2020-12-31"}
ENDPOINTS = [
    ("events dyad=USA:IRN", "/api/events", {"dyad": "USA:IRN"}),
    ("events dyad=USA:IRN count=true", "/api/events", {"dyad": "USA:IRN", "count": "true"}),
    ("events (no filter)", "/api/events", {}),
    ("dyads/top, one year", "/api/dyads/top", YEAR),
    ("dyads/top, all", "/api/dyads/top", {}),
    ("map, one year", "/api/map", YEAR),
    ("map, all", "/api/map", {}),
    ("timeline weekly, one year", "/api/timeline", {**YEAR, "freq": "week"}),
    ("dyads/series USA:IRN weekly", "/api/dyads/series", {"dyad": "USA:IRN", "freq": "week"}),
    # What the dashboard asks besides: a dyad's page with its count, a period that is not whole months, the
    # count of a period (map tab), the actors list, the alerts, the summary; and an actor on either side.
    ("events dyad, one year, 100, count", "/api/events",
     {"dyad": "USA:IRN", **YEAR, "page_size": "100", "count": "true"}),
    ("events one year, count (map tab)", "/api/events", {**YEAR, "page_size": "1", "count": "true"}),
    ("dyads/top 2020-01-15..2020-11-20", "/api/dyads/top", {"from": "2020-01-15", "to": "2020-11-20"}),
    ("dyads/series USA:IRN, one year", "/api/dyads/series", {"dyad": "USA:IRN", **YEAR}),
    ("actors (100)", "/api/actors", {"limit": "100"}),
    ("actors q=USA", "/api/actors", {"q": "USA"}),
    ("alerts", "/api/alerts", {}),
    ("summary", "/api/summary", {}),
    ("events actor=USA", "/api/events", {"actor": "USA"}),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(path: Path, port: int, cache: bool, threads: int | None) -> tuple[subprocess.Popen, float]:
    """Start the server; wait until it answers and its rollups are built (a version without them: until it
    answers). Returns the process and the seconds it took."""
    env = {**os.environ, "NEWSEVENTS_API_CACHE_MB": "64" if cache else "0"}
    if threads is not None:
        env["NEWSEVENTS_THREADS"] = str(threads)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    deadline = started + 600
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=30)
            state = response.json().get("rollups", {}).get("state") if response.status_code == 200 else None
            if response.status_code == 200 and state not in ("attached", "building"):
                if state not in (None, "ready"):
                    print(f"  rollups: {response.json()['rollups']}")
                return proc, time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"the server did not start: {proc.stderr.read()}")


def _latencies(base: str, path: str, params: dict, clients: int, requests: int) -> tuple[list[float], list[int]]:
    """The latency of every request, and the status codes of those that failed (a 503: the server's time
    limit; its latency counts as measured)."""
    def one_client(_: int) -> tuple[list[float], list[int]]:
        out, failed = [], []
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(requests):
                t0 = time.perf_counter()
                response = client.get(path, params=params)
                out.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    failed.append(response.status_code)
        return out, failed

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one_client, range(clients)))
    return [t for ts, _ in results for t in ts], [code for _, codes in results for code in codes]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=12, help="requests per client and endpoint")
    parser.add_argument("--db", help="store file (default: a temporary file); an existing one is reused")
    parser.add_argument("--keep", action="store_true", help="keep the store file")
    parser.add_argument("--cache", action="store_true", help="keep the server's cache of answers on (repeated "
                                                             "requests are then answered from memory)")
    parser.add_argument("--threads", type=int, help="the server's DuckDB threads (default: its setting)")
    parser.add_argument("--only", help="only the endpoints whose label contains this text (or one of these, "
                                       "comma-separated)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench_api_"))
    path = Path(args.db) if args.db else workdir / "api.duckdb"
    if not path.exists():
        with EventStore.open(path) as store:
            seconds = load_synthetic(store, args.events)
        print(f"  built {args.events:,} synthetic events in {seconds:.1f} s", flush=True)
    with EventStore.open(path, read_only=True) as store:
        n = store.counts()["events"]
    port = _free_port()
    server, ready_s = _serve(path, port, args.cache, args.threads)
    print(f"newsevents API benchmark: {n:,} events, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.requests} requests per client; cache "
          f"{'on' if args.cache else 'off'}; server ready in {ready_s:.1f} s", flush=True)
    print(f"  {'endpoint':<34} {'1 client p50':>12} {'p99':>8} {'4 clients p50':>14} {'p99':>8}   (ms)")
    worst = {1: 0.0, 4: 0.0}
    try:
        base = f"http://127.0.0.1:{port}"
        for label, url, params in ENDPOINTS:
            if args.only and not any(part in label for part in args.only.split(",")):
                continue
            if httpx.get(base + url, params=params, timeout=120).status_code == 400:  # also the warm-up
                print(f"  {label:<34} {'not in this version':>12}")
                continue
            figures, failed = [], []
            for clients in (1, 4):
                ts, codes = _latencies(base, url, params, clients, args.requests)
                figures += [statistics.median(ts) * 1000, _p(ts, 0.99) * 1000]
                worst[clients] = max(worst[clients], _p(ts, 0.99) * 1000)
                failed += [f"{len(codes)} of {len(ts)} failed with {clients} client{'s' * (clients > 1)} "
                           f"({', '.join(sorted({str(c) for c in codes}))})"] if codes else []
            print(f"  {label:<34} {figures[0]:12.0f} {figures[1]:8.0f} {figures[2]:14.0f} {figures[3]:8.0f}"
                  + (f"   {'; '.join(failed)}" if failed else ""), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"  RATIO api worst p99 / target: 1 client {worst[1]:.0f} ms / 300 = {worst[1] / 300:.2f}; "
          f"4 clients {worst[4]:.0f} ms / 600 = {worst[4] / 600:.2f}")
    if not args.keep and not args.db:
        path.unlink()
        workdir.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
