"""The typed records every stage hands on: Article in, Event out.

The JSON shape of `Event.to_dict()` is the fixed output contract of `newsevents code` (see DESIGN.md); its
other forms (read back from a dict, Arrow schema, the store's flat row) live beside it in `model_forms.py`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

MODALITIES = ("asserted", "negated", "hypothetical", "future")
DATE_PRECISIONS = ("day", "month", "year", "published")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as the readers in `newsevents.sources` produce it."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record a reader or the coder had to reject; the run goes on."""

    record_id: str
    reason: str
    where: str = ""  # file name and line, when known

    def __str__(self) -> str:
        loc = f" ({self.where})" if self.where else ""
        return f"record {self.record_id!r}{loc}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Actor:
    """A CAMEO-style actor: country ISO3 + role (`USAMIL`), or a named group (`HAMAS`)."""

    code: str
    country: str | None = None
    role: str | None = None
    group: str | None = None
    name: str = ""
    text: str = ""

    def to_dict(self) -> dict:
        return {"code": self.code, "country": self.country, "role": self.role, "group": self.group,
                "name": self.name, "text": self.text}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened: a city, region or country, with coordinates when known."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved event date and how precise it is (`day`, `month`, `year`, or `published`)."""

    date: dt.date
    precision: str = "day"
    text: str | None = None  # the time expression it came from


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence."""

    doc_id: str
    sentence_index: int
    date: EventDate | None
    source: Actor | None
    target: Actor | None
    cameo: str
    goldstein: float | None
    quad_class: int | None
    location: Place | None
    modality: str
    sentence: str
    span: tuple[int, int]
    rule: str
    confidence: float = 0.8
    plover: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def event_id(self) -> str:
        key = "|".join([self.doc_id, str(self.sentence_index), self.source.code if self.source else "",
                        self.target.code if self.target else "", self.cameo])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        """The JSON object of the `newsevents code` contract, every field present."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "date": self.date.date.isoformat() if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "sentence": self.sentence,
            "span": list(self.span),
            "rule": self.rule,
            "confidence": self.confidence,
        }
