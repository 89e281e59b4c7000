"""A short, plain-text look at a store: its period and counts, the top dyads, the top dyad's monthly series and
the alerts of the last week (what `make run` ends with, and `newsevents summary` prints)."""
from __future__ import annotations

from newsevents.analysis.alerts import AlertParams, alert_window, find_alerts
from newsevents.analysis.series import dyad_series
from newsevents.store.db import EventStore
from newsevents.store.query import Dyad

_SRC = "coalesce(source_country, source_group, source_code)"
_TGT = "coalesce(target_country, target_group, target_code)"


def top_dyads(store: EventStore, n: int = 5) -> list[tuple[str, str, int, int]]:
    """(actor1, actor2, events, material-conflict events) of the `n` dyads with most events."""
    return store.fetch(f"""
        SELECT least({_SRC}, {_TGT}) AS a1, greatest({_SRC}, {_TGT}) AS a2, count(*) AS n,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM events WHERE {_SRC} IS NOT NULL AND {_TGT} IS NOT NULL AND {_SRC} <> {_TGT}
        GROUP BY ALL ORDER BY n DESC, a1, a2 LIMIT ?""", [n])


def store_summary(store: EventStore, top: int = 5) -> str:
    counts = store.counts()
    first, last = store.fetch("SELECT min(date), max(date) FROM events")[0]
    published = store.fetch("SELECT min(published), max(published), count(*) FILTER (WHERE published IS NULL) "
                            "FROM articles")[0]
    lines = [f"{counts['articles']} articles (published {published[0]} to {published[1]}"
             + (f", {published[2]} without a date" if published[2] else "") + f"), {counts['mentions']} mentions, "
             f"{counts['events']} events dated {first} to {last}"]
    dyads = top_dyads(store, top)
    if dyads:
        lines.append(f"top {len(dyads)} dyads (events, of which material conflict):")
        lines += [f"  {a1}:{a2:<10} {n:>4} {q4:>4}" for a1, a2, n, q4 in dyads]
        a1, a2 = dyads[0][0], dyads[0][1]
        points = [p for p in dyad_series(store, Dyad(a1, a2), "month") if p.events]
        lines.append(f"{a1}:{a2} per month (months with events; events, material conflict, Goldstein sum):")
        lines += [f"  {p.period:%Y-%m} {p.events:>4} {p.material_conflict:>4} {p.goldstein_sum:>8.1f}"
                  for p in points[-6:]]
    window = alert_window(store, params=AlertParams())
    alerts = find_alerts(store)
    if window:
        lines.append(f"alerts for {window[1]} to {window[2]} (against the 90 days before): "
                     + (", ".join(f"{a.dyad} x{a.ratio:.1f}" for a in alerts) or "none"))
    return "\n".join(lines)
