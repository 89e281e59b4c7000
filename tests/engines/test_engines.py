"""Engines: the same events, in the same order, whatever runs the coder; failed partitions retried; near-duplicates
parsed once; the Parquet dataset equal to the JSON Lines stream.

Real workers throughout: a ProcessPoolExecutor and Dask LocalClusters of two worker processes. Failures come
from a real coder factory passed by dotted path (`flaky_coder:flaky`, the `--coder` option), not from mocks.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import pytest

from newsevents.engines import CoderFactoryError, CoderSpec, EngineCoder, EngineOptions, ReadBack
from newsevents.engines.parquet import read_events
from newsevents.model import Article, RecordError
from newsevents.sources import read_articles

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FLAKY = CoderSpec(factory="flaky_coder:flaky")


def sample_articles(n: int = 6) -> list[Article]:
    return [a for a in read_articles([str(ROOT / "samples" / "news.jsonl")]) if isinstance(a, Article)][:n]


def dicts(results) -> list[tuple[str, object]]:
    """(article id, event dicts or the error reason) per article, in output order."""
    return [(a.id, out.reason if isinstance(out, RecordError) else [e.to_dict() for e in out])
            for a, out in results]


def run(articles, notes=None, spec=CoderSpec(), **options) -> tuple[list, EngineCoder]:
    engine = EngineCoder(EngineOptions(**options), spec, notify=(notes.append if notes is not None else None))
    return dicts(engine.code_many(articles)), engine


@pytest.fixture(scope="module")
def articles():
    return sample_articles(6)


def plain(corpus) -> list:
    """The plain Coder's output, article by article: what every engine must reproduce."""
    from newsevents.engines import cached_coder

    return dicts(cached_coder(CoderSpec()).code_many(corpus))


@pytest.fixture(scope="module")
def expected(articles):
    return plain(articles)


@pytest.fixture
def flaky_env(tmp_path, monkeypatch):
    """Worker processes can import `flaky_coder` and share its marker folder."""
    monkeypatch.setenv("NEWSEVENTS_TEST_FLAKY_DIR", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    monkeypatch.syspath_prepend(str(HERE))
    return tmp_path


def renamed(article: Article, new_id: str) -> Article:
    return dataclasses.replace(article, id=new_id)


# ---------------------------------------------------------------------------------------------- local

@pytest.mark.parametrize("partition_size", [1, 4, 64])
def test_local_engine_equals_the_coder(articles, expected, partition_size):
    got, engine = run(articles, partition_size=partition_size)
    assert got == expected
    assert engine.report.partitions == -(-len(articles) // partition_size)


def test_an_article_that_fails_once_in_its_batch_is_coded_again_on_its_own(articles, expected, flaky_env):
    corpus = [renamed(a, a.id + "-FAIL-ONCE") if i == 3 else a for i, a in enumerate(articles)]
    notes: list[str] = []
    got, engine = run(corpus, notes, spec=FLAKY, partition_size=2)
    assert got == plain(corpus)
    assert engine.report.retried == 0 and engine.report.failed_partitions == 0 and notes == []


def test_an_article_that_always_fails_costs_no_neighbour(articles, expected, flaky_env):
    corpus = [renamed(a, a.id + "-FAIL-ALWAYS") if i == 2 else a for i, a in enumerate(articles)]
    notes: list[str] = []
    got, engine = run(corpus, notes, spec=FLAKY, partition_size=2, retries=1)
    assert [g for n, g in enumerate(got) if n != 2] == [e for n, e in enumerate(expected) if n != 2]
    assert got[2][1] == f"coding failed: FlakyPartition: {corpus[2].id} always fails"
    assert engine.report.failed_partitions == 0 and engine.report.retried == 0 and notes == []


# ---------------------------------------------------------------------------------------------- processes

def test_process_pool_equals_local(articles, expected):
    got, engine = run(articles, engine="processes", workers=2, partition_size=2)
    assert got == expected
    assert engine.report.partitions == 3


# ---------------------------------------------------------------------------------------------- dask

@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """One LocalCluster of two worker processes for the tests that connect by scheduler address. The
    environment its workers inherit lets them import `flaky_coder` and share its marker folder."""
    distributed = pytest.importorskip("distributed")
    import logging

    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "NEWSEVENTS_TEST_FLAKY_DIR")}
    markers = tmp_path_factory.mktemp("flaky")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(HERE), saved["PYTHONPATH"]] if p)
    os.environ["NEWSEVENTS_TEST_FLAKY_DIR"] = str(markers)
    sys.path.insert(0, str(HERE))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    try:
        yield cluster
    finally:
        cluster.close()
        sys.path.remove(str(HERE))
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_dask_local_cluster_of_two_workers_equals_local(articles, expected):
    pytest.importorskip("distributed")
    import dask

    with EngineCoder(EngineOptions(engine="dask", workers=2, partition_size=2)) as engine:
        got = dicts(engine.code_many(articles))
        # The workers of the cluster it starts run without Dask's profiler and with slow ticks and monitors
        # (backends.QUIET_DASK); the driver's own configuration is left as it was.
        settings = engine.backend.client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                                                      dask.config.get("distributed.admin.tick.interval")))
    assert got == expected
    assert engine.report.partitions == 3 and engine.report.retried == 0
    assert list(settings.values()) == [(False, "1s")] * 2
    assert dask.config.get("distributed.worker.profile.enabled") is True


def test_dask_by_scheduler_address_isolates_a_failing_article(articles, expected, dask_cluster):
    corpus = [renamed(a, a.id + "-FAIL-ONCE") if i == 4 else a for i, a in enumerate(articles)]
    got, engine = run(corpus, spec=FLAKY, engine="dask", scheduler=dask_cluster.scheduler_address,
                      partition_size=2)
    assert got == plain(corpus)
    assert engine.report.retried == 0 and engine.report.failed_partitions == 0


def test_dask_failing_article_does_not_sink_its_partition(articles, expected, dask_cluster):
    corpus = [renamed(a, a.id + "-FAIL-ALWAYS") if i == 0 else a for i, a in enumerate(articles)]
    got, engine = run(corpus, spec=FLAKY, engine="dask", scheduler=dask_cluster.scheduler_address,
                      partition_size=2, retries=2)
    assert got[1:] == expected[1:]
    assert got[0][1].startswith("coding failed: FlakyPartition")
    assert engine.report.failed_partitions == 0


# ---------------------------------------------------------------------------------------------- near-duplicates

def wire_copy(article: Article, new_id: str, site: str) -> Article:
    text = "LONDON (Meridian) - " + article.text + " Reporting by staff."
    return Article(new_id, text, article.published, f"https://{site}/{new_id}", site, article.title)


def test_near_duplicates_are_parsed_once_and_every_copy_keeps_the_events(articles, expected):
    a, b = articles[0], articles[1]
    corpus = [a, wire_copy(a, "copy-1", "one.example"), b, wire_copy(a, "copy-2", "two.example"),
              wire_copy(b, "copy-3", "three.example")]
    got, engine = run(corpus, dedup=True, partition_size=1)
    assert engine.report.copies == 3 and engine.report.partitions == 2   # one partition per original
    by_id = dict(got)
    for copy_id, original in (("copy-1", a.id), ("copy-2", a.id), ("copy-3", b.id)):
        want = dict(expected)[original]
        assert [{k: v for k, v in e.items() if k not in ("doc_id", "event_id")} for e in by_id[copy_id]] == \
               [{k: v for k, v in e.items() if k not in ("doc_id", "event_id")} for e in want]
        assert {e["doc_id"] for e in by_id[copy_id]} <= {copy_id}
        assert len({e["event_id"] for e in by_id[copy_id]} & {e["event_id"] for e in want}) == 0
    assert [i for i, _ in got] == [c.id for c in corpus]


def test_near_duplicate_output_is_the_same_on_every_engine(articles):
    corpus = [articles[0], wire_copy(articles[0], "copy-1", "one.example"), articles[1],
              wire_copy(articles[1], "copy-2", "two.example")]
    local, _ = run(corpus, dedup=True, partition_size=1)
    pool, engine = run(corpus, dedup=True, engine="processes", workers=2, partition_size=1)
    assert pool == local and engine.report.copies == 2


def test_small_dedup_window_recodes_late_copies(articles, expected):
    corpus = [articles[0], articles[1], articles[2], wire_copy(articles[0], "late", "late.example")]
    got, engine = run(corpus, dedup=True, dedup_window=2, partition_size=1)
    assert engine.report.copies == 0 and engine.report.partitions == 4
    assert got[:3] == expected[:3]


def test_a_stored_original_is_read_back_for_its_copies_not_kept(articles, expected):
    # The caller (ingest) stores what code_many yields: once it says an original is stored, the engine keeps
    # no events of its own for it, and a later copy takes what `load` reads back.
    a, b, c = articles[0], articles[1], articles[2]
    corpus = [a, c, b, wire_copy(a, "copy-1", "one.example"), wire_copy(b, "copy-2", "two.example")]
    stored_events = {}   # what the caller stored, by article id
    loads = []

    def load(article_id):
        loads.append(article_id)
        return stored_events[article_id]

    read_back = ReadBack(load)
    engine = EngineCoder(EngineOptions(dedup=True, partition_size=1))
    got = []
    for article, events in engine.code_many(corpus, read_back=read_back):
        got.append((article, events))
        if article.id == a.id:   # `a` is stored before its copy comes; `b` and `c` are never stored
            stored_events[a.id] = [dataclasses.replace(e, sentence="read back") for e in events]
            read_back.stored([a.id])
    assert loads == [a.id] and set(read_back.waiting) == {c.id}   # (`b` is kept whole: its copy was waiting)
    by_id = dict(dicts(got))
    assert {e["sentence"] for e in by_id["copy-1"]} == {"read back"}
    assert [e["sentence"] for e in by_id["copy-2"]] == [e["sentence"] for e in dict(expected)[b.id]]
    assert by_id[a.id] == dict(expected)[a.id] and by_id[b.id] == dict(expected)[b.id]


def test_with_parquet_output_copies_keep_the_coders_own_events(articles, expected, tmp_path):
    a = articles[0]
    read_back = ReadBack(lambda article_id: [])
    engine = EngineCoder(EngineOptions(dedup=True, partition_size=1, parquet=str(tmp_path / "events")))
    got = dicts(engine.code_many([a, articles[1], wire_copy(a, "copy-1", "one.example")], read_back=read_back))
    assert not read_back.waiting
    assert [e["sentence"] for e in dict(got)["copy-1"]] == [e["sentence"] for e in dict(expected)[a.id]]


# ---------------------------------------------------------------------------------------------- Parquet

def test_parquet_dataset_equals_the_jsonl_stream(articles, expected, tmp_path):
    folder = tmp_path / "events"
    got, _ = run(articles, partition_size=2, parquet=str(folder), include_all=False)
    assert got == expected
    asserted = [e for _, events in expected for e in events if e["modality"] == "asserted"]
    assert list(read_events(folder)) == asserted
    dates = sorted(p.name for p in folder.iterdir())
    assert dates and all(d.startswith("date=") for d in dates)

    import duckdb

    rows = duckdb.sql(f"SELECT date, count(*) FROM read_parquet('{folder}/*/*.parquet', hive_partitioning = true) "
                      f"GROUP BY date ORDER BY date").fetchall()
    assert sum(n for _, n in rows) == len(asserted)
    assert [str(d) for d, _ in rows] == sorted({e["date"] for e in asserted})


def test_parquet_files_do_not_depend_on_the_engine(articles, tmp_path):
    run(articles, parquet=str(tmp_path / "local"), partition_size=6)
    run(articles, parquet=str(tmp_path / "pool"), engine="processes", workers=2, partition_size=1)
    local = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*.parquet"))
    pool = sorted(p.relative_to(tmp_path / "pool") for p in (tmp_path / "pool").rglob("*.parquet"))
    assert local == pool
    assert list(read_events(tmp_path / "local")) == list(read_events(tmp_path / "pool"))


def test_parquet_folder_in_use_is_refused_before_coding(tmp_path):
    (tmp_path / "old.parquet").write_bytes(b"x")
    with pytest.raises(FileExistsError, match="not an empty folder"):
        EngineCoder(EngineOptions(parquet=str(tmp_path))).check()


# ---------------------------------------------------------------------------------------------- options

@pytest.mark.parametrize("options,message", [
    ({"engine": "spark"}, "unknown engine"),
    ({"engine": "processes", "scheduler": "tcp://x:8786"}, "--scheduler needs --engine dask"),
    ({"workers": 0}, "--workers"),
    ({"partition_size": 0}, "--partition-size"),
    ({"retries": -1}, "--retries"),
])
def test_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        EngineOptions(**options)


@pytest.mark.parametrize("factory,message", [
    ("no_such_module:make", "cannot import no_such_module"),
    ("newsevents.model:NoSuchThing", "has no NoSuchThing"),
    ("newsevents.model", "expected MODULE:FACTORY"),
])
def test_bad_coder_factory_fails_before_any_work(factory, message):
    with pytest.raises(CoderFactoryError, match=message):
        EngineCoder(EngineOptions(engine="processes"), CoderSpec(factory=factory)).check()


# ---------------------------------------------------------------------------------------------- CLI

def test_cli_code_with_processes_equals_local(tmp_path, capsys):
    from newsevents.cli import main

    corpus = tmp_path / "six.jsonl"
    corpus.write_text("".join(line + "\n" for line in
                              (ROOT / "samples" / "news.jsonl").read_text("utf-8").splitlines()[:6]))
    assert main(["code", str(corpus), "--no-progress", "-o", str(tmp_path / "local.jsonl")]) == 0
    assert main(["code", str(corpus), "--no-progress", "-o", str(tmp_path / "pool.jsonl"), "--engine", "processes",
                 "--workers", "2", "--partition-size", "2", "--parquet", str(tmp_path / "pq")]) == 0
    local = (tmp_path / "local.jsonl").read_text("utf-8")
    assert local and local == (tmp_path / "pool.jsonl").read_text("utf-8")
    assert list(read_events(tmp_path / "pq")) == [json.loads(line) for line in local.splitlines()]
    capsys.readouterr()


def test_cli_code_reports_a_failed_partition_and_exits_0(tmp_path, capsys, flaky_env):
    from newsevents.cli import main

    corpus = tmp_path / "two.jsonl"
    lines = (ROOT / "samples" / "news.jsonl").read_text("utf-8").splitlines()[:2]
    first = json.loads(lines[0]) | {"id": "bad-FAIL-ALWAYS"}
    corpus.write_text(json.dumps(first) + "\n" + lines[1] + "\n")
    code = main(["code", str(corpus), "--no-progress", "--coder", "flaky_coder:flaky", "--partition-size", "1",
                 "--retries", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {json.loads(lines[1])["id"]}
    assert "rejected: record 'bad-FAIL-ALWAYS'" in err and "1 records rejected" in err


def test_cli_ingest_with_near_duplicates_counts_every_copy_as_a_source(tmp_path, capsys):
    import csv

    from newsevents.cli import main
    from newsevents.store.db import EventStore

    a = sample_articles(1)[0]
    table = tmp_path / "wire.csv"
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["story", "body", "day", "url", "source"])
        for n, site in enumerate(["one.example", "two.example", "three.example"]):
            body = a.text if n == 0 else f"{site.upper()} - {a.text}"
            writer.writerow([f"w{n}", body, str(a.published), f"https://{site}/story", site])
    db = tmp_path / "store.duckdb"
    assert main(["ingest", str(table), "--db", str(db), "--no-progress", "--text-column", "body", "--date-column",
                 "day", "--id-column", "story"]) == 0
    err = capsys.readouterr().err
    assert "near-duplicates: 2 of 3 articles repeat 1 others" in err
    with EventStore.open(str(db), read_only=True) as store:
        articles = store.fetch("SELECT article_id, outlet, num_mentions FROM articles ORDER BY article_id")
        assert [r[0] for r in articles] == ["w0", "w1", "w2"]
        assert [r[1] for r in articles] == ["one.example", "two.example", "three.example"]
        assert len({r[2] for r in articles}) == 1 and articles[0][2] > 0
        assert store.fetch("SELECT min(num_sources), max(num_articles) FROM events")[0] == (3, 3)
