"""The dyad panel over the synthetic escalation store: balanced, zero-filled, counts that add up."""
from __future__ import annotations

import datetime as dt

from escalation import AS_OF

from newsevents.analysis.panel import PANEL_COLUMNS, dyad_panel
from newsevents.store.query import EventQuery


def test_every_dyad_has_every_week_and_counts_add_up(escalation_store):
    rows = dyad_panel(escalation_store, "week")
    assert rows and tuple(rows[0]) == PANEL_COLUMNS
    dyads = {(r["actor1"], r["actor2"]) for r in rows}
    assert dyads == {("RUS", "UKR"), ("IRN", "USA"), ("ISR", "PSE"), ("GBR", "USA")}
    weeks = {r["period"] for r in rows}
    assert len(rows) == len(dyads) * len(weeks)
    assert all(p.weekday() == 0 for p in weeks)
    total = escalation_store.fetch("SELECT count(*) FROM events")[0][0]
    assert sum(r["events"] for r in rows) == total
    assert all(r["events"] == r["q1"] + r["q2"] + r["q3"] + r["q4"] for r in rows)
    assert any(r["events"] == 0 and r["goldstein_sum"] == 0 for r in rows)


def test_directed_and_filtered(escalation_store):
    rows = dyad_panel(escalation_store, "month", directed=True,
                      query=EventQuery(date_from=AS_OF - dt.timedelta(days=6), date_to=AS_OF))
    dyads = {(r["actor1"], r["actor2"]) for r in rows}
    assert ("RUS", "UKR") in dyads and ("UKR", "RUS") in dyads
    assert {r["period"] for r in rows} == {dt.date(2024, 6, 1)}
