"""Code a posted text on the fly: the real Coder, loaded on first use, once per process, one text at a time."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from newsevents.model import MODALITIES

MAX_TEXT_CHARS = 20_000


class CoderUnavailable(RuntimeError):
    """The coder cannot be loaded here (no spaCy model, ...); the message says why."""


def default_coder_factory():
    """The Coder with its default settings (spaCy model from NEWSEVENTS_MODEL or the default)."""
    from newsevents.coding.nlp import ModelNotFound
    from newsevents.coding.pipeline import Coder

    try:
        return Coder()
    except ModelNotFound as exc:
        raise CoderUnavailable(str(exc)) from exc


class LazyCoder:
    """Holds one Coder, built by `factory` on the first call; a lock keeps one text in the coder at a time."""

    def __init__(self, factory: Callable[[], object] = default_coder_factory) -> None:
        self._factory = factory
        self._coder = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._coder is not None

    def code(self, text: str, published: dt.date | None, doc_id: str) -> list[dict]:
        """Every event of `text`, asserted or not, as contract dicts in text order."""
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError(f"text is {len(text):,} characters; at most {MAX_TEXT_CHARS:,} are coded")
        with self._lock:
            if self._coder is None:
                self._coder = self._factory()
            events = self._coder.code(text, published=published, doc_id=doc_id, include_all=True)
        rows = [e.to_dict() for e in events]
        rows.sort(key=lambda r: (r["sentence_index"], r["span"][0] if r["span"] else 0,
                                 MODALITIES.index(r["modality"]) if r["modality"] in MODALITIES else 9))
        return rows
