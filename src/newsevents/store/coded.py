"""Events from outside the coder: pre-coded events (the JSON Lines output of `newsevents code`) for
`newsevents ingest --coded`, and the events of a stored article read back from its mentions
(`stored_events`, for a near-duplicate that takes its original's events).

Every line is checked on its own, with a size limit: a line that is not JSON, not an event, or an event whose
codes are not codes (markup in an actor code) or whose numbers are not finite or out of range (a NaN
Goldstein score would turn a month's sum into null) is one RecordError, and the next line is read.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsevents.model import MODALITIES, Actor, Event, EventDate, Place, RecordError
from newsevents.sources.common import FileSkipped

def read_coded_jsonl(paths: Sequence[str], stdin=None) -> Iterator[Event | RecordError | FileSkipped]:
    """Event records from JSON Lines files of contract dicts (`-` reads standard input).

    Each line is read with a size limit and parsed on its own: a line that is too long, not JSON (malformed,
    nested too deeply, a number too long to read) or not a valid event is one RecordError, and the next line
    is read. A file that cannot be read is a FileSkipped, and the next file is read.
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _coded_lines(getattr(stream, "buffer", stream), "<stdin>")
            continue
        try:
            fh = open(path, "rb")
        except OSError as exc:
            yield FileSkipped(path, exc.strerror or str(exc))
            continue
        with fh:
            try:
                yield from _coded_lines(fh, Path(path).name)
            except OSError as exc:
                yield FileSkipped(path, f"{exc.strerror or exc} (the lines before it were read)")


def _coded_lines(stream, where: str) -> Iterator[Event | RecordError]:
    line_no = 0
    while True:
        line = stream.readline(MAX_CODED_LINE + 1)
        if not line:
            return
        line_no += 1
        loc = f"{where}:{line_no}"
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > MAX_CODED_LINE and not line.endswith(newline):
            while True:  # skip the rest of the line without holding it
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(newline):
                    break
            yield RecordError(f"line {line_no}", f"line longer than {MAX_CODED_LINE:,} bytes", loc)
            continue
        if isinstance(line, bytes):
            line = line.decode("utf-8", errors="surrogateescape")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            yield RecordError(f"line {line_no}", "not valid JSON (nested too deeply)", loc)
            continue
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).splitlines()[0][:200]
            yield RecordError(f"line {line_no}", f"not valid JSON ({reason})", loc)
            continue
        if not isinstance(obj, dict):
            yield RecordError(f"line {line_no}", "not a JSON object", loc)
            continue
        try:
            yield event_from_dict(obj)
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            yield RecordError(_shown_id(obj.get("event_id"), line_no), f"bad event: {reason}", loc)


def _shown_id(value, line_no: int) -> str:
    if isinstance(value, str) and _PLAIN_ID.fullmatch(value):
        return value
    return f"line {line_no}"


def event_from_dict(obj: dict) -> Event:
    """An Event from one contract dict (the output of `newsevents code`); ValueError when it is malformed:
    codes that are not codes (markup, spaces), numbers that are not finite or out of their range."""
    cameo = str(obj["cameo"])
    if not (cameo.isdigit() and 2 <= len(cameo) <= 4):
        raise ValueError(f"cameo {_shown(cameo)} is not a 2-4 digit CAMEO code")
    modality = obj.get("modality") or "asserted"
    if modality not in MODALITIES:
        raise ValueError(f"modality {_shown(modality)} is not one of {', '.join(MODALITIES)}")
    quad = obj.get("quad_class")
    if quad is not None and (isinstance(quad, bool) or not isinstance(quad, int) or quad not in (1, 2, 3, 4)):
        raise ValueError(f"quad_class {_shown(quad)} is not 1-4")
    date = None
    if obj.get("date"):
        date = EventDate(dt.date.fromisoformat(str(obj["date"])[:10]), obj.get("date_precision") or "day")
    span = obj.get("span") or (0, 0)
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        raise ValueError("span must be [start, end]")
    return Event(doc_id=_text_field(obj["doc_id"], "doc_id"), sentence_index=int(obj["sentence_index"]),
                 date=date, source=_actor(obj.get("source")), target=_actor(obj.get("target")), cameo=cameo,
                 goldstein=_number(obj.get("goldstein"), "goldstein", -10.0, 10.0),
                 quad_class=quad, location=_place(obj.get("location")), modality=modality,
                 sentence=str(obj.get("sentence") or ""), span=(int(span[0]), int(span[1])),
                 rule=str(obj.get("rule") or ""),
                 confidence=_number(obj.get("confidence"), "confidence", 0.0, 1.0)
                 if obj.get("confidence") is not None else 0.8,
                 plover=_optional_text(obj.get("plover"), "plover"))


def _optional_text(value, what: str) -> str | None:
    """A short label (a PLOVER category): null, or text without markup."""
    if value is None or value == "":
        return None
    text = _text_field(value, what)
    if len(text) > 40 or "<" in text or ">" in text:
        raise ValueError(f"{what} {_shown(text)} is not a category name")
    return text


def _actor(obj) -> Actor | None:
    if not obj:
        return None
    if not isinstance(obj, dict) or not obj.get("code"):
        raise ValueError("an actor needs a code")
    return Actor(code=_code(obj["code"], "actor code", _ACTOR_CODE), country=_optional_code(obj, "country", _COUNTRY),
                 role=_optional_code(obj, "role", _ACTOR_CODE), group=_optional_code(obj, "group", _ACTOR_CODE),
                 name=str(obj.get("name") or ""), text=str(obj.get("text") or ""))


def _place(obj) -> Place | None:
    if not obj:
        return None
    if not isinstance(obj, dict):
        raise ValueError("location must be an object")
    return Place(name=str(obj.get("name") or ""), country=_optional_code(obj, "country", _COUNTRY),
                 lat=_number(obj.get("lat"), "lat", -90.0, 90.0), lon=_number(obj.get("lon"), "lon", -180.0, 180.0))


_ACTOR_CODE = re.compile(r"[A-Z0-9_]{1,64}")
_COUNTRY = re.compile(r"[A-Z]{3}")
_PLAIN_ID = re.compile(r"[\w.:-]{1,128}")
MAX_CODED_LINE = 1 << 24   # bytes: an event line holds one sentence, far less than this


def _code(value, what: str, pattern: re.Pattern) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"{what} {_shown(value)} is not a code (capital letters, digits, _)")
    return value


def _optional_code(obj: dict, key: str, pattern: re.Pattern) -> str | None:
    value = obj.get(key)
    return None if value is None or value == "" else _code(value, key, pattern)


def _text_field(value, what: str) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value) == "":
        raise ValueError(f"{what} must be a non-empty string")
    return str(value)


def _number(value, what: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} {_shown(value)} is not a number")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} {_shown(value)} is not a number from {low:g} to {high:g}")
    return number


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def stored_events(con, article_id: str) -> list[Event]:
    """The events of a stored article, read back from its mention rows (every modality), in the order the
    coder gave them (sentence, then position): what a near-duplicate of it takes as its own. Read on a
    cursor of its own (the coder may ask from a feeder thread)."""
    cur = con.cursor()
    try:
        return events_by_article(cur, [article_id]).get(article_id, [])
    finally:
        cur.close()


def events_by_article(con, article_ids: Sequence[str]) -> dict[str, list[Event]]:
    """`stored_events` of several articles, read on `con` itself (inside its transaction: rows it wrote
    and has not committed yet are seen)."""
    result = con.execute("SELECT * FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                         "ORDER BY article_id, sentence_index, span_start, mention_id", [list(article_ids)])
    names = [d[0] for d in result.description]
    events: dict[str, list[Event]] = {}
    for row in result.fetchall():
        event = _event_of_row(dict(zip(names, row)))
        events.setdefault(event.doc_id, []).append(event)
    return events


def _event_of_row(row: dict) -> Event:
    """The Event a mention row was written from (`ingest._mention_row` read backwards)."""
    sides = {}
    for side in ("source", "target"):
        code = row[f"{side}_code"]
        sides[side] = None if code is None else Actor(
            code=code, country=row[f"{side}_country"], role=row[f"{side}_role"], group=row[f"{side}_group"],
            name=row[f"{side}_name"] or "", text=row[f"{side}_text"] or "")
    location = None
    if any(row[f"location_{f}"] is not None for f in ("name", "country", "lat", "lon")):
        location = Place(name=row["location_name"] or "", country=row["location_country"],
                         lat=row["location_lat"], lon=row["location_lon"])
    date = EventDate(row["date"], row["date_precision"] or "day") if row["date"] is not None else None
    return Event(doc_id=row["article_id"], sentence_index=row["sentence_index"], date=date,
                 source=sides["source"], target=sides["target"], cameo=row["cameo"], goldstein=row["goldstein"],
                 quad_class=row["quad_class"], location=location, modality=row["modality"],
                 sentence=row["sentence"] or "", span=(row["span_start"], row["span_end"]), rule=row["rule"] or "",
                 confidence=row["confidence"] if row["confidence"] is not None else 0.8, plover=row.get("plover"))
