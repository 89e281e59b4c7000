"""Load and lookup times of the gazetteer and the date finder (moved out of the test suite: timings on a
shared, busy machine are not pass/fail facts).

    .venv/bin/python benchmarks/bench_lexicon.py

Prints CPU seconds (best of three, `time.process_time`, so other processes do not count) for
`Gazetteer.load()`, 100,000 place lookups, and the mean microseconds per sentence of `find_date_mentions`
on dated and undated news sentences. The former test bounds were: load < 1.0 s, lookups < 0.5 s,
dates < 2,000 us a sentence (targets: < 50 us undated, < 300 us dated).
"""
from __future__ import annotations

import datetime as dt
import time

from _common import ensure_importable

ensure_importable()

from newsevents.coding.dates import find_date_mentions  # noqa: E402
from newsevents.coding.places import Gazetteer  # noqa: E402

PLACE_NAMES = ["Kharkiv", "Police", "the Gaza Strip", "Idlib province", "northern Syria", "Xyzzy", "Kiev",
               "United States", "Seattle", "March"]
DATED = [("2024-05-15", "Russian forces shelled Kharkiv on Tuesday, killing three civilians."),
         ("2024-01-25", "Houthi rebels fired missiles at a tanker overnight, the U.S. military said."),
         ("2024-02-03", "On January 3, 2020, a U.S. drone strike killed Qassem Soleimani in Baghdad.")]
UNDATED = ("2024-01-25", "The minister said the government would not back down in the face of sustained pressure.")


def cpu_seconds(fn, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        timings.append(time.process_time() - start)
    return min(timings)


def main() -> None:
    print(f"Gazetteer.load():            {cpu_seconds(Gazetteer.load):.3f} s CPU")
    gaz = Gazetteer.load()
    batch = PLACE_NAMES * 10_000
    print(f"100,000 place lookups:       {cpu_seconds(lambda: [gaz.lookup(n) for n in batch]):.3f} s CPU")
    for label, sentences in (("dated", DATED), ("undated", [UNDATED])):
        pairs = [(dt.date.fromisoformat(p), t) for p, t in sentences]
        rounds = 200
        seconds = cpu_seconds(lambda: [find_date_mentions(t, p) for _ in range(rounds) for p, t in pairs])
        print(f"find_date_mentions, {label:8s} {seconds / (rounds * len(pairs)) * 1e6:8.1f} us a sentence")


if __name__ == "__main__":
    main()
