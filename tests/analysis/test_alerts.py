"""Alerts: a synthetic escalation is found and ranked; steady, small and cooperative dyads are not."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from escalation import AS_OF, CONFLICT

from newsevents.analysis.alerts import AlertParams, find_alerts, poisson_sf
from newsevents.store.query import QueryError


def test_escalation_is_found_with_the_events_behind_it(escalation_store):
    alerts = find_alerts(escalation_store)
    assert [a.dyad for a in alerts] == ["RUS:UKR"]
    (alert,) = alerts
    assert (alert.window_from, alert.window_to) == (AS_OF - dt.timedelta(days=6), AS_OF)
    assert (alert.observed, alert.baseline) == (12, 9)
    assert alert.expected == pytest.approx(10 * 7 / 90, abs=1e-4)
    assert alert.ratio > 10 and alert.p_value < 1e-8
    assert len(alert.events) == 5
    assert all(e["quad_class"] == 4 and alert.window_from <= e["date"] <= AS_OF for e in alert.events)
    assert [e["goldstein"] for e in alert.events] == sorted(e["goldstein"] for e in alert.events)
    assert alert.to_dict()["dyad"] == "RUS:UKR"


def test_explicit_since_and_as_of(escalation_store):
    since = AS_OF - dt.timedelta(days=6)
    assert [a.dyad for a in find_alerts(escalation_store, since=since, as_of=AS_OF)] == ["RUS:UKR"]
    # a month earlier nothing was happening
    assert find_alerts(escalation_store, as_of=AS_OF - dt.timedelta(days=30)) == []
    with pytest.raises(QueryError):
        find_alerts(escalation_store, since=AS_OF + dt.timedelta(days=1), as_of=AS_OF)


def test_directed_dyads(escalation_store):
    alerts = find_alerts(escalation_store, params=AlertParams(directed=True))
    assert [(a.dyad, a.observed) for a in alerts] == [("RUS->UKR", 8)]  # UKR->RUS: 4, below min count


def test_thresholds_are_options(escalation_store):
    assert find_alerts(escalation_store, params=AlertParams(min_count=13)) == []
    assert find_alerts(escalation_store, params=AlertParams(min_ratio=20)) == []
    loose = find_alerts(escalation_store, params=AlertParams(min_count=3, min_ratio=1.5, max_p=0.05))
    assert [a.dyad for a in loose] == ["RUS:UKR", "ISR:PSE"]  # ranked by p-value


def test_goldstein_weighted_measure(escalation_store):
    alerts = find_alerts(escalation_store, params=AlertParams(measure="goldstein"))
    assert [a.dyad for a in alerts] == ["RUS:UKR"]
    recent = -sum(g for _, g in CONFLICT[:12])
    unit = (recent + 9 * 10.0) / 21  # mean weight per event over window and baseline
    assert alerts[0].observed == pytest.approx(recent / unit, abs=1e-3)
    assert alerts[0].baseline == pytest.approx(90 / unit, abs=1e-3)


def test_empty_store_has_no_alerts(tmp_path):
    from newsevents.store import EventStore
    EventStore.open(tmp_path / "e.duckdb").close()
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        assert find_alerts(store) == []


@pytest.mark.parametrize("k, lam", [(0, 1.0), (1, 1.0), (3, 0.5), (12, 0.7778), (5, 5.0), (40, 30.0), (200, 150.0)])
def test_poisson_sf_matches_a_direct_sum(k, lam):
    def pmf(i):
        return math.exp(-lam + i * math.log(lam) - math.lgamma(i + 1))
    direct = 1.0 - sum(pmf(i) for i in range(k))
    tail = sum(pmf(i) for i in range(k, k + 400))
    assert poisson_sf(k, lam) == pytest.approx(tail if direct < 1e-6 else direct, rel=1e-9, abs=1e-15)


def test_bad_parameters():
    for bad in ({"measure": "tone"}, {"window_days": 0}, {"max_p": 0}):
        with pytest.raises(QueryError):
            AlertParams(**bad)
