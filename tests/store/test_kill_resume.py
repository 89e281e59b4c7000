"""An ingest killed with SIGKILL at any point, then run again, ends with exactly the rows of a clean run.

A child process ingests pre-coded events in small batches and is killed for real, several times, at random
moments after some batches were committed; a last run completes. The store must then equal a store built by
one uninterrupted run: the same articles, mentions, links and events, column for column.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from store_factories import event_rows, make_event, mention_links

import newsevents
from newsevents.store import EventStore
from newsevents.store.ingest import ingest_events, read_coded_jsonl

SRC = os.path.dirname(os.path.dirname(newsevents.__file__))
BATCH = 4

CHILD = """
import sys
from newsevents.store import EventStore
from newsevents.store.ingest import ingest_events, read_coded_jsonl

def on_batch(report):
    print("batch", report.batches, flush=True)

with EventStore.open(sys.argv[1]) as store:
    ingest_events(store, read_coded_jsonl([sys.argv[2]]), batch_size=int(sys.argv[3]), on_batch=on_batch)
print("done", flush=True)
"""


def _coded_file(path) -> None:
    rng = random.Random(11)
    dyads = [("RUSMIL", "UKR"), ("UKRMIL", "RUSMIL"), ("ISRMIL", "HAMAS"), ("USAGOV", "IRNGOV"), ("NATO", "RUSGOV")]
    with open(path, "w") as fh:
        for i in range(160):
            for j in range(rng.randrange(1, 5)):
                event = make_event(f"doc{i:04d}", j, rng.randrange(30), *rng.choice(dyads),
                                   rng.choice(["190", "193", "183", "1831", "042", "112"]),
                                   modality=rng.choice(["asserted"] * 6 + ["negated", "future"]))
                fh.write(json.dumps(event.to_dict()) + "\n")


def _run_child(db, coded, kill_after_batches: int | None, delay: float,
               env: dict | None = None) -> tuple[int, list[str]]:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(coded), str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": SRC, **(env or {})})
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if kill_after_batches is not None and line.startswith("batch") \
                    and int(line.split()[1]) >= kill_after_batches:
                time.sleep(delay)  # lands inside the next batch's transaction, or between batches
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode not in (0, -signal.SIGKILL):
        pytest.fail(f"child failed: {proc.stderr.read()}")
    return proc.returncode, lines


def _snapshot(path):
    with EventStore.open(path, read_only=True) as store:
        return {
            "articles": store.fetch("SELECT article_id, text_hash, status, num_mentions FROM articles ORDER BY 1"),
            "mentions": mention_links(store),
            "mention_rows": store.fetch("SELECT * FROM mentions ORDER BY mention_id"),
            "events": event_rows(store),
            "settings": store.fetch("SELECT * FROM store_settings ORDER BY name"),
        }


# "3": the store is also reopened every 3 batches (issue #13), so kills land around reopens too.
@pytest.mark.parametrize("reopen_every", [None, "3"])
def test_killed_ingest_resumes_to_the_clean_result(tmp_path, reopen_every):
    env = {"NEWSEVENTS_REOPEN_EVERY": reopen_every} if reopen_every else {}
    coded = tmp_path / "events.jsonl"
    _coded_file(coded)
    clean = tmp_path / "clean.duckdb"
    with EventStore.open(clean) as store:
        ingest_events(store, read_coded_jsonl([str(coded)]), batch_size=BATCH)
    expected = _snapshot(clean)
    assert len(expected["events"]) > 50

    db = tmp_path / "killed.duckdb"
    rng = random.Random(5)
    kills = 0
    for kill_after in (2, 9, 17, 26):
        code, lines = _run_child(db, coded, kill_after, rng.uniform(0.0, 0.03), env)
        if code == -signal.SIGKILL:
            kills += 1
            assert "done" not in lines
            partial = _snapshot(db)  # opens cleanly after the kill: only whole batches are there
            assert 0 < len(partial["mentions"]) < len(expected["mentions"])
    assert kills >= 3
    code, lines = _run_child(db, coded, None, 0, env)
    assert code == 0 and lines[-1] == "done"
    assert _snapshot(db) == expected
