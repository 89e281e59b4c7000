"""The memoised attribute ruler and lemmatizer (`coding/fast_attributes.py`) against the stock ones: the same
output on every token, and the parse's CPU time with each.

    .venv/bin/python benchmarks/bench_fast_attributes.py [CORPUS.jsonl ...] [--limit N] [--rounds 5] [--no-check]

1. Check (unless `--no-check`): each corpus is parsed by the Coder's pipeline as loaded with the stock
   components (`load_pipeline(model, fast_attributes=False)`) and as loaded by default (the memoised ones), the
   same texts side by side, and every token's ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD and SENT_START compared.
   It prints the tokens compared and those that differ per corpus (and the first differences), and exits 1
   if any differs. `--limit N` reads only the first N articles of each file.
2. Timing (`--rounds`, 0 for none): the CPU seconds (`time.process_time`) of `nlp.pipe` over the first
   corpus with each pipeline, the two alternating within each round (which goes first alternating too), after
   one untimed pass of each; best and median of the rounds, and each component's share of the fastest round.
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ensure_importable

ensure_importable()

import numpy  # noqa: E402
from spacy.attrs import DEP, HEAD, IDS, LEMMA, MORPH, ORTH, POS, SENT_START, TAG  # noqa: E402

COMPARED = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]
NAMES = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START"]


def texts_of(path: Path, limit: int | None) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                text = json.loads(line).get("text")
                if text:
                    texts.append(text)
                    if limit and len(texts) >= limit:
                        break
    return texts


def describe(doc, i: int) -> str:
    t = doc[i]
    return f"{t.text!r} {t.tag_} {t.pos_} {t.morph} {t.lemma_} {t.dep_} head={t.head.i} start={t.is_sent_start}"


def check(stock, fast, path: Path, limit: int | None, batch_size: int) -> int:
    """Tokens that differ between the two pipelines' parses of a corpus (printed with the tokens compared)."""
    texts = texts_of(path, limit)
    tokens = differ = 0
    start = time.perf_counter()
    for n, (a, b) in enumerate(zip(stock.pipe(texts, batch_size=batch_size), fast.pipe(texts, batch_size=batch_size))):
        x, y = a.to_array(COMPARED), b.to_array(COMPARED)
        tokens += len(a)
        if len(a) != len(b) or not numpy.array_equal(x, y):
            rows = numpy.flatnonzero((x != y).any(axis=1)) if len(a) == len(b) else range(len(a))
            for i in rows:
                differ += 1
                if differ <= 10:
                    print(f"  article {n} token {i}: stock {describe(a, i)} | fast {describe(b, i)}")
        if (n + 1) % 500 == 0:
            print(f"  {n + 1} articles, {tokens:,} tokens, {differ} differ ({time.perf_counter() - start:.0f} s)",
                  flush=True)
    print(f"{path}: {len(texts)} articles, {tokens:,} tokens compared ({', '.join(NAMES)}), {differ} differ "
          f"({time.perf_counter() - start:.0f} s)", flush=True)
    return differ


def memo_sizes(nlp) -> str:
    """How many entries the fast components' memos hold (each is emptied past MEMO_LIMIT)."""
    from newsevents.coding.fast_attributes import ATTRIBUTES_NAME, LEMMATIZER_NAME

    parts = []
    if ATTRIBUTES_NAME in nlp.pipe_names:
        fast = nlp.get_pipe(ATTRIBUTES_NAME)
        c = fast.compiled
        parts.append(f"attribute keys {len(fast.memo):,}")
        names = {v: k for k, v in IDS.items()}
        parts += [f"{names[a]} values {len(m):,} in {len(set(m.values()))} classes" for a, m in c.classes.items()]
    if LEMMATIZER_NAME in nlp.pipe_names:
        parts.append(f"lemma keys {len(nlp.get_pipe(LEMMATIZER_NAME).memo):,}")
    return "memo entries: " + ", ".join(parts)


def timing(stock, fast, texts: list[str], rounds: int, batch_size: int) -> None:
    pipelines = {"stock": stock, "fast": fast}
    words = sum(len(t.split()) for t in texts)
    seconds: dict[str, list[float]] = {k: [] for k in pipelines}
    parts: dict[str, dict[str, float]] = {}
    for nlp in pipelines.values():
        for _ in nlp.pipe(texts, batch_size=batch_size):   # untimed: memos, lazily loaded tables
            pass
    for r in range(rounds):
        for name in (("stock", "fast") if r % 2 == 0 else ("fast", "stock")):
            nlp = pipelines[name]
            gc.collect()
            start = time.process_time()
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass
            seconds[name].append(time.process_time() - start)
    for name, nlp in pipelines.items():   # each component on its own, on the same docs, once
        docs = [nlp.make_doc(t) for t in texts]
        parts[name] = {}
        for component, proc in nlp.pipeline:
            start = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else list(map(proc, docs))
            parts[name][component] = time.process_time() - start
    print(f"parse CPU seconds, {len(texts)} articles ({words:,} words), {rounds} rounds alternating:")
    for name in pipelines:
        s = seconds[name]
        print(f"  {name:<6} best {min(s):.3f}  median {statistics.median(s):.3f}  "
              f"({words / min(s):,.0f} words per CPU second at best)  rounds: {' '.join(f'{x:.2f}' for x in s)}")
    print(f"  fast / stock: best {min(seconds['fast']) / min(seconds['stock']):.3f}, "
          f"median {statistics.median(seconds['fast']) / statistics.median(seconds['stock']):.3f}, paired rounds "
          f"{' '.join(f'{f / s:.3f}' for f, s in zip(seconds['fast'], seconds['stock']))}")
    for name in pipelines:
        total = sum(parts[name].values())
        print(f"  components, {name} (one pass, {total:.2f} s): " +
              ", ".join(f"{c} {s:.3f} ({s / total:.0%})" for c, s in parts[name].items()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of each corpus")
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds on the first corpus (0: no timing)")
    ap.add_argument("--no-check", action="store_true", help="skip the token-by-token comparison")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    from newsevents.coding.nlp import load_pipeline
    from newsevents.settings import SETTINGS

    model = args.model or SETTINGS["model"].value
    batch_size = SETTINGS["batch_size"].value
    stock, fast = load_pipeline(model, fast_attributes=False), load_pipeline(model)
    print(f"stock: {' '.join(stock.pipe_names)}\nfast:  {' '.join(fast.pipe_names)}")
    differ = 0
    if not args.no_check:
        differ = sum(check(stock, fast, path, args.limit, batch_size) for path in args.corpora)
        print(f"TOTAL differing tokens: {differ}")
        print(memo_sizes(fast))
    if args.rounds > 0:
        texts = texts_of(args.corpora[0], args.limit)
        timing(stock, fast, texts, args.rounds, batch_size)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
