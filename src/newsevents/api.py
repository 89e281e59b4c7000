"""The Python API for notebooks: coded events and store queries as pandas DataFrames with flat columns.

    import newsevents as ne
    df = ne.code(["Russian forces shelled Kharkiv on Tuesday."], published="2024-05-15")
    store = ne.open_store("out/sample.duckdb")
    store.events(dyad="Russia:Ukraine", date_from="2024-05")
    store.series("RUS:UKR", freq="month"); store.panel(freq="week"); store.alerts()

Nothing is capped: `events()` returns every matching row unless `limit` is given. Filters are those of
`newsevents query` (docs/python.md lists them); dates take `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, actors their
codes or a country's name. The coder (spaCy) is imported only when `code` is first called.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import asdict

import pandas as pd

from newsevents.analysis.alerts import AlertParams, find_alerts
from newsevents.analysis.panel import panel_sql
from newsevents.analysis.series import dyad_series
from newsevents.model import Article, Event
from newsevents.model_forms import MENTION_ROW_SCHEMA, mention_row
from newsevents.store.db import EventStore
from newsevents.store.names import resolve_actor, resolve_dyad
from newsevents.store.query import Dyad, EventQuery, parse_date_bound

_CODERS: dict = {}


def _coder(**options):
    key = tuple(sorted(options.items()))
    if key not in _CODERS:
        from newsevents.coding.pipeline import Coder
        _CODERS[key] = Coder(**options)
    return _CODERS[key]


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Events as a DataFrame of flat columns (`source_code`, `location_lat`, ...; the store's mention columns,
    with `doc_id` for `article_id` and `event_id` for `mention_id`)."""
    rows = [mention_row(e.doc_id, e) for e in events]
    frame = pd.DataFrame(rows, columns=MENTION_ROW_SCHEMA.names)
    return frame.rename(columns={"mention_id": "event_id", "article_id": "doc_id"})


def code(texts: str | Iterable[str] | Iterable[Article], *, published: str | dt.date | None = None,
         include_all: bool = False, **coder_options) -> pd.DataFrame:
    """Code texts (or Articles) into a DataFrame, one row per event; `include_all` adds the non-asserted ones.

    Texts get the ids `0`, `1`, ... and the publication date `published` (relative dates resolve against it).
    """
    if isinstance(texts, str):
        texts = [texts]
    day = dt.date.fromisoformat(published) if isinstance(published, str) else published
    articles = [t if isinstance(t, Article) else Article(id=str(i), text=t, published=day)
                for i, t in enumerate(texts)]
    coder = _coder(**coder_options)
    events = [e for _, evs in coder.code_many(articles) for e in evs if include_all or e.modality == "asserted"]
    return events_frame(events)


def _date(value, end: bool = False) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return parse_date_bound(str(value), end=end)


def _codes(value) -> tuple:
    if value is None:
        return ()
    return tuple(str(v) for v in ([value] if isinstance(value, (str, int)) else value))


def make_query(*, level: str = "events", include_all: bool = False, actor: str | None = None,
               actor_country: str | None = None, actor_role: str | None = None, actor_group: str | None = None,
               side: str = "either", dyad: str | None = None, directed: bool = False, cameo=None, root=None,
               quad_class=None, date_from=None, date_to=None, location_country: str | None = None,
               text: str | None = None, limit: int | None = None) -> EventQuery:
    """An EventQuery from notebook-friendly values (names, partial dates, single values or lists)."""
    return EventQuery(level=level, include_all=include_all, actor=resolve_actor(actor) if actor else None,
                      actor_country=actor_country, actor_role=actor_role, actor_group=actor_group, side=side,
                      dyad=Dyad.parse(resolve_dyad(dyad), directed) if dyad else None, cameo=_codes(cameo),
                      root=_codes(root), quad_class=tuple(int(q) for q in _codes(quad_class)),
                      date_from=_date(date_from), date_to=_date(date_to, end=True),
                      location_country=location_country, text=text, limit=limit)


class Store:
    """A store opened read-only for analysis; every method returns a pandas DataFrame."""

    def __init__(self, store: EventStore) -> None:
        self._store = store

    @property
    def path(self) -> str:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _frame(self, sql: str, params: list) -> pd.DataFrame:
        with self._store.damage_reported(), self._store.con.cursor() as cur:
            return cur.execute(sql, params).df()

    def events(self, **filters) -> pd.DataFrame:
        """Deduplicated events (every column of the `events` table), newest first; `make_query` filters."""
        query = make_query(level="events", **filters)
        cond, params = query.where("e")
        return self._rows(query, cond, params, "e.date DESC, e.num_mentions DESC, e.event_id")

    def mentions(self, **filters) -> pd.DataFrame:
        """Coded sentences (every column of the `mentions` table); `include_all=True` adds non-asserted ones."""
        query = make_query(level="mentions", **filters)
        cond, params = query.where("e")
        return self._rows(query, cond, params, "e.date DESC NULLS LAST, e.article_id, e.sentence_index")

    def _rows(self, query: EventQuery, cond: str, params: list, order: str) -> pd.DataFrame:
        sql = f"SELECT e.* FROM {query.table} e WHERE {cond} ORDER BY {order}"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(int(query.limit))
        return self._frame(sql, params)

    def articles(self) -> pd.DataFrame:
        """Every stored article: id, URL, outlet, title, publication date, status, mentions."""
        return self._frame("SELECT * EXCLUDE (text_hash) FROM articles ORDER BY published, article_id", [])

    def series(self, dyad: str, freq: str = "week", *, directed: bool = False, **filters) -> pd.DataFrame:
        """One dyad per period: events by quad class, Goldstein sum and mean, conflict share (zero-filled)."""
        query = make_query(**filters)
        points = dyad_series(self._store, Dyad.parse(resolve_dyad(dyad), directed), freq, query=query)
        frame = pd.DataFrame([asdict(p) for p in points],
                             columns=["period", "events", "verbal_cooperation", "material_cooperation",
                                      "verbal_conflict", "material_conflict", "goldstein_sum", "goldstein_mean",
                                      "conflict_share"])
        frame["period"] = pd.to_datetime(frame["period"])
        return frame

    def panel(self, freq: str = "week", *, directed: bool = False, **filters) -> pd.DataFrame:
        """Every dyad x every period: events, q1..q4, goldstein_sum, conflict_events, zero-filled."""
        sql, params = panel_sql(freq, query=make_query(**filters), directed=directed)
        return self._frame(sql, params)

    def alerts(self, *, since=None, as_of=None, **params) -> pd.DataFrame:
        """Escalation alerts (one row per alert, its events' ids in `event_ids`); `params`: AlertParams fields."""
        alerts = find_alerts(self._store, since=_date(since), as_of=_date(as_of, end=True),
                             params=AlertParams(**params))
        rows = []
        for a in alerts:
            row = {k: v for k, v in asdict(a).items() if k != "events"}
            row["dyad"] = a.dyad
            row["event_ids"] = [e["event_id"] for e in a.events]
            rows.append(row)
        return pd.DataFrame(rows, columns=["dyad", "actor1", "actor2", "directed", "window_from", "window_to",
                                           "observed", "expected", "baseline", "ratio", "p_value", "event_ids"])

    def sql(self, query: str, *params) -> pd.DataFrame:
        """Any read-only SQL over the store's tables (articles, mentions, events)."""
        return self._frame(query, list(params))


def open_store(path: str | os.PathLike) -> Store:
    """Open a store read-only (StoreError with the reason when it cannot be read)."""
    return Store(EventStore.open(path, read_only=True))
