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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsevents.model import Article, Event, RecordError
from newsevents.settings import SETTINGS

DEFAULT_FACTORY = "newsevents.coding.pipeline:Coder"
DEFAULT_MODEL = SETTINGS["model"].default

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
    """The outcome of each article of one partition, in order. Any exception fails the whole partition
    (the engine retries it)."""
    coder = cached_coder(spec)
    positions: dict[str, deque[int]] = defaultdict(deque)
    for i, article in enumerate(articles):
        positions[article.id].append(i)
    outcomes: list[Outcome | None] = [None] * len(articles)
    results = coder.code_many(list(articles), batch_size=batch_size) if batch_size else \
        coder.code_many(list(articles))
    for item in results:
        if isinstance(item, RecordError):
            record_id, outcome = item.record_id, item
        else:
            article, outcome = item
            record_id = article.id
            if not isinstance(outcome, RecordError):
                outcome = list(outcome)
        if positions[record_id]:
            outcomes[positions[record_id].popleft()] = outcome
    return [o if o is not None else RecordError(a.id, "the coder returned no result for this article")
            for a, o in zip(articles, outcomes)]


def warm_up(spec: CoderSpec) -> None:
    """Load the coder now (a process pool's initializer): the first partition then does not wait."""
    cached_coder(spec)
