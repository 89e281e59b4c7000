"""Resume equals a clean run on a corpus of republished copies: a copy takes its original's events whether the
original was stored in this run or by an earlier (killed) run of the same input."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fault_helpers import write_jsonl

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
    with EventStore.open(db, read_only=True) as store:
        return {"articles": store.fetch("SELECT article_id, status FROM articles ORDER BY 1"),
                "mentions": store.fetch("SELECT article_id, mention_id, date, event_id FROM mentions ORDER BY 1, 2"),
                "events": store.fetch("SELECT event_id, last_date, num_mentions, num_articles FROM events ORDER BY 1")}


def ingest(corpus, db, capsys, *extra) -> None:
    assert main(["ingest", str(corpus), "--db", str(db), "--no-progress", "--commit-every", "2", *extra]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("stored_first", [1, 3, 5])
def test_resume_equals_a_clean_run_on_republished_copies(tmp_path, capsys, stored_first):
    corpus = republished_corpus(tmp_path / "copies.jsonl")
    clean = tmp_path / "clean.duckdb"
    ingest(corpus, clean, capsys)
    expected = rows(clean)
    copies = {a for a, _ in expected["articles"] if a.startswith("copy")}
    assert copies and {a for a, *_ in expected["mentions"]} >= copies  # the copies took their originals' events

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
    got = rows(db)["mentions"]
    dates = {a: d for a, _, d, _ in got}
    assert dates["copy-0-0"] == dates["orig-0"]


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
