"""The layout of a news article: headline, dateline, paragraphs. Sentences never cross a paragraph break or
the end of a dateline, and a dateline ("KYIV, Ukraine (AP) —", "BRUSSELS/VILNIUS, May 25 (Reuters) -",
"MOGADISHU, Aug. 3 -") is a fragment of its own, so its place is never read as an actor of the lead sentence.

`ArticleBoundaries` is a spaCy component that runs before the parser and sets sentence starts; the parser
respects them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.model import Place

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# An upper-case place ("KYIV", "PORT-AU-PRINCE", "BRUSSELS/VILNIUS", "TEL AVIV"), optionally ", Country" or
# ", State"; or one capitalised word before a dash ("Indianapolis –"). Then an optional date, an optional
# agency in brackets, and a dash.
_PLACE = r"[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+){0,3}(?:,\s+[A-Z][a-zA-Z.]+(?:\s[A-Z][a-zA-Z.]+){0,2})?"
DATELINE = re.compile(
    rf"""(?P<place>{_PLACE}|[A-Z][a-z]+)
         (?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}))?
         \s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{{0,30}})\))?
         \s*[-–—]+\s+(?=\S)""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date_text: str | None
    agency: str | None
    start: int
    end: int   # character offset where the story text begins


def dateline_place(dateline: Dateline, lookup) -> Place | None:
    """The place a dateline names, through `lookup` (the gazetteer): its first city ("BRUSSELS/VILNIUS"),
    else the country or state after the comma ("KUZNICA, Poland")."""
    head, _, tail = dateline.place.partition(",")
    for name in (head.split("/")[0].strip(), tail.strip()):
        place = lookup(name.title() if name.isupper() else name) if name else None
        if place is not None and place.country:
            return place
    return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (blocks between line breaks), empty ones left out."""
    out, pos = [], 0
    for block in re.split(r"(\n+)", text):
        if block.strip() and not block.startswith("\n"):
            out.append((pos, pos + len(block)))
        pos += len(block)
    return out


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening the paragraph text[start:end], if it has one."""
    m = DATELINE.match(text, start, end)
    if m is None:
        return None
    if m.group("place").istitle() and not (m.group("date") or m.group("agency")) and \
            not re.match(r"\s*[–—]", text[m.end("place"):m.end()]):
        return None   # "Indianapolis – ..." needs a long dash; "Officials - ..." is no dateline
    return Dateline(m.group("place"), m.group("date"), m.group("agency"), m.start(), m.end())


def datelines(text: str) -> list[Dateline]:
    """Datelines of an article: only the first two paragraphs may open with one (after a headline)."""
    found = []
    for start, end in paragraphs(text)[:2]:
        d = find_dateline(text, start, end)
        if d is not None:
            found.append(d)
    return found


@Language.component("newsevents_article_boundaries")
def article_boundaries(doc: Doc) -> Doc:
    """Sentence starts at every paragraph and after a dateline; none inside a dateline."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and ((before.is_space and "\n" in before.text) or "\n" in before.whitespace_):
            token.is_sent_start = True
    for d in datelines(doc.text):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span[1:]:
            token.is_sent_start = False
        if span.end < len(doc):
            doc[span.end].is_sent_start = True
    return doc
