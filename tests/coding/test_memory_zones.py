"""Past its warm-up, the Coder parses in spaCy memory zones: the words a batch brings are dropped after it (a
long run's memory does not grow with every new name), and the events are the same as without zones."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from newsevents.coding.pipeline import WARM_UP_CHARS, Coder
from newsevents.model import Article
from project_paths import ROOT

NEW_WORDS_TEXT = ("Russian forces shelled the Ukrainian town of Kvetrinsk on Tuesday and destroyed two zorblats, the "
                  "Ukrainian army said. Ukraine's foreign minister Dmytro Kvalenkov condemned the attack on "
                  "Kvetrinsk.")


def _samples() -> list[Article]:
    lines = (ROOT / "samples" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return [Article(r["id"], r["text"], dt.date.fromisoformat(r["published"][:10])) for r in records]


def _events(coder: Coder, articles: list[Article]) -> list[dict]:
    return [e.to_dict() for _, events in coder.code_many(articles) for e in events]


@pytest.fixture(scope="module")
def zoned(coder):
    """A Coder sharing the session's spaCy pipeline, past its warm-up: every batch is parsed in a zone."""
    zoned = Coder(nlp=coder.nlp)
    zoned.chars_parsed = WARM_UP_CHARS
    return zoned


def test_zones_give_the_same_events_on_the_sample_news(coder, zoned):
    articles = _samples()
    plain = Coder(nlp=coder.nlp)   # the samples are shorter than the warm-up: no zone
    expected = _events(plain, articles)
    assert expected and plain.chars_parsed < WARM_UP_CHARS
    assert _events(zoned, articles) == expected


def test_the_words_of_a_zoned_batch_leave_the_vocabulary(coder, zoned):
    strings = coder.nlp.vocab.strings
    article = Article("new-words", NEW_WORDS_TEXT, dt.date(2024, 5, 14))
    before = len(strings)
    first = _events(zoned, [article])
    assert first, "the text codes to events"
    assert len(strings) == before and "Kvetrinsk" not in strings
    # The memoised lemma of a word the zone dropped ("zorblats") is not handed to the next doc without its string.
    assert _events(zoned, [article]) == first
    unzoned = Coder(nlp=coder.nlp)
    assert _events(unzoned, [article]) == first
    assert len(strings) > before and "Kvetrinsk" in strings   # without a zone the words stay


def test_code_inside_a_zoned_batch_opens_no_second_zone(zoned):
    article = Article("new-words", NEW_WORDS_TEXT, dt.date(2024, 5, 14))
    inner = []
    for _, events in zoned.code_many([article]):
        assert zoned.nlp.vocab.in_memory_zone
        inner = zoned.code(NEW_WORDS_TEXT, "2024-05-14", doc_id="new-words")
        assert [e.to_dict() for e in inner] == [e.to_dict() for e in events]
    assert inner and not zoned.nlp.vocab.in_memory_zone
