"""A store file that is locked, read-only, corrupt or missing gets a one-line StoreError; nothing is lost."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from store_factories import make_article, make_event

import newsevents
from newsevents.store import EventStore, StoreError
from newsevents.store.ingest import store_coded

SRC = os.path.dirname(os.path.dirname(newsevents.__file__))


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_locked_by_another_process(db_path):
    EventStore.open(db_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from newsevents.store import EventStore; "
         "s = EventStore.open(sys.argv[1]); print('open', flush=True); sys.stdin.read()", str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": SRC})
    try:
        assert holder.stdout.readline().strip() == "open"
        for read_only in (False, True):
            with pytest.raises(StoreError) as exc:
                EventStore.open(db_path, read_only=read_only)
            assert f"locked by another process (PID {holder.pid})" in _one_line(exc)
    finally:
        holder.communicate("")
    with EventStore.open(db_path) as store:  # usable again once the other process is gone
        assert store.counts()["events"] == 0


def test_read_only_file_is_refused_for_writing_but_can_be_read(db_path):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    os.chmod(db_path, 0o444)
    try:
        with pytest.raises(StoreError) as exc:
            EventStore.open(db_path)
        assert "the file is read-only" in _one_line(exc)
        with EventStore.open(db_path, read_only=True) as store:
            assert store.counts() == {"articles": 1, "mentions": 1, "events": 1}
    finally:
        os.chmod(db_path, 0o644)


def test_writing_through_a_read_only_store_is_refused(db_path):
    EventStore.open(db_path).close()
    with EventStore.open(db_path, read_only=True) as store:
        with pytest.raises(StoreError, match="opened read-only"):
            store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])


@pytest.mark.parametrize("content", [b"id,text\n1,hello\n" * 300, b"\x00" * 4096, b"SQLite format 3\x00" + b"\x01" * 5000])
def test_a_file_that_is_not_duckdb_is_refused_and_left_untouched(db_path, content):
    db_path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreError) as exc:
            EventStore.open(db_path, read_only=read_only)
        assert "not a DuckDB database file" in _one_line(exc)
    assert db_path.read_bytes() == content
    assert not os.path.exists(str(db_path) + ".wal")


def test_a_truncated_store_is_refused(db_path):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    data = db_path.read_bytes()
    db_path.write_bytes(data[:5000])
    with pytest.raises(StoreError) as exc:
        EventStore.open(db_path, read_only=True)
    assert str(db_path) in _one_line(exc)
    assert db_path.read_bytes() == data[:5000]


def test_missing_store_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        EventStore.open(tmp_path / "nope.duckdb", read_only=True)
    assert not (tmp_path / "nope.duckdb").exists()


def test_missing_folder_and_directory_paths(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        EventStore.open(tmp_path / "no" / "such" / "store.duckdb")
    with pytest.raises(StoreError, match="is a directory"):
        EventStore.open(tmp_path)


def test_query_time_limit(db_path):
    with EventStore.open(db_path) as store:
        with pytest.raises(StoreError, match="time limit"):
            store.fetch("SELECT sum(hash(range)) FROM range(100000000000)", timeout_s=0.2)
        assert store.fetch("SELECT 1", timeout_s=5) == [(1,)]  # the connection is still usable


def test_damage_inside_the_file_is_reported_when_read(db_path):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article(f"a{i}"), [make_event(f"a{i}", 0, i % 30)]) for i in range(300)])
    data = bytearray(db_path.read_bytes())
    blocks = range(12288, len(data), 262144)
    damaged = 0
    for offset in blocks:  # damage one block at a time until a read trips over it
        copy = bytearray(data)
        copy[offset + 100:offset + 200] = b"x" * 100
        db_path.write_bytes(bytes(copy))
        try:
            with EventStore.open(db_path, read_only=True) as store:
                for table in ("articles", "mentions", "events"):
                    store.fetch(f"SELECT * FROM {table}")
        except StoreError as exc:
            assert "damaged" in str(exc) and "\n" not in str(exc)
            damaged += 1
    assert damaged >= 1
