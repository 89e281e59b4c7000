"""Bounded resources and clear failures: DuckDB's memory limit, outputs that cannot be written."""
from __future__ import annotations

import os

import pytest
from conftest import article, cli, write_jsonl

from newsevents.store import EventStore
from newsevents.store.db import StoreError


def _settings(store: EventStore) -> tuple[str, int]:
    return store.con.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone()


def test_every_store_connection_has_a_memory_limit_and_sane_threads(tmp_path, monkeypatch):
    db = tmp_path / "store.duckdb"
    with EventStore.open(db) as store:
        limit, threads = _settings(store)
        assert limit.endswith("GiB") and float(limit.split()[0]) < 2 and 1 <= threads <= 8
    monkeypatch.setenv("NEWSEVENTS_MEMORY_LIMIT", "300MiB")
    monkeypatch.setenv("NEWSEVENTS_THREADS", "2")
    with EventStore.open(db, read_only=True) as store:
        assert _settings(store) == ("300.0 MiB", 2)
    with EventStore.open(db, read_only=True, memory_limit="25%", threads=1) as store:
        assert _settings(store)[1] == 1
    monkeypatch.setenv("NEWSEVENTS_MEMORY_LIMIT", "all of it")
    with pytest.raises(StoreError, match="NEWSEVENTS_MEMORY_LIMIT"):
        EventStore.open(db, read_only=True)


def test_the_web_app_store_has_the_memory_limit(tmp_path, monkeypatch):
    pytest.importorskip("fastapi")
    from newsevents.web.api import create_app

    db = tmp_path / "store.duckdb"
    EventStore.open(db).close()
    app = create_app(db, memory_limit="256MiB", threads=1)
    assert _settings(app.state.store) == ("256.0 MiB", 1)
    app.state.store.close()


def test_output_to_a_folder_is_a_clear_error(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "in.jsonl", [article(0)])
    code, out, err = cli(["code", str(corpus), "-o", str(tmp_path)], capsys)
    assert code == 2 and f"cannot write {tmp_path}" in err and "directory" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full to fill a disk")
@pytest.mark.parametrize("to_stdout", [False, True])
def test_a_full_disk_is_a_clear_error(tmp_path, capsys, monkeypatch, to_stdout):
    corpus = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(6)] * 40)
    if to_stdout:
        full = open("/dev/full", "w", encoding="utf-8")
        monkeypatch.setattr("sys.stdout", full)
        argv = ["code", str(corpus), "--no-progress"]
    else:
        argv = ["code", str(corpus), "-o", "/dev/full", "--no-progress"]
    try:
        code, _, err = cli(argv, capsys)
    finally:
        if to_stdout:
            monkeypatch.undo()
    assert code == 1
    assert "No space left on device" in err and "run again" in err
