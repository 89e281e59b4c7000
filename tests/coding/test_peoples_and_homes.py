"""Peoples named after one state who live in another ("Bosnian Serbs", "Iraqi Kurds"): they act for the state
their adjective names; and a border named after a state is on both sides of it. Sentences written for these
tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_a_people_named_with_another_states_adjective_belongs_to_that_state(code):
    events = code("Bosnian Serbs rejected the peace plan on Sunday.", "1994-07-19")
    assert {e.source.country for e in events} == {"BIH"}
    events = code("Kosovo Serbs attacked a police patrol in Mitrovica on Sunday.", "2023-09-26")
    assert events and all(e.source.country == "XKX" for e in events)
    events = code("Iraqi Kurds protested against Turkey's shelling of their villages.", "2022-07-21")
    assert ("IRQ", "TUR") in {(e.source.code, e.target.code) for e in events if e.target is not None}


def test_a_states_nationals_named_with_an_ethnic_adjective_stay_that_states(code):
    # "Turkish Cypriots" are Cypriots; a plain "Serbs" are Serbia's; "their forces" refer back to the people
    assert {e.source.country for e in code("Turkish Cypriots protested against the government in Nicosia.",
                                           "2011-03-03")} == {"CYP"}
    assert {e.source.country for e in code("Serbs attacked Croatian villages on Monday.", "1991-08-27")} == {"SRB"}
    events = code("Bosnian Serbs said on Tuesday their forces had completed their withdrawal from Gorazde.",
                  "1994-04-27")
    assert ("BIHMIL", "BIH", "0874") in _pairs(events)


def test_a_border_named_after_a_state_does_not_make_that_state_the_target(code):
    # a border has two sides: the stronghold or the camp may be on either
    events = code("Burmese troops captured a rebel stronghold on the Thai border on Sunday.", "1995-01-30")
    assert not [e for e in events if e.target is not None and e.target.country == "THA"]
    events = code("Pakistani troops killed ten militants in a camp along the Afghan border.", "2012-05-02")
    assert not [e for e in events if e.target is not None and e.target.country == "AFG"]
    # ... but troops massed at a border face the state across it
    assert ("RUSMIL", "UKR", "154") in _pairs(code("Russian troops massed on the Ukrainian border on Monday.",
                                                   "2021-04-06"))


def test_a_pronoun_refers_to_the_titled_person_named_before_it_in_its_sentence(code):
    # "Pakistani Prime Minister Nawaz Sharif" is a person with an office in view: "him" is he, not the
    # Indian leader of the sentence before
    events = code("Indian Prime Minister Atal Behari Vajpayee defended the tests. President Bill Clinton telephoned "
                  "Pakistani Prime Minister Nawaz Sharif on Wednesday and urged him not to follow India's lead.",
                  "1998-05-14")
    assert {e.target.code for e in events if e.cameo == "020"} == {"PAKGOV"}
