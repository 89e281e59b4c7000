"""Peak memory of `newsevents code` and `newsevents ingest` on long articles (issue #13: memory is bounded).

    .venv/bin/python benchmarks/bench_memory.py                       # 3 articles of 250,000 characters
    .venv/bin/python benchmarks/bench_memory.py --chars 900000 --articles 3 --json

It writes a JSONL file of `--articles` articles of `--chars` characters each (the sample news, repeated and
cut), then runs `newsevents code` and `newsevents ingest` on it, each as a child process, and reports each
child's wall time and peak resident memory (`ru_maxrss` of the child: spaCy's and DuckDB's C allocations
included). `--max-mib N` makes it exit 1 when a peak is over N MiB.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ensure_importable


def long_articles(path: Path, articles: int, chars: int) -> None:
    texts = [json.loads(line)["text"] for line in DEFAULT_CORPUS.read_text(encoding="utf-8").splitlines()]
    body, i = "", 0
    while len(body) < chars:
        body += texts[i % len(texts)] + "\n\n"
        i += 1
    with path.open("w", encoding="utf-8") as fh:
        for n in range(articles):
            fh.write(json.dumps({"id": f"long-{n}", "text": body[:chars], "published": "2024-05-15"}) + "\n")


def peak_of(argv: list[str]) -> dict:
    """Wall seconds and peak RSS (MiB) of one child process (its own rusage, from `os.wait4`)."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv[3:5])} failed:\n{err.read()[-2000:]}")
    return {"seconds": round(seconds, 1), "peak_mib": round(usage.ru_maxrss / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--chars", type=int, default=250_000)
    parser.add_argument("--max-mib", type=float, default=None, help="exit 1 when a peak is over this")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    ensure_importable()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "long.jsonl"
        long_articles(corpus, args.articles, args.chars)
        base = [sys.executable, "-m", "newsevents"]
        results = {
            "code": peak_of(base + ["code", str(corpus), "--no-progress", "-o", os.devnull]),
            "ingest": peak_of(base + ["ingest", str(corpus), "--no-progress", "--db",
                                      str(Path(tmp) / "bench.duckdb")]),
        }
    figures = {"articles": args.articles, "chars": args.chars, **results}
    if args.json:
        print(json.dumps(figures))
    else:
        for command, r in results.items():
            print(f"{command:<7} {args.articles} x {args.chars:,} characters: {r['seconds']} s, "
                  f"peak {r['peak_mib']} MiB")
    over = [c for c, r in results.items() if args.max_mib is not None and r["peak_mib"] > args.max_mib]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
