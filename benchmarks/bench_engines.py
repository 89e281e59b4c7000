"""Throughput of the engines with 1 and 2 workers, the scaling ratio, and peak memory per worker.

usage: python benchmarks/bench_engines.py [CORPUS.jsonl] [--articles 384] [--partition-size 16]
                                          [--engines processes,dask] [--workers 1,2] [--json]

The corpus (default samples/news.jsonl) is repeated, with fresh ids, to `--articles` articles; near-duplicate
detection is off, so every copy is parsed. For each engine and worker count the workers are started once and
warmed up (each loads spaCy and the dictionaries: that start-up is reported apart, as `start s`), then the
corpus is coded once, timed from the first article handed over to the last result received. `local` (the
coder in this process, no workers) is the baseline.

Peak memory is each worker process's peak resident set (`VmHWM` in /proc, `ru_maxrss` on Dask workers): what
one worker needs, spaCy's C allocations included. The scaling ratio is articles/s with N workers over
articles/s with 1 worker of the same engine; on a machine with C cores it cannot exceed min(N, C), and the
driver (reading, merging, writing) shares those cores.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ensure_importable  # benchmarks/ is on sys.path when run as a script


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


def measure(engine_name: str, workers: int, corpus: list, partition_size: int) -> dict:
    from newsevents.engines import EngineCoder, EngineOptions

    options = EngineOptions(engine=engine_name, workers=workers, partition_size=partition_size, dedup=False)
    started = time.perf_counter()
    with EngineCoder(options) as engine:
        # Warm-up: one partition per worker at once, so that every worker loads its coder before the timing.
        warm = corpus[: partition_size * max(workers, 1)]
        for _ in engine.code_many(warm):
            pass
        start_s = time.perf_counter() - started
        t0 = time.perf_counter()
        events = sum(len(out) for _, out in engine.code_many(corpus))
        run_s = time.perf_counter() - t0
        peaks = worker_peaks(engine)
    words = sum(len(a.text.split()) for a in corpus)
    return {"engine": engine_name, "workers": workers if engine_name != "local" else 0, "articles": len(corpus),
            "events": events, "start_s": round(start_s, 2), "run_s": round(run_s, 2),
            "articles_per_s": round(len(corpus) / run_s, 2), "words_per_s": round(words / run_s),
            "peak_rss_mb_per_worker": [round(p) for p in peaks]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--articles", type=int, default=384, help="articles to code (the corpus repeated)")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--engines", default="processes,dask", help="comma-separated: processes, dask")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--no-local", action="store_true", help="skip the in-process baseline")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = parser.parse_args(argv)
    ensure_importable()
    corpus = load_corpus(Path(args.corpus), args.articles)
    counts = [int(w) for w in args.workers.split(",")]
    plan = ([] if args.no_local else [("local", 1)]) + [(e, w) for e in args.engines.split(",") for w in counts]
    rows = []
    for engine_name, workers in plan:
        rows.append(measure(engine_name, workers, corpus, args.partition_size))
        if not args.json:
            print(_row(rows[-1]), file=sys.stderr, flush=True)
    scaling = {}
    for engine_name in args.engines.split(","):
        by_workers = {r["workers"]: r["articles_per_s"] for r in rows if r["engine"] == engine_name}
        if 1 in by_workers:
            scaling[engine_name] = {w: round(v / by_workers[1], 2) for w, v in by_workers.items() if w != 1}
    machine = {"cpus": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
               "platform": platform.platform()}
    equal = len({r["events"] for r in rows}) == 1
    if args.json:
        print(json.dumps({"machine": machine, "partition_size": args.partition_size, "runs": rows,
                          "scaling": scaling, "same_event_count": equal}, indent=2))
    else:
        print(f"\nmachine: {machine['usable_cpus']} usable CPUs, Python {machine['python']}; "
              f"{len(corpus)} articles, partitions of {args.partition_size}")
        print(_header())
        for r in rows:
            print(_row(r))
        for engine_name, ratios in scaling.items():
            print(f"scaling {engine_name}: " + ", ".join(f"{w} workers = {x:.2f}x one worker" for w, x in ratios.items()))
        print(f"same number of events in every run: {equal}")
    return 0 if equal else 1


def _header() -> str:
    return f"{'engine':<10} {'workers':>7} {'start s':>8} {'run s':>7} {'articles/s':>11} {'words/s':>8}  peak RSS/worker MB"


def _row(r: dict) -> str:
    peaks = ", ".join(str(p) for p in r["peak_rss_mb_per_worker"])
    return (f"{r['engine']:<10} {r['workers']:>7} {r['start_s']:>8.1f} {r['run_s']:>7.1f} {r['articles_per_s']:>11.1f} "
            f"{r['words_per_s']:>8,}  {peaks}")


if __name__ == "__main__":
    raise SystemExit(main())
