"""Typed, parameterised queries over the store: an `EventQuery` becomes SQL with bound parameters only.

No user text ever becomes SQL: every value is a bound parameter, column names come from fixed tables in
this module, and the row count is capped. The same filters serve `query`, `export`, `series` and the API.

Two levels:
- `events` (default): deduplicated events; the text filter matches any of their mentions' sentences.
- `mentions`: one row per coded sentence event; `include_all` adds the negated / hypothetical / future
  mentions (flagged by `modality`), which never become events.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.store.actor_index import ActorIndex

MAX_QUERY_ROWS = 10_000
DEFAULT_QUERY_ROWS = 100
LEVELS = ("events", "mentions")
SIDES = ("either", "source", "target")

_TOKEN = re.compile(r"^[A-Za-z0-9_]{2,32}$")
_CODE = re.compile(r"^\d{2,4}$")

# Output columns of each level, in order.
EVENT_COLUMNS = (
    "event_id", "date", "source_code", "source_name", "target_code", "target_name", "cameo", "root",
    "quad_class", "goldstein", "location_name", "location_country", "num_mentions", "num_sources",
    "num_articles", "first_seen", "last_seen", "source_url", "evidence")
MENTION_COLUMNS = (
    "mention_id", "article_id", "sentence_index", "date", "date_precision", "source_code", "source_name",
    "target_code", "target_name", "cameo", "root", "quad_class", "goldstein", "location_name",
    "location_country", "modality", "sentence", "rule", "confidence", "event_id")


class QueryError(ValueError):
    """A filter value that cannot be used (bad dyad, unknown quad class, ...)."""


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two actors, each matched on its code, country or group (`USA:IRN`, `RUSMIL:UKR`, `HAMAS:ISR`)."""

    a: str
    b: str
    directed: bool = False

    @classmethod
    def parse(cls, text: str, directed: bool = False) -> Dyad:
        parts = text.split(":")
        if len(parts) != 2 or not all(_TOKEN.match(p.strip()) for p in parts):
            raise QueryError(f"dyad {text!r} must be two actor codes joined by a colon, e.g. USA:IRN")
        return cls(parts[0].strip().upper(), parts[1].strip().upper(), directed)

    def __str__(self) -> str:
        return f"{self.a}{'->' if self.directed else ':'}{self.b}"


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters over events or mentions; `where()` gives the SQL condition and its parameters."""

    level: str = "events"
    include_all: bool = False
    actor: str | None = None             # actor code, country or group, e.g. USAGOV, USA, HAMAS
    actor_country: str | None = None
    actor_role: str | None = None        # CAMEO role: GOV, MIL, REB, ...
    actor_group: str | None = None       # EU, NATO, HAMAS, ...
    side: str = "either"                 # which actor the actor filters look at
    dyad: Dyad | None = None
    cameo: tuple[str, ...] = ()          # code prefixes: "19" (a root), "190", "1383"
    root: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    location_country: str | None = None
    text: str | None = None              # case-insensitive substring of the evidence sentence
    limit: int | None = DEFAULT_QUERY_ROWS
    # Not a filter: the actors of a store that cannot change (actor_index.py), which turn the actor and dyad
    # filters of an events query into tests of one column. The rows matched are the same.
    actors: ActorIndex | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise QueryError(f"level must be one of {', '.join(LEVELS)}")
        if self.side not in SIDES:
            raise QueryError(f"side must be one of {', '.join(SIDES)}")
        if self.include_all and self.level != "mentions":
            raise QueryError("only mentions hold non-asserted events: use the mentions level with --all")
        for name in ("actor", "actor_country", "actor_role", "actor_group", "location_country"):
            value = getattr(self, name)
            if value is not None and not _TOKEN.match(value):
                raise QueryError(f"{name.replace('_', ' ')} {value!r} is not a code (letters, digits, _)")
        for code in (*self.cameo, *self.root):
            if not _CODE.match(code):
                raise QueryError(f"CAMEO code {code!r} must be 2-4 digits")
        for code in self.root:
            if len(code) != 2:
                raise QueryError(f"root {code!r} is not a two-digit CAMEO root: use root {code[:2]} for the "
                                 f"whole family, or cameo {code} for that code")
        for quad in self.quad_class:
            if quad not in (1, 2, 3, 4):
                raise QueryError(f"quad class {quad!r} must be 1, 2, 3 or 4")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError("the start date is after the end date")
        if self.limit is not None and self.limit < 1:
            raise QueryError("limit must be at least 1")

    def capped(self, cap: int = MAX_QUERY_ROWS) -> EventQuery:
        """This query with its limit capped (no limit becomes the cap)."""
        return replace(self, limit=min(self.limit or cap, cap))

    @property
    def table(self) -> str:
        return "events" if self.level == "events" else "mentions"

    def where(self, alias: str = "e") -> tuple[str, list]:
        """The WHERE condition (without the keyword; `TRUE` when empty) over `alias`, and its parameters."""
        conds: list[str] = []
        params: list = []
        a = alias
        index = self.actors if self.level == "events" else None  # the index describes the events table
        if self.level == "mentions" and not self.include_all:
            conds.append(f"{a}.modality = 'asserted'")
        for name, column in (("actor", None), ("actor_country", "country"), ("actor_role", "role"),
                             ("actor_group", "group")):
            value = getattr(self, name)
            if value is None:
                continue
            sides = ("source", "target") if self.side == "either" else (self.side,)
            if column is None:
                parts = [actor_match(a, s, value, params, index) for s in sides]
            else:
                parts = []
                for s in sides:
                    parts.append(f"{a}.{s}_{column} = ?")
                    params.append(value.upper())
            conds.append("(" + " OR ".join(parts) + ")")
        if self.dyad is not None:
            conds.append(dyad_condition(a, self.dyad, params, index))
        if self.cameo:
            conds.append("(" + " OR ".join(f"starts_with({a}.cameo, ?)" for _ in self.cameo) + ")")
            params.extend(self.cameo)
        if self.root:
            conds.append(f"{a}.root IN ({', '.join('?' for _ in self.root)})")
            params.extend(r[:2] for r in self.root)
        if self.quad_class:
            conds.append(f"{a}.quad_class IN ({', '.join('?' for _ in self.quad_class)})")
            params.extend(self.quad_class)
        if self.date_from is not None:
            conds.append(f"{a}.date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            conds.append(f"{a}.date <= ?")
            params.append(self.date_to)
        if self.location_country is not None:
            conds.append(f"{a}.location_country = ?")
            params.append(self.location_country.upper())
        if self.text:
            pattern = "%" + like_escape(self.text) + "%"
            if self.level == "events":
                conds.append(f"EXISTS (SELECT 1 FROM mentions tm WHERE tm.event_id = {a}.event_id "
                             "AND tm.sentence ILIKE ? ESCAPE '\\')")
            else:
                conds.append(f"{a}.sentence ILIKE ? ESCAPE '\\'")
            params.append(pattern)
        return (" AND ".join(conds) if conds else "TRUE"), params

    def sql(self, columns: tuple[str, ...] | None = None) -> tuple[str, list]:
        """A complete SELECT for this query: its columns, newest first, limited."""
        columns = columns or (EVENT_COLUMNS if self.level == "events" else MENTION_COLUMNS)
        cond, params = self.where("e")
        order = ("e.date DESC NULLS LAST, e.num_mentions DESC, e.event_id" if self.level == "events"
                 else "e.date DESC NULLS LAST, e.article_id, e.sentence_index, e.mention_id")
        sql = (f"SELECT {', '.join('e.' + c for c in columns)} FROM {self.table} e "
               f"WHERE {cond} ORDER BY {order}")
        if self.limit is not None:
            sql += " LIMIT ?"
            params.append(int(self.limit))
        return sql, params


def parse_date_bound(text: str, *, end: bool = False) -> dt.date:
    """A date from `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the first day of the year or month, or with `end=True`
    the last (so `--from 2024-05 --to 2024-05` is the whole of May)."""
    text = str(text).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:])
            first = dt.date(year, month, 1)
            if not end:
                return first
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def actor_match(alias: str, side: str, token: str, params: list, index: ActorIndex | None = None) -> str:
    """SQL matching one side's actor on its code, country or group; with an `index` of the table, a test of
    one column where the index says it matches the same rows (actor_index.py)."""
    token = token.upper()
    found = index.condition(alias, side, token, params) if index is not None else None
    if found is not None:
        return found
    params.extend((token, token, token))
    return (f"({alias}.{side}_code = ? OR {alias}.{side}_country = ? OR {alias}.{side}_group = ?)")


def dyad_condition(alias: str, dyad: Dyad, params: list, index: ActorIndex | None = None) -> str:
    forward = (f"({actor_match(alias, 'source', dyad.a, params, index)} AND "
               f"{actor_match(alias, 'target', dyad.b, params, index)})")
    if dyad.directed:
        return forward
    backward = (f"({actor_match(alias, 'source', dyad.b, params, index)} AND "
                f"{actor_match(alias, 'target', dyad.a, params, index)})")
    return f"({forward} OR {backward})"


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def run_query(store, query: EventQuery, *, timeout_s: float | None = None) -> list[dict]:
    """The rows of a (capped) query as dicts."""
    sql, params = query.capped().sql()
    return store.fetch_dicts(sql, params, timeout_s=timeout_s)
