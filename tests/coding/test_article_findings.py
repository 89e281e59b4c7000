"""Findings on whole articles written for the project: in what a named speaker says, "we", "I" and "our" are the
speaker's side; "he said" after a quote is not someone the quote names; a government's order to its own forces
is no demand; force made conditional on another's act is aimed at it; a past verb after a reported progressive
clause is the reporter's; people with a participle are the subject, not a gerund's; a dated sentence moves the
narrative's day on; denying an act its legitimacy is criticism; what a signed deal is to do is not yet done;
a reaction drawn from someone is their act; a city shares its name with others abroad, and so does a national
security council. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_we_in_a_quote_is_the_speakers_side(code):
    events = code('"We deplore and condemn absolutely what India has done," Prime Minister John Howard said.',
                  "1998-05-14")
    assert ("AUSGOV", "IND", "111") in _pairs(events)
    events = code('"We strongly condemn the Egyptian aggression this morning on Derna," the Libyan government '
                  'spokesman said.', "2015-02-16")
    assert ("LBYGOV", "EGY", "111") in _pairs(events)


def test_he_after_a_quote_is_the_speaker_before_not_whom_the_quote_names(code):
    events = code('Israeli Prime Minister Benjamin Netanyahu said Israel would keep full freedom of action. "If '
                  'Hezbollah violates the agreement, we will attack," he said.', "2024-11-27")
    assert events and not [e for e in events if e.source.code == "HEZBOLLAH"]
    assert {e.source.code for e in events if e.cameo.startswith("13")} == {"ISRGOV"}


def test_a_governments_order_to_its_own_forces_is_no_demand(code):
    events = code("President Joe Biden said he had ordered the military on Wednesday to take down the balloon.",
                  "2023-02-02")
    assert not [e for e in events if e.root == "10"]
    events = code('"I have given the order to law enforcement and the army to open fire without warning," '
                  'President Kassym-Jomart Tokayev said.', "2022-01-07")
    assert not [e for e in events if e.root == "10"]
    # a court's order to the army is one: courts are not the government that commands it
    assert ("ISRJUD", "ISRMIL", "100") in _pairs(code("Israel's Supreme Court ordered the army to reopen the road.",
                                                      "2023-02-02"))


def test_force_made_conditional_on_an_actors_act_is_aimed_at_that_actor(code):
    events = code("Iran will retaliate if Israel strikes its nuclear sites, the foreign minister said.", "2024-04-10")
    assert ("IRN", "ISR", "138") in _pairs(events)
    assert not [e for e in events if e.cameo == "190" and e.modality == "asserted"]


def test_a_past_verb_after_a_reported_progressive_clause_is_the_reporters(code):
    # spaCy hangs "accused" on "was attacking"; a past verb cannot share that "was": Paet accused them
    events = code("Foreign Minister Urmas Paet said on Tuesday that Russia was attacking the EU by attacking Estonia, "
                  "accused Russian diplomats of helping to organise the riots and said cyber attacks had come from "
                  "Russian government computers.", "2007-05-03")
    assert ("ESTGOV", "RUSGOV", "112") in _pairs(events)
    assert not [e for e in events if e.cameo.startswith("112") and e.source.country == "RUS"]


def test_people_with_a_participle_are_the_subject_not_a_gerunds(code):
    # spaCy reads "meeting" as a gerund subject with "leaders" for its own subject
    events = code("Opposition leaders meeting at Hariri's home late on Monday held the governments responsible, called "
                  "on the cabinet of Prime Minister Omar Karami to resign and demanded a full Syrian withdrawal.",
                  "2005-02-15")
    assert {("LBNOPP", "LBNGOV", "020"), ("LBNOPP", "SYR", "106")} <= _pairs(events)


def test_a_dated_sentence_without_events_moves_the_narratives_day_on(code):
    events = code("They agreed to arrange exchange visits by separated families around the Aug. 15 anniversary. Kim "
                  "Jong-il surprised South Korean officials by greeting his guest at Pyongyang's airport on Tuesday. "
                  "The two men held their first talks that afternoon.", "2000-06-15")
    assert [str(e.date.date) for e in events if e.root == "04"] == ["2000-06-13"]


def test_denying_an_act_its_legitimacy_is_criticism(code):
    events = code('President Barack Obama said on Monday: "We believe that the coup was not legal and that President '
                  'Zelaya remains the president of Honduras."', "2009-06-29")
    assert ("USAGOV", "HND", "111") in _pairs(events)
    # a prediction that something would not be fair is no charge
    assert not [e for e in code("The opposition leader said the election in Honduras would not be fair.",
                                "2009-06-29") if e.cameo == "111"]


def test_what_a_signed_deal_is_to_do_is_not_yet_done(code):
    events = code("Israel and Hamas signed a deal to release the hostages.", "2023-11-22")
    assert not [e for e in events if e.root == "08" and e.modality == "asserted"]
    events = code("Turkey and Armenia have signed protocols to establish diplomatic relations and reopen their border.",
                  "2009-10-11")
    assert not [e for e in events if e.cameo == "080" and e.modality == "asserted"]
    # ... but what the signing itself does is done
    events = code("President Vladimir Putin signed treaties on Friday to annex four regions of Ukraine.", "2022-09-30")
    assert ("RUSGOV", "UKR", "192") in _pairs(events)


def test_a_reaction_drawn_from_someone_is_their_act_towards_who_drew_it(code):
    events = code("North Korea fired four ballistic missiles into the sea on Monday, drawing condemnation from Tokyo "
                  "and Washington.", "2017-03-07")
    assert {("JPN", "PRK", "111"), ("USA", "PRK", "111")} <= _pairs(events)
    # a reaction drawn from no one named is no event
    events = code("North Korea fired four ballistic missiles into the sea on Monday, drawing condemnation.",
                  "2017-03-07")
    assert not [e for e in events if e.cameo == "111"]


def test_a_city_named_like_cities_elsewhere_is_the_one_in_the_storys_country(code, coder):
    gazetteer = coder.lexicon.gazetteer
    assert gazetteer.lookup("Santa Cruz").country == "PHL"   # the larger one, with nothing else said
    assert gazetteer.lookup_in("Santa Cruz", "BOL").country == "BOL"
    assert gazetteer.lookup_in("Tripoli", "LBN").country == "LBN"
    events = code("LA PAZ, Bolivia (AP) — On Tuesday, anti-government youths in the eastern city of Santa Cruz "
                  "stormed and ransacked the offices of several state agencies.", "2008-09-12")
    assert events and {e.location.country for e in events} == {"BOL"}
    assert not [e for e in events if e.target is not None and e.target.country == "PHL"]


def test_a_national_security_council_is_the_storys_countrys(code):
    events = code("KUALA LUMPUR, March 7 (Reuters) - Prime Minister Najib Razak chaired an emergency meeting of the "
                  "National Security Council on Tuesday.", "2017-03-07")
    assert not [e for e in events for a in (e.source, e.target) if a is not None and a.country == "USA"]
