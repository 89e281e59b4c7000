"""A state and its domestic rivals: stopping a protest is repression, not protest; rebels saying that their
government must act demand it of it; a crowd counted in hundreds is the crowd. Sentences written for these
tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_police_preventing_or_blocking_a_protest_restrict_freedom_of_assembly(code):
    assert _pairs(code("Turkish police prevented a demonstration by students in Ankara on Tuesday.",
                       "2024-05-14")) == {("TURCOP", "TURCVL", "1721")}
    # "by" after the object of an active verb is the object's, not the verb's agent
    assert _pairs(code("Kenyan police blocked a march by opposition supporters in Nairobi.", "2024-05-14")) == {
        ("KENCOP", "KENOPP", "1721")}
    events = code("Police blocked hundreds of protesters from reaching parliament in Dhaka.", "2024-05-14")
    assert ("BGDCOP", "BGDCVL", "1721") in _pairs(events)
    assert not [e for e in events if e.source.code == "BGDCOP" and e.root == "14"]   # the police did not protest


def test_protesters_blocking_roads_still_protest(code):
    [blocked] = code("Protesters blocked roads in Nairobi on Tuesday.", "2024-05-14")
    assert (blocked.source.code, blocked.cameo) == ("KENCVL", "144")


def test_hundreds_or_tens_of_thousands_of_people_are_those_people(code):
    assert ("BGDCOP", "BGDCVL", "175") in _pairs(code("Police dispersed hundreds of protesters in Dhaka.",
                                                      "2024-05-14"))
    assert _pairs(code("Police in Dhaka released hundreds of detainees.", "2024-05-14")) == {
        ("BGDCOP", "BGDCVL", "0841")}
    sanctioned = code("The United States imposed sanctions on hundreds of Russian officials.", "2022-09-30")
    assert {e.target.code for e in sanctioned} == {"RUSGOV"}


def test_rebels_saying_their_government_must_act_demand_it(code):
    events = code("Rwandan rebels said the Rwandan government must release all prisoners.", "2024-05-14")
    assert ("RWAREB", "RWAGOV", "100") in _pairs(events)
    assert ("RWAREB", "RWAGOV", "100") in _pairs(code(
        "Rwandan rebels announced that President Kagame must agree to constitutional changes.", "2024-05-14"))
    # a country saying what its own forces must do asks nothing of anyone
    assert [e for e in code("Iran said Iranian forces must stay alert.", "2024-05-14") if e.root == "10"] == []


def test_the_junta_rules_the_country_the_story_is_about_not_the_last_one_named(code):
    events = code("Soldiers seized power in Niger last month and detained President Mohamed Bazoum. Nigerian President "
                  "Bola Tinubu said no option was off the table. The junta expelled the French ambassador on Friday.",
                  "2023-08-25")
    assert [(e.source.code, e.target.code) for e in events if e.cameo == "166"] == [("NERMIL", "FRAGOV")]


def test_fighters_sweeping_into_a_city_take_it(code):
    assert _pairs(code("Taliban fighters swept into Kabul on Sunday.", "2021-08-15")) == {("TALIBAN", "AFG", "192")}
    assert ("SYRREB", "SYR", "192") in _pairs(code("Syrian rebels swept into Damascus early on Sunday.", "2024-12-08"))
    assert code("Police swept the area for explosives.", "2024-12-08") == []
