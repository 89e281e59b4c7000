"""Resume equals a clean run on a corpus of republished copies: a copy takes its original's events whether the
original was stored in this run, by an earlier (killed) run, or arrives after it, in this run or a later one
(`store/copies.py`)."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fault_helpers import stored, write_jsonl

from newsevents.cli import main
from newsevents.store import EventStore

STORIES = [
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three people, officials said. "
    "The regional governor said rescue teams were still searching the rubble on the outskirts of the city.",
    "Israeli troops raided the West Bank city of Jenin on Monday and arrested twelve people, the army said. "
    "Palestinian officials condemned the raid and said two people had been wounded in the operation.",
    "Iran condemned the United States on Wednesday for new sanctions on its oil exports, the ministry said. "
    "A spokesman said Tehran would respond to what he called economic warfare against the Iranian people.",
]


def republished_corpus(path):
    """Each story, then later its copies: republished days afterwards with a new first word, so that a copy
    coded on its own dates "on Tuesday" from its own publication and lands on another day."""
    records = []
    for i, text in enumerate(STORIES):
        records.append({"id": f"orig-{i}", "text": text, "published": "2024-05-15"})
    for i, text in enumerate(STORIES):
        for k in range(2):
            records.append({"id": f"copy-{i}-{k}", "text": "UPDATED: " + text, "published": f"2024-05-2{k + 2}"})
    return write_jsonl(path, records)


def rows(db) -> dict:
    """Every row a run leaves, column for column (but the time of ingest)."""
    with EventStore.open(db, read_only=True) as store:
        return {"articles": store.fetch("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY article_id"),
                "mentions": store.fetch("SELECT * FROM mentions ORDER BY article_id, mention_id"),
                "events": store.fetch("SELECT * FROM events ORDER BY event_id"),
                "copies": store.fetch("SELECT article_id, original_id FROM near_duplicates ORDER BY 1")}


def ingest(corpus, db, capsys, *extra) -> None:
    assert main(["ingest", str(corpus), "--db", str(db), "--no-progress", "--commit-every", "2", *extra]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("stored_first", [1, 3, 5])
def test_resume_equals_a_clean_run_on_republished_copies(tmp_path, capsys, stored_first):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    clean = tmp_path / "clean.duckdb"
    ingest(corpus, clean, capsys)
    expected = rows(clean)
    copies = {a for a, *_ in expected["articles"] if a.startswith("copy")}
    assert copies and {m[1] for m in expected["mentions"]} >= copies  # the copies took their originals' events

    # a run killed after its first `stored_first` articles were committed, then the same command again
    lines = corpus.read_text().splitlines()
    head = tmp_path / "head.jsonl"
    head.write_text("\n".join(lines[:stored_first]) + "\n")
    resumed = tmp_path / "resumed.duckdb"
    ingest(head, resumed, capsys)
    ingest(corpus, resumed, capsys)
    assert rows(resumed) == expected


def test_dates_of_a_copy_are_its_originals(tmp_path, capsys):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    db = tmp_path / "store.duckdb"
    ingest(corpus, db, capsys)
    dates = dict(stored(db, "SELECT article_id, list_sort(list(DISTINCT date)) FROM mentions GROUP BY 1"))
    assert dates["copy-0-0"] == dates["copy-0-1"] == dates["orig-0"] == [dt.date(2024, 5, 14)]  # "on Tuesday"
    assert dates["copy-1-1"] == dates["orig-1"]


# The lines of `republished_corpus`: 0-2 the originals (2024-05-15), 3-8 their copies (05-22 and 05-23); and what
# the last run says: a copy of an article stored by an earlier run is not parsed (the 3 stored originals count).
SPLITS = {
    "copies in a later run": ([[0, 1, 2], [3, 4, 5, 6, 7, 8]], "near-duplicates: 6 of 9 articles repeat 3 others"),
    "copies in an earlier run": ([[3, 4, 5, 6, 7, 8], [0, 1, 2]], "6 stored copies given their original's events"),
    "copies first in one run": ([[3, 4, 5, 6, 7, 8, 0, 1, 2]], "6 stored copies given their original's events"),
    "reversed in one run": ([[8, 7, 6, 5, 4, 3, 2, 1, 0]], "6 stored copies given their original's events"),
    "mixed over four runs": ([[4], [0, 3], [8, 2], [1, 5, 6, 7]], None),
}


@pytest.mark.parametrize("runs, said", SPLITS.values(), ids=SPLITS.keys())
def test_a_copy_has_its_originals_events_whatever_order_and_run_the_two_come_in(tmp_path, capsys, runs, said):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    clean = tmp_path / "clean.duckdb"
    ingest(corpus, clean, capsys)
    lines = corpus.read_text().splitlines()
    db = tmp_path / "split.duckdb"
    for number, run in enumerate(runs):
        part = tmp_path / f"run-{number}.jsonl"
        part.write_text("".join(lines[i] + "\n" for i in run))
        assert main(["ingest", str(part), "--db", str(db), "--no-progress", "--commit-every", "2"]) == 0
        err = capsys.readouterr().err
    assert said is None or said in err
    assert rows(db) == rows(clean)
    assert stored(db, "SELECT count(*) FROM near_duplicates WHERE original_id LIKE 'orig-%'")[0][0] == 6


@pytest.mark.parametrize("dedup", ["--dedup", "--no-dedup"])
def test_a_copy_whose_original_changed_is_coded_again_on_the_next_run(tmp_path, capsys, dedup):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    db = tmp_path / "store.duckdb"
    ingest(corpus, db, capsys)
    lines = corpus.read_text().splitlines()
    # orig-0 comes back with another story: its two copies have no original any more, and no parse of their own
    changed = tmp_path / "changed.jsonl"
    write_jsonl(changed, [{"id": "orig-0", "text": STORIES[2].replace("Iran", "Syria"), "published": "2024-05-15"}])
    assert main(["ingest", str(changed), "--db", str(db), "--no-progress", dedup]) == 0
    assert "1 replaced" in capsys.readouterr().err
    status = dict(stored(db, "SELECT article_id, error FROM articles WHERE status = 'failed'"))
    assert set(status) == {"copy-0-0", "copy-0-1"} and "coded again on the next run" in status["copy-0-0"]
    assert stored(db, "SELECT count(*) FROM mentions WHERE article_id LIKE 'copy-0-%'")[0][0] == 0

    # the next run of the same input codes them again: the store a clean run of the final texts gives
    final = tmp_path / "final.jsonl"
    final.write_text(changed.read_text() + "\n".join(lines[1:]) + "\n")
    ingest(final, db, capsys)
    clean = tmp_path / "clean.duckdb"
    ingest(final, clean, capsys)
    got, expected = rows(db), rows(clean)
    if dedup == "--no-dedup":  # the new orig-0 was stored without its MinHash: it is matched against nothing
        assert ("orig-0", None) not in got["copies"]
        expected["copies"].remove(("orig-0", None))
    assert got == expected
    assert stored(db, "SELECT original_id FROM near_duplicates WHERE article_id = 'copy-0-1'") == [("copy-0-0",)]


CHILD = """
import sys
from newsevents.engines import EngineCoder, EngineOptions
from newsevents.sources import read_articles
from newsevents.store import EventStore
from newsevents.store.ingest import ingest_articles

def on_batch(report):
    print("batch", report.batches, flush=True)

with EventStore.open(sys.argv[1]) as store, EngineCoder(EngineOptions(dedup=True)) as coder:
    ingest_articles(store, read_articles([sys.argv[2]]), coder, batch_size=1, on_batch=on_batch)
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 as on Linux")
def test_kill_9_and_rerun_equals_a_clean_run_on_republished_copies(tmp_path, capsys):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    clean = tmp_path / "clean.duckdb"
    ingest(corpus, clean, capsys)
    killed = tmp_path / "killed.duckdb"
    for kill_after in (2, 5):  # batches of one article: inside the originals, then among the copies
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(killed), str(corpus)], stdout=subprocess.PIPE,
                                 text=True, env=env)
        try:
            for line in child.stdout:
                if line.startswith("batch") and int(line.split()[1]) >= kill_after:
                    child.send_signal(signal.SIGKILL)
                    break
        finally:
            child.wait()
    done = subprocess.run([sys.executable, "-c", CHILD, str(killed), str(corpus)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0 and "done" in done.stdout, done.stderr[-2000:]
    assert rows(killed) == rows(clean)
