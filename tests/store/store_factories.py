"""Events, articles and stores for the store tests, built from the model records."""
from __future__ import annotations

import datetime as dt

from newsevents.model import Actor, Article, Event, EventDate, Place
from newsevents.store import EventStore

GROUPS = {"HAMAS": "PSE", "HEZBOLLAH": "LBN", "NATO": None, "EU": None, "UN": None}
CAMEO_GOLDSTEIN_QUAD = {"190": (-10.0, 4), "193": (-10.0, 4), "195": (-10.0, 4), "1951": (-10.0, 4),
                        "183": (-10.0, 4), "1831": (-10.0, 4), "042": (1.9, 1), "036": (4.0, 1), "057": (8.0, 1),
                        "112": (-2.0, 3), "138": (-7.0, 3), "070": (7.0, 2), "173": (-5.0, 4)}


def actor(code: str, name: str = "") -> Actor:
    """An actor from its code: a group (`HAMAS`) or country + role (`USAGOV`, `IRN`)."""
    if code in GROUPS:
        return Actor(code, country=GROUPS[code], group=code, name=name or code.title(), text=name or code)
    return Actor(code, country=code[:3], role=code[3:] or None, name=name or code, text=name or code)


def day(d: int | str | dt.date) -> dt.date:
    if isinstance(d, dt.date):
        return d
    if isinstance(d, int):
        return dt.date(2024, 3, 1) + dt.timedelta(days=d)
    return dt.date.fromisoformat(d)


def make_event(doc: str, index: int, when, source: str | None = "RUSMIL", target: str | None = "UKR",
               cameo: str = "190", *, modality: str = "asserted", sentence: str | None = None,
               location: Place | None = None, confidence: float = 0.8, precision: str = "day") -> Event:
    goldstein, quad = CAMEO_GOLDSTEIN_QUAD.get(cameo, (None, None))
    return Event(doc_id=doc, sentence_index=index, date=EventDate(day(when), precision) if when is not None else None,
                 source=actor(source) if source else None, target=actor(target) if target else None,
                 cameo=cameo, goldstein=goldstein, quad_class=quad, location=location, modality=modality,
                 sentence=sentence or f"{doc}: sentence {index} ({source} {cameo} {target})",
                 span=(0, 20), rule=f"test.{cameo}", confidence=confidence)


def make_article(doc: str, published=0, *, source: str | None = None, url: str | None = None,
                 text: str | None = None) -> Article:
    return Article(id=doc, text=text or f"Text of {doc}.", published=day(published), url=url, source=source,
                   title=f"Title {doc}")


def event_rows(store: EventStore) -> list[tuple]:
    """Every column of every event, in a fixed order (for comparing two stores)."""
    return store.fetch("SELECT * FROM events ORDER BY event_id")


def mention_links(store: EventStore) -> list[tuple]:
    return store.fetch("SELECT mention_id, article_id, modality, event_id FROM mentions ORDER BY mention_id")
