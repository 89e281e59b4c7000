"""Test records, built from the model: actors, events and articles (the one factory module of the tests).

`actor("USAGOV")`, `actor("HAMAS")`, `make_event("d1", 0, "2024-03-02", "RUSMIL", "UKR", "190")`,
`make_article("d1", 0)`. Dates may be a `date`, an ISO string, or a day number counted from 2024-03-01.
"""
from __future__ import annotations

import datetime as dt

from newsevents.model import Actor, Article, Event, EventDate, Place

# Named groups with their home country (DESIGN.md), as the coder codes them.
GROUPS = {"HAMAS": "PSE", "HEZBOLLAH": "LBN", "HOUTHI": "YEM", "TALIBAN": "AFG", "NATO": None, "EU": None,
          "UN": None}
CAMEO_GOLDSTEIN_QUAD = {"190": (-10.0, 4), "193": (-10.0, 4), "195": (-10.0, 4), "1951": (-10.0, 4),
                        "183": (-10.0, 4), "1831": (-10.0, 4), "042": (1.9, 1), "036": (4.0, 1), "057": (8.0, 1),
                        "112": (-2.0, 3), "138": (-7.0, 3), "070": (7.0, 2), "173": (-5.0, 4)}
DAY_ZERO = dt.date(2024, 3, 1)


def actor(code: str, name: str = "", *, group: str | None = None, country: str | None = None,
          text: str | None = None) -> Actor:
    """An actor from its code: a group (`HAMAS`, or any code with `group=`) or country + role (`USAGOV`)."""
    if group or code in GROUPS:
        group = group or code
        home = country if country is not None else GROUPS.get(group)
        return Actor(code, country=home, group=group, name=name or code.title(), text=text or name or code)
    return Actor(code, country=country or code[:3], role=code[3:] or None, name=name or code,
                 text=text or name or code)


def day(d: int | str | dt.date) -> dt.date:
    if isinstance(d, dt.date):
        return d
    if isinstance(d, int):
        return DAY_ZERO + dt.timedelta(days=d)
    return dt.date.fromisoformat(d)


def make_event(doc: str, index: int, when, source: str | Actor | None = "RUSMIL",
               target: str | Actor | None = "UKR", cameo: str = "190", *, goldstein: float | None = None,
               quad_class: int | None = None, modality: str = "asserted", sentence: str | None = None,
               span: tuple[int, int] = (0, 20), location: Place | None = None, confidence: float = 0.8,
               precision: str = "day", rule: str | None = None, plover: str | None = None) -> Event:
    """An event; Goldstein value and quad class default to those of `cameo` in `CAMEO_GOLDSTEIN_QUAD`."""
    known_goldstein, known_quad = CAMEO_GOLDSTEIN_QUAD.get(cameo, (None, None))
    src = actor(source) if isinstance(source, str) else source
    tgt = actor(target) if isinstance(target, str) else target
    return Event(doc_id=doc, sentence_index=index,
                 date=EventDate(day(when), precision) if when is not None else None,
                 source=src, target=tgt, cameo=cameo,
                 goldstein=goldstein if goldstein is not None else known_goldstein,
                 quad_class=quad_class if quad_class is not None else known_quad, location=location,
                 modality=modality,
                 sentence=sentence or f"{doc}: sentence {index} ({src and src.code} {cameo} {tgt and tgt.code})",
                 span=span, rule=rule or f"test.{cameo}", confidence=confidence, plover=plover)


def make_article(doc: str, published=0, *, source: str | None = None, url: str | None = None,
                 text: str | None = None, title: str | None = None) -> Article:
    return Article(id=doc, text=text or f"Text of {doc}.", published=day(published) if published is not None
                   else None, url=url, source=source, title=title if title is not None else f"Title {doc}")


def who(actor):
    """An actor as the gold files name it: its group, else its country (None for a missing actor)."""
    return None if actor is None else (actor.group or actor.country)


def dyads(events):
    """(source, target, root) triples of coded events, actors as the gold files name them; None for a missing
    target (a one-sided event)."""
    return {(who(e.source), who(e.target), e.root) for e in events}
