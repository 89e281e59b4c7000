"""Whole-article conventions on who an act concerns: where an agreement was signed is not a party to it, and
an act done at home with no one else named is a domestic event. Sentences written for these tests."""
from __future__ import annotations

from factories import dyads


def test_where_an_agreement_was_signed_is_not_a_party(code):
    events = code("Ethiopia's federal government and the Tigray People's Liberation Front signed an agreement in "
                  "South Africa on Wednesday.")
    assert not [e for e in events if e.target is not None and e.target.country == "ZAF"]
    assert ("ETHGOV", "TPLF", "05") in {(e.source.code, e.target.code, e.root) for e in events if e.target}


def test_a_place_is_still_the_target_of_force_and_of_peoples_homes(code):
    assert ("ISR", "PSE", "19") in dyads(code("Israeli jets struck targets in Gaza on Tuesday."))
    # settlements in a place are the place's people's, not where an act was made
    events = code("Israel evacuated all 21 settlements in the Gaza Strip in August.")
    assert {(e.source.country, e.target.country) for e in events} == {("ISR", "PSE")}


HOME = ("DHAKA, Aug 6 (Reuters) - Prime Minister Sheikh Hasina resigned on Monday, and the government imposed an "
        "indefinite nationwide curfew.")


def test_an_act_at_home_with_no_one_else_named_is_domestic(code):
    events = code(HOME, "2024-08-06")
    resigned = [e for e in events if e.root == "08"]
    assert [(e.source.code, e.target.code) for e in resigned] == [("BGDGOV", "BGD")]
    assert "+pairs.home-country.v1" in resigned[0].rule


def test_an_act_abroad_or_naming_another_actor_is_not_domestic(code):
    abroad = code("KYIV, May 5 (Reuters) - Prime Minister Sheikh Hasina resigned on Monday.", "2024-05-06")
    assert [(e.source.code, e.target) for e in abroad if e.root == "08"] == [("BGDGOV", None)]
    # violence needs a place of its own at home: a strike with no place says nothing of whom it hit
    strike = code("JERUSALEM, May 5 (Reuters) - Israeli jets struck on Tuesday.", "2024-05-06")
    assert [(e.source.code, e.target) for e in strike] == [("ISRMIL", None)]
