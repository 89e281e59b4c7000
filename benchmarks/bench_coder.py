"""The coder's cost over the bare spaCy pipeline it runs on, measured so that a busy machine cannot fake it.

usage: python benchmarks/bench_coder.py [CORPUS.jsonl] [--chunk 32] [--rounds 3] [--limit N] [--startup-runs 5]
                                         [--model NAME] [--json] [--max-overhead 15] [--check]

One process, one Coder. The articles are cut into chunks of `--chunk`; on each chunk, in each round, it
measures the CPU time (`time.process_time`: other processes do not count) of

- spaCy: `coder.nlp.pipe(texts)` consumed, the Coder's own Language with exactly its components (the
  memoised attribute ruler and lemmatizer of `coding/fast_attributes.py` included);
- stock: `nlp.pipe(texts)` consumed for the model as spaCy loads it (`spacy.load(model, exclude=["ner"])`: its
  own attribute ruler and lemmatizer, none of the coder's components); `--no-stock` leaves it out;
- coder: `coder.code_many(articles)` consumed, parsing included, every event built;

back to back, rotating which goes first. The ratio coder / spaCy of the same chunk in the same round is
what the machine's load cannot move much; it reports each chunk's median ratio, the min and median of all.
Since the Coder's Language is faster than the stock model, that ratio also grows when the parse gets faster;
coder / stock, paired the same way, shows the absolute gain (and spaCy / stock the parse's own change).

Start-up is measured apart, in fresh child processes (`--startup-runs` each, alternating, median): importing
spaCy and loading the model with the Coder's components (the floor), against importing and building a Coder;
the difference is the coder's own start-up. The Coder is timed with its dictionary cache as it is and, for
comparison, with no cache (`XDG_CACHE_HOME` pointed at a file, so nothing is read or written).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ROOT, ensure_importable  # benchmarks/ is on sys.path when run as a script

DEFAULT_CODER = "newsevents.coding.pipeline:Coder"
RESULT_TAG = "BENCH_RESULT "

# Child programs for the start-up figures: each prints wall and CPU seconds of its own work and its peak RSS
# (VmHWM: a child's ru_maxrss starts from its parent's, Linux keeping it across exec).
_CHILD_PRELUDE = "import time, json, sys; w, c = time.perf_counter(), time.process_time()\n"
_CHILD_REPORT = ("import re, resource\nwall, cpu = time.perf_counter() - w, time.process_time() - c\n"
                 "try:\n    rss = int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])\n"
                 "except (OSError, TypeError):\n    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
                 "print(%r + json.dumps({'wall_s': wall, 'cpu_s': cpu, 'rss_kib': rss}))" % RESULT_TAG)
STARTUP_PROGRAMS = {
    "spacy": "import spacy\nspacy.load(sys.argv[1], exclude=json.loads(sys.argv[3]))\n",
    "coder": "import importlib\nmodule, _, name = sys.argv[2].partition(':')\n"
             "getattr(importlib.import_module(module), name)(model=sys.argv[1])\n",
}
STARTUP_LABELS = {"spacy": "import spaCy + load model", "coder": "import + build Coder (cache)",
                  "coder_nocache": "import + build Coder (no cache)"}


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


def load_stock(model: str):
    """The model as spaCy loads it, without the components the Coder leaves out: its own attribute ruler and
    lemmatizer, none of the coder's components."""
    import spacy

    from newsevents.coding.nlp import UNUSED_COMPONENTS

    return spacy.load(model, exclude=list(UNUSED_COMPONENTS))


def max_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def words(articles) -> int:
    return sum(len(a.text.split()) for a in articles)


# ------------------------------------------------------------------------------------------- throughput
def cpu_time(fn) -> tuple[float, int]:
    gc.collect()
    start = time.process_time()
    count = fn()
    return time.process_time() - start, count


def measure_chunks(coder, articles, chunk: int, rounds: int, stock=None) -> dict:
    """CPU seconds of the stages on every chunk in every round, the order rotating. `stock`: the model's own
    Language, for the second ratio (None: not measured)."""
    from newsevents.settings import SETTINGS

    batch_size = SETTINGS["batch_size"].value   # what code_many parses with
    chunks = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]

    def parse_stage(nlp, arts):
        return lambda: sum(len(doc) for doc in nlp.pipe([a.text for a in arts], batch_size=batch_size))

    def coder_stage(arts):
        def run():
            results = list(coder.code_many(arts))
            if len(results) != len(arts):   # every article coded once: nothing skipped as a duplicate
                raise BenchError(f"code_many returned {len(results)} results for {len(arts)} articles")
            return sum(len(events) for _, events in results)
        return run

    stages = {"spacy": lambda arts: parse_stage(coder.nlp, arts), "coder": coder_stage}
    if stock is not None:
        stages["stock"] = lambda arts: parse_stage(stock, arts)
    for make in stages.values():   # warm-up (not timed)
        make(chunks[0])()
    seconds = {name: [[0.0] * rounds for _ in chunks] for name in stages}
    events = 0
    names = list(stages)
    for r in range(rounds):
        for i, arts in enumerate(chunks):
            k = (r + i) % len(names)
            for stage in names[k:] + names[:k]:
                seconds[stage][i][r], count = cpu_time(stages[stage](arts))
                if stage == "coder" and r == 0:
                    events += count
    spacy_s, coder_s = seconds["spacy"], seconds["coder"]
    n_words = words(articles)
    out = {
        "chunks": [{"articles": len(arts), "words": words(arts), "spacy_cpu_s": ss, "coder_cpu_s": cs,
                    "ratios": [c / s for c, s in zip(cs, ss)],
                    "median_ratio": statistics.median(c / s for c, s in zip(cs, ss))}
                   for arts, ss, cs in zip(chunks, spacy_s, coder_s)],
        **_ratios(coder_s, spacy_s, ""),
        "spacy_cpu_s": sum(map(sum, spacy_s)), "coder_cpu_s": sum(map(sum, coder_s)),
        "spacy_words_per_s": n_words * rounds / sum(map(sum, spacy_s)),
        "coder_words_per_s": n_words * rounds / sum(map(sum, coder_s)),
        "events": events,
    }
    if stock is not None:
        stock_s = seconds["stock"]
        for c, ss in zip(out["chunks"], stock_s):
            c["stock_cpu_s"] = ss
            c["stock_ratios"] = [x / s for x, s in zip(c["coder_cpu_s"], ss)]
        out.update(_ratios(coder_s, stock_s, "stock_"))
        out.update({f"spacy_{k}": v for k, v in _ratios(spacy_s, stock_s, "stock_").items()})
        out["stock_cpu_s"] = sum(map(sum, stock_s))
        out["stock_words_per_s"] = n_words * rounds / out["stock_cpu_s"]
    return out


def _ratios(top, bottom, prefix: str) -> dict:
    """min, median and total of top / bottom paired by chunk and round; and the median over chunks of their
    fastest runs' ratio (the least-disturbed estimate)."""
    every = [t / b for ts, bs in zip(top, bottom) for t, b in zip(ts, bs)]
    return {f"{prefix}ratio_min": min(every), f"{prefix}ratio_median": statistics.median(every),
            f"{prefix}ratio_of_minima": statistics.median(min(ts) / min(bs) for ts, bs in zip(top, bottom)),
            f"{prefix}ratio_total": sum(map(sum, top)) / sum(map(sum, bottom))}


# ---------------------------------------------------------------------------------------------- start-up
def run_child(program: str, args, env: dict) -> dict:
    from newsevents.coding.nlp import UNUSED_COMPONENTS   # what the Coder leaves out of the model

    cmd = [sys.executable, "-c", _CHILD_PRELUDE + program + _CHILD_REPORT, args.model, args.coder,
           json.dumps(list(UNUSED_COMPONENTS))]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG):])
    raise BenchError(f"a start-up child failed (exit {p.returncode}):\n{p.stderr[-3000:]}")


def measure_startup(args) -> dict:
    """Median wall and CPU seconds of each start-up kind over `startup_runs` fresh processes."""
    env = os.environ.copy()
    with tempfile.TemporaryDirectory() as tmp:
        blocked = Path(tmp) / "not-a-directory"
        blocked.write_text("")   # a cache home that cannot be created: the Coder parses every table
        kinds = {"spacy": (STARTUP_PROGRAMS["spacy"], env),
                 "coder": (STARTUP_PROGRAMS["coder"], env),
                 "coder_nocache": (STARTUP_PROGRAMS["coder"], {**env, "XDG_CACHE_HOME": str(blocked)})}
        run_child(STARTUP_PROGRAMS["coder"], args, env)   # fills the cache if it is empty (not counted)
        runs: dict[str, list[dict]] = {k: [] for k in kinds}
        for n in range(args.startup_runs):
            for kind in (list(kinds) if n % 2 == 0 else list(reversed(kinds))):
                program, kind_env = kinds[kind]
                runs[kind].append(run_child(program, args, kind_env))
    out = {}
    for kind, rs in runs.items():
        out[kind] = {"wall_s": statistics.median(r["wall_s"] for r in rs),
                     "cpu_s": statistics.median(r["cpu_s"] for r in rs),
                     "rss_mib": statistics.median(r["rss_kib"] for r in rs) / 1024,
                     "runs_wall_s": [r["wall_s"] for r in rs]}
    for kind in ("coder", "coder_nocache"):
        out[kind]["overhead_wall_s"] = out[kind]["wall_s"] - out["spacy"]["wall_s"]
        out[kind]["overhead_cpu_s"] = out[kind]["cpu_s"] - out["spacy"]["cpu_s"]
    return out


# ------------------------------------------------------------------------------------------------ report
def format_report(s: dict) -> str:
    t = s["throughput"]
    has_stock = "stock_cpu_s" in t
    lines = [f"corpus {s['corpus']}: {s['articles']} articles, {s['words']:,} words; model {s['model']}; "
             f"{len(t['chunks'])} chunks of <= {s['chunk']} articles x {s['rounds']} rounds, CPU seconds "
             f"(process_time), stages rotating",
             f"{'chunk':>5}{'articles':>9}{'words':>8}{'spaCy s (median)':>18}{'coder s (median)':>18}"
             f"{'ratios (each round)':>24}{'median':>8}" + (f"{'stock s (median)':>18}{'coder/stock':>13}"
                                                           if has_stock else "")]
    for i, c in enumerate(t["chunks"]):
        stock_cols = (f"{statistics.median(c['stock_cpu_s']):>18.3f}{statistics.median(c['stock_ratios']):>13.2f}"
                      if has_stock else "")
        lines.append(f"{i:>5}{c['articles']:>9}{c['words']:>8,}{statistics.median(c['spacy_cpu_s']):>18.3f}"
                     f"{statistics.median(c['coder_cpu_s']):>18.3f}"
                     f"{' '.join(f'{r:.2f}' for r in c['ratios']):>24}{c['median_ratio']:>8.2f}{stock_cols}")
    stock = f", stock model {t['stock_words_per_s']:,.0f}" if has_stock else ""
    lines.append(f"words/s (CPU): spaCy {t['spacy_words_per_s']:,.0f}{stock}, coder {t['coder_words_per_s']:,.0f}; "
                 f"events {t['events']}")
    target = 1 + s["max_overhead_pct"] / 100
    lines.append(f"RATIO coder / spaCy (the Coder's own Language): min {t['ratio_min']:.3f}, median "
                 f"{t['ratio_median']:.3f}, all chunks {t['ratio_total']:.3f}, of fastest runs "
                 f"{t['ratio_of_minima']:.3f} (target <= {target:.2f}: {'ok' if s['overhead_ok'] else 'OVER TARGET'})")
    if has_stock:
        for label, p in (("coder / stock model (spacy.load, its own attribute ruler and lemmatizer)", "stock_"),
                         ("spaCy / stock model (the Coder's Language against the stock one)", "spacy_stock_")):
            lines.append(f"RATIO {label}: min {t[p + 'ratio_min']:.3f}, median {t[p + 'ratio_median']:.3f}, "
                         f"all chunks {t[p + 'ratio_total']:.3f}, of fastest runs {t[p + 'ratio_of_minima']:.3f}")
    lines.append(f"memory: RSS {s['rss_loaded_mib']:.0f} MiB after building the Coder, peak "
                 f"{s['peak_rss_mib']:.0f} MiB" + (" (the stock model loaded beside it)" if has_stock else ""))
    st = s.get("startup")
    if st:
        lines.append(f"start-up, median of {s['startup_runs']} fresh processes:")
        lines.append(f"  {'':<34}{'wall s':>8}{'CPU s':>8}{'over spaCy wall s':>19}{'peak RSS MiB':>14}")
        for kind, label in STARTUP_LABELS.items():
            r = st[kind]
            over = f"{r['overhead_wall_s']:+.2f}" if "overhead_wall_s" in r else ""
            lines.append(f"  {label:<34}{r['wall_s']:>8.2f}{r['cpu_s']:>8.2f}{over:>19}{r['rss_mib']:>14.0f}")
        c, n = st["coder"], st["coder_nocache"]
        lines.append(f"RATIO start-up over spaCy: {c['overhead_wall_s']:+.2f} s wall, {c['overhead_cpu_s']:+.2f} s CPU "
                     f"(no cache {n['overhead_wall_s']:+.2f} s, {n['overhead_cpu_s']:+.2f} s; target <= 1.5 s)")
    return "\n".join(lines)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                    help=f"JSONL of articles (default {DEFAULT_CORPUS.relative_to(ROOT)})")
    ap.add_argument("--model", default=None, help="spaCy model the Coder loads (default: the model setting)")
    ap.add_argument("--chunk", type=int, default=32, help="articles a chunk (default %(default)s)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds over all chunks (default %(default)s)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--startup-runs", type=int, default=5,
                    help="fresh processes per start-up kind, 0 for none (default %(default)s)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--max-overhead", type=float, default=15.0, help="target coding overhead, percent")
    ap.add_argument("--check", action="store_true", help="exit 1 when the median ratio is over the target")
    ap.add_argument("--no-stock", action="store_true",
                    help="do not load the stock model for the coder / stock ratio (saves its memory)")
    ap.add_argument("--coder", default=DEFAULT_CODER, help="MODULE:CLASS of the coder (default %(default)s)")
    args = ap.parse_args(argv)
    for name in ("chunk", "rounds"):
        if getattr(args, name) < 1:
            ap.error(f"--{name} must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    ensure_importable()
    if args.model is None:
        from newsevents.settings import SETTINGS

        args.model = SETTINGS["model"].value
    try:
        coder_class = load_coder_class(args.coder)
        articles = read_corpus(args.corpus, args.limit)
        coder = coder_class(model=args.model)
        rss_loaded = max_rss_mib()
        stock = None if args.no_stock else load_stock(args.model)
        throughput = measure_chunks(coder, articles, args.chunk, args.rounds, stock)
        peak = max_rss_mib()
        del coder, stock
        startup = measure_startup(args) if args.startup_runs > 0 else None
    except BenchError as err:
        print(f"bench_coder: {err}", file=sys.stderr)
        return 2
    summary = {"corpus": str(args.corpus), "articles": len(articles), "words": words(articles),
               "model": args.model, "chunk": args.chunk, "rounds": args.rounds, "throughput": throughput,
               "rss_loaded_mib": rss_loaded, "peak_rss_mib": peak, "startup_runs": args.startup_runs,
               "startup": startup, "max_overhead_pct": args.max_overhead,
               "overhead_ok": throughput["ratio_median"] <= 1 + args.max_overhead / 100,
               "python": sys.version.split()[0], "cpus": os.cpu_count(),
               "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}
    print(json.dumps(summary, indent=2) if args.json else format_report(summary))
    return 1 if args.check and not summary["overhead_ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
