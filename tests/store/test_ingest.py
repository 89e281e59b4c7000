"""Ingest: Article + Event records in, rows out; idempotent; text changes replace; pre-coded JSONL."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from store_factories import event_rows, make_article, make_event, mention_links

from newsevents.model import Article, Place, RecordError
from newsevents.store.export import export
from newsevents.store.ingest import (IngestReport, estimate_total, event_from_dict, ingest_articles,
                                     ingest_events, outlet_of, read_coded_jsonl, store_coded, text_hash)
from newsevents.store.query import EventQuery

KHARKIV = Place("Kharkiv", "UKR", 49.99, 36.23)


def _coded_batch():
    return [
        (make_article("a1", 0, source="Reuters", url="https://www.reuters.com/a1"),
         [make_event("a1", 0, 0, location=KHARKIV), make_event("a1", 1, 0, "UKRMIL", "RUSMIL", "193"),
          make_event("a1", 2, 2, modality="future")]),
        (make_article("a2", 1, url="https://www.bbc.co.uk/news/a2"),
         [make_event("a2", 0, 0), make_event("a2", 4, 1, "USAGOV", "UKRGOV", "042")]),
        (make_article("a3", 1, source="AP"), []),
    ]


class RecordingCoder:
    """Stands in for `newsevents.coding.pipeline.Coder` with the same `code_many` shape; records its input."""

    def __init__(self, events_by_doc: dict, fail: set[str] = frozenset()) -> None:
        self.events_by_doc = events_by_doc
        self.fail = fail
        self.coded: list[str] = []

    def code_many(self, articles):
        for article in articles:
            self.coded.append(article.id)
            if article.id in self.fail:
                yield RecordError(article.id, "the parser gave up")
            else:
                yield article, self.events_by_doc.get(article.id, [])


def test_rows_for_articles_mentions_and_events(store):
    report = store_coded(store, _coded_batch(), batch_size=2)
    assert (report.articles_stored, report.mentions_stored, report.batches) == (3, 5, 2)
    assert store.counts() == {"articles": 3, "mentions": 5, "events": 3}
    a1 = store.fetch_dicts("SELECT * FROM articles WHERE article_id = 'a1'")[0]
    assert a1["text_hash"] == text_hash("Text of a1.")
    assert (a1["status"], a1["outlet"], a1["num_mentions"], a1["error"]) == ("coded", "Reuters", 3, None)
    assert store.fetch("SELECT outlet FROM articles WHERE article_id = 'a2'") == [("bbc.co.uk",)]
    # the future mention is kept, flagged, and not linked to an event
    future = store.fetch_dicts("SELECT * FROM mentions WHERE modality = 'future'")
    assert len(future) == 1 and future[0]["event_id"] is None
    assert store.fetch("SELECT count(*) FROM mentions WHERE modality = 'asserted' AND event_id IS NULL") == [(0,)]


def test_reingesting_the_same_articles_adds_nothing(store):
    store_coded(store, _coded_batch(), batch_size=2)
    before = (event_rows(store), mention_links(store), store.fetch("SELECT article_id, text_hash FROM articles"))
    report = store_coded(store, _coded_batch(), batch_size=1)
    assert (report.articles_stored, report.mentions_stored, report.articles_skipped) == (0, 0, 3)
    assert (event_rows(store), mention_links(store),
            store.fetch("SELECT article_id, text_hash FROM articles")) == before


def test_changed_text_replaces_the_article_and_its_mentions(store):
    store_coded(store, _coded_batch())
    new = make_article("a1", 0, source="Reuters", text="Corrected text of a1.")
    report = store_coded(store, [(new, [make_event("a1", 0, 5, "RUSMIL", "UKR", "183")])])
    assert (report.articles_replaced, report.mentions_stored) == (1, 1)
    assert store.fetch("SELECT text_hash FROM articles WHERE article_id = 'a1'") == [(text_hash(new.text),)]
    assert store.fetch("SELECT cameo FROM mentions WHERE article_id = 'a1'") == [("183",)]
    # a1's old 190 mention is gone, so the 190 event on day 0 is a2's alone now; a1's 193 event is gone
    assert store.fetch("SELECT cameo, num_mentions, num_articles FROM events ORDER BY cameo") == [
        ("042", 1, 1), ("183", 1, 1), ("190", 1, 1)]


def test_articles_already_stored_are_skipped_before_coding(store):
    events = {a.id: evs for a, evs in _coded_batch()}
    first = RecordingCoder(events)
    articles = [a for a, _ in _coded_batch()]
    ingest_articles(store, articles[:2], first)
    assert first.coded == ["a1", "a2"]
    second = RecordingCoder(events)
    report = ingest_articles(store, [*articles, articles[2]], second)
    assert second.coded == ["a3"]  # a1, a2 stored; the second a3 of the input is a duplicate
    assert (report.articles_skipped, report.articles_stored) == (3, 1)
    assert store.counts()["articles"] == 3


def test_reader_diagnostics_and_coder_failures(store):
    notes = []
    coder = RecordingCoder({}, fail={"bad"})
    records = [RecordError("line 3", "not valid JSON", "in.jsonl:3"), make_article("ok"), make_article("bad")]
    report = ingest_articles(store, records, coder, notify=notes.append)
    assert (report.records_rejected, report.articles_failed, report.articles_stored) == (1, 1, 1)
    assert store.fetch("SELECT article_id, status, error FROM articles ORDER BY 1") == [
        ("bad", "failed", "the parser gave up"), ("ok", "coded", None)]
    assert any("not valid JSON" in n for n in notes) and any("parser gave up" in n for n in notes)
    # a failed article with the same text is skipped with retry_failed=False, else coded again
    skipped = RecordingCoder({})
    ingest_articles(store, [make_article("bad")], skipped, retry_failed=False)
    assert skipped.coded == []
    again = RecordingCoder({})
    report = ingest_articles(store, [make_article("bad")], again)
    assert again.coded == ["bad"] and report.articles_retried == 1 and report.articles_replaced == 0
    assert store.fetch("SELECT status, error FROM articles WHERE article_id = 'bad'") == [("coded", None)]


def test_mentions_export_round_trips_the_code_contract(store, tmp_path):
    batch = _coded_batch()
    store_coded(store, batch)
    out = tmp_path / "mentions.jsonl"
    export(store, EventQuery(level="mentions", include_all=True, limit=None), "jsonl", str(out))
    exported = sorted((json.loads(line) for line in out.read_text().splitlines()), key=lambda d: d["event_id"])
    expected = sorted((e.to_dict() for _, evs in batch for e in evs), key=lambda d: d["event_id"])
    assert exported == expected
    assert [list(d) for d in exported] == [list(d) for d in expected]  # same keys in the same order


def test_ingest_pre_coded_jsonl(tmp_path, store):
    dicts = [e.to_dict() for _, evs in _coded_batch() for e in evs]
    path = tmp_path / "events.jsonl"
    lines = [json.dumps(d) for d in dicts]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({**dicts[0], "cameo": "19x"}))
    path.write_text("\n".join(lines) + "\n\n")
    notes = []
    report = ingest_events(store, read_coded_jsonl([str(path)]), batch_size=1, notify=notes.append)
    assert (report.mentions_stored, report.records_rejected) == (5, 2)
    assert any("not valid JSON" in n and "events.jsonl:3" in n for n in notes)
    assert any("cameo '19x'" in n for n in notes)
    assert store.fetch("SELECT article_id, status, text_hash FROM articles ORDER BY 1") == [
        ("a1", "imported", None), ("a2", "imported", None)]
    assert store.counts()["events"] == 3
    again = ingest_events(store, read_coded_jsonl([str(path)]))
    assert (again.mentions_stored, again.mentions_skipped) == (0, 5)
    assert store.counts() == {"articles": 2, "mentions": 5, "events": 3}


def test_pre_coded_documents_are_replaced_when_their_text_is_ingested(store):
    ingest_events(store, [make_event("a1", 0, 0), make_event("a1", 3, 0, cameo="193")])
    store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    assert store.fetch("SELECT status FROM articles") == [("coded",)]
    assert store.fetch("SELECT cameo FROM mentions") == [("190",)]
    assert store.counts()["events"] == 1


def test_read_coded_jsonl_from_stdin():
    event = make_event("d", 0, 0)
    stream = io.StringIO(json.dumps(event.to_dict()) + "\n")
    assert list(read_coded_jsonl(["-"], stdin=stream)) == [event]


def test_event_from_dict_inverts_to_dict():
    event = make_event("d", 2, 3, "HAMAS", "ISR", "190", location=KHARKIV, modality="negated")
    assert event_from_dict(event.to_dict()) == event
    assert event_from_dict(event.to_dict()).event_id == event.event_id
    bare = make_event("d", 0, None, None, "ISR", "042")
    assert event_from_dict(bare.to_dict()) == bare


@pytest.mark.parametrize("bad, message", [
    ({"modality": "maybe"}, "modality"), ({"quad_class": 7}, "quad_class"), ({"cameo": "1"}, "cameo"),
    ({"date": "2024-13-01"}, "month"), ({"source": {"name": "x"}}, "actor needs a code")])
def test_event_from_dict_rejects_malformed(bad, message):
    with pytest.raises(ValueError, match=message):
        event_from_dict({**make_event("d", 0, 0).to_dict(), **bad})


def test_outlet_and_total_estimate(tmp_path):
    assert outlet_of(None, "https://www.nytimes.com/2024/x") == "nytimes.com"
    assert outlet_of(" AP ", "https://apnews.com") == "AP"
    assert outlet_of(None, None) is None
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n{"id": 2}\n')
    (tmp_path / "b.txt").write_text("x")
    assert estimate_total([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")]) == 3
    assert estimate_total(["-"]) is None


def test_batch_with_the_same_article_twice_keeps_the_last_text(store):
    old, new = make_article("a1", text="old"), make_article("a1", text="new")
    report = store_coded(store, [(old, [make_event("a1", 0, 0)]), (new, [make_event("a1", 1, 0, cameo="042")])])
    assert report.articles_stored == 1
    assert store.fetch("SELECT text_hash FROM articles") == [(text_hash("new"),)]
    assert store.fetch("SELECT cameo FROM mentions") == [("042",)]


def test_report_summary_mentions_what_happened():
    report = IngestReport(articles_stored=2, mentions_stored=5, articles_skipped=1, batches=1)
    assert report.summary() == "2 articles stored, 5 mentions, 1 already stored, skipped (1 batches)"


def test_real_coder_end_to_end(store, request):
    try:
        coder = request.getfixturevalue("coder")  # tests/conftest.py: one real Coder per session
    except (ImportError, FileNotFoundError) as exc:
        pytest.skip(f"the coder is not complete yet: {exc}")
    articles = [
        Article("r1", "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three people.",
                published=dt.date(2024, 5, 16), source="Reuters"),
        Article("r2", "Russian troops shelled Kharkiv on Tuesday. The United States could impose sanctions on Iran.",
                published=dt.date(2024, 5, 15), url="https://apnews.com/r2"),
    ]
    report = ingest_articles(store, articles, coder, batch_size=1)
    assert report.articles_stored == 2 and report.mentions_stored >= 2
    merged = store.fetch("SELECT num_articles, num_sources FROM events WHERE root = '19'")
    assert (2, 2) in merged  # both articles report the same shelling (same dyad, code and date)
    again = ingest_articles(store, articles, coder)
    assert (again.articles_skipped, again.articles_stored) == (2, 0)
