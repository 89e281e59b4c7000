"""Words that look like a country's and are not its actor (a sea, a language, an era), names that are (the
Soviet Union, an envoy named after his title), and who does what in a fronted passive participle or a blocked
decision. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_the_soviet_union_is_coded_as_russia(code):
    assert ("RUS", "AFG", "192") in _pairs(code("The USSR invaded Afghanistan in December 1979.", "1980-01-02"))
    assert ("RUSMIL", "AFG", "192") in _pairs(code("Soviet troops invaded Afghanistan in December 1979.",
                                                   "1980-01-02"))


def test_a_sea_named_after_a_place_is_no_actor_nor_that_place(code, coder):
    events = code("Somali pirates hijacked a tanker in the Gulf of Aden on Monday.", "2010-01-05")
    assert ("SOM", None, "181") in _pairs(events)
    assert events[0].location is not None and events[0].location.name == "Gulf of Aden"
    assert not code("The carrier was ordered to move from the Indian Ocean toward the Gulf, US officials said.",
                    "1990-08-03")


def test_a_language_or_an_era_named_after_a_country_is_not_the_country(code):
    events = code("Kuchma warned that the standoff risked splitting the country, whose Russian-speaking east voted "
                  "for Yanukovych.", "2004-11-25")
    assert not [e for e in events if e.target is not None and e.target.code.startswith("RUS")]
    events = code("Moscow refused to explain how a Soviet-era nerve agent was used to attack a former spy in "
                  "England.", "2018-03-14")
    assert not [e for e in events if e.root == "19"]


def test_charging_that_something_happened_is_an_accusation(code):
    assert ("IRQ", "KWT", "112") in _pairs(code("Iraq charged that Kuwait had stolen oil from the Rumaila field.",
                                                "1990-07-18"))
    assert ("IRN", "USA", "173") in _pairs(code("Iran charged the two Americans with spying.", "2009-11-10"))


def test_a_countrys_un_ambassador_named_after_his_title_speaks_for_the_country(code):
    events = code("\"This is a blatant act of aggression,\" Kuwait's UN ambassador Mohammad Abulhasan told the "
                  "emergency session on Thursday.", "1990-08-03")
    assert [e for e in events if e.source.code == "KWTGOV"]
    assert not [e for e in events if e.source.code == "UN"]


def test_a_fronted_passive_participle_has_no_agent_in_the_main_subject(code):
    text = ("The Soviet Union, Iraq's main arms supplier, suspended weapons deliveries. Asked whether he was "
            "considering military intervention, President George Bush told reporters: \"We're not discussing "
            "intervention.\"")
    assert not [e for e in code(text, "1990-08-03") if e.root == "02"]


def test_migrants_take_no_country_from_the_police_who_stop_them(code):
    events = code("Hungarian riot police fired tear gas at migrants trying to cross the border from Serbia on "
                  "Wednesday.", "2015-09-16")
    assert not [e for e in events if e.target is not None and e.target.code == "HUNCVL"]
    # the country's own people still are
    assert ("KENCOP", "KENCVL", "175") in _pairs(code("Police fired tear gas to disperse demonstrators in Nairobi.",
                                                      "2024-06-25"))


def test_a_state_blocking_is_no_protest_and_a_court_blocking_rejects(code):
    events = code("Hungary blocked thousands of migrants from boarding trains at Budapest's Keleti station.",
                  "2015-09-03")
    assert not [e for e in events if e.target is not None and e.target.code == "HUNGOV"]
    assert ("KENJUD", "KENGOV", "120") in _pairs(code("A Kenyan court blocked the deployment in January, ruling it "
                                                      "unconstitutional.", "2024-02-01"))
    # people blocking roads still protest
    assert ("HUN", "HUNGOV", "144") in _pairs(code("Thousands of Hungarians blocked roads in Budapest.",
                                                   "2015-09-03"))


def test_flying_somewhere_is_a_visit_and_flying_into_exile_is_no_act(code):
    assert ("RUSGOV", "GEO", "042") in _pairs(code("Russian Foreign Minister Igor Ivanov flew to Tbilisi overnight.",
                                                   "2003-11-23"))
    assert not code("Liberian President Charles Taylor flew into exile in Nigeria on Monday.", "2003-08-11")


def test_a_leader_named_in_an_eventless_sentence_is_remembered_by_surname(code):
    text = ("MONROVIA, Aug 11 (Reuters) - Liberian President Charles Taylor handed power to his deputy on Monday and "
            "flew into exile in Nigeria.\n\nTaylor, 55, turned over the presidency to Vice President Moses Blah at a "
            "ceremony attended by Ghanaian President John Kufuor, chairman of the Economic Community of West African "
            "States (ECOWAS).\n\n\"I have accepted to be the sacrificial lamb,\" Taylor said in a farewell address, "
            "in which he blamed the United States for Liberia's troubles.")
    assert ("LBRGOV", "USA", "112") in _pairs(code(text, "2003-08-11"))


def test_peacekeepers_of_a_country_are_its_forces_and_their_arrival_is_peacekeeping(code):
    assert ("NGAMIL", "LBR", "074") in _pairs(code("More than 700 Nigerian peacekeepers have arrived in Liberia since "
                                                   "Aug. 4.", "2003-08-11"))
    assert ("NATO", "BIH", "074") in _pairs(code("The first NATO peacekeeping troops arrived in Bosnia on Sunday.",
                                                 "1995-12-04"))


def test_where_a_decision_was_welcomed_or_a_call_made_from_is_not_its_target(code):
    text = ("JAKARTA (AP) — Indonesia agreed on Sunday to allow peacekeepers into East Timor. UN Secretary-General "
            "Kofi Annan welcomed the decision in New York.")
    assert not [e for e in code(text, "1999-09-13") if e.target is not None and e.target.code == "USA"]
    events = code("\"Taylor is gone,\" said Liberian rebel negotiator Kabineh Janneh, speaking by telephone from "
                  "Accra.", "2003-08-11")
    assert not [e for e in events if e.target is not None and e.target.code.startswith("GHA")]


def test_a_facility_named_like_a_town_is_where_its_phrase_says(code):
    events = code("In November 1991, Indonesian troops opened fire on mourners at the Santa Cruz cemetery in Dili, "
                  "killing scores of people.", "1991-11-13")
    assert [e for e in events if e.location is not None and e.location.country == "TLS"]
    assert not [e for e in events if e.target is not None and e.target.code.startswith("PHL")]


def test_being_set_to_travel_is_a_schedule_not_an_announced_intent(code):
    events = code("Indonesia's foreign minister is set to travel to Canberra on Wednesday.", "2018-11-20")
    assert not [e for e in events if e.root == "03"]


def test_troops_storming_a_building_assault_it_and_protesters_riot(code):
    assert ("PERMIL", "JPN", "190") in _pairs(code("Peruvian troops stormed the Japanese ambassador's residence in "
                                                   "Lima on Tuesday.", "1997-04-23"))
    assert ("GEOCVL", "GEOLEG", "145") in _pairs(code("Protesters stormed the parliament building in Tbilisi.",
                                                      "2003-11-23"))


def test_seizing_people_is_taking_hostages(code):
    assert [e for e in code("Rebels seized 20 foreign tourists in Yemen on Monday.", "1998-12-29")
            if e.cameo == "181"]


def test_the_spokesman_of_a_group_the_dictionaries_lack_is_not_of_where_he_speaks(code):
    events = code("In Germany, MRTA spokesman Isaac Velazco accused the government of a massacre.", "1997-04-23")
    assert not [e for e in events if e.source.code.startswith("DEU")]


def test_a_list_of_acts_after_had_is_one_actors_list_not_a_report(code):
    # spaCy reads "had suspended contacts" as what "postponed" reports; the list is Beijing's
    events = code("Beijing had suspended ministerial-level contacts with Tokyo, postponed talks on gas fields and "
                  "cancelled a series of exchanges.", "2010-09-24")
    assert ("CHN", "JPN", "160") in _pairs(events)
    # a report with its speaker is still a report
    assert ("RUS", "UKR", "190") in _pairs(code("Russia had attacked Ukraine, the minister said.", "2022-03-01"))


def test_state_forces_storming_or_blocking_protest_at_no_one_and_stun_grenades_are_repression(code):
    events = code("On Friday, French commandos stormed a yacht held by pirates off Somalia, freeing four hostages.",
                  "2009-04-11")
    assert not [e for e in events if e.target is not None and e.target.code == "FRAGOV"]
    assert ("ISRCOP", "PSE", "175") in _pairs(code("Israeli police fired stun grenades at Palestinians who had "
                                                   "gathered at the Al-Aqsa compound.", "2021-05-21"))
    # rebels blocking roads still act against their government
    assert ("CIVREB", "CIVGOV", "144") in _pairs(code("Rebels in the Ivory Coast on Tuesday blocked transport into "
                                                      "Abidjan.", "2002-12-03"))


def test_a_titled_namesake_from_a_country_the_article_never_names_holds_the_storys_office(code):
    # the Phoenix names hold an Argentine Jorge Rodriguez; a minister so named in a story from Caracas is Venezuela's
    text = ("CARACAS, Venezuela (AP) — Venezuela's government blocked the aid on Saturday. Communications Minister "
            "Jorge Rodriguez accused Colombia of staging a show on Sunday.")
    events = code(text, "2019-02-24")
    assert not [e for e in events if "ARG" in (e.source.code[:3], (e.target.code if e.target else "")[:3])]
    assert ("VENGOV", "COL", "112") in _pairs(events)


def test_a_sanction_announced_as_decided_is_the_sanction_and_a_conditional_one_a_threat(code):
    pairs = _pairs(code("The United States announced Wednesday it would prohibit all aid to Albanian rebels in "
                        "Macedonia.", "2001-06-28"))
    assert ("USA", "ALBREB", "162") in pairs and not [p for p in pairs if p[2].startswith("13")]
    pairs = _pairs(code("The United States said it would cut aid to Egypt unless the army handed over power.",
                        "2013-07-05"))
    assert ("USA", "EGY", "131") in pairs and ("USA", "EGY", "162") not in pairs
