"""The dyad panel: every dyad x every period, with event counts per quad class and Goldstein sums, zero-filled.

The table researchers regress on. One row per (period, actor1, actor2) for every dyad seen in the filtered
events and every period between the first and the last (or `date_from` / `date_to`), so a dyad's quiet weeks
are rows of zeros, not missing rows. A dyad is an unordered pair of actors, each named by its country, else its
group, else its code (as alerts name them: `RUS:UKR`, `HAMAS:ISR`), `actor1` < `actor2`; `directed=True` keeps
source (`actor1`) and target (`actor2`) apart. Events without a target have no dyad and are left out.
Counts are of deduplicated events. Weeks start on Monday; a period is named by its first day.

Columns: period, actor1, actor2, events, q1 (verbal cooperation), q2 (material cooperation), q3 (verbal
conflict), q4 (material conflict), goldstein_sum (0 when no events), conflict_events (q3 + q4).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsevents.analysis.series import FREQS
from newsevents.store.db import EventStore, StoreError
from newsevents.store.query import EventQuery, QueryError

PANEL_COLUMNS = ("period", "actor1", "actor2", "events", "q1", "q2", "q3", "q4", "goldstein_sum",
                 "conflict_events")
PANEL_FORMATS = ("csv", "parquet")
_STEP = {"day": "INTERVAL 1 DAY", "week": "INTERVAL 7 DAY", "month": "INTERVAL 1 MONTH"}  # fixed SQL
_SRC = "coalesce(e.source_country, e.source_group, e.source_code)"
_TGT = "coalesce(e.target_country, e.target_group, e.target_code)"


def panel_sql(freq: str = "week", *, query: EventQuery | None = None, directed: bool = False) -> tuple[str, list]:
    """The SELECT of the panel over the events passing `query`'s filters, and its parameters."""
    if freq not in FREQS:
        raise QueryError(f"freq must be one of {', '.join(FREQS)}")
    q = replace(query or EventQuery(), level="events", include_all=False, limit=None)
    cond, params = q.where("e")
    a1, a2 = (_SRC, _TGT) if directed else (f"least({_SRC}, {_TGT})", f"greatest({_SRC}, {_TGT})")
    sql = f"""
        WITH f AS (
            SELECT date_trunc(?, e.date)::DATE AS period, {a1} AS actor1, {a2} AS actor2, e.quad_class, e.goldstein
            FROM events e WHERE {cond} AND {_SRC} IS NOT NULL AND {_TGT} IS NOT NULL
        ), counts AS (
            SELECT period, actor1, actor2, count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
                   coalesce(sum(goldstein), 0) AS goldstein_sum
            FROM f GROUP BY ALL
        ), bounds AS (
            SELECT date_trunc(?, coalesce(?::DATE, min(period)))::DATE AS lo,
                   date_trunc(?, coalesce(?::DATE, max(period)))::DATE AS hi FROM f
        ), periods AS (
            SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, {_STEP[freq]}))::DATE AS period
            FROM bounds WHERE lo IS NOT NULL
        ), dyads AS (SELECT DISTINCT actor1, actor2 FROM f)
        SELECT p.period, d.actor1, d.actor2, coalesce(c.events, 0) AS events, coalesce(c.q1, 0) AS q1,
               coalesce(c.q2, 0) AS q2, coalesce(c.q3, 0) AS q3, coalesce(c.q4, 0) AS q4,
               coalesce(c.goldstein_sum, 0)::DOUBLE AS goldstein_sum,
               coalesce(c.q3, 0) + coalesce(c.q4, 0) AS conflict_events
        FROM periods p CROSS JOIN dyads d
        LEFT JOIN counts c ON c.period = p.period AND c.actor1 = d.actor1 AND c.actor2 = d.actor2
        ORDER BY d.actor1, d.actor2, p.period"""
    return sql, [freq, *params, freq, q.date_from, freq, q.date_to]


def dyad_panel(store: EventStore, freq: str = "week", *, query: EventQuery | None = None,
               directed: bool = False, timeout_s: float | None = None) -> list[dict]:
    """The panel as dicts (keys: `PANEL_COLUMNS`), every row: no cap."""
    sql, params = panel_sql(freq, query=query, directed=directed)
    return store.fetch_dicts(sql, params, timeout_s=timeout_s)


def write_panel(store: EventStore, path: str, fmt: str = "csv", freq: str = "week", *,
                query: EventQuery | None = None, directed: bool = False) -> int:
    """Write the panel to `path` as CSV (with a header) or Parquet; returns the number of rows."""
    if fmt not in PANEL_FORMATS:
        raise StoreError(f"unknown panel format {fmt!r} (one of {', '.join(PANEL_FORMATS)})")
    if not Path(path).parent.is_dir():
        raise StoreError(f"{path}: folder {Path(path).parent} does not exist")
    sql, params = panel_sql(freq, query=query, directed=directed)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    with store.damage_reported(), store.con.cursor() as cur:
        row = cur.execute(f"COPY ({sql}) TO ? ({options})", [*params, path]).fetchone()
    return int(row[0]) if row else 0
