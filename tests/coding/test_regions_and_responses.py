"""Leaders named by a region are no one country's; a response promised in a peaceful manner threatens nothing.
Sentences written for these tests."""
from __future__ import annotations


def test_leaders_named_by_a_region_are_not_of_the_country_they_act_on(code):
    events = code("West African leaders on Thursday ordered the activation of a standby force to restore "
                  "constitutional order in Niger.", "2023-08-10")
    assert not [e for e in events if e.source.country == "NER"]
    assert not [e for e in code("Asian ministers condemned the coup in Myanmar.", "2021-02-02")
                if e.source.country == "MMR"]
    # a leader named by his country still acts as that country's
    [condemned] = code("Nigerian leaders condemned the coup in Niger.", "2023-07-27")
    assert (condemned.source.country, condemned.target.country, condemned.cameo) == ("NGA", "NER", "111")


def test_a_diplomatic_response_is_no_threat(code):
    events = code("Biden said he would convene leaders of the Group of Seven to coordinate a diplomatic response.",
                  "2024-04-14")
    assert events and not [e for e in events if e.root == "13"]
    assert not [e for e in code("Iran said it would respond diplomatically to the decision.", "2024-04-14")
                if e.root == "13"]
    # a response not so described still threatens
    [threat] = code("Iran said it would respond to any attack by Israel.", "2024-04-14")
    assert (threat.source.code, threat.cameo) == ("IRN", "130")


def test_a_pronoun_reported_by_a_joined_verb_is_its_subject(code):
    events = code("The White House welcomed any effort to help end the war in Yemen, where Saudi Arabia leads a "
                  "military coalition that has fought the Iran-aligned Houthis since 2015, but said it remained "
                  "sceptical that Iran would honour its commitments.", "2023-03-11")
    assert [(e.source.code, e.target.code) for e in events if e.cameo == "010"] == [("USAGOV", "IRN")]
