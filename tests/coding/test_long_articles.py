"""Long articles are parsed in paragraph-sized pieces: same events, one context, one sentence numbering."""
from __future__ import annotations

import datetime as dt

from newsevents.coding.pipeline import LONG_ARTICLE_CHARS, PIECE_CHARS, pieces
from newsevents.model import Article

PARAGRAPH = ("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing five people. "
             "Ukraine's foreign ministry condemned the attack.")


def test_pieces_cut_at_paragraph_breaks_and_add_up_to_the_text():
    text = "\n\n".join(f"{i}. {PARAGRAPH}" for i in range(800))
    parts = list(pieces(text))
    assert "".join(parts) == text
    assert len(parts) > 1 and all(len(p) <= PIECE_CHARS for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_text_without_breaks_is_still_cut():
    text = "x" * (3 * PIECE_CHARS + 5)
    assert "".join(pieces(text)) == text and len(list(pieces(text))) == 4


def test_a_long_article_gets_the_events_of_each_paragraph(coder):
    copies = LONG_ARTICLE_CHARS // len(PARAGRAPH) + 20
    long_text = "\n\n".join([PARAGRAPH] * copies)
    short = Article("short", PARAGRAPH, dt.date(2024, 5, 15))
    long = Article("long", long_text, dt.date(2024, 5, 15))
    results = dict((a.id, events) for a, events in coder.code_many([short, long, short]))
    one = [(e.source.code, e.target.code if e.target else None, e.cameo) for e in results["short"]]
    assert one, "the paragraph codes to events"
    got = [(e.source.code, e.target.code if e.target else None, e.cameo) for e in results["long"]]
    assert got == one * copies
    indices = [e.sentence_index for e in results["long"]]
    assert indices == sorted(indices) and max(indices) == 2 * copies - 1
