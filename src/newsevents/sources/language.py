"""Is a text English? The share of English stopwords among its first words (`data/english_stopwords.txt`)."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

MIN_WORDS_FOR_LANGUAGE = 12   # shorter texts (headlines) are not judged
LANGUAGE_SAMPLE_WORDS = 400   # only the first words are counted
MIN_ENGLISH_RATIO = 0.12      # English news scores 0.3-0.45, name-heavy captions ~0.17, others < 0.1

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_]+")


@cache
def english_stopwords() -> frozenset[str]:
    """The stopword list shipped in `data/english_stopwords.txt` (read once)."""
    text = resources.files("newsevents.sources").joinpath("data/english_stopwords.txt").read_text("utf-8")
    words = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    if not words or any(not w.isalpha() or w != w.lower() for w in words):
        raise ValueError("data/english_stopwords.txt: expected one lower-case word per line")
    return words


def english_stopword_ratio(text: str) -> float | None:
    """Share of English stopwords among the first words of `text`; None when there are too few words.

    Words are runs of letters; each Chinese or Japanese character counts as one word.
    """
    words = []
    for match in _WORD.finditer(text):
        words.append(match.group().lower())
        if len(words) >= LANGUAGE_SAMPLE_WORDS:
            break
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    stopwords = english_stopwords()
    return sum(1 for w in words if w in stopwords) / len(words)


def looks_english(text: str) -> bool:
    """True unless the text has enough words to judge and too few of them are English stopwords."""
    ratio = english_stopword_ratio(text)
    return ratio is None or ratio >= MIN_ENGLISH_RATIO
