"""Deduplication: one real-world event reported by several articles is one event; distinct events stay apart."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from store_factories import day, event_rows, make_article, make_event, mention_links

from newsevents.model import Place
from newsevents.store import EventStore, dedup
from newsevents.store.dedup import Cluster, cluster_dates, event_id_for
from newsevents.store.ingest import ingest_events, prepare, store_coded


def d(n: int) -> dt.date:
    return day(n)


@pytest.mark.parametrize("dates, tolerance, expected", [
    ([0, 1], 0, [[0], [1]]),                  # two strikes on two days, tolerance 0
    ([0, 3], 1, [[0], [3]]),                  # three days apart, tolerance 1
    ([0, 1], 1, [[0, 1]]),
    ([0, 1, 2, 3], 1, [[0, 1], [2, 3]]),      # a run of daily events is not chained into one
    ([5, 0, 2, 1], 2, [[0, 1, 2], [5]]),      # input order does not matter
    ([0, 0, 0], 0, [[0]]),
])
def test_cluster_dates(dates, tolerance, expected):
    counts = [(d(x), 1) for x in sorted(set(dates))]
    random.Random(1).shuffle(counts)
    got = cluster_dates(counts, tolerance)
    assert [[(x - d(0)).days for x in c.dates] for c in got] == expected
    assert [c.anchor for c in got] == [d(c[0]) for c in expected]


def test_event_date_is_the_most_reported_date_ties_to_the_earliest():
    assert cluster_dates([(d(0), 1), (d(1), 3)], 1) == [Cluster(d(0), (d(0), d(1)), d(1))]
    assert cluster_dates([(d(0), 2), (d(1), 2)], 1)[0].event_date == d(0)
    with pytest.raises(ValueError):
        cluster_dates([(d(0), 1)], -1)


def test_event_ids_are_stable_integers():
    eid = event_id_for(("RUSMIL", "UKR", "190"), d(0))
    assert eid == event_id_for(("RUSMIL", "UKR", "190"), d(0))
    assert 0 < eid < 2**63
    assert eid != event_id_for(("RUSMIL", "UKR", "190"), d(1)) != event_id_for(("UKR", "RUSMIL", "190"), d(0))


def _strike_reports():
    """Four outlets report one bombing (dates resolved a day apart by one), one reports a second bombing."""
    return [
        (make_article("reuters-1", 1, source="Reuters"), [make_event("reuters-1", 0, 0, cameo="183")]),
        (make_article("bbc-1", 1, url="https://www.bbc.com/1"), [make_event("bbc-1", 2, 1, cameo="1831")]),
        (make_article("ap-1", 2, source="AP"), [make_event("ap-1", 1, 0, cameo="183")]),
        (make_article("ap-2", 2, source="AP"), [make_event("ap-2", 0, 0, cameo="183", modality="hypothetical")]),
        (make_article("reuters-2", 5, source="Reuters"), [make_event("reuters-2", 0, 4, cameo="183"),
                                                          make_event("reuters-2", 3, 0, cameo="183")]),
    ]


def test_several_articles_reporting_one_event_merge(store):
    store_coded(store, _strike_reports(), batch_size=2)
    events = store.fetch_dicts("SELECT * FROM events ORDER BY date")
    assert len(events) == 2
    strike = events[0]
    assert (strike["num_mentions"], strike["num_articles"], strike["num_sources"]) == (4, 4, 3)
    assert (strike["first_seen"], strike["last_seen"]) == (d(1), d(5))
    assert (strike["date"], strike["first_date"], strike["last_date"]) == (d(0), d(0), d(1))
    assert strike["cameo"] == "183"          # the most frequent full code (three 183s, one 1831)
    assert strike["base_code"] == "183" and strike["is_root"]
    assert strike["evidence"] == "reuters-1: sentence 0 (RUSMIL 183 UKR)"  # earliest article among equals
    linked = store.fetch("SELECT article_id FROM mentions WHERE event_id = ? ORDER BY 1", [strike["event_id"]])
    assert [a for (a,) in linked] == ["ap-1", "bbc-1", "reuters-1", "reuters-2"]
    assert events[1]["date"] == d(4) and events[1]["num_mentions"] == 1
    # the hypothetical mention is stored but belongs to no event
    assert store.fetch("SELECT event_id FROM mentions WHERE article_id = 'ap-2'") == [(None,)]


def test_event_row_takes_its_place_from_the_best_ranked_mention_that_has_one(store):
    # The representative (the most frequent code, then the highest confidence) has no place; of the two
    # mentions that have one, the better ranked gives the event's. The wide columns come from those rows only.
    kyiv, lviv = Place("Kyiv", "UKR", 50.45, 30.52), Place("Lviv", "UKR", 49.84, 24.03)
    store_coded(store, [
        (make_article("a", 1), [make_event("a", 0, 0, cameo="183", confidence=0.9, sentence="The lead.")]),
        (make_article("b", 1), [make_event("b", 0, 0, cameo="183", confidence=0.5, location=lviv)]),
        (make_article("c", 1), [make_event("c", 0, 0, cameo="183", confidence=0.7, location=kyiv)]),
        (make_article("d", 1), [make_event("d", 0, 0, cameo="1831", confidence=1.0, location=lviv)]),
    ])
    (row,) = store.fetch_dicts("SELECT * FROM events")
    assert (row["cameo"], row["evidence"], row["num_mentions"]) == ("183", "The lead.", 4)
    assert row["rep_mention_id"] == store.fetch("SELECT mention_id FROM mentions WHERE article_id = 'a'")[0][0]
    assert (row["location_name"], row["location_country"], row["location_lat"], row["location_lon"]) == \
        ("Kyiv", "UKR", 50.45, 30.52)
    assert (row["source_code"], row["target_code"], row["goldstein"], row["quad_class"]) == ("RUSMIL", "UKR", -10.0, 4)


def test_two_strikes_on_consecutive_days_stay_apart_with_tolerance_zero(store):
    prepare(store, 0)
    store_coded(store, [(make_article("x", 2), [make_event("x", 0, 0), make_event("x", 1, 1)]),
                        (make_article("y", 2), [make_event("y", 0, 1)])])
    assert store.fetch("SELECT date, num_mentions FROM events ORDER BY date") == [(d(0), 1), (d(1), 2)]


def test_strikes_three_days_apart_stay_apart_with_tolerance_one(store):
    store_coded(store, [(make_article("x", 5), [make_event("x", 0, 0)]),
                        (make_article("y", 5), [make_event("y", 0, 3)])])
    assert store.fetch("SELECT date FROM events ORDER BY date") == [(d(0),), (d(3),)]


@pytest.mark.parametrize("other", [
    dict(cameo="183"),                           # another base code
    dict(source="UKRMIL", target="RUSMIL"),      # the other direction
    dict(source="RUSGOV"),                       # another source actor
])
def test_other_codes_or_actors_are_other_events(store, other):
    store_coded(store, [(make_article("x"), [make_event("x", 0, 0)]),
                        (make_article("y"), [make_event("y", 0, 0, **other)])])
    assert store.counts()["events"] == 2


def test_same_base_code_merges_across_full_codes(store):
    store_coded(store, [(make_article("x"), [make_event("x", 0, 0, cameo="195")]),
                        (make_article("y"), [make_event("y", 0, 0, cameo="1951")])])
    assert store.fetch("SELECT base_code, num_mentions FROM events") == [("195", 2)]


def test_missing_actor_groups_with_missing_actor_and_undated_mentions_are_not_events(store):
    store_coded(store, [(make_article("x"), [make_event("x", 0, 0, target=None), make_event("x", 1, None)]),
                        (make_article("y"), [make_event("y", 0, 0, target=None)])])
    assert store.fetch("SELECT target_code, num_mentions FROM events") == [(None, 2)]
    assert store.fetch("SELECT count(*) FROM mentions WHERE event_id IS NULL") == [(1,)]


def _many_reports(seed: int = 7):
    rng = random.Random(seed)
    dyads = [("RUSMIL", "UKR"), ("UKRMIL", "RUSMIL"), ("ISRMIL", "HAMAS"), ("USAGOV", "IRNGOV")]
    cameos = ["190", "193", "183", "042", "112"]
    out = []
    for i in range(60):
        doc = f"doc{i:03d}"
        events = [make_event(doc, j, rng.randrange(20), *rng.choice(dyads), rng.choice(cameos),
                             modality=rng.choice(["asserted"] * 5 + ["negated"]))
                  for j in range(rng.randrange(4))]
        out.append((make_article(doc, rng.randrange(20), source=rng.choice(["AP", "BBC", None])), events))
    return out


def test_result_does_not_depend_on_ingest_order_or_batch_size(tmp_path):
    reports = _many_reports()
    results = []
    for n, (order, batch_size) in enumerate([(reports, 10), (reports[::-1], 3), (None, 2)]):
        if order is None:
            order = reports[:]
            random.Random(3).shuffle(order)
        with EventStore.open(tmp_path / f"s{n}.duckdb") as store:
            store_coded(store, order, batch_size=batch_size)
            results.append((event_rows(store), mention_links(store)))
    assert results[0][0]  # there are events
    assert results[0] == results[1] == results[2]


def test_pre_coded_path_gives_the_same_events_as_the_article_path(tmp_path):
    reports = [(a, evs) for a, evs in _many_reports() if evs]
    with EventStore.open(tmp_path / "a.duckdb") as a, EventStore.open(tmp_path / "b.duckdb") as b:
        store_coded(a, [(make_article(art.id, evs[0].date.date), evs) for art, evs in reports
                        if evs[0].date], batch_size=4)
        ingest_events(b, itertools.chain.from_iterable(evs for _, evs in reports if evs[0].date), batch_size=5)
        key = "SELECT event_id, date, cameo, num_mentions, num_articles FROM events ORDER BY event_id"
        assert a.fetch(key) == b.fetch(key)


def test_changing_the_tolerance_reclusters_everything(store):
    store_coded(store, [(make_article("x"), [make_event("x", 0, 0)]),
                        (make_article("y"), [make_event("y", 0, 2)])])
    assert store.counts()["events"] == 2
    report_tolerance = prepare(store, 2)
    assert report_tolerance == 2 and store.counts()["events"] == 1
    assert store.get_setting("dedup_tolerance_days") == "2"
    assert prepare(store, None) == 2  # kept when not given


# ------------------------------------------------------------------------------------ incremental = full

def _random_stream(rng: random.Random, n_docs: int):
    """Articles with random mentions over a few groups and a few weeks; some ids come back with a new text
    (the later one replaces the earlier), some mentions are not asserted or have no date."""
    dyads = [("RUSMIL", "UKR"), ("UKRMIL", "RUSMIL"), ("ISRMIL", "HAMAS"), ("USAGOV", None)]
    out = []
    for i in range(n_docs):
        doc = f"doc{rng.randrange(n_docs * 3 // 4 + 1):03d}"
        events = [make_event(doc, j, rng.choice([None] + [rng.randrange(25)] * 8), *rng.choice(dyads),
                             rng.choice(["190", "193", "1931", "042"]),
                             modality=rng.choice(["asserted"] * 6 + ["negated"]),
                             confidence=rng.choice([0.5, 0.8, 0.9]))
                  for j in range(rng.randrange(5))]
        out.append((make_article(doc, rng.randrange(25), source=rng.choice(["AP", "BBC", None]),
                                 text=f"Text {i} of {doc}."), events))
    return out


def _full_recluster(store: EventStore, tolerance: int) -> tuple[list, list]:
    with store.transaction() as con:
        dedup.rebuild(con, tolerance)
    return event_rows(store), mention_links(store)


@pytest.mark.parametrize("seed", range(8))
def test_incremental_dedup_equals_a_full_recluster_on_random_streams(tmp_path, seed):
    """Mentions join, split and leave groups batch by batch (article texts replaced, dates landing before,
    inside and between clusters); the events are those of clustering all mentions at once, whatever the
    order and the batch size."""
    rng = random.Random(seed)
    tolerance = rng.randrange(4)
    stream = _random_stream(rng, 40)
    final = {}
    for article, events in stream:
        final[article.id] = (article, events)  # what any order ends with: the last text of each id
    results = []
    for n in range(3):
        order = stream
        if n:  # another order that ends with the same texts: each id's last text comes after its others
            shuffled = rng.sample(stream, len(stream))
            order = [item for item in shuffled if final[item[0].id] is not item] + list(final.values())
        with EventStore.open(tmp_path / f"s{n}.duckdb") as store:
            prepare(store, tolerance)
            store_coded(store, order, batch_size=rng.randrange(1, 6))
            incremental = event_rows(store), mention_links(store)
            assert incremental == _full_recluster(store, tolerance)
            results.append(incremental)
    assert results[0][0]
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("seed", range(4))
def test_incremental_dedup_of_pre_coded_mentions_equals_a_full_recluster(tmp_path, seed):
    rng = random.Random(100 + seed)
    tolerance = rng.randrange(3)
    events = [e for i, (_, evs) in enumerate(_random_stream(rng, 60)) for e in evs]
    events = [make_event(f"d{i:03d}", 0, e.date.date if e.date else None, e.source, e.target, e.cameo,
                         modality=e.modality) for i, e in enumerate(events)]
    results = []
    for n in range(2):
        with EventStore.open(tmp_path / f"s{n}.duckdb") as store:
            prepare(store, tolerance)
            ingest_events(store, events if n == 0 else rng.sample(events, len(events)),
                          batch_size=rng.randrange(1, 8))
            incremental = event_rows(store), mention_links(store)
            assert incremental == _full_recluster(store, tolerance)
            results.append(incremental)
    assert results[0] == results[1]
