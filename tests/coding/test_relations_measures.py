"""Measures one country takes against another: frozen trade and assets are sanctions; a measure the parser
joined to an infinitive is still the main clause's act. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_freezing_trade_or_assets_is_a_sanction(code):
    events = code("Saudi Arabia has expelled the Canadian ambassador and frozen all new trade and investment with "
                  "Canada.", "2018-08-06")
    assert ("SAU", "CAN", "163") in _pairs(events)
    assert _pairs(code("The United States froze the assets of Venezuela's state oil company.", "2019-01-28")) == {
        ("USA", "VEN", "163")}


def test_a_finite_verb_after_an_infinitive_is_the_main_clauses(code):
    events = code("Saudi Arabia criticized Canada on Monday. The kingdom gave the ambassador, Dennis Horak, 24 hours "
                  "to leave and recalled its own envoy from Ottawa.", "2018-08-06")
    assert ("SAU", "CAN", "161") in _pairs(events)
    assert ("RUS", "UKR", "154") in _pairs(code("Russia urged Ukraine to negotiate and sent troops to the border.",
                                                "2022-02-10"))
