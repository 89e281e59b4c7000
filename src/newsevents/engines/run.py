"""The engine: the Coder's `code_many`, run over partitions on any backend, with the same output everywhere.

    articles (input order) -> near-duplicates set aside (optional) -> partitions of N representatives
      -> backend (local | processes | dask), at most `slots` partitions in flight, each retried on failure
      -> results merged back in input order, copies given their original's events -> (Article, events)

`EngineCoder(options, spec).code_many(articles)` yields `(Article, [Event, ...])` in input order, exactly as
`Coder.code_many` does, so `newsevents code` and `ingest` use it in place of a Coder. Output is identical,
event for event and in order, whatever the engine, the number of workers and the partition size: each article
is coded by the same coder on its own (spaCy's results do not depend on the batch), and the driver emits the
articles in input order, each with its events in the coder's order (sentence, then event).

An exception inside the coder is one article's failure, never its partition's: `coders.code_partition`
codes the articles again one at a time and gives the one that raises a RecordError. A partition that fails
as a whole (a worker that dies) is submitted again up to `retries` times; each failure is reported through
`notify`. When it still fails, each of its articles is submitted as a partition of its own (with the same
retries), and only an article that fails alone comes out as `(Article, RecordError)`; the run goes on
(`ingest` then marks those articles failed; `code` counts them as rejected).

With near-duplicate detection on (`dedup=True`, `newsevents.sources.dedup`), an article that nearly repeats
an earlier one is not parsed: it gets the earlier article's events, with its own `doc_id` (and, in the store,
its own URL and source), so every copy still counts as a source of the event. Only an article published
before it (or the same day with a smaller id: `dedup.article_rank`) can be a copy's original; an original
that turns up after its copy is parsed itself. The earlier article may be one coded by an earlier run
(`CodedBefore`, which `ingest` passes for the stored articles it meets again and for the stored originals of
new articles): it is not parsed again. The store has the last word on a copy's events (`store/copies.py`).
"""
from __future__ import annotations

import dataclasses
import functools
import os
import pickle
import uuid
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsevents.engines.backends import ENGINES, make_backend
from newsevents.engines.coders import CoderSpec, Outcome, cached_coder, load_factory
from newsevents.model import Article, Event, RecordError

DEFAULT_PARTITION_SIZE = 32
DEFAULT_RETRIES = 2

Notify = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How to run the coder (`--engine`, `--workers`, `--scheduler`, `--partition-size`, `--retries`,
    `--dedup`, `--parquet`)."""

    engine: str = "local"
    workers: int | None = None          # processes / dask: worker processes (default: one per CPU)
    scheduler: str | None = None        # dask: address of a running scheduler (else a LocalCluster)
    partition_size: int = DEFAULT_PARTITION_SIZE
    retries: int = DEFAULT_RETRIES
    dedup: bool = False
    dedup_threshold: float = 0.9
    dedup_window: int = 20_000
    parquet: str | None = None          # write the events here as a dataset partitioned by date
    include_all: bool = True            # Parquet: every modality, or asserted events only

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine {self.engine!r} (expected one of {', '.join(ENGINES)})")
        if self.scheduler and self.engine != "dask":
            raise ValueError("--scheduler needs --engine dask")
        if self.workers is not None and self.workers < 1:
            raise ValueError("--workers must be at least 1")
        if self.partition_size < 1:
            raise ValueError("--partition-size must be at least 1")
        if self.retries < 0:
            raise ValueError("--retries must be 0 or more")


@dataclass(slots=True)
class EngineReport:
    """What one run did, besides the events."""

    articles: int = 0
    partitions: int = 0
    retried: int = 0            # partition attempts that failed and were tried again
    failed_partitions: int = 0  # partitions given up after every retry
    failed_articles: int = 0
    copies: int = 0             # near-duplicates coded from their original's parse
    coded_before: int = 0       # articles of earlier runs, only matched against
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.articles} articles in {self.partitions} partitions"]
        if self.copies:
            parts.append(f"{self.copies} near-duplicates took their original's events")
        if self.retried:
            parts.append(f"{self.retried} partition attempts retried")
        if self.failed_partitions:
            parts.append(f"{self.failed_partitions} partitions failed ({self.failed_articles} articles)")
        return "engine: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class CodedBefore:
    """An article coded by an earlier run (already stored), handed to `code_many` in its input place when
    near-duplicates are on: it is not coded again and not yielded, but a later copy of it takes its events
    (`events()`, read only when a copy needs them), exactly as if it had been coded in this run. So a run
    resumed after a kill gives every copy the events a clean run gives it."""

    article: Article
    events: Callable[[], list[Event]]
    signature: object = None    # its MinHash when known (`dedup.minhash`), else computed from article.text


class _Later:
    """The events of a CodedBefore original, read on first use."""

    __slots__ = ("load",)

    def __init__(self, load: Callable[[], list[Event]]):
        self.load = load


class ReadBack:
    """For a caller that stores each article's events as `code_many` yields them (`ingest`): once `stored` says
    an original's events are stored, a later copy reads them back with `load(article_id)`, and the engine
    drops its own packed copy. Packed events take ~2 KB an original: 44 MiB for the 20,000 originals of a full
    near-duplicate window, held to the end of a whole-file ingest (issue #13)."""

    def __init__(self, load: Callable[[str], list[Event]]):
        self.load = load
        self.waiting: dict[str, _Later] = {}   # originals yielded, not yet stored by the caller

    def keep(self, article_id: str, later: _Later) -> None:
        self.waiting[article_id] = later

    def stored(self, article_ids: Iterable[str]) -> None:
        """These articles' events are stored: read them back from there when a copy needs them."""
        for article_id in article_ids:
            later = self.waiting.pop(article_id, None)
            if later is not None:
                later.load = functools.partial(self.load, article_id)


@dataclass(slots=True)
class _Slot:
    """One article on its way through: a representative coded in `partition`, or a copy of `original`."""

    index: int
    article: Article
    partition: int | None = None
    original: int | None = None


@dataclass(slots=True)
class _Partition:
    number: int
    slots: list[_Slot]
    attempts: int = 0
    future: object = None


class EngineCoder:
    """A coder with `code_many`, that runs the coder `spec` on the engine `options`.

    Each `code_many` call starts the engine's workers (a pool, a LocalCluster, a client) and stops them at
    the end; inside `with EngineCoder(...) as coder:` they start once and serve every call.
    """

    def __init__(self, options: EngineOptions = EngineOptions(), spec: CoderSpec = CoderSpec(),
                 notify: Notify | None = None):
        self.options = options
        self.spec = spec
        self.notify = notify or (lambda message: None)
        self.report = EngineReport()
        self.backend = None

    def __enter__(self) -> EngineCoder:
        self.backend = make_backend(self.options.engine, self.options.workers, self.options.scheduler)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def check(self) -> None:
        """Fail early, in the driver, rather than in every partition: a factory that cannot be imported
        (CoderFactoryError), a `--parquet` folder in use (FileExistsError), a coder that cannot load (local
        engine: whatever its factory raises, e.g. ModelNotFound)."""
        load_factory(self.spec.factory)
        folder = self.options.parquet
        if folder and os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
            raise FileExistsError(f"--parquet {folder}: exists and is not an empty folder (give a new one)")
        if self.options.engine == "local":
            cached_coder(self.spec)

    @property
    def takes_coded_before(self) -> bool:
        """Does `code_many` use `CodedBefore` items (near-duplicates on)? Otherwise they are passed over."""
        return self.options.dedup

    def code_many(self, articles: Iterable[Article | CodedBefore], batch_size: int | None = None,
                  read_back: ReadBack | None = None) -> Iterator[tuple[Article, list[Event] | RecordError]]:
        """(Article, events) in input order; (Article, RecordError) for an article the coder failed on.
        `CodedBefore` items are not yielded (see there). With `read_back` (and no Parquet output), the
        originals' events a copy may need are read back from the caller once stored (see `ReadBack`)."""
        run = _Run(self, batch_size, self.backend, read_back)
        try:
            yield from run.results(articles)
        finally:
            run.close()


class _Run:
    """The state of one `code_many` call: backend, slots in input order, partitions in flight."""

    def __init__(self, coder: EngineCoder, batch_size: int | None, backend=None, read_back: ReadBack | None = None):
        o = coder.options
        self.options, self.spec, self.notify, self.report = o, coder.spec, coder.notify, coder.report
        self.batch_size = batch_size
        self.token = uuid.uuid4().hex[:12]
        self.sink = None
        if o.parquet:
            from newsevents.engines.parquet import ParquetSink
            self.sink = ParquetSink(o.parquet, include_all=o.include_all)
        self.read_back = read_back if self.sink is None else None   # Parquet keeps the coder's own events
        self.dedup = None
        if o.dedup:
            from newsevents.sources.dedup import NearDuplicates
            self.dedup = NearDuplicates(o.dedup_threshold, o.dedup_window)
        self.own_backend = backend is None
        self.backend = make_backend(o.engine, o.workers, o.scheduler) if backend is None else backend
        self.max_slots = max(4 * o.partition_size, self.backend.slots * o.partition_size * 2)
        self.slots: deque[_Slot] = deque()
        self.building: list[_Slot] = []
        self.in_flight: dict[int, _Partition] = {}
        self.outcomes: dict[int, Outcome] = {}     # partition results not yet emitted, by article index
        self.originals: dict[int, Outcome] = {}    # emitted originals that copies may still need
        self.waiting_copies: dict[int, int] = {}   # original index -> copies read but not yet emitted
        self.unmatchable: set[int] = set()         # originals out of the near-duplicate window
        self.partitions = 0

    def close(self) -> None:
        try:
            if self.own_backend:
                self.backend.close()
        finally:
            if self.sink is not None:
                self.sink.close()
            if self.dedup is not None and self.dedup.stats.copies:
                self.notify(self.dedup.stats.line())

    # -- the loop --------------------------------------------------------------------------------------
    def results(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Outcome]]:
        source = iter(articles)
        exhausted = False
        index = 0
        while True:
            while not exhausted and len(self.in_flight) < self.backend.slots and len(self.slots) < self.max_slots:
                article = next(source, None)
                if article is None:
                    exhausted = True
                    self._submit_building()
                    break
                self._read(index, article)
                index += 1
            yield from self._emit_ready()
            if not self.slots:
                if exhausted:
                    return
                continue
            head = self.slots[0]
            if head.partition is not None and head.index not in self.outcomes:
                if head.partition not in self.in_flight:
                    self._submit_building()  # the head waits on a partition still being filled
                self._wait(head.partition)

    def _read(self, index: int, article: Article | CodedBefore) -> None:
        if isinstance(article, CodedBefore):
            self._read_coded_before(index, article)
            return
        self.report.articles += 1
        slot = _Slot(index, article)
        original = self.dedup.add(index, article.text, _rank(article)) if self.dedup is not None else None
        if self.dedup is not None:
            self._out_of_window(self.dedup.evicted())
        if original is not None:
            slot.original = original
            self.waiting_copies[original] = self.waiting_copies.get(original, 0) + 1
            self.report.copies += 1
        else:
            slot.partition = self.partitions
            self.building.append(slot)
            if len(self.building) >= self.options.partition_size:
                self._submit_building()
        self.slots.append(slot)

    def _read_coded_before(self, index: int, item: CodedBefore) -> None:
        """Index an earlier run's article as this run would have, had it coded it: as a representative unless
        it repeats an earlier one; its events stay unread until a copy needs them."""
        self.report.coded_before += 1
        if self.dedup is None:
            return
        article = item.article
        signature = item.signature if item.signature is not None else self.dedup.signature(article.text)
        original = self.dedup.add_signature(index, signature, _rank(article))
        self._out_of_window(self.dedup.evicted())
        if original is None:
            self._keep_original(index, _Later(item.events))

    def _submit_building(self) -> None:
        if not self.building:
            return
        part = _Partition(self.partitions, self.building)
        self.partitions += 1
        self.report.partitions += 1
        self.building = []
        self.in_flight[part.number] = part
        self._submit(part)

    def _submit(self, part: _Partition) -> None:
        part.attempts += 1
        key = f"newsevents-{self.token}-p{part.number}-a{part.attempts}"
        part.future = self.backend.submit(key, self.spec, [s.article for s in part.slots], self.batch_size)

    def _wait(self, number: int) -> None:
        """Wait for partition `number`; retry it (and, after a broken pool, the others) when it fails."""
        part = self.in_flight[number]
        while True:
            try:
                results = part.future.result()
            except Exception as exc:  # reported, then retried or turned into RecordErrors
                lost_others = self.backend.recover(exc)
                if lost_others:
                    for other in self.in_flight.values():
                        if other is not part:
                            self._submit(other)
                reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
                if part.attempts <= self.options.retries:
                    self.report.retried += 1
                    self.notify(f"partition {number} failed (attempt {part.attempts} of "
                                f"{self.options.retries + 1}): {reason}; retrying")
                    self._submit(part)
                    continue
                self.report.failed_partitions += 1
                first, last = part.slots[0].article.id, part.slots[-1].article.id
                if len(part.slots) > 1:
                    self.notify(f"partition {number} ({len(part.slots)} articles, {first!r} to {last!r}) failed "
                                f"after {part.attempts} attempts: {reason}; coding its articles one by one")
                    del self.in_flight[number]
                    self._split(part)
                    return
                self.report.failed_articles += 1
                message = f"partition {number} ({first!r}) failed after {part.attempts} attempts: {reason}"
                self.notify(message)
                self.report.messages.append(message)
                results = [RecordError(s.article.id, f"coding failed: {reason}") for s in part.slots]
            break
        del self.in_flight[number]
        for slot, outcome in zip(part.slots, results):
            self.outcomes[slot.index] = outcome

    def _split(self, part: _Partition) -> None:
        """Submit each article of a partition that failed on every try as a partition of its own, so that
        only the article that breaks its worker fails (the slots then wait on their new partitions)."""
        for slot in part.slots:
            single = _Partition(self.partitions, [slot])
            self.partitions += 1
            self.report.partitions += 1
            slot.partition = single.number
            self.in_flight[single.number] = single
            self._submit(single)

    def _emit_ready(self) -> Iterator[tuple[Article, Outcome]]:
        while self.slots:
            slot = self.slots[0]
            if slot.original is None:
                if slot.index not in self.outcomes:
                    return
                outcome = self.outcomes.pop(slot.index)
                if self.dedup is not None:
                    self._keep_original(slot.index, outcome, slot.article.id)
            else:
                outcome = _copy_outcome(slot.article, self._original(slot.original))
                self.waiting_copies[slot.original] -= 1
                self._forget_if_done(slot.original)
            self.slots.popleft()
            if self.sink is not None and not isinstance(outcome, RecordError):
                self.sink.add(slot.index, outcome)
            yield slot.article, outcome

    # -- near-duplicates: an original's events are kept while a copy may still claim them -----------------
    def _original(self, index: int) -> Outcome:
        outcome = self.originals[index]
        if isinstance(outcome, _Later):
            outcome = self.originals[index] = outcome.load()
        return outcome

    def _keep_original(self, index: int, outcome: Outcome, article_id: str | None = None) -> None:
        if index in self.unmatchable and not self.waiting_copies.get(index):
            self.unmatchable.discard(index)  # out of the window already, and no copy waits for it
        elif isinstance(outcome, list) and outcome and not self.waiting_copies.get(index):
            later = self.originals[index] = _Later(_packed(outcome))  # most originals are never claimed: kept small
            if self.read_back is not None and article_id is not None:
                self.read_back.keep(article_id, later)
        else:
            self.originals[index] = outcome

    def _out_of_window(self, indexes: list[int]) -> None:
        for index in indexes:
            self.unmatchable.add(index)
            self._forget_if_done(index)

    def _forget_if_done(self, index: int) -> None:
        if index in self.unmatchable and index in self.originals and not self.waiting_copies.get(index):
            del self.originals[index]
            self.waiting_copies.pop(index, None)
            self.unmatchable.discard(index)


def _packed(events: list[Event]) -> Callable[[], list[Event]]:
    """The events, compressed (~4x smaller than the objects), as a loader that gives them back."""
    data = zlib.compress(pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return lambda: pickle.loads(zlib.decompress(data))  # noqa: S301 (this process's own bytes)


def _rank(article: Article):
    from newsevents.sources.dedup import article_rank

    return article_rank(article.id, article.published)


def _copy_outcome(copy: Article, original: Outcome) -> Outcome:
    if isinstance(original, RecordError):
        return RecordError(copy.id, f"{original.reason} (a near-duplicate of {original.record_id!r})")
    return [dataclasses.replace(e, doc_id=copy.id, extra={**e.extra, "copy_of": e.doc_id}) for e in original]
