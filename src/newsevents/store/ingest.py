"""Write coded articles and their events into the store, one transaction per batch.

Three ways in, one way to write:

- `ingest_articles(store, records, coder)`: Articles (and reader diagnostics) from
  `newsevents.sources.read_articles`; articles already stored with the same text are skipped
  *before* they reach the coder, the rest go through `coder.code_many`.
- `store_coded(store, results)`: (Article, [Event, ...]) pairs, what `Coder.code_many` yields.
- `ingest_events(store, events)`: pre-coded Event records, e.g. `coded.read_coded_jsonl` of the output of
  `newsevents code` (`newsevents ingest --coded events.jsonl`).

Identity: an article is (`article_id`, `text_hash`). The same id and text again is skipped (unless it is
stored as failed: it is coded again); the same id with a new text replaces the old article and its
mentions. A pre-coded mention is identified by its contract `event_id` (`mentions.mention_id`): one
already stored is skipped.

Each batch of N articles is one transaction: the article rows, their mentions, the republished copies they
settle (`copies.py`, with near-duplicates on) and the update of the events they touch (`dedup.update`). A
run killed at any point leaves only whole batches behind; run again, it skips them and ends with exactly the
rows of a clean run, because clusters depend only on the set of mentions and a copy's events only on the set
of articles, never on ingest order.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.model import Article, Event, RecordError
from newsevents.model_forms import mention_row as _mention_row
from newsevents.settings import SETTINGS
from newsevents.sources.common import FileSkipped
from newsevents.sources.dedup import DEFAULT_THRESHOLD
from newsevents.store import copies, dedup
from newsevents.store.coded import event_from_dict, events_by_article, read_coded_jsonl
from newsevents.store.db import DEFAULT_TOLERANCE_DAYS, EventStore
from newsevents.store.rows import (STATUS_CODED, STATUS_FAILED, STATUS_IMPORTED, article_row, chunks,
                                   count_mentions, insert_articles, insert_mentions, outlet_of, unique_mentions)

__all__ = ["STATUS_CODED", "STATUS_FAILED", "STATUS_IMPORTED", "IngestReport", "event_from_dict",
           "ingest_articles", "ingest_events", "outlet_of", "prepare", "read_coded_jsonl", "store_coded",
           "text_hash"]

DEFAULT_BATCH_SIZE = 100
TOLERANCE_SETTING = "dedup_tolerance_days"

@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    articles_stored: int = 0
    articles_replaced: int = 0
    articles_skipped: int = 0
    articles_failed: int = 0
    articles_retried: int = 0     # stored as failed before, coded again
    copies_updated: int = 0       # stored articles given an earlier-published original's events
    mentions_stored: int = 0
    mentions_skipped: int = 0
    records_rejected: int = 0
    files_skipped: int = 0        # input files that could not be read (reported, the others were read)
    batches: int = 0
    events_rebuilt: bool = False
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.articles_stored} articles stored", f"{self.mentions_stored} mentions"]
        if self.articles_replaced:
            parts.append(f"{self.articles_replaced} replaced (new text)")
        if self.articles_skipped:
            parts.append(f"{self.articles_skipped} already stored, skipped")
        if self.mentions_skipped:
            parts.append(f"{self.mentions_skipped} mentions already stored, skipped")
        if self.articles_retried:
            parts.append(f"{self.articles_retried} failed before, tried again")
        if self.copies_updated:
            parts.append(f"{self.copies_updated} stored copies given their original's events")
        if self.articles_failed:
            parts.append(f"{self.articles_failed} failed (see articles.error)")
        if self.records_rejected:
            parts.append(f"{self.records_rejected} records rejected")
        if self.files_skipped:
            parts.append(f"{self.files_skipped} input files skipped")
        return ", ".join(parts) + f" ({self.batches} batches)"


Advance = Callable[[int], None]           # called with the number of records just handled
Notify = Callable[[str], None]            # called with a one-line diagnostic
OnBatch = Callable[[IngestReport], None]  # called after each committed batch


# ---------------------------------------------------------------------------------------------- settings

def prepare(store: EventStore, tolerance_days: int | None, report: IngestReport | None = None) -> int:
    """Fix the store's dedup tolerance; a changed tolerance re-clusters every event (one transaction).

    `None` keeps the stored tolerance (default 1 day for a new store). Returns the tolerance in force.
    """
    stored = store.get_setting(TOLERANCE_SETTING)
    current = int(stored) if stored is not None else None
    wanted = tolerance_days if tolerance_days is not None else (current if current is not None
                                                                else DEFAULT_TOLERANCE_DAYS)
    if wanted < 0:
        raise ValueError("the date tolerance must be 0 days or more")
    if current == wanted:
        return wanted
    with store.transaction() as con:
        if current is not None:
            dedup.rebuild(con, wanted)
            if report is not None:
                report.events_rebuilt = True
                report.messages.append(f"date tolerance changed from {current} to {wanted} days: "
                                       "all events re-clustered")
        store.set_setting(TOLERANCE_SETTING, str(wanted))
    return wanted


# ---------------------------------------------------------------------------------------------- articles

def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def ingest_articles(store: EventStore, records: Iterable, coder, *, batch_size: int = DEFAULT_BATCH_SIZE,
                    tolerance_days: int | None = None, advance: Advance | None = None,
                    notify: Notify | None = None, on_batch: OnBatch | None = None,
                    report: IngestReport | None = None, code_batch_size: int | None = None,
                    retry_failed: bool = True, reopen_every: int | None = None,
                    close_while_coding: bool | None = None) -> IngestReport:
    """Code and store the Articles among `records`, skipping the ones already stored with the same text.

    An article stored as failed (the coder raised on it) is coded again unless `retry_failed` is False: a
    failure may have been a crash that a rerun, or a fixed coder, gets past.

    `records` may hold reader diagnostics (RecordError, RecordWarning): they go to `notify`, errors are
    counted. `coder.code_many(articles)` yields (Article, [Event, ...]); a coder that yields a RecordError
    (alone or in place of the event list) for an article marks that article failed. `code_batch_size` is
    passed on to `code_many` as its `batch_size` (articles per parser batch) when given. The store is reopened
    after every `reopen_every` batches (default: the `reopen_every` setting; 0: never, see `EventStore.reopen`).
    With `close_while_coding` (default: the setting, on) it is closed instead after each batch's write and
    each look-up of the stored articles, while the coder works, and opened again when next used
    (`EventStore.release`).
    """
    report = report if report is not None else IngestReport()
    tolerance = prepare(store, tolerance_days, report)
    release = _releasing(close_while_coding)
    pending: dict[str, Article] = {}
    done_statuses = (STATUS_CODED,) if retry_failed else (STATUS_CODED, STATUS_FAILED)
    replay = _replay_of(store, coder)
    near = replay.threshold if replay is not None else None
    todo = _pending_articles(store, records, batch_size, pending, report, advance, notify, done_statuses, replay,
                             release)
    options = {"batch_size": code_batch_size} if code_batch_size else {}
    read_back = replay.read_back() if replay is not None else None
    if read_back is not None:   # originals' events are read back from the store, not kept by the engine
        options["read_back"] = read_back
    results = _match_coder_output(coder.code_many(todo, **options), pending)
    return _store_results(store, results, batch_size, tolerance, report, advance, notify,
                          _after_batch(store, on_batch, reopen_every, release), near,
                          read_back.stored if read_back is not None else None)


def store_coded(store: EventStore, results: Iterable[tuple[Article, Sequence[Event]]], *,
                batch_size: int = DEFAULT_BATCH_SIZE, tolerance_days: int | None = None,
                advance: Advance | None = None, on_batch: OnBatch | None = None,
                report: IngestReport | None = None, reopen_every: int | None = None,
                close_while_coding: bool | None = None) -> IngestReport:
    """Store (Article, events) pairs as the coder yields them; articles already stored are skipped."""
    report = report if report is not None else IngestReport()
    tolerance = prepare(store, tolerance_days, report)
    return _store_results(store, results, batch_size, tolerance, report, advance, None,
                          _after_batch(store, on_batch, reopen_every, _releasing(close_while_coding)))


def _releasing(close_while_coding: bool | None) -> bool:
    return bool(SETTINGS["close_while_coding"].value if close_while_coding is None else close_while_coding)


def _pending_articles(store: EventStore, records: Iterable, batch_size: int, pending: dict[str, Article],
                      report: IngestReport, advance: Advance | None, notify: Notify | None,
                      done_statuses: tuple[str, ...], replay: _Replay | None = None,
                      release: bool = False) -> Iterator[Article]:
    """The Articles of `records` not yet stored with the same text, in input order; with `replay`, each
    stored one is replaced by its `CodedBefore` (for the coder's near-duplicate index) instead of dropped, and
    a new article is preceded by the stored originals it repeats (so that it is not parsed)."""
    seen: dict[str, str] = {}
    for chunk in chunks(_articles_only(records, report, notify), batch_size):
        digests = [text_hash(article.text) for article in chunk]
        # A cursor of its own (the coder may pull from this generator in a feeder thread), held for the
        # chunk's queries only: the store may be reopened between batches.
        with store.cursor() as cur:
            done = _done_articles(cur, [a.id for a in chunk], done_statuses)
            fresh = [a for a, d in zip(chunk, digests) if d not in (done.get(a.id), seen.get(a.id))]
            earlier = replay.originals_of(cur, fresh) if replay is not None and fresh else {}
        if release:  # the coder parses these next: not under DuckDB's memory
            store.release()
        for article, digest in zip(chunk, digests):
            if done.get(article.id) == digest or seen.get(article.id) == digest:
                report.articles_skipped += 1
                if advance:
                    advance(1)
                if replay is not None and done.get(article.id) == digest and article.id not in replay.shown:
                    seen[article.id] = digest
                    yield replay.seen_again(article)
                continue
            seen[article.id] = digest
            pending[article.id] = article
            yield from earlier.pop(article.id, ())
            yield article


class _Replay:
    """For a coder that matches near-duplicates against earlier runs (`EngineCoder` with dedup on): stored
    articles as `CodedBefore` items, whose events are read back from the store when a copy needs them."""

    def __init__(self, store: EventStore, threshold: float):
        from newsevents.engines.run import CodedBefore

        self.store, self.threshold, self.item = store, threshold, CodedBefore
        self.shown: set[str] = set()   # stored articles handed to the coder in this run

    def read_back(self):
        """The engine's `ReadBack`: a copy's original, once stored, is read from the store."""
        from newsevents.engines.run import ReadBack

        return ReadBack(self.stored_events)

    def seen_again(self, article: Article):
        """A stored article met again in the input."""
        self.shown.add(article.id)
        return self.item(article, lambda: self.stored_events(article.id))

    def stored_events(self, article_id: str) -> list[Event]:
        """The events stored for an article, read on a cursor of their own (from the coder's thread)."""
        with self.store.cursor() as cur:
            return events_by_article(cur, [article_id]).get(article_id, [])

    def originals_of(self, cur, articles: list[Article]) -> dict[str, list]:
        """For each new article, the stored articles ranked before it that it nearly repeats (not handed
        over yet), each with its MinHash and no text."""
        out: dict[str, list] = {}
        for article_id, originals in copies.stored_originals(cur, articles, self.threshold).items():
            for original, published, signature in originals:
                if original not in self.shown:
                    self.shown.add(original)
                    load = (lambda i: lambda: self.stored_events(i))(original)
                    out.setdefault(article_id, []).append(self.item(Article(original, "", published), load, signature))
        return out


def _replay_of(store: EventStore, coder) -> _Replay | None:
    if not getattr(coder, "takes_coded_before", False):
        return None
    return _Replay(store, coder.options.dedup_threshold)


def _articles_only(records: Iterable, report: IngestReport, notify: Notify | None) -> Iterator[Article]:
    for record in records:
        if isinstance(record, Article):
            yield record
            continue
        if isinstance(record, RecordError):
            report.records_rejected += 1
        elif isinstance(record, FileSkipped):
            report.files_skipped += 1
        if notify:
            notify(str(record))


def _done_articles(cur, ids: Sequence[str], statuses: tuple[str, ...]) -> dict[str, str]:
    """Stored text hashes of these ids, for articles stored with one of `statuses` from that text."""
    if not ids:
        return {}
    rows = cur.execute("SELECT article_id, text_hash FROM articles WHERE list_contains(?::VARCHAR[], status) "
                       "AND article_id IN (SELECT unnest(?::VARCHAR[]))", [list(statuses), list(ids)]).fetchall()
    return dict(rows)


def _match_coder_output(results: Iterable, pending: dict[str, Article]) -> Iterator[tuple[Article, object]]:
    """Normalise coder output to (Article, list of Events | RecordError)."""
    for item in results:
        if isinstance(item, RecordError):
            article = pending.pop(item.record_id, None)
            if article is not None:
                yield article, item
            continue
        article, events = item
        pending.pop(article.id, None)
        yield article, events


def _store_results(store: EventStore, results: Iterable, batch_size: int, tolerance: int,
                   report: IngestReport, advance: Advance | None, notify: Notify | None,
                   on_batch: OnBatch, near: float | None = None,
                   stored: Callable[[list[str]], None] | None = None) -> IngestReport:
    """Write the results batch by batch; with `near` (the near-duplicate threshold), settle the copies.
    `stored` is told the ids of each committed batch."""
    for chunk in chunks(_counted(results, advance), batch_size):
        _write_article_batch(store, chunk, tolerance, report, notify, near)
        if stored is not None:
            stored([article.id for article, _ in chunk])
        report.batches += 1
        on_batch(report)
    return report


def _after_batch(store: EventStore, on_batch: OnBatch | None, reopen_every: int | None,
                 release: bool = False) -> OnBatch:
    """Called after each committed batch: the caller's `on_batch`, then, with `release`, the store is closed
    until next used (`EventStore.release`), else reopened every `reopen_every` batches (memory DuckDB held for
    the open database is handed back; see `EventStore.reopen`)."""
    every = SETTINGS["reopen_every"].value if reopen_every is None else reopen_every

    def after(report: IngestReport) -> None:
        if on_batch:
            on_batch(report)
        if release:
            store.release()
        elif every and report.batches % every == 0:
            store.reopen()
    return after


def _write_article_batch(store: EventStore, chunk: list[tuple[Article, object]], tolerance: int,
                         report: IngestReport, notify: Notify | None, near: float | None = None) -> None:
    # The last text of an id in the batch wins (a later line replaces an earlier one, as across batches).
    latest: dict[str, tuple[Article, object]] = {}
    for article, outcome in chunk:
        latest[article.id] = (article, outcome)
    with store.transaction() as con:
        stored = _stored_articles(con, list(latest))
        articles, mentions, replaced = [], [], []
        coded = failed = retried = 0
        for article_id, (article, outcome) in latest.items():
            digest = text_hash(article.text)
            if article_id in stored:
                old_digest, old_status = stored[article_id]
                if old_digest == digest and old_status == STATUS_CODED:
                    report.articles_skipped += 1
                    continue
                replaced.append(article_id)
                if old_digest == digest and old_status == STATUS_FAILED:
                    retried += 1
            if isinstance(outcome, RecordError):
                articles.append(article_row(article, digest, STATUS_FAILED, outcome.reason))
                failed += 1
                if notify:
                    notify(str(outcome))
                continue
            rows = unique_mentions(article_id, outcome)
            articles.append(article_row(article, digest, STATUS_CODED, None))
            coded += 1
            mentions.extend(rows)
        removed = dedup.linked_mentions_of_articles(con, replaced)
        if replaced:
            con.execute("DELETE FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
            con.execute("DELETE FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
        insert_articles(con, articles)
        counted = [r["article_id"] for r in articles]
        plan = None
        if near is not None or replaced:  # without near-duplicates, a replaced article is still forgotten
            new = {r["article_id"]: latest[r["article_id"]][0] for r in articles
                   if r["status"] == STATUS_CODED and near is not None}
            plan = copies.settle(con, new, replaced, near or DEFAULT_THRESHOLD)
            mentions = [m for m in mentions if m["article_id"] not in plan.derive and m["article_id"] not in plan.stale]
        insert_mentions(con, mentions)
        written = len(mentions)
        if plan is not None:
            rows = copies.write(con, plan, set(latest), removed)
            report.copies_updated += len(set(plan.derive) - set(latest))
            counted += sorted(plan.derive)
            written += sum(1 for r in rows if r["article_id"] in latest)
            mentions += rows
        count_mentions(con, counted)
        dedup.update(con, dedup.added_of_rows(mentions), removed, tolerance)
    report.articles_stored += coded
    report.articles_failed += failed
    report.articles_replaced += len(replaced) - retried
    report.articles_retried += retried
    report.mentions_stored += written


def _stored_articles(con, ids: list[str]) -> dict[str, tuple[str | None, str]]:
    """article_id -> (text_hash, status) of the stored articles among `ids`."""
    rows = con.execute("SELECT article_id, text_hash, status FROM articles WHERE article_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {article_id: (digest, status) for article_id, digest, status in rows}


def _counted(items: Iterable, advance: Advance | None) -> Iterator:
    for item in items:
        yield item
        if advance:
            advance(1)


# ---------------------------------------------------------------------------------------------- pre-coded

def ingest_events(store: EventStore, events: Iterable, *, batch_size: int = DEFAULT_BATCH_SIZE,
                  tolerance_days: int | None = None, advance: Advance | None = None,
                  notify: Notify | None = None, on_batch: OnBatch | None = None,
                  report: IngestReport | None = None, reopen_every: int | None = None) -> IngestReport:
    """Store pre-coded Event records (and pass RecordErrors found while reading them to `notify`).

    A batch holds the events of `batch_size` consecutive documents. Mentions already stored (same contract
    event id) are skipped; a document not yet known gets an article row with status `imported`.
    """
    report = report if report is not None else IngestReport()
    tolerance = prepare(store, tolerance_days, report)
    on_batch = _after_batch(store, on_batch, reopen_every)
    for docs in chunks(_runs_by_doc(events, report, notify), batch_size):
        batch = [e for run in docs for e in run]
        _write_event_batch(store, batch, tolerance, report)
        report.batches += 1
        if advance:
            advance(len(batch))
        on_batch(report)
    return report


def _runs_by_doc(events: Iterable, report: IngestReport, notify: Notify | None) -> Iterator[list[Event]]:
    """Consecutive events of the same document, as lists."""
    run: list[Event] = []
    for item in events:
        if not isinstance(item, Event):
            if isinstance(item, FileSkipped):
                report.files_skipped += 1
            else:
                report.records_rejected += 1
            if notify:
                notify(str(item))
            continue
        if run and item.doc_id != run[0].doc_id:
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def _write_event_batch(store: EventStore, batch: list[Event], tolerance: int, report: IngestReport) -> None:
    rows: dict[str, dict] = {}
    for event in batch:
        row = _mention_row(event.doc_id, event)
        if row["mention_id"] in rows:
            report.mentions_skipped += 1
            continue
        rows[row["mention_id"]] = row
    with store.transaction() as con:
        present = {mid for (mid,) in con.execute(
            "SELECT mention_id FROM mentions WHERE mention_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(rows)]).fetchall()}
        report.mentions_skipped += len(present)
        new = [r for mid, r in rows.items() if mid not in present]
        doc_ids = sorted({r["article_id"] for r in new})
        known = {aid for (aid,) in con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [doc_ids]).fetchall()}
        articles = [{"article_id": d, "text_hash": None, "url": None, "source": None, "outlet": None,
                     "title": None, "published": None, "language": None, "status": STATUS_IMPORTED,
                     "error": None} for d in doc_ids if d not in known]
        insert_articles(con, articles)
        insert_mentions(con, new)
        count_mentions(con, doc_ids)
        dedup.update(con, dedup.added_of_rows(new), (), tolerance)
    report.articles_stored += len(articles)
    report.mentions_stored += len(new)


def estimate_total(paths: Sequence[str]) -> int | None:
    """Records in the inputs, counted cheaply (lines of .jsonl, one per .txt/.html), or None if unknown."""
    total = 0
    for path in paths:
        p = Path(path)
        name = p.name.lower()
        if path == "-" or not p.is_file():
            return None
        if name.endswith(".jsonl"):
            with open(p, "rb") as fh:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        elif name.endswith((".txt", ".html", ".htm")):
            total += 1
        else:
            return None
    return total
