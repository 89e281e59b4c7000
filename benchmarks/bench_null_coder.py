"""A coder that parses nothing, for `bench_memory.py --coder bench_null_coder:make`: three events an article,
made from its id and date, so that a 200 MB file goes through the reader, the near-duplicate index, the store
and its event deduplication in minutes instead of hours (what it measures is everything but spaCy)."""
from __future__ import annotations

import hashlib

from newsevents.model import Actor, Event, EventDate

COUNTRIES = ("USA", "RUS", "UKR", "ISR", "IRN", "CHN", "TUR", "GRC", "KEN", "SYR", "IRQ", "IND", "PAK", "FRA",
             "DEU", "GBR", "JPN", "PRK", "KOR", "EGY")
CODES = (("190", -10.0, 4), ("042", 1.9, 1), ("111", -2.0, 3), ("051", 3.4, 1), ("173", -5.0, 4))


class NullCoder:
    def code_many(self, articles, batch_size=None):
        for article in articles:
            yield article, list(self.events(article))

    def code(self, text, published=None, doc_id="text", include_all=False):
        return []

    @staticmethod
    def events(article):
        digest = hashlib.sha1(article.id.encode("utf-8")).digest()
        sentence = article.text[:200]
        for k in range(3):
            source, target = COUNTRIES[digest[2 * k] % 20], COUNTRIES[digest[2 * k + 1] % 20]
            cameo, goldstein, quad = CODES[digest[10 + k] % len(CODES)]
            yield Event(doc_id=article.id, sentence_index=k, date=EventDate(article.published, "published")
                        if article.published else None, source=Actor(source, source), target=Actor(target, target),
                        cameo=cameo, goldstein=goldstein, quad_class=quad, location=None, modality="asserted",
                        sentence=sentence, span=(0, min(10, len(sentence))), rule="bench.null")


def make(model=None, verbs=(), actors=(), **options):
    return NullCoder()
