"""Bounded memory in long ingests (issue #13): the store is closed while the coder works (or reopened every N
batches), which hands back what DuckDB keeps for an open database, and nothing is lost or duplicated."""
from __future__ import annotations

import random
import threading

import pytest
from store_factories import event_rows, make_article, make_event, mention_links

from newsevents.store import EventStore
from newsevents.store.db import StoreError
from newsevents.store.ingest import ingest_articles, store_coded

DYADS = [("RUSMIL", "UKR"), ("UKRMIL", "RUSMIL"), ("USAGOV", "IRNGOV"), ("NATO", "RUSGOV")]


def _coded(n: int = 40) -> list:
    rng = random.Random(3)
    out = []
    for i in range(n):
        doc = f"doc{i:03d}"
        events = [make_event(doc, j, rng.randrange(12), *rng.choice(DYADS), rng.choice(["190", "193", "042"]))
                  for j in range(rng.randrange(0, 4))]
        out.append((make_article(doc, rng.randrange(12)), events))
    return out


class Coder:
    """`code_many` over prepared (Article, events) pairs."""

    def __init__(self, coded):
        self.events = {a.id: e for a, e in coded}

    def code_many(self, articles):
        for article in articles:
            yield article, self.events[article.id]


def _snapshot(store: EventStore) -> dict:
    return {"articles": store.fetch("SELECT article_id, text_hash, status, num_mentions FROM articles ORDER BY 1"),
            "mentions": mention_links(store), "events": event_rows(store)}


def _count_reopens(store: EventStore) -> list:
    seen = []
    reopen = store.reopen

    def counted():
        seen.append(store.con)
        reopen()
    store.reopen = counted
    return seen


def test_store_connections_hand_freed_memory_back(store):
    """jemalloc's background thread returns the pages each batch freed while the coder parses the next."""
    assert store.con.execute("SELECT current_setting('allocator_background_threads')").fetchone()[0] is True


def test_ingest_reopens_the_store_every_n_batches_and_ends_as_without(tmp_path):
    coded = _coded()
    with EventStore.open(tmp_path / "plain.duckdb") as plain:
        store_coded(plain, coded, batch_size=4, reopen_every=0)
        expected = _snapshot(plain)
    assert len(expected["events"]) > 10

    with EventStore.open(tmp_path / "reopened.duckdb") as store:
        reopens = _count_reopens(store)
        report = ingest_articles(store, [a for a, _ in coded], Coder(coded), batch_size=4, reopen_every=3,
                                 close_while_coding=False)
        assert report.batches == 10 and len(reopens) == 3
        assert len({id(c) for c in reopens + [store.con]}) == 4  # a new connection each time
        assert _snapshot(store) == expected


def test_a_run_interrupted_after_a_reopen_resumes_without_duplicates(tmp_path):
    coded = _coded()
    with EventStore.open(tmp_path / "plain.duckdb") as plain:
        store_coded(plain, coded, batch_size=4, reopen_every=0)
        expected = _snapshot(plain)

    class Interrupted(Exception):
        pass

    def stop_in_batch_six(articles):
        for n, pair in enumerate(Coder(coded).code_many(articles)):
            if n == 22:  # inside the sixth batch, after the reopen that followed the fifth
                raise Interrupted
            yield pair

    path = tmp_path / "resumed.duckdb"
    with EventStore.open(path) as store:
        reopens = _count_reopens(store)
        coder = Coder(coded)
        coder.code_many = stop_in_batch_six
        with pytest.raises(Interrupted):
            ingest_articles(store, [a for a, _ in coded], coder, batch_size=4, reopen_every=5,
                            close_while_coding=False)
        assert len(reopens) == 1
        assert store.counts()["articles"] == 20  # the five whole batches, read on the new connection
    with EventStore.open(path) as store:
        report = ingest_articles(store, [a for a, _ in coded], Coder(coded), batch_size=4, reopen_every=5)
        assert report.articles_skipped == 20 and report.articles_stored == 20
        assert _snapshot(store) == expected


def test_the_store_is_closed_while_the_coder_works_and_ends_as_without(tmp_path):
    coded = _coded()
    with EventStore.open(tmp_path / "plain.duckdb") as plain:
        store_coded(plain, coded, batch_size=4, reopen_every=0, close_while_coding=False)
        expected = _snapshot(plain)

    with EventStore.open(tmp_path / "released.duckdb") as store:
        open_while_coding = []

        class Watched(Coder):
            def code_many(self, articles):
                for article in articles:  # pulling an article looks stored ones up, then closes the store
                    open_while_coding.append(store._con is not None)
                    yield article, self.events[article.id]

        report = ingest_articles(store, [a for a, _ in coded], Watched(coded), batch_size=4, reopen_every=3)
        assert report.batches == 10 and len(open_while_coding) == 40
        assert not any(open_while_coding)
        assert _snapshot(store) == expected  # opened again on use


def test_a_run_interrupted_while_the_store_is_closed_resumes_without_duplicates(tmp_path):
    coded = _coded()
    with EventStore.open(tmp_path / "plain.duckdb") as plain:
        store_coded(plain, coded, batch_size=4, reopen_every=0)
        expected = _snapshot(plain)

    class Interrupted(Exception):
        pass

    def stop_in_batch_six(articles):
        for n, pair in enumerate(Coder(coded).code_many(articles)):
            if n == 22:  # while the store is closed
                raise Interrupted
            yield pair

    path = tmp_path / "resumed.duckdb"
    with EventStore.open(path) as store:
        coder = Coder(coded)
        coder.code_many = stop_in_batch_six
        with pytest.raises(Interrupted):
            ingest_articles(store, [a for a, _ in coded], coder, batch_size=4)
        assert store.counts()["articles"] == 20
    with EventStore.open(path) as store:
        report = ingest_articles(store, [a for a, _ in coded], Coder(coded), batch_size=4)
        assert report.articles_skipped == 20 and report.articles_stored == 20
        assert _snapshot(store) == expected


def test_release_is_refused_inside_a_transaction_and_use_opens_the_store_again(store):
    with store.transaction() as con:
        con.execute("INSERT INTO store_settings VALUES ('x', '1')")
        assert store.release() is False
        assert store._con is con
    assert store.release() is True and store._con is None
    assert store.get_setting("x") == "1"  # committed, read on a new connection
    store.release()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_reopen_is_refused_inside_a_transaction(store):
    with store.transaction() as con:
        con.execute("INSERT INTO store_settings VALUES ('x', '1')")
        with pytest.raises(StoreError, match="inside a transaction"):
            store.reopen()
    store.reopen()
    assert store.get_setting("x") == "1"


def test_reopen_waits_for_a_cursor_in_use_in_another_thread(store):
    order: list[str] = []
    holding, release = threading.Event(), threading.Event()

    def reader():
        with store.cursor() as cur:
            holding.set()
            release.wait(10)
            order.append("read " + str(cur.execute("SELECT count(*) FROM articles").fetchone()[0]))

    thread = threading.Thread(target=reader)
    thread.start()
    holding.wait(10)
    reopener = threading.Thread(target=lambda: (store.reopen(), order.append("reopened")))
    reopener.start()
    reopener.join(0.2)
    assert reopener.is_alive()  # waiting for the cursor (without the wait, the reader's query would fail)
    release.set()
    thread.join(10)
    reopener.join(10)
    assert order == ["read 0", "reopened"]
    assert store.counts()["articles"] == 0


def test_an_in_memory_store_is_never_closed_while_it_is_used(tmp_path):
    """An in-memory database lives only as long as its connection: release and reopen keep it open."""
    coded = _coded()
    with EventStore.open(tmp_path / "plain.duckdb") as plain:
        store_coded(plain, coded, batch_size=4, close_while_coding=False)
        expected = _snapshot(plain)
    with EventStore.open(":memory:") as store:
        assert store.in_memory
        report = ingest_articles(store, [a for a, _ in coded], Coder(coded), batch_size=4, reopen_every=2,
                                 close_while_coding=True)
        assert report.batches == 10
        assert store.release() is False
        store.reopen()
        assert _snapshot(store) == expected
