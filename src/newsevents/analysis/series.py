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
                timeout_s: float | None = None, max_periods: int | None = None,
                table: str = "events") -> list[SeriesPoint]:
    """The series of `dyad` (undirected unless `dyad.directed`), with any further filters of `query`.

    One pass over the events: the periods that have events come from DuckDB, the empty ones between are
    filled here. With `max_periods`, a series spanning more periods is refused (QueryError) before it is
    filled. `table` is where the events are read (the web API's `dyad_events` rollup holds the columns read).
    """
    if freq not in FREQS:
        raise QueryError(f"freq must be one of {', '.join(FREQS)}")
    base = query or EventQuery()
    q = replace(base, level="events", include_all=False, dyad=dyad, limit=None,
                date_from=date_from or base.date_from, date_to=date_to or base.date_to)
    cond, params = q.where("e")
    sql = f"""
        SELECT date_trunc(?, e.date)::DATE AS period, count(*) AS n,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               coalesce(sum(e.goldstein), 0) AS gsum, avg(e.goldstein) AS gmean,
               min(e.date) AS first, max(e.date) AS last
        FROM {table} e WHERE {cond} GROUP BY 1"""
    rows = {r[0]: r for r in store.fetch(sql, [freq, *params], timeout_s=timeout_s)}
    first = q.date_from or min((r[8] for r in rows.values()), default=None)
    last = q.date_to or max((r[9] for r in rows.values()), default=None)
    if first is None or last is None:  # no events, and no period given
        return []
    lo, hi = period_start(first, freq), period_start(last, freq)
    if max_periods is not None and (n := period_span(lo, hi, freq)) > max_periods:
        raise QueryError(f"{n:,} {freq}s from {first} to {last} is too many periods (at most {max_periods:,}): "
                         f"give from/to or choose a longer period")
    out = []
    period = lo
    while period <= hi:
        _, n, q1, q2, q3, q4, gsum, gmean, _, _ = rows.get(period, (period, 0, 0, 0, 0, 0, 0.0, None, None, None))
        out.append(SeriesPoint(period, n, q1, q2, q3, q4, float(gsum), gmean, (q3 + q4) / n if n else None))
        period = next_period(period, freq)
    return out


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period holding `day` (DuckDB's date_trunc: weeks start on Monday)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return start + dt.timedelta(days=1)
    if freq == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_span(lo: dt.date, hi: dt.date, freq: str) -> int:
    """How many periods from the one starting `lo` to the one starting `hi`, both included."""
    if freq == "day":
        return (hi - lo).days + 1
    if freq == "week":
        return (hi - lo).days // 7 + 1
    return (hi.year - lo.year) * 12 + hi.month - lo.month + 1


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
