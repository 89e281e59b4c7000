"""A test-only coder factory (`--coder sleepy_coder:make`): no events, a little time per article, no model to
load, so that a process pool's workers start fast."""
from __future__ import annotations

import time


class SleepyCoder:
    def code_many(self, articles, batch_size=None):
        for article in articles:
            time.sleep(0.2)
            yield article, []


def make(model=None, verbs=(), actors=()):
    return SleepyCoder()
