"""Bounded memory: spaCy batches are sized in words, so long articles are never parsed together."""
from __future__ import annotations

from newsevents.engines.coders import MAX_BATCH_WORDS, word_batches
from newsevents.model import Article


def words(n: int, name: str) -> Article:
    return Article(name, " ".join(["word"] * n), None)


def test_long_articles_are_parsed_in_batches_of_their_own():
    articles = [words(10, "a"), words(MAX_BATCH_WORDS, "long1"), words(MAX_BATCH_WORDS * 3, "long2"),
                words(10, "b"), words(10, "c")]
    assert list(word_batches(articles)) == [(0, 1), (1, 2), (2, 3), (3, 5)]


def test_short_articles_share_a_batch():
    articles = [words(100, str(i)) for i in range(50)]
    assert list(word_batches(articles)) == [(0, 50)]
    assert list(word_batches(articles, max_words=1000)) == [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]
    assert list(word_batches([])) == []


def test_a_partition_of_news_articles_is_parsed_in_several_bounded_batches():
    # A parse takes ~20 KiB a word above resident memory: a partition of 32 news articles (~13,000 words) is not
    # parsed as one batch.
    articles = [words(400, str(i)) for i in range(32)]
    batches = list(word_batches(articles))
    assert batches == [(0, 15), (15, 30), (30, 32)]
    assert all(sum(len(a.text.split()) for a in articles[s:e]) <= MAX_BATCH_WORDS for s, e in batches)
