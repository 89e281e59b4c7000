"""Queries: every filter, bound parameters only, injection strings as literals, capped limits."""
from __future__ import annotations

import pytest
from store_factories import day, make_article, make_event

from newsevents.model import Place
from newsevents.store.ingest import store_coded
from newsevents.store.query import MAX_QUERY_ROWS, Dyad, EventQuery, QueryError, like_escape, run_query

INJECTION = "'; DROP TABLE events; --"


@pytest.fixture
def filled(store):
    store_coded(store, [
        (make_article("a1", 3), [
            make_event("a1", 0, 0, "RUSMIL", "UKR", "190", location=Place("Kharkiv", "UKR", 49.9, 36.2),
                       sentence="Russian forces shelled Kharkiv."),
            make_event("a1", 1, 1, "UKRMIL", "RUSMIL", "193", sentence="Ukrainian troops fought back at 100% strength."),
        ]),
        (make_article("a2", 5), [
            make_event("a2", 0, 2, "USAGOV", "IRNGOV", "112", sentence="Washington accused Tehran."),
            make_event("a2", 1, 3, "IRNGOV", "USAGOV", "036", sentence="Iran wants talks with the US."),
            make_event("a2", 2, 4, "ISRMIL", "HAMAS", "190", location=Place("Gaza", "PSE"),
                       sentence="Israeli jets struck Hamas positions in Gaza."),
            make_event("a2", 3, 4, "USAGOV", "IRNGOV", "138", modality="hypothetical",
                       sentence="The US could strike Iran's facilities."),
            make_event("a2", 4, 4, "NATO", "RUSGOV", "057", sentence=INJECTION),
        ]),
    ])
    return store


def cameos(store, **filters) -> list[str]:
    return sorted(r["cameo"] for r in run_query(store, EventQuery(**filters)))


@pytest.mark.parametrize("filters, expected", [
    ({}, ["036", "057", "112", "190", "190", "193"]),
    ({"actor": "USA"}, ["036", "112"]),
    ({"actor": "USAGOV", "side": "source"}, ["112"]),
    ({"actor": "usagov", "side": "target"}, ["036"]),
    ({"actor_country": "RUS", "side": "target"}, ["057", "193"]),
    ({"actor_role": "MIL"}, ["190", "190", "193"]),
    ({"actor_role": "MIL", "side": "target"}, ["193"]),
    ({"actor_group": "HAMAS"}, ["190"]),
    ({"actor": "NATO"}, ["057"]),
    ({"dyad": Dyad.parse("USA:IRN")}, ["036", "112"]),
    ({"dyad": Dyad.parse("USA:IRN", directed=True)}, ["112"]),
    ({"dyad": Dyad.parse("ISR:HAMAS")}, ["190"]),
    ({"dyad": Dyad.parse("RUS:UKR")}, ["190", "193"]),
    ({"cameo": ("19",)}, ["190", "190", "193"]),
    ({"cameo": ("190", "036")}, ["036", "190", "190"]),
    ({"root": ("11", "13")}, ["112"]),
    ({"quad_class": (1,)}, ["036", "057"]),
    ({"quad_class": (3, 4)}, ["112", "190", "190", "193"]),
    ({"date_from": day(2), "date_to": day(3)}, ["036", "112"]),
    ({"date_to": day(0)}, ["190"]),
    ({"location_country": "PSE"}, ["190"]),
    ({"text": "kharkiv"}, ["190"]),
    ({"text": "100%"}, ["193"]),
    ({"text": "1_0"}, []),
])
def test_event_filters(filled, filters, expected):
    assert cameos(filled, **filters) == expected


def test_injection_string_is_a_literal(filled):
    rows = run_query(filled, EventQuery(text=INJECTION))
    assert [r["cameo"] for r in rows] == ["057"]
    assert run_query(filled, EventQuery(text="x' OR '1'='1")) == []
    assert filled.counts()["events"] == 6


@pytest.mark.parametrize("bad", [
    {"actor": INJECTION}, {"actor_country": "US A"}, {"location_country": "'; --"}, {"cameo": ("19; --",)},
    {"root": ("x",)}, {"quad_class": (5,)}, {"side": "both"}, {"level": "tables"}, {"limit": 0},
    {"date_from": day(5), "date_to": day(1)}, {"include_all": True},
])
def test_bad_filter_values_are_refused(bad):
    with pytest.raises(QueryError):
        EventQuery(**bad)


@pytest.mark.parametrize("text", ["USA", "USA:IRN:X", "US A:IRN", "USA:", "'; DROP TABLE x; --:IRN"])
def test_bad_dyads_are_refused(text):
    with pytest.raises(QueryError):
        Dyad.parse(text)


def test_mentions_level_and_all(filled):
    asserted = run_query(filled, EventQuery(level="mentions"))
    everything = run_query(filled, EventQuery(level="mentions", include_all=True))
    assert len(asserted) == 6 and len(everything) == 7
    (hypothetical,) = [r for r in everything if r["modality"] != "asserted"]
    assert hypothetical["cameo"] == "138" and hypothetical["event_id"] is None
    rows = run_query(filled, EventQuery(level="mentions", include_all=True, text="could strike"))
    assert [r["mention_id"] for r in rows] == [hypothetical["mention_id"]]


def test_limit_is_capped_and_orders_newest_first(filled):
    rows = run_query(filled, EventQuery(limit=2))
    assert [r["date"] for r in rows] == [day(4), day(4)]
    assert EventQuery(limit=10**9).capped().limit == MAX_QUERY_ROWS
    assert EventQuery(limit=None).capped().limit == MAX_QUERY_ROWS


def test_sql_holds_no_values():
    query = EventQuery(actor="USA", text=INJECTION, dyad=Dyad.parse("USA:IRN"), cameo=("19",))
    sql, params = query.sql()
    assert "DROP" not in sql and "USA" not in sql and "19" not in sql.replace("LIMIT ?", "")
    assert INJECTION not in params and "%" + like_escape(INJECTION) + "%" in params


def test_like_escape():
    assert like_escape("50%_a\\b") == "50\\%\\_a\\\\b"
