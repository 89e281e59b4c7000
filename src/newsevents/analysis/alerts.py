"""Dyads whose material conflict rises sharply against their own recent past.

Method (docs/store.md, "Alerts"):

- The *window* is the days from `since` to `as_of` (default: the last 7 days up to the latest event date in
  the store); the *baseline* is the `baseline_days` (default 90) just before the window.
- A dyad is an unordered pair of actors, each named by its country (else its group, else its code);
  `directed=True` keeps source and target apart.
- Measure `count`: the dyad's material-conflict events (quad class 4). Measure `goldstein`: the sum of
  -Goldstein over its events with a negative Goldstein value (verbal and material conflict, weighted by
  severity), turned into an effective count by dividing by the dyad's mean weight per event.
- Expected count in the window = (baseline count + 1) x window days / baseline days; the +1 is a pseudo-event
  so a dyad with no baseline can still alert, and a quiet one does not alert on its first event.
- p = P(X >= observed) for X ~ Poisson(expected). A dyad alerts when observed >= `min_count`,
  observed / expected >= `min_ratio` and p <= `max_p`. Alerts are ranked by p, then by ratio.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field

from newsevents.store.db import EventStore
from newsevents.store.query import QueryError

MEASURES = ("count", "goldstein")


@dataclass(frozen=True, slots=True)
class AlertParams:
    window_days: int = 7
    baseline_days: int = 90
    min_count: int = 5
    min_ratio: float = 2.0
    max_p: float = 0.001
    measure: str = "count"
    directed: bool = False
    events_per_alert: int = 5
    max_alerts: int = 50

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise QueryError(f"measure must be one of {', '.join(MEASURES)}")
        if self.window_days < 1 or self.baseline_days < 1:
            raise QueryError("window and baseline must be at least one day")
        if not 0 < self.max_p <= 1:
            raise QueryError("max p must be in (0, 1]")


@dataclass(slots=True)
class Alert:
    actor1: str
    actor2: str
    directed: bool
    window_from: dt.date
    window_to: dt.date
    observed: float          # events in the window (measure `goldstein`: effective count)
    expected: float
    baseline: float          # events in the baseline period (same unit as observed)
    ratio: float
    p_value: float
    events: list[dict] = field(default_factory=list)

    @property
    def dyad(self) -> str:
        return f"{self.actor1}{'->' if self.directed else ':'}{self.actor2}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["dyad"] = self.dyad
        d["window_from"] = self.window_from.isoformat()
        d["window_to"] = self.window_to.isoformat()
        for e in d["events"]:
            e["date"] = e["date"].isoformat() if e.get("date") else None
        return d


def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    # 1 - P(X <= k - 1), summed in log space for stability; the tail is used directly when it is smaller.
    log_terms = [-lam + i * math.log(lam) - math.lgamma(i + 1) for i in range(k)]
    top = max(log_terms)
    cdf = math.exp(top) * sum(math.exp(t - top) for t in log_terms)
    if cdf < 0.5:
        return max(0.0, 1.0 - cdf)
    # Upper tail summed from k until the terms vanish: accurate for very small p.
    tail, i = 0.0, k
    term = math.exp(-lam + k * math.log(lam) - math.lgamma(k + 1))
    while term > 1e-300 and i < k + 10_000:
        tail += term
        i += 1
        term *= lam / i
        if term < tail * 1e-17:
            break
    return min(1.0, tail)


def latest_date(store: EventStore) -> dt.date | None:
    return store.fetch("SELECT max(date) FROM events")[0][0]


def alert_window(store: EventStore, *, since: dt.date | None = None, as_of: dt.date | None = None,
                 params: AlertParams = AlertParams()) -> tuple[dt.date, dt.date, dt.date] | None:
    """(baseline start, window start, window end) that `find_alerts` checks; None for an empty store."""
    as_of = as_of or latest_date(store)
    if as_of is None:
        return None
    since = since or as_of - dt.timedelta(days=params.window_days - 1)
    if since > as_of:
        raise QueryError("--since is after the last day of the window")
    return since - dt.timedelta(days=params.baseline_days), since, as_of


def find_alerts(store: EventStore, *, since: dt.date | None = None, as_of: dt.date | None = None,
                params: AlertParams = AlertParams(), dyad_day: str | None = None,
                dyad_events: str | None = None) -> list[Alert]:
    """Dyads whose conflict in the window rises sharply against their baseline, ranked, with their events.

    Tables to read instead of `events` (the web API's rollups of those names), with the dyad keys `s` and `t`:
    `dyad_day`, per day, dyad and quad class, the events `n`, those with a negative Goldstein value `n_neg`
    and the sum `ng` of their -Goldstein; `dyad_events`, one row per event with the columns read here."""
    window = alert_window(store, since=since, as_of=as_of, params=params)
    if window is None:
        return []
    base_from, since, as_of = window
    window_days = (as_of - since).days + 1
    relevant = "e.quad_class = 4" if params.measure == "count" else "e.goldstein < 0"
    if dyad_day is None:
        table, (src, tgt), count = "events", _SIDE_KEYS, "count(*)"
        weight = "1.0::DOUBLE" if params.measure == "count" else "-e.goldstein::DOUBLE"
        where = relevant
    else:  # the same sums from per-day sums
        table, (src, tgt) = dyad_day, ("e.s", "e.t")
        weight, where, count = (("e.n::DOUBLE", relevant, "sum(e.n)::BIGINT") if params.measure == "count"
                                else ("e.ng", "e.n_neg > 0", "sum(e.n_neg)::BIGINT"))
    k1, k2 = _dyad_keys(params.directed, src, tgt)
    rows = store.fetch(f"""
        SELECT {k1} AS a1, {k2} AS a2,
               sum({weight}) FILTER (WHERE e.date >= ?) AS w_recent,
               sum({weight}) FILTER (WHERE e.date < ?) AS w_base,
               {count} AS n_all
        FROM {table} e
        WHERE {where} AND e.date BETWEEN ? AND ? AND {src} IS NOT NULL AND {tgt} IS NOT NULL
        GROUP BY ALL HAVING w_recent IS NOT NULL""", [since, since, base_from, as_of])
    alerts = []
    for a1, a2, w_recent, w_base, n_all in rows:
        w_base = w_base or 0.0
        unit = (w_recent + w_base) / n_all  # mean weight per event; 1 for the count measure
        observed, baseline = w_recent / unit, w_base / unit
        expected = (baseline + 1.0) * window_days / params.baseline_days
        ratio = observed / expected
        if observed < params.min_count or ratio < params.min_ratio:
            continue
        p = poisson_sf(math.floor(observed + 1e-9), expected)
        if p > params.max_p:
            continue
        alerts.append(Alert(a1, a2, params.directed, since, as_of, round(observed, 3), round(expected, 4),
                            round(baseline, 3), round(ratio, 3), p))
    alerts.sort(key=lambda a: (a.p_value, -a.ratio, a.actor1, a.actor2))
    alerts = alerts[:params.max_alerts]
    for alert in alerts:
        alert.events = _events_behind(store, alert, relevant, params, dyad_events)
    return alerts


_SIDE_KEYS = ("coalesce(e.source_country, e.source_group, e.source_code)",
              "coalesce(e.target_country, e.target_group, e.target_code)")
_EVENTS_ORDER = "coalesce(e.goldstein, 0), e.num_mentions DESC, e.date, e.event_id"


def _dyad_keys(directed: bool, src: str = _SIDE_KEYS[0], tgt: str = _SIDE_KEYS[1]) -> tuple[str, str]:
    if directed:
        return src, tgt
    return f"least({src}, {tgt})", f"greatest({src}, {tgt})"


def _events_behind(store: EventStore, alert: Alert, relevant: str, params: AlertParams,
                   dyad_events: str | None = None) -> list[dict]:
    columns = ("e.event_id, e.date, e.source_code, e.target_code, e.cameo, e.quad_class, e.goldstein, "
               "e.num_mentions, e.num_sources, e.location_name, e.evidence, e.source_url")
    window = [alert.window_from, alert.window_to]
    if dyad_events is None:
        k1, k2 = _dyad_keys(params.directed)
        src, tgt = _SIDE_KEYS
        return store.fetch_dicts(f"""
            SELECT {columns} FROM events e
            WHERE {relevant} AND e.date BETWEEN ? AND ? AND {k1} = ? AND {k2} = ?
              AND {src} IS NOT NULL AND {tgt} IS NOT NULL
            ORDER BY {_EVENTS_ORDER} LIMIT ?""", [*window, alert.actor1, alert.actor2, params.events_per_alert])
    # The keys as the table is ordered (a1 <= a2 for an undirected dyad: either way round), then the rows.
    pair, pair_params = "(e.s = ? AND e.t = ?)", [alert.actor1, alert.actor2]
    if not params.directed:
        pair, pair_params = f"({pair} OR (e.s = ? AND e.t = ?))", [*pair_params, alert.actor2, alert.actor1]
    ids = [r[0] for r in store.fetch(f"""
        SELECT e.event_id FROM {dyad_events} e WHERE {relevant} AND e.date BETWEEN ? AND ? AND {pair}
        ORDER BY {_EVENTS_ORDER} LIMIT ?""", [*window, *pair_params, params.events_per_alert])]
    if not ids:
        return []
    return store.fetch_dicts(f"SELECT {columns} FROM events e WHERE e.event_id IN ({', '.join('?' for _ in ids)}) "
                             f"ORDER BY {_EVENTS_ORDER}", ids)
