"""Event counts of one dyad over time: per period, events by quad class, Goldstein sum and mean, conflict share.

Counts are of deduplicated events (one real-world event counts once, however many articles report it).
Periods with no events are present with zero counts, so the series can be plotted as is. Weeks start on
Monday; a period is named by its first day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from newsevents.store.db import EventStore
from newsevents.store.query import Dyad, EventQuery, QueryError

FREQS = ("day", "week", "month")
_STEP = {"day": "INTERVAL 1 DAY", "week": "INTERVAL 7 DAY", "month": "INTERVAL 1 MONTH"}  # fixed SQL


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    period: dt.date
    events: int
    verbal_cooperation: int    # quad class 1
    material_cooperation: int  # quad class 2
    verbal_conflict: int       # quad class 3
    material_conflict: int     # quad class 4
    goldstein_sum: float
    goldstein_mean: float | None
    conflict_share: float | None  # (verbal + material conflict) / events

    def to_dict(self) -> dict:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        return d


def dyad_series(store: EventStore, dyad: Dyad, freq: str = "week", *, date_from: dt.date | None = None,
                date_to: dt.date | None = None, query: EventQuery | None = None,
                timeout_s: float | None = None) -> list[SeriesPoint]:
    """The series of `dyad` (undirected unless `dyad.directed`), with any further filters of `query`."""
    if freq not in FREQS:
        raise QueryError(f"freq must be one of {', '.join(FREQS)}")
    base = query or EventQuery()
    q = replace(base, level="events", include_all=False, dyad=dyad, limit=None,
                date_from=date_from or base.date_from, date_to=date_to or base.date_to)
    cond, params = q.where("e")
    sql = f"""
        WITH s AS (
            SELECT date_trunc(?, e.date)::DATE AS period, count(*) AS n,
                   count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
                   count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4,
                   coalesce(sum(e.goldstein), 0) AS gsum, avg(e.goldstein) AS gmean
            FROM events e WHERE {cond} GROUP BY 1
        ), bounds AS (
            SELECT date_trunc(?, coalesce(?::DATE, min(period)))::DATE AS lo,
                   date_trunc(?, coalesce(?::DATE, max(period)))::DATE AS hi FROM s
        ), periods AS (
            SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, {_STEP[freq]}))::DATE AS period
            FROM bounds WHERE lo IS NOT NULL
        )
        SELECT p.period, coalesce(n, 0), coalesce(q1, 0), coalesce(q2, 0), coalesce(q3, 0), coalesce(q4, 0),
               coalesce(gsum, 0), gmean
        FROM periods p LEFT JOIN s USING (period) ORDER BY p.period"""
    rows = store.fetch(sql, [freq, *params, freq, q.date_from, freq, q.date_to], timeout_s=timeout_s)
    return [SeriesPoint(period, n, q1, q2, q3, q4, float(gsum), gmean,
                        (q3 + q4) / n if n else None)
            for period, n, q1, q2, q3, q4, gsum, gmean in rows]


def top_events(store: EventStore, dyad: Dyad, *, n: int = 5, date_from: dt.date | None = None,
               date_to: dt.date | None = None, query: EventQuery | None = None) -> list[dict]:
    """The `n` most reported events of the dyad, for annotations.

    Ranked by mentions, then sources, then the strength of the Goldstein value, then the latest first.
    """
    base = query or EventQuery()
    q = replace(base, level="events", include_all=False, dyad=dyad, limit=None,
                date_from=date_from or base.date_from, date_to=date_to or base.date_to)
    cond, params = q.where("e")
    sql = (f"SELECT e.event_id, e.date, e.source_code, e.target_code, e.cameo, e.quad_class, e.goldstein, "
           f"e.num_mentions, e.evidence FROM events e WHERE {cond} "
           f"ORDER BY e.num_mentions DESC, e.num_sources DESC, abs(coalesce(e.goldstein, 0)) DESC, e.date DESC, "
           f"e.event_id LIMIT ?")
    return store.fetch_dicts(sql, [*params, int(n)])
