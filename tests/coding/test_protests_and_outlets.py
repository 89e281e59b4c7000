"""A body of states protests as a state does (an official complaint), a protest is delivered, sales are banned,
an outlet that carried a claim is not whom an answer to it is aimed at, and a headline's clause after a
semicolon acts on whom the clause before it names. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_a_protest_by_a_body_of_states_is_an_official_complaint(code):
    events = code("NATO protested against Russia's treatment of the Estonian ambassador.", "2007-05-03")
    assert ("NATO", "RUS", "114") in _pairs(events)
    # people protesting stay a demonstration
    assert "114" not in {e.cameo for e in code("Students protested against the government in Tallinn.",
                                                 "2007-05-03")}


def test_a_protest_delivered_is_an_official_complaint_not_aid(code):
    events = code("Germany delivered a diplomatic protest to the Russian government on Wednesday.", "2007-05-03")
    assert ("DEU", "RUSGOV", "114") in _pairs(events)


def test_banning_sales_of_arms_is_an_embargo(code):
    events = code("The United States banned sales of military equipment to India on Wednesday.", "1998-05-14")
    assert {e.cameo for e in events if e.target is not None and e.target.country == "IND"} == {"163"}


def test_an_outlet_that_carried_a_claim_is_not_its_addressee(code):
    events = code("A previously unknown group claimed responsibility in a video broadcast by Al Jazeera, but Lebanese "
                  "officials cast doubt on the claim.", "2005-02-15")
    assert not [e for e in events if e.target is not None and e.target.role == "MED"]


def test_a_headline_clause_after_a_semicolon_acts_on_whom_the_clause_before_names(code):
    # spaCy reads the first clause as what the second reports; it is a clause of its own
    events = code("U.S. imposes sanctions on India over nuclear tests; Japan freezes loans", "1998-05-14")
    assert {("USA", "IND", "163"), ("JPN", "IND", "162")} <= _pairs(events)
    events = code("U.S. suspends aid to Peru after Fujimori dissolves Congress; Venezuela breaks ties", "1992-04-07")
    assert ("VEN", "PER", "161") in _pairs(events)
    # with no one acted on in the clause before, its other side
    events = code("Thailand and Cambodia clash on border; Thai jets strike targets", "2025-07-24")
    assert ("THAMIL", "KHM", "190") in _pairs(events)
