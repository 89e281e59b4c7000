"""Code a posted text on the fly: the real Coder, loaded on first use, once per process, one text at a time.

Every request's work is bounded: the text (`MAX_TEXT_CHARS`) and each of its sentences (`MAX_SENTENCE_CHARS`;
a run-on "sentence" costs the parser far more than its length says), the time a request waits and codes
(`timeout_s`, the API's time limit: `CoderTimeout`, a 503), and the requests waiting for the coder
(`max_waiting`: `CoderBusy`, a 429). The API also caps the events it returns.
"""
from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import re
import threading
from collections.abc import Callable

from newsevents.model import MODALITIES

MAX_TEXT_CHARS = 20_000
MAX_SENTENCE_CHARS = 2_000
MAX_WAITING = 4          # requests queued behind the one being coded
DEFAULT_TIMEOUT_S = 10.0

_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'”’)\]]*\s+|\n\s*")


class CoderUnavailable(RuntimeError):
    """The coder cannot be loaded here (no spaCy model, ...); the message says why."""


class CoderBusy(RuntimeError):
    """Too many texts are waiting for the coder; try again later (HTTP 429)."""


class CoderTimeout(RuntimeError):
    """The text was not coded within the time limit (HTTP 503)."""


class TextTooLong(ValueError):
    """The text, or one of its sentences, is longer than the coder takes (HTTP 413)."""


def default_coder_factory():
    """The Coder with its default settings (spaCy model from NEWSEVENTS_MODEL or the default)."""
    from newsevents.coding.nlp import ModelNotFound
    from newsevents.coding.pipeline import Coder

    try:
        return Coder()
    except ModelNotFound as exc:
        raise CoderUnavailable(str(exc)) from exc


def check_text(text: str) -> None:
    """TextTooLong when the text or one of its sentences is over the limits."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(f"text is {len(text):,} characters; at most {MAX_TEXT_CHARS:,} are coded")
    longest = max((len(s) for s in _SENTENCE_END.split(text)), default=0)
    if longest > MAX_SENTENCE_CHARS:
        raise TextTooLong(f"a sentence of {longest:,} characters; at most {MAX_SENTENCE_CHARS:,} are coded per "
                          f"sentence (split the text into sentences)")


class LazyCoder:
    """Holds one Coder, built by `factory` on the first call, and codes one text at a time in a worker thread
    of its own: a request waits at most `timeout_s`, and at most `max_waiting` requests wait at once."""

    def __init__(self, factory: Callable[[], object] = default_coder_factory, *,
                 timeout_s: float = DEFAULT_TIMEOUT_S, max_waiting: int = MAX_WAITING) -> None:
        self._factory = factory
        self._coder = None
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self._worker = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsevents-coder")
        self._count_lock = threading.Lock()
        self._in_line = 0     # texts being coded or waiting

    @property
    def loaded(self) -> bool:
        return self._coder is not None

    def code(self, text: str, published: dt.date | None, doc_id: str) -> list[dict]:
        """Every event of `text`, asserted or not, as contract dicts in text order."""
        check_text(text)
        with self._count_lock:
            if self._in_line > self.max_waiting:
                raise CoderBusy(f"{self._in_line} texts are waiting for the coder; try again in a few seconds")
            self._in_line += 1
        future = self._worker.submit(self._code, text, published, doc_id)
        future.add_done_callback(self._leave_line)
        try:
            events = future.result(timeout=self.timeout_s)
        except cf.TimeoutError:
            future.cancel()  # still waiting: it never runs; running: it finishes, and its result is dropped
            raise CoderTimeout(f"the text was not coded within {self.timeout_s:g} s (the coder is busy or the "
                               f"text is hard to parse); try a shorter text") from None
        rows = [e.to_dict() for e in events]
        rows.sort(key=lambda r: (r["sentence_index"], r["span"][0] if r["span"] else 0,
                                 MODALITIES.index(r["modality"]) if r["modality"] in MODALITIES else 9))
        return rows

    def _code(self, text: str, published: dt.date | None, doc_id: str):
        if self._coder is None:
            self._coder = self._factory()
        return self._coder.code(text, published=published, doc_id=doc_id, include_all=True)

    def _leave_line(self, _future) -> None:
        with self._count_lock:
            self._in_line -= 1

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
