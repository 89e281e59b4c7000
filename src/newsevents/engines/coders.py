"""What runs inside a worker: one cached Coder per process and the function that codes one partition.

A `CoderSpec` names the coder factory (`MODULE:FACTORY`, default `newsevents.coding.pipeline:Coder`) and
its settings. `cached_coder(spec)` builds the coder the first time a process needs it and keeps it
(`functools.lru_cache`, keyed by the spec): spaCy and the dictionaries load once per worker, however many
partitions it codes. `code_partition(spec, articles)` is the task every engine runs, in the main process,
in a process pool or on a Dask worker.

A factory is called as `factory(model=..., verbs=[...], actors=[...])` and returns an object with the
Coder's `code_many(articles, batch_size=...)`, which yields `(Article, [Event, ...])` pairs in input order
(or a `RecordError` for an article it rejects).
"""
from __future__ import annotations

import functools
import importlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsevents.model import Article, Event, RecordError
from newsevents.settings import SETTINGS

DEFAULT_FACTORY = "newsevents.coding.pipeline:Coder"
DEFAULT_MODEL = SETTINGS["model"].default
# Words parsed in one spaCy batch (about 36,000 characters of news). A batch's parse takes ~20 KiB a word
# above resident memory (tok2vec and parser arrays for the whole batch): 20,000 words peaked at +400 MiB,
# 6,000 at +120 MiB, for ~2% more CPU than batches of 32 news articles (issue #13, benchmarks/README.md).
MAX_BATCH_WORDS = 6_000

Outcome = list[Event] | RecordError  # what one article gets: its events, or why it failed


class CoderFactoryError(ValueError):
    """A `--coder MODULE:FACTORY` that cannot be imported or is not callable."""


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """How to build the coder: hashable and picklable, so that it can key the per-process cache."""

    factory: str = DEFAULT_FACTORY
    model: str = DEFAULT_MODEL
    verbs: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()

    def build(self):
        options = {"disabled_rules": list(self.disabled_rules)} if self.disabled_rules else {}
        return load_factory(self.factory)(model=self.model, verbs=list(self.verbs), actors=list(self.actors),
                                          **options)


def load_factory(path: str) -> Callable:
    """The callable named by `MODULE:NAME` (a dotted NAME is looked up attribute by attribute)."""
    module_name, sep, attr = path.partition(":")
    if not module_name or not sep or not attr:
        raise CoderFactoryError(f"--coder {path!r}: expected MODULE:FACTORY, e.g. {DEFAULT_FACTORY}")
    try:
        target = importlib.import_module(module_name)
    except ImportError as exc:
        raise CoderFactoryError(f"--coder {path!r}: cannot import {module_name} ({exc})") from exc
    for name in attr.split("."):
        try:
            target = getattr(target, name)
        except AttributeError:
            raise CoderFactoryError(f"--coder {path!r}: {module_name} has no {attr}") from None
    if not callable(target):
        raise CoderFactoryError(f"--coder {path!r}: {attr} is not callable")
    return target


@functools.lru_cache(maxsize=4)
def cached_coder(spec: CoderSpec):
    """This process's coder for `spec`, built on first use."""
    return spec.build()


def code_partition(spec: CoderSpec, articles: Sequence[Article], batch_size: int | None = None) -> list[Outcome]:
    """The outcome of each article of one partition, in order.

    The partition is coded in `code_many` calls of at most `MAX_BATCH_WORDS` words each (`word_batches`).
    When a call raises, the articles it had not yet yielded are coded one at a time, and an article that
    raises on its own gets a RecordError with the exception as its reason: one bad article (a date at the
    edge of the calendar, a text that trips the parser) never costs its neighbours. Only a failure outside
    the coder (a worker that dies) fails the whole partition, which the engine then retries.
    """
    coder = cached_coder(spec)
    positions: dict[str, deque[int]] = defaultdict(deque)
    for i, article in enumerate(articles):
        positions[article.id].append(i)
    outcomes: list[Outcome | None] = [None] * len(articles)
    for start, end in word_batches(articles):
        try:
            _collect(_code_many(coder, articles[start:end], batch_size), positions, outcomes)
        except Exception:  # noqa: BLE001 - isolated below, article by article
            for i in range(start, end):
                if outcomes[i] is None:
                    outcomes[i] = code_one(coder, articles[i], batch_size)
    return [o if o is not None else RecordError(a.id, "the coder returned no result for this article")
            for a, o in zip(articles, outcomes)]


def word_batches(articles: Sequence[Article], max_words: int = MAX_BATCH_WORDS) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive runs of the articles of at most `max_words` words (a longer article
    alone): spaCy holds a whole batch's documents at once, so a batch is sized by its words too."""
    start, words = 0, 0
    for i, article in enumerate(articles):
        n = article.text.count(" ") + 1
        if i > start and words + n > max_words:
            yield start, i
            start, words = i, 0
        words += n
    if start < len(articles):
        yield start, len(articles)


def code_one(coder, article: Article, batch_size: int | None = None) -> Outcome:
    """The outcome of one article coded on its own; any exception is that article's RecordError."""
    try:
        outcomes: list[Outcome | None] = [None]
        _collect(_code_many(coder, [article], batch_size), {article.id: deque([0])}, outcomes)
    except Exception as exc:  # noqa: BLE001 - whatever the coder raises is this article's error
        return RecordError(article.id, f"coding failed: {describe_exception(exc)}")
    return outcomes[0] if outcomes[0] is not None else RecordError(
        article.id, "the coder returned no result for this article")


def describe_exception(exc: BaseException) -> str:
    """`Type: message`, one line, at most 300 characters."""
    text = f"{type(exc).__name__}: {exc}".rstrip(": ").replace("\n", " ")
    return text if len(text) <= 300 else text[:297] + "..."


def _code_many(coder, articles: Sequence[Article], batch_size: int | None):
    return coder.code_many(list(articles), batch_size=batch_size) if batch_size else \
        coder.code_many(list(articles))


def _collect(results, positions: dict[str, deque[int]], outcomes: list[Outcome | None]) -> None:
    """Put each (Article, events) or RecordError the coder yields at its article's place."""
    for item in results:
        if isinstance(item, RecordError):
            record_id, outcome = item.record_id, item
        else:
            article, outcome = item
            record_id = article.id
            if not isinstance(outcome, RecordError):
                outcome = list(outcome)
        if positions.get(record_id):
            outcomes[positions[record_id].popleft()] = outcome


def warm_up(spec: CoderSpec) -> None:
    """Load the coder now (a process pool's initializer): the first partition then does not wait."""
    cached_coder(spec)
