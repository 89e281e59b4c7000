"""Bounded resources and clear failures: DuckDB's memory limit, outputs that cannot be written."""
from __future__ import annotations

import os

import pytest
from fault_helpers import article, cli, write_jsonl

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
    from fastapi.testclient import TestClient

    app = create_app(db, memory_limit="256MiB", threads=1)
    with TestClient(app):  # its lifespan stops the rollups' build before it closes the store
        assert _settings(app.state.store) == ("256.0 MiB", 1)


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


def _coded_events(n: int) -> list[dict]:
    return [{"event_id": f"e{i}", "doc_id": f"d{i // 3}", "sentence_index": i % 3, "date": "2024-05-14",
             "cameo": "190", "source": {"code": "RUSMIL", "country": "RUS", "role": "MIL"},
             "target": {"code": "UKR"}, "goldstein": -10.0, "quad_class": 4, "modality": "asserted",
             "sentence": f"Russian forces shelled Kharkiv on Tuesday, killing {i} people." + " x" * 100}
            for i in range(n)]


def _small_disk() -> None:
    """In the child: files may not grow past 2 MB (a full disk as the store sees it: its writes fail)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))


@pytest.mark.skipif(not hasattr(os, "fork") or not os.path.exists("/proc"), reason="needs RLIMIT_FSIZE (Linux)")
def test_a_full_disk_during_ingest_is_a_clear_error_and_a_rerun_completes(tmp_path, capsys):
    import subprocess
    import sys
    from pathlib import Path

    coded = write_jsonl(tmp_path / "coded.jsonl", _coded_events(20_000))
    db = tmp_path / "store.duckdb"
    argv = [sys.executable, "-m", "newsevents", "ingest", "--coded", str(coded), "--db", str(db), "--no-progress",
            "--commit-every", "500"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"), "COLUMNS": "1000"}
    full = subprocess.run(argv, preexec_fn=_small_disk, capture_output=True, text=True, env=env, timeout=600)
    assert full.returncode == 1 and "Traceback" not in full.stderr
    assert "cannot write" in full.stderr and "run the same command again" in full.stderr
    with EventStore.open(db, read_only=True) as store:
        stored_before = store.counts()["mentions"]
    assert 0 < stored_before < 20_000

    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    with EventStore.open(db, read_only=True) as store:
        assert store.counts() == {"articles": 6667, "mentions": 20_000, "events": 1}
