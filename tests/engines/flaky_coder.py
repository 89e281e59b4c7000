"""Test-only coder factories for `--coder MODULE:FACTORY` (a real feature, used here to make partitions fail).

`flaky` wraps this process's real Coder. A partition holding an article whose id contains `FAIL-ONCE` raises
the first time it is coded anywhere (a marker file in $NEWSEVENTS_TEST_FLAKY_DIR remembers it across worker
processes), then codes normally; one holding `FAIL-ALWAYS` raises every time.
"""
from __future__ import annotations

import os
from pathlib import Path

from newsevents.engines import CoderSpec, cached_coder


class FlakyPartition(RuntimeError):
    """The failure this coder injects."""


class FlakyCoder:
    def __init__(self, inner):
        self.inner = inner

    def code_many(self, articles, batch_size=None):
        articles = list(articles)
        for article in articles:
            if "FAIL-ALWAYS" in article.id:
                raise FlakyPartition(f"{article.id} always fails")
            if "FAIL-ONCE" in article.id:
                marker = Path(os.environ["NEWSEVENTS_TEST_FLAKY_DIR"]) / f"{article.id}.failed"
                try:
                    marker.touch(exist_ok=False)
                except FileExistsError:
                    continue
                raise FlakyPartition(f"{article.id} fails the first time")
        return self.inner.code_many(articles, batch_size=batch_size)


def flaky(model, verbs=(), actors=()):
    return FlakyCoder(cached_coder(CoderSpec(model=model, verbs=tuple(verbs), actors=tuple(actors))))
