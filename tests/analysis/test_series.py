"""Dyad series: counts by quad class, Goldstein sum and mean, conflict share, zero-filled periods."""
from __future__ import annotations

import datetime as dt

import pytest
from escalation import AS_OF

from newsevents.analysis.series import dyad_series, top_events
from newsevents.store.query import Dyad, EventQuery, QueryError


def test_daily_series_of_the_escalation(escalation_store):
    since = AS_OF - dt.timedelta(days=6)
    points = dyad_series(escalation_store, Dyad.parse("RUS:UKR"), "day", date_from=since, date_to=AS_OF)
    assert [p.period for p in points] == [since + dt.timedelta(days=i) for i in range(7)]
    assert sum(p.events for p in points) == 12
    assert all(p.material_conflict == p.events and p.conflict_share == 1.0 for p in points)
    last = points[-1]  # k = 0 and k = 7 fall on AS_OF
    assert last.events == 2 and last.goldstein_sum == pytest.approx(-9.0 - 10.0)
    assert last.goldstein_mean == pytest.approx(-9.5)


def test_weekly_series_is_zero_filled_and_starts_on_mondays(escalation_store):
    points = dyad_series(escalation_store, Dyad.parse("UKR:RUS"), "week")
    assert all(p.period.weekday() == 0 for p in points)
    assert all((b.period - a.period).days == 7 for a, b in zip(points, points[1:]))
    assert sum(p.events for p in points) == 21
    empty = [p for p in points if p.events == 0]
    assert empty and all(p.goldstein_mean is None and p.conflict_share is None and p.goldstein_sum == 0
                         for p in empty)


def test_directed_and_monthly(escalation_store):
    both = dyad_series(escalation_store, Dyad.parse("RUS:UKR"), "month")
    forward = dyad_series(escalation_store, Dyad.parse("RUS:UKR", directed=True), "month")
    backward = dyad_series(escalation_store, Dyad.parse("UKR:RUS", directed=True), "month")
    assert [p.period.day for p in both] == [1] * len(both)
    assert sum(p.events for p in forward) + sum(p.events for p in backward) == sum(p.events for p in both)
    assert sum(p.events for p in backward) == 4


def test_cooperation_counts_and_share(escalation_store):
    (point,) = dyad_series(escalation_store, Dyad.parse("USA:GBR"), "month")
    assert (point.events, point.verbal_cooperation, point.conflict_share) == (10, 10, 0.0)
    assert point.goldstein_sum == 50.0 and point.to_dict()["period"] == "2024-06-01"


def test_extra_filters_and_unknown_dyads(escalation_store):
    points = dyad_series(escalation_store, Dyad.parse("RUS:UKR"), "month", query=EventQuery(cameo=("19",)))
    assert sum(p.events for p in points) == 9 + 5  # baseline 190s and window codes 190-194
    assert dyad_series(escalation_store, Dyad.parse("FRA:DEU"), "day") == []
    with pytest.raises(QueryError):
        dyad_series(escalation_store, Dyad.parse("RUS:UKR"), "year")


def test_top_events(escalation_store):
    top = top_events(escalation_store, Dyad.parse("RUS:UKR"), n=3)
    assert len(top) == 3 and all(t["goldstein"] == -10.0 for t in top)
