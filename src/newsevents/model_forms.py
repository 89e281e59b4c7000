"""Every form an `Event` takes outside Python, in one place: its contract dict (read back), its Arrow schema,
and its flat row (the store's `mentions` columns).

`Event.to_dict()` (model.py) writes the `newsevents code` contract; `store/coded.py` reads it back. The same
fields, in the same order, make `EVENT_ARROW_SCHEMA` (nested actors and location, as Parquet stores them) and
`MENTION_ROW_SCHEMA` (one column per leaf, `source_code`, `location_lat`, ..., as the store and CSV hold them).
A field added to the contract is added here once, and every writer and reader follows.
"""
from __future__ import annotations


import pyarrow as pa

from newsevents.model import Event

ACTOR_FIELDS = ("code", "country", "role", "group", "name", "text")
PLACE_FIELDS = ("name", "country", "lat", "lon")

# The keys of the contract dict, in order (DESIGN.md; `Event.to_dict`).
CONTRACT_FIELDS = ("event_id", "doc_id", "sentence_index", "date", "date_precision", "source", "target", "cameo",
                   "root", "goldstein", "quad_class", "plover", "location", "modality", "sentence", "span", "rule",
                   "confidence")

ACTOR_ARROW = pa.struct([(f, pa.string()) for f in ACTOR_FIELDS])
PLACE_ARROW = pa.struct([("name", pa.string()), ("country", pa.string()), ("lat", pa.float64()),
                         ("lon", pa.float64())])

# The contract as Arrow: `date` is an ISO string, as in the JSON.
EVENT_ARROW_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("sentence_index", pa.int32()), ("date", pa.string()),
    ("date_precision", pa.string()), ("source", ACTOR_ARROW), ("target", ACTOR_ARROW), ("cameo", pa.string()),
    ("root", pa.string()), ("goldstein", pa.float64()), ("quad_class", pa.int8()), ("plover", pa.string()),
    ("location", PLACE_ARROW), ("modality", pa.string()), ("sentence", pa.string()),
    ("span", pa.list_(pa.int32())), ("rule", pa.string()), ("confidence", pa.float64()),
])


def event_arrow_schema(*, without: tuple[str, ...] = (), extra: tuple[tuple[str, pa.DataType], ...] = ()) -> pa.Schema:
    """The contract's Arrow schema less the fields in `without`, plus `extra` fields at the end."""
    fields = [f for f in EVENT_ARROW_SCHEMA if f.name not in without]
    return pa.schema(fields + [pa.field(name, kind) for name, kind in extra])


# One flat row per event: the store's `mentions` table (its own id and article id first).
MENTION_ROW_SCHEMA = pa.schema(
    [("mention_id", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
     ("date", pa.date32()), ("date_precision", pa.string())]
    + [(f"{side}_{f}", pa.string()) for side in ("source", "target") for f in ACTOR_FIELDS]
    + [("cameo", pa.string()), ("base_code", pa.string()), ("root", pa.string()),
       ("goldstein", pa.float64()), ("quad_class", pa.int8()),
       ("location_name", pa.string()), ("location_country", pa.string()),
       ("location_lat", pa.float64()), ("location_lon", pa.float64()),
       ("modality", pa.string()), ("sentence", pa.string()), ("span_start", pa.int32()),
       ("span_end", pa.int32()), ("rule", pa.string()), ("confidence", pa.float64()), ("plover", pa.string())])


def mention_row(article_id: str, event: Event) -> dict:
    """The flat row of `event` (keys: `MENTION_ROW_SCHEMA.names`); `mention_id` is the contract event id."""
    row = {"mention_id": event.event_id, "article_id": article_id, "sentence_index": event.sentence_index,
           "date": event.date.date if event.date else None,
           "date_precision": event.date.precision if event.date else None}
    for side, actor in (("source", event.source), ("target", event.target)):
        for f in ACTOR_FIELDS:
            row[f"{side}_{f}"] = getattr(actor, f) if actor else None
    loc = event.location
    row.update({"cameo": event.cameo, "base_code": event.cameo[:3], "root": event.root,
                "goldstein": event.goldstein, "quad_class": event.quad_class,
                "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
                "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
                "modality": event.modality, "sentence": event.sentence, "span_start": event.span[0],
                "span_end": event.span[1], "rule": event.rule, "confidence": event.confidence,
                "plover": event.plover})
    return row
