"""docs/python.md runs as written: its code blocks, in order, against a store built from samples/news.jsonl."""
from __future__ import annotations

import re

import pytest
from project_paths import ROOT

import newsevents.api
from newsevents.sources import read_articles
from newsevents.store import EventStore
from newsevents.store.ingest import ingest_articles

DOC = ROOT / "docs" / "python.md"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("docs") / "sample.duckdb"
    with EventStore.open(path) as store:
        ingest_articles(store, read_articles([str(ROOT / "samples" / "news.jsonl")]), coder)
    return path


def test_every_code_block_of_python_md_runs(sample_store, coder, monkeypatch):
    monkeypatch.setitem(newsevents.api._CODERS, (), coder)  # the session's coder, not a second load
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 5
    namespace = {"STORE": str(sample_store)}
    for number, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)
        except Exception as exc:  # name the block that broke
            raise AssertionError(f"docs/python.md block {number} failed: {exc!r}\n{block}") from exc
