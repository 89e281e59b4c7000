"""Could `attribute_ruler` + `lemmatizer` be a table lookup? Their share of the parse, and whether a memo keyed
on what their rules read gives identical tokens (the measurement for issue #12 that led to
`coding/fast_attributes.py`; this script times the stock components: the Coder's pipeline as loaded with
`load_pipeline(model, fast_attributes=False)`. `bench_fast_attributes.py` checks and times the replacement).

    .venv/bin/python benchmarks/bench_lemma_lookup.py [CORPUS.jsonl] [--rounds 3]

1. CPU seconds (`time.process_time`, best of `--rounds`) of each component of that Language over the
   corpus, run one after the other on the same docs.
2. A memo: the attribute ruler's patterns read a token's LOWER, TAG, DEP and IS_SPACE, and a few two-token
   patterns ("gon na", "let 's", expletive "there is") its neighbours'; the rule lemmatizer reads the text, POS
   and MORPH the ruler set. So (ORTH, TAG, DEP, the neighbours those patterns name) decides (TAG, POS, MORPH,
   LEMMA, DEP). The memo is filled from the first half of the articles by the real components; the second half
   is then given those attributes from the memo (`Doc.from_array`), the real components run only on docs
   with a token the memo has not seen. Reported: hit rate, the memo's CPU time against the two components',
   and whether every token of the second half equals the real pipeline's.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from _common import DEFAULT_CORPUS, ensure_importable

ensure_importable()

import numpy  # noqa: E402
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG  # noqa: E402

LOOKUP_COMPONENTS = ("attribute_ruler", "lemmatizer")
OUT_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]


def texts_of(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [d["text"] for d in map(json.loads, filter(str.strip, fh)) if d.get("text")]


def two_token_specs(ruler) -> tuple[list[dict], list[dict]]:
    """The token specs of the two-token patterns: those a previous token must meet (for the second token's
    attributes) and those a next token must meet (for the first's)."""
    firsts, seconds = [], []
    for p in ruler.patterns:
        for pat in p["patterns"]:
            if len(pat) == 2:
                firsts.append(pat[0])
                seconds.append(pat[1])
    return firsts, seconds


def meets(spec: dict, token) -> bool:
    """Whether a token meets a Matcher token spec of LOWER / TAG / DEP (a value, IN, NOT_IN or REGEX)."""
    for attr, want in spec.items():
        value = {"LOWER": token.lower_, "TAG": token.tag_, "DEP": token.dep_}[attr]
        if isinstance(want, str):
            if value != want:
                return False
        elif "IN" in want and value not in want["IN"]:
            return False
        elif "NOT_IN" in want and value in want["NOT_IN"]:
            return False
        elif "REGEX" in want and not re.search(want["REGEX"], value):
            return False
    return True


class Keys:
    """Each token's memo key: its ORTH, TAG, DEP and which two-token specs its neighbours meet (worked out
    once per neighbour LOWER, TAG, DEP)."""

    def __init__(self, firsts: list[dict], seconds: list[dict]):
        self.firsts, self.seconds = firsts, seconds
        self.flags: dict[tuple, tuple] = {}

    def _flags(self, row, token) -> tuple:
        sig = (row[1], row[2], row[3])
        hit = self.flags.get(sig)
        if hit is None:
            hit = self.flags[sig] = (tuple(meets(s, token) for s in self.firsts),
                                     tuple(meets(s, token) for s in self.seconds))
        return hit

    def __call__(self, doc) -> list[tuple]:
        rows = doc.to_array([ORTH, LOWER, TAG, DEP]).tolist()
        flags = [self._flags(row, tok) for row, tok in zip(rows, doc)]
        n = len(rows)
        return [(row[0], row[2], row[3], flags[i - 1][0] if i else None, flags[i + 1][1] if i + 1 < n else None)
                for i, row in enumerate(rows)]


def cpu(fn):
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from newsevents.coding.nlp import load_pipeline
    from newsevents.settings import SETTINGS

    nlp = load_pipeline(SETTINGS["model"].value, fast_attributes=False)   # the stock components
    texts = texts_of(args.corpus)

    # 1. each component's CPU time
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        seconds, docs = cpu(lambda: [nlp.make_doc(t) for t in texts])
        best["tokenizer"] = min(best.get("tokenizer", seconds), seconds)
        for name, proc in nlp.pipeline:
            seconds, docs = cpu(lambda: list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs])
            best[name] = min(best.get(name, seconds), seconds)
    total = sum(best.values())
    print(f"{len(texts)} articles; CPU seconds, best of {args.rounds}:")
    for name, seconds in best.items():
        print(f"  {name:<32}{seconds:7.3f}  {seconds / total:6.1%}")
    share = sum(best[n] for n in LOOKUP_COMPONENTS)
    print(f"  {'attribute_ruler + lemmatizer':<32}{share:7.3f}  {share / total:6.1%} of {total:.3f}")

    # 2. the memo: filled from the first half, its coverage of the second; filled from all, its speed
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    keys = Keys(*two_token_specs(ruler))
    with nlp.select_pipes(disable=list(LOOKUP_COMPONENTS)):
        parsed = list(nlp.pipe(texts))
    half = len(parsed) // 2

    def fill(docs) -> tuple[dict, int]:
        memo, conflicts = {}, 0
        for doc in docs:
            ks = keys(doc)   # before the ruler: it may change TAG and DEP
            for k, row in zip(ks, lemmatizer(ruler(doc.copy())).to_array(OUT_ATTRS)):
                if k in memo and not numpy.array_equal(memo[k], row):
                    conflicts += 1
                memo.setdefault(k, row)
        return memo, conflicts

    memo, conflicts = fill(parsed[:half])
    test_keys = [k for d in parsed[half:] for k in keys(d)]
    print(f"memo from {half} articles: {len(memo):,} keys, {conflicts} conflicting; it knows "
          f"{sum(k in memo for k in test_keys) / len(test_keys):.1%} of the {len(test_keys):,} tokens of the other "
          f"{len(parsed) - half} articles")

    memo, conflicts = fill(parsed)
    copy_s, _ = cpu(lambda: [d.copy() for d in parsed])
    real_s, reference = cpu(lambda: [lemmatizer(ruler(d.copy())) for d in parsed])
    keys_s, all_keys = cpu(lambda: [keys(d) for d in parsed])
    table_s, looked_up = cpu(lambda: [d.copy().from_array(OUT_ATTRS, numpy.array([memo[k] for k in ks], dtype="uint64"))
                                      for d, ks in zip(parsed, all_keys)])
    same = all(numpy.array_equal(a.to_array(OUT_ATTRS), b.to_array(OUT_ATTRS)) for a, b in zip(looked_up, reference))
    print(f"memo from all {len(parsed)} articles ({len(memo):,} keys, {conflicts} conflicting), applied to them:")
    print(f"  CPU s (doc copies excluded): the two components {real_s - copy_s:.3f}; the lookup "
          f"{table_s - copy_s:.3f} + its keys in Python {keys_s:.3f}")
    print(f"  identical TAG, POS, MORPH, LEMMA, DEP on every token: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
