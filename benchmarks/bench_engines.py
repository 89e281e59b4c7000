"""Throughput and CPU of the engines with 1 and 2 workers: speed-up, CPU efficiency, peak memory per worker.

usage: python benchmarks/bench_engines.py [CORPUS.jsonl] [--articles 384] [--partition-size 16]
                                          [--engines processes,dask,dask-defaults] [--workers 1,2] [--rounds 3]
                                          [--json]

The corpus (default samples/news.jsonl) is repeated, with fresh ids, to `--articles` articles; near-duplicate
detection is off, so every copy is parsed. For each engine and worker count the workers are started once and
warmed up (each loads spaCy and the dictionaries: that start-up is reported apart, as `start s`), then the
corpus is coded once, timed from the first article handed over to the last result received. `local` (the
coder in this process, no workers) is the baseline. Each configuration runs `--rounds` times, the order of
the configurations rotating from round to round; the table gives each figure's median.

CPU is the user + system time of the driver and of every process under it (pool workers; Dask's workers, whose
nannies and scheduler run in the driver), over the timed run: what the run cost, whoever did the work, and
not what other jobs on the machine took. Speed-up is articles/s over that of 1 worker of the same engine;
CPU efficiency is the speed-up over the workers (1.0: each worker as fast as one alone); `CPU x` is the CPU
over that of 1 worker (the same work, so above 1.0 is overhead), and `vs local` the CPU over the local
baseline's. On a machine with C cores the speed-up cannot exceed min(N, C), and a loaded machine gives a
second worker no core: the efficiency then falls while the CPU stays put.

Peak memory is each worker process's peak resident set (`VmHWM` in /proc, `ru_maxrss` on Dask workers): what
one worker needs, spaCy's C allocations included.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import psutil

from _common import DEFAULT_CORPUS, ensure_importable  # benchmarks/ is on sys.path when run as a script

DASK_DEFAULTS = "dask-defaults"


def load_corpus(path: Path, n: int) -> list:
    from newsevents.model import Article
    from newsevents.sources import read_articles

    base = [a for a in read_articles([str(path)]) if isinstance(a, Article)]
    if not base:
        raise SystemExit(f"no articles in {path}")
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{i // len(base)}")
            for i in range(n)]


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def worker_peaks(engine) -> list[float]:
    backend = engine.backend
    if backend.name == "local":
        return [peak_rss_mb()]
    if backend.name == "processes":
        pids = list(backend._pool._processes)  # the pool's worker processes
        return [m for m in (_vm_hwm_mb(pid) for pid in pids) if m is not None]
    return list(backend.client.run(peak_rss_mb).values())


def cpu_times() -> dict[int, float]:
    """User + system CPU seconds of this process and of every process under it, by pid."""
    me = psutil.Process()
    out = {me.pid: sum(me.cpu_times()[:2])}
    for child in me.children(recursive=True):
        try:
            out[child.pid] = sum(child.cpu_times()[:2])
        except psutil.Error:  # it ended meanwhile
            pass
    return out


def measure(engine_name: str, workers: int, corpus: list, partition_size: int) -> dict:
    from newsevents.engines import EngineCoder, EngineOptions, backends

    options = EngineOptions(engine="dask" if engine_name == DASK_DEFAULTS else engine_name, workers=workers,
                            partition_size=partition_size, dedup=False)
    started = time.perf_counter()
    with _dask_settings(engine_name, backends), EngineCoder(options) as engine:
        # Warm-up: one partition per worker at once, so that every worker loads its coder before the timing.
        warm = corpus[: partition_size * max(workers, 1)]
        for _ in engine.code_many(warm):
            pass
        start_s = time.perf_counter() - started
        before, load = cpu_times(), os.getloadavg()[0]
        t0 = time.perf_counter()
        events = sum(len(out) for _, out in engine.code_many(corpus))
        run_s = time.perf_counter() - t0
        after = cpu_times()
        peaks = worker_peaks(engine)
    spent = {pid: cpu - before.get(pid, 0.0) for pid, cpu in after.items()}
    driver = spent.pop(os.getpid())
    words = sum(len(a.text.split()) for a in corpus)
    return {"engine": engine_name, "workers": workers if engine_name != "local" else 0, "articles": len(corpus),
            "events": events, "start_s": round(start_s, 2), "run_s": round(run_s, 2),
            "articles_per_s": round(len(corpus) / run_s, 2), "words_per_s": round(words / run_s),
            "cpu_s": round(driver + sum(spent.values()), 2), "driver_cpu_s": round(driver, 2),
            "load_average": round(load, 2), "peak_rss_mb_per_worker": [round(p) for p in peaks]}


@contextlib.contextmanager
def _dask_settings(engine_name: str, backends):
    """`dask-defaults`: the Dask engine with Dask's own settings, not backends.QUIET_DASK (to compare)."""
    quiet = backends.QUIET_DASK
    if engine_name == DASK_DEFAULTS:
        backends.QUIET_DASK = {}
    try:
        yield
    finally:
        backends.QUIET_DASK = quiet


def medians(runs: list[dict]) -> dict:
    """One configuration's runs: the median of each figure (the first run's peaks)."""
    out = dict(runs[0])
    for key in ("start_s", "run_s", "articles_per_s", "words_per_s", "cpu_s", "driver_cpu_s", "load_average"):
        out[key] = round(statistics.median(r[key] for r in runs), 2)
    out["rounds"] = len(runs)
    return out


def efficiency(rows: list[dict]) -> None:
    """Add speed-up, CPU efficiency and CPU ratios (against 1 worker of the engine, and against local)."""
    local = next((r for r in rows if r["engine"] == "local"), None)
    for r in rows:
        one = next((o for o in rows if o["engine"] == r["engine"] and o["workers"] in (0, 1)), None)
        if one is not None:
            r["speed_up"] = round(r["articles_per_s"] / one["articles_per_s"], 2)
            r["cpu_efficiency"] = round(r["speed_up"] / max(r["workers"], 1), 2)
            r["cpu_vs_one_worker"] = round(r["cpu_s"] / one["cpu_s"], 2)
        if local is not None:
            r["cpu_vs_local"] = round(r["cpu_s"] / local["cpu_s"], 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--articles", type=int, default=384, help="articles to code (the corpus repeated)")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--engines", default="processes,dask", help="comma-separated: processes, dask, "
                        f"{DASK_DEFAULTS} (the Dask engine with Dask's own settings)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--no-local", action="store_true", help="skip the in-process baseline")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each configuration (medians reported)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = parser.parse_args(argv)
    ensure_importable()
    corpus = load_corpus(Path(args.corpus), args.articles)
    counts = [int(w) for w in args.workers.split(",")]
    plan = ([] if args.no_local else [("local", 1)]) + [(e, w) for e in args.engines.split(",") for w in counts]
    runs: dict[tuple[str, int], list[dict]] = {step: [] for step in plan}
    every = []
    for round_ in range(args.rounds):
        for engine_name, workers in plan[round_ % len(plan):] + plan[:round_ % len(plan)]:
            every.append(measure(engine_name, workers, corpus, args.partition_size))
            runs[(engine_name, workers)].append(every[-1])
            if not args.json:
                print(f"round {round_ + 1}: {_row(every[-1])}", file=sys.stderr, flush=True)
    rows = [medians(runs[step]) for step in plan]
    efficiency(rows)
    scaling = {}
    for engine_name in args.engines.split(","):
        by_workers = {r["workers"]: r["articles_per_s"] for r in rows if r["engine"] == engine_name}
        if 1 in by_workers:
            scaling[engine_name] = {w: round(v / by_workers[1], 2) for w, v in by_workers.items() if w != 1}
    machine = {"cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
               "platform": platform.platform()}
    equal = len({r["events"] for r in every}) == 1
    if args.json:
        print(json.dumps({"machine": machine, "partition_size": args.partition_size, "rounds": args.rounds,
                          "medians": rows, "runs": every, "scaling": scaling, "same_event_count": equal}, indent=2))
    else:
        print(f"\nmachine: {machine['usable_cpus']} usable CPUs, Python {machine['python']}; "
              f"{len(corpus)} articles, partitions of {args.partition_size}; medians of {args.rounds} rounds")
        print(_header())
        for r in rows:
            print(_row(r))
        for engine_name, ratios in scaling.items():
            print(f"scaling {engine_name}: "
                  + ", ".join(f"{w} workers = {x:.2f}x one worker" for w, x in ratios.items()))
        for r in rows:
            if "cpu_efficiency" in r and r["engine"] != "local":
                print(f"RATIO {r['engine']} {r['workers']} worker(s): speed-up {r['speed_up']:.2f}, CPU efficiency "
                      f"{r['cpu_efficiency']:.2f}, CPU {r['cpu_vs_one_worker']:.2f}x one worker, "
                      f"{r.get('cpu_vs_local', float('nan')):.2f}x local")
        print(f"same number of events in every run: {equal}")
    return 0 if equal else 1


def _header() -> str:
    return (f"{'engine':<10} {'workers':>7} {'start s':>8} {'run s':>7} {'articles/s':>11} {'words/s':>8} "
            f"{'CPU s':>7} {'driver':>7} {'speed-up':>9} {'effic.':>7} {'CPU x':>6} {'vs local':>8} {'load':>5}  "
            f"peak RSS/worker MB")


def _row(r: dict) -> str:
    peaks = ", ".join(str(p) for p in r["peak_rss_mb_per_worker"])
    extra = "".join(f" {r[k]:>{w}.2f}" if k in r else f" {'':>{w}}" for k, w in (
        ("speed_up", 9), ("cpu_efficiency", 7), ("cpu_vs_one_worker", 6), ("cpu_vs_local", 8)))
    return (f"{r['engine']:<10} {r['workers']:>7} {r['start_s']:>8.1f} {r['run_s']:>7.1f} {r['articles_per_s']:>11.1f} "
            f"{r['words_per_s']:>8,} {r['cpu_s']:>7.1f} {r['driver_cpu_s']:>7.2f}{extra} {r['load_average']:>5.1f}  "
            f"{peaks}")


if __name__ == "__main__":
    raise SystemExit(main())
