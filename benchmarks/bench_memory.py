"""Peak memory of `newsevents code` and `newsevents ingest` on long articles and on large files (issue #13:
memory is bounded).

    .venv/bin/python benchmarks/bench_memory.py                       # 3 articles of 250,000 characters
    .venv/bin/python benchmarks/bench_memory.py --chars 900000 --articles 3 --max-mib 1024
    .venv/bin/python benchmarks/bench_memory.py --corpus-mb 200 --window 1200     # 20 minutes a command
    .venv/bin/python benchmarks/bench_memory.py --corpus-mb 200 --coder bench_null_coder:make   # no parse
    .venv/bin/python benchmarks/bench_memory.py --corpus-mb 10 --new-names 40 --commands code   # new words
    .venv/bin/python benchmarks/bench_memory.py --input big.jsonl

Inputs, one of:

- long articles (the default): `--articles` articles of `--chars` characters each (the sample news, repeated);
- a large file (`--corpus-mb N`): about N MB of distinct articles, each 4 to 12 paragraphs drawn at random
  (seeded) from the 385 paragraphs of `samples/news.jsonl`, in random order, with its own id, source and
  publication date (2022-2024). Two articles share a paragraph set with a chance of about 1e-15, and ones
  that share most paragraphs stay far below the 0.9 near-duplicate threshold: near-duplicate detection finds
  no copies, so every article is parsed (`--write-corpus PATH` keeps the file). The paragraphs repeat a few
  thousand words, where real news brings new names, places and numbers all the time (spaCy's vocabulary grows
  with each one it keeps): `--new-names N` gives N names in each article a random tail ("Tehranqxv");
- `--input PATH`: a JSONL file of yours.

Each command runs as a child process (`--commands code,ingest`). Every `--interval` seconds the parent reads
the child's resident memory (`VmRSS`, `/proc`) and how far it has read its input (the offset of the input's
file descriptor); at the end, the child's peak resident memory from its own rusage (`os.wait4`: spaCy's,
NumPy's and DuckDB's C allocations included). With `--window S` a command still running after S seconds is
stopped (SIGKILL): the figures then cover the part of the input it read, which is reported. The peak of each
quarter of the run shows whether memory was still growing. `--coder MODULE:FACTORY` runs another coder
(`bench_null_coder:make` parses nothing: everything but spaCy, over the whole file). `--max-mib N` makes it
exit 1 when a peak is over N MiB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import signal
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ensure_importable

HERE = Path(__file__).resolve().parent
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}")
SOURCES = ("Meridian Wire", "Daily Ledger", "The Courier", "Harbor Times", "Northern Post", "Globe Report")


def sample_texts() -> list[str]:
    return [json.loads(line)["text"] for line in DEFAULT_CORPUS.read_text(encoding="utf-8").splitlines()]


def long_articles(path: Path, articles: int, chars: int) -> None:
    texts = sample_texts()
    body, i = "", 0
    while len(body) < chars:
        body += texts[i % len(texts)] + "\n\n"
        i += 1
    with path.open("w", encoding="utf-8") as fh:
        for n in range(articles):
            fh.write(json.dumps({"id": f"long-{n}", "text": body[:chars], "published": "2024-05-15"}) + "\n")


def distinct_articles(path: Path, megabytes: float, seed: int = 13, new_names: int = 0) -> int:
    """About `megabytes` MB of distinct articles made of sample paragraphs (see the module's docstring), with
    `new_names` names in each made new."""
    paragraphs = [p.strip() for text in sample_texts() for p in text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    limit, written, n = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while written < limit:
            text = with_new_names("\n\n".join(rng.sample(paragraphs, rng.randint(4, 12))), new_names, rng)
            source = rng.choice(SOURCES)
            published = start + dt.timedelta(rng.randrange(1096))
            line = json.dumps({"id": f"gen-{n:07d}", "published": published.isoformat(), "source": source,
                               "url": f"https://example.org/{source.split()[-1].lower()}/{n}", "text": text}) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def with_new_names(text: str, count: int, rng: random.Random) -> str:
    """`text` with up to `count` of its names (capitalised words inside a sentence) given a random tail of three
    letters ("Tehran" -> "Tehranqxv"): words no article had before, as the long tail of names, places and
    numbers in real news brings them (the sample paragraphs alone repeat a few thousand words)."""
    ends = [m.end() for m in NAME.finditer(text)]
    for end in sorted(rng.sample(ends, min(count, len(ends))), reverse=True):
        text = text[:end] + "".join(rng.choice(string.ascii_lowercase) for _ in range(3)) + text[end:]
    return text


def _proc(pid: int, path: Path) -> tuple[float | None, int | None]:
    """(VmRSS in MiB, offset of the open input file) of a running process, None where unreadable."""
    rss = offset = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                    pos = Path(f"/proc/{pid}/fdinfo/{fd}").read_text().split("\n")[0]
                    offset = max(offset or 0, int(pos.split()[1]))
            except OSError:
                continue
    except OSError:
        pass
    return rss, offset


def measure(argv: list[str], corpus: Path, window: float | None, interval: float) -> dict:
    """Run one child, sampling it, until it ends or `window` seconds pass (then kill it)."""
    size = corpus.stat().st_size
    samples: list[tuple[float, float, int | None]] = []
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        stopped = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - started
            rss, offset = _proc(child.pid, corpus.resolve())
            if rss is not None:
                samples.append((elapsed, rss, offset))
            if window is not None and elapsed >= window:
                child.send_signal(signal.SIGKILL)
                stopped = True
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(interval)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        errors = err.read()
    if child.returncode != 0 and not stopped:
        raise SystemExit(f"{' '.join(argv[3:5])} failed:\n{errors[-2000:]}")
    read = size if not stopped else max((o for _, _, o in samples if o is not None), default=0)
    quarters = []
    for q in range(4):
        lo, hi = seconds * q / 4, seconds * (q + 1) / 4
        quarters.append(round(max((r for t, r, _ in samples if lo <= t < hi), default=0.0)))
    return {"seconds": round(seconds, 1), "stopped": stopped, "peak_mib": round(usage.ru_maxrss / 1024, 1),
            "read_mb": round(read / 1e6, 1), "input_mb": round(size / 1e6, 1), "quarter_peaks_mib": quarters,
            "summary": [line for line in errors.splitlines() if "articles" in line][-3:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--chars", type=int, default=250_000)
    parser.add_argument("--corpus-mb", type=float, default=None, help="a file of about this many MB of "
                                                                      "distinct articles instead")
    parser.add_argument("--new-names", type=int, default=0, help="with --corpus-mb: make this many names in "
                                                                   "each article new words")
    parser.add_argument("--input", type=Path, default=None, help="a JSONL file to read instead")
    parser.add_argument("--write-corpus", type=Path, default=None, help="keep the generated file here")
    parser.add_argument("--commands", default="code,ingest")
    parser.add_argument("--window", type=float, default=None, help="stop a command after this many seconds")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between samples")
    parser.add_argument("--coder", default=None, metavar="MODULE:FACTORY")
    parser.add_argument("--max-mib", type=float, default=None, help="exit 1 when a peak is over this")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    ensure_importable()
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), os.environ.get("PYTHONPATH")) if p)
    with tempfile.TemporaryDirectory() as tmp:
        if args.input is not None:
            corpus, what = args.input, f"{args.input}"
        elif args.corpus_mb is not None:
            corpus = args.write_corpus or Path(tmp) / "corpus.jsonl"
            n = distinct_articles(corpus, args.corpus_mb, new_names=args.new_names)
            what = f"{n:,} distinct articles" + (f", {args.new_names} new names each" if args.new_names else "")
        else:
            corpus = Path(tmp) / "long.jsonl"
            long_articles(corpus, args.articles, args.chars)
            what = f"{args.articles} x {args.chars:,} characters"
        base = [sys.executable, "-m", "newsevents"]
        extra = ["--coder", args.coder] if args.coder else []
        argvs = {"code": base + ["code", str(corpus), "--no-progress", "-o", os.devnull] + extra,
                 "ingest": base + ["ingest", str(corpus), "--no-progress", "--db", str(Path(tmp) / "bench.duckdb")]
                 + extra}
        results = {c: measure(argvs[c], corpus, args.window, args.interval) for c in args.commands.split(",")}
    figures = {"input": what, "coder": args.coder or "default", "window_s": args.window, **results}
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"input: {what} ({next(iter(results.values()))['input_mb']} MB); coder {figures['coder']}")
        for command, r in results.items():
            ended = f"stopped after {r['seconds']} s" if r["stopped"] else f"done in {r['seconds']} s"
            print(f"{command:<7} {ended}, read {r['read_mb']} MB: peak {r['peak_mib']} MiB; peak by quarter "
                  f"{' / '.join(str(q) for q in r['quarter_peaks_mib'])} MiB")
            for line in r["summary"]:
                print(f"        {line}")
    over = [c for c, r in results.items() if args.max_mib is not None and r["peak_mib"] > args.max_mib]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
