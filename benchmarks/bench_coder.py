"""Throughput, memory and overhead of the coder against the bare spaCy pipeline it runs on.

usage: python benchmarks/bench_coder.py [CORPUS.jsonl] [--model NAME] [--repeat 3] [--limit N] [--json]
                                         [--max-overhead 15] [--check]

Each stage is measured in its own child process, so that the peak resident memory (`ru_maxrss`, which sees
spaCy's C allocations where `tracemalloc` does not) belongs to that stage alone:

- `spacy`: `list(coder.nlp.pipe(texts))`, the Coder's own Language with the components it uses;
- `coder`: `coder.code_many(articles)`, parsing included, every event built.

Each child builds the Coder, runs its stage once to warm up, then `--repeat` times, and keeps the best time.
The overhead of coding is (coder - spacy) / spacy, the target being under `--max-overhead` percent.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ROOT, ensure_importable  # benchmarks/ is on sys.path when run as a script
DEFAULT_CODER = "newsevents.coding.pipeline:Coder"

STAGES = ("spacy", "coder")
LABELS = {"spacy": "spaCy pipeline", "coder": "full coder"}
RESULT_TAG = "BENCH_RESULT "


class BenchError(Exception):
    """A condition that stops the benchmark, with a message for the user."""


def load_coder_class(spec: str):
    module_name, _, attr = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise BenchError(f"cannot import {module_name} ({err}). The coder is not written or not installed yet: "
                         f"build the project (make test) or pass --coder MODULE:CLASS.") from err
    try:
        return getattr(module, attr or "Coder")
    except AttributeError as err:
        raise BenchError(f"{module_name} has no {attr or 'Coder'}") from err


def read_corpus(path: Path, limit: int | None):
    """Articles from a JSONL file (id, text, published); records without text are skipped."""
    from newsevents.model import Article

    if not path.exists():
        raise BenchError(f"corpus not found: {path} (pass the path of a JSONL file of articles)")
    articles = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as err:
                raise BenchError(f"{path}:{n}: not JSON ({err})") from err
            if not isinstance(d, dict) or not isinstance(d.get("text"), str) or not d["text"].strip():
                continue
            published = d.get("published")
            articles.append(Article(id=str(d.get("id", n)), text=d["text"],
                                    published=dt.date.fromisoformat(published[:10]) if published else None))
            if limit and len(articles) >= limit:
                break
    if not articles:
        raise BenchError(f"no article with text in {path}")
    return articles


def max_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


# ----------------------------------------------------------------------------------------- child process
def run_stage(stage: str, args) -> dict:
    """Build the coder, warm up once, time the stage `repeat` times; report the best time and peak memory."""
    coder_class = load_coder_class(args.coder)
    articles = read_corpus(Path(args.corpus), args.limit)
    texts = [a.text for a in articles]
    t0 = time.perf_counter()
    coder = coder_class(model=args.model)
    load_s = time.perf_counter() - t0
    rss_loaded = max_rss_mib()

    def spacy_stage() -> int:
        return sum(len(doc) for doc in coder.nlp.pipe(texts))  # tokens

    def coder_stage() -> int:
        return sum(len(events) for _, events in coder.code_many(articles))  # events

    work = spacy_stage if stage == "spacy" else coder_stage
    count = work()  # warm-up
    times = []
    for _ in range(args.repeat):
        gc.collect()
        t = time.perf_counter()
        count = work()
        times.append(time.perf_counter() - t)
    return {"stage": stage, "best_s": min(times), "times_s": times, "load_s": load_s,
            "rss_after_load_mib": rss_loaded, "peak_rss_mib": max_rss_mib(),
            "tokens" if stage == "spacy" else "events": count,
            "components": list(getattr(coder.nlp, "pipe_names", []))}


def child_main(stage: str, args) -> int:
    try:
        result = run_stage(stage, args)
    except BenchError as err:
        print(err, file=sys.stderr)
        return 2
    print(RESULT_TAG + json.dumps(result))
    return 0


# ---------------------------------------------------------------------------------------- parent process
def measure(stage: str, args) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, str(args.corpus), "--model", args.model,
           "--repeat", str(args.repeat), "--coder", args.coder]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG):])
    raise BenchError(f"the {stage} measurement failed (exit {p.returncode}):\n{p.stderr[-3000:]}")


def summarise(args, articles, results: dict) -> dict:
    n_articles = len(articles)
    n_words = sum(len(a.text.split()) for a in articles)
    for r in results.values():
        r["articles_per_s"] = n_articles / r["best_s"]
        r["words_per_s"] = n_words / r["best_s"]
    spacy_s, coder_s = results["spacy"]["best_s"], results["coder"]["best_s"]
    overhead = (coder_s - spacy_s) / spacy_s * 100
    return {"corpus": str(args.corpus), "articles": n_articles, "words": n_words, "model": args.model,
            "repeat": args.repeat, "warmup": 1, "stages": results, "overhead_pct": overhead,
            "max_overhead_pct": args.max_overhead, "overhead_ok": overhead < args.max_overhead,
            "events": results["coder"].get("events"), "python": sys.version.split()[0],
            "cpus": os.cpu_count()}


def format_table(s: dict) -> str:
    lines = [f"corpus {s['corpus']}: {s['articles']} articles, {s['words']:,} words; model {s['model']}; "
             f"best of {s['repeat']} after {s['warmup']} warm-up, one process per stage",
             f"{'stage':<16}{'best s':>9}{'articles/s':>12}{'words/s':>10}{'load s':>8}"
             f"{'RSS loaded MiB':>16}{'peak RSS MiB':>14}"]
    for stage in STAGES:
        r = s["stages"][stage]
        lines.append(f"{LABELS[stage]:<16}{r['best_s']:>9.3f}{r['articles_per_s']:>12.1f}{r['words_per_s']:>10,.0f}"
                     f"{r['load_s']:>8.2f}{r['rss_after_load_mib']:>16.0f}{r['peak_rss_mib']:>14.0f}")
    verdict = "ok" if s["overhead_ok"] else "OVER TARGET"
    lines.append(f"coding overhead over spaCy: {s['overhead_pct']:+.1f}% (target < {s['max_overhead_pct']:g}%: "
                 f"{verdict})")
    if s["events"] is not None:
        lines.append(f"events: {s['events']} ({s['events'] / s['articles']:.2f} per article); "
                     f"components: {', '.join(s['stages']['coder']['components'])}")
    return "\n".join(lines)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                    help=f"JSONL of articles (default {DEFAULT_CORPUS.relative_to(ROOT)})")
    ap.add_argument("--model", default=None, help="spaCy model the Coder loads (default: the model setting)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per stage; the best is kept")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--max-overhead", type=float, default=15.0, help="target coding overhead, percent")
    ap.add_argument("--check", action="store_true", help="exit 1 when the overhead is over the target")
    ap.add_argument("--coder", default=DEFAULT_CODER, help="MODULE:CLASS of the coder (default %(default)s)")
    ap.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    ensure_importable()
    if args.model is None:
        from newsevents.settings import SETTINGS

        args.model = SETTINGS["model"].value
    if args.child:
        return child_main(args.child, args)
    try:
        load_coder_class(args.coder)
        articles = read_corpus(args.corpus, args.limit)
        results = {stage: measure(stage, args) for stage in STAGES}
    except BenchError as err:
        print(f"bench_coder: {err}", file=sys.stderr)
        return 2
    summary = summarise(args, articles, results)
    print(json.dumps(summary, indent=2) if args.json else format_table(summary))
    return 1 if args.check and not summary["overhead_ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
