"""Verb and noun senses read from their objects and prepositions: a call on someone is an appeal, tear gas is
repression, a strike for pay is a labour strike. Sentences written for these tests."""
from __future__ import annotations

import pytest

from factories import dyads


def test_a_call_on_someone_is_an_appeal_and_a_phone_call_a_consultation(code):
    appeal = code("The EU leaders renewed their call on Russia to return Ukrainian children.")
    assert dyads(appeal) == {("EU", "RUS", "02")}
    assert appeal[0].rule.endswith("noun:call +on")
    assert ("USA", "CHN", "04") in dyads(code("Biden held a call on Monday with Xi Jinping."))


def test_signing_an_appeal_is_an_appeal(code):
    events = code("Aliyev and Pashinyan signed a joint appeal to the Organization for Security and Co-operation "
                  "in Europe.")
    assert {e.root for e in events} == {"02"}


def test_tear_gas_is_repression_not_chemical_war(code):
    events = code("Palestinian security forces fired tear gas at stone-throwing protesters in Ramallah.")
    assert [e.cameo for e in events if e.root != "14"] == ["175"]   # and their protest (141)
    assert not [e for e in code("Police used tear gas against demonstrators in Beirut.") if e.cameo == "2041"]


def test_a_strike_for_pay_is_a_labour_strike_and_for_the_first_time_is_not(code):
    assert [e.root for e in code("Nurses in Kenya struck for higher pay on Monday.")] == ["14"]
    raid = code("Israeli warplanes struck Beirut's southern suburbs and, for the first time in weeks, the heart of "
                "the capital on Tuesday.")
    assert {e.root for e in raid} == {"19"}


def test_issuing_arrest_warrants_is_legal_action(code):
    assert ("RWA", "FRA", "17") in dyads(code("Rwanda has issued 30 arrest warrants for suspects living in France."))


def test_withdrawing_diplomats_cuts_relations(code):
    events = code("Panama withdrew its diplomats from Venezuela on Monday.")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("PAN", "VEN", "161")]


def test_engaging_with_a_country_is_consulting_and_engaging_in_fighting_is_fighting(code):
    assert ("KEN", "GBR", "04") in dyads(code("Kenya said it was actively engaging with Britain to address "
                                               "these issues."))
    fighting = code("Russian troops engaged in fierce fighting with Ukrainian forces near Bakhmut.")
    assert {e.root for e in fighting} == {"19"}


def test_a_states_bombing_is_military_and_a_groups_is_not(code):
    state = code("The war began in late February with an Israeli bombing of Iran.", published="2026-07-24")
    assert [(e.source.country, e.target.country, e.cameo) for e in state] == [("ISR", "IRN", "195")]
    assert "+violence.state-bombing.v2" in state[0].rule
    group = code("A Hamas bombing of a bus in Jerusalem killed 20 people.")
    assert "195" not in {e.cameo for e in group}


@pytest.mark.parametrize("text, expected", [
    ("The EU granted Georgia candidate status in December.", ("EU", "GEO", "050")),
    ("The European Commission unfroze about 10.2 billion euros in EU funds for Hungary.", ("EU", "HUN", "085")),
])
def test_status_granted_and_funds_unfrozen(code, text, expected):
    assert {(e.source.code, e.target.country, e.cameo) for e in code(text)} == {expected}


def test_the_leaders_are_those_named_before_with_the_word(code):
    text = ("European Union leaders agreed on Thursday to open membership negotiations with Ukraine. Zelensky had "
            "urged the leaders not to betray the faith Ukrainians had placed in Europe.")
    urged = [e for e in code(text, "2023-12-15") if e.root == "02"]
    assert [(e.source.country, e.target.code) for e in urged] == [("UKR", "EU")]


def test_flying_in_supplies_is_aid(code):
    events = code("YANGON, April 2 (Reuters) - India flew in relief supplies and a field hospital.", "2025-04-02")
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {("IND", "MMR", "073")}


@pytest.mark.parametrize("text", [
    "Washington paused $700 million in emergency economic support for Sudan's democratic transition on Monday.",
    "Washington froze aid to Sudan on Monday.",
])
def test_pausing_or_freezing_support_cuts_aid(code, text):
    assert dyads(code(text, "2021-10-28")) == {("USA", "SDN", "16")}


def test_an_amount_of_money_is_what_it_is_an_amount_of(code):
    assert {e.cameo for e in code("The U.S. sent $61 billion in military aid to Ukraine.")} == {"073"}


def test_the_lender_is_the_bank_named_before(code):
    text = ("KHARTOUM, Oct 28 (Reuters) - World Bank President David Malpass said the lender had paused "
            "disbursements to all its operations in Sudan on Monday.")
    paused = [e for e in code(text, "2021-10-28") if e.root == "16"]
    assert [(e.source.code, e.target.code) for e in paused] == [("UN", "SDN")]   # the World Bank is a UN agency


@pytest.mark.parametrize("text, expected", [
    ("Biden paid tribute to Zelensky.", ("USAGOV", "UKRGOV", "051")),
    ("Aliyev and Pashinyan met Trump on Friday. Both leaders heaped praise on Trump.", ("AZEGOV", "USA", "051")),
    ("Aliyev and Pashinyan shook hands.", ("AZEGOV", "ARMGOV", "040")),
])
def test_praise_and_handshakes(code, text, expected):
    assert expected in {(e.source.code, e.target.code, e.cameo) for e in code(text)}


def test_waiving_restrictions_eases_sanctions(code):
    assert {e.cameo for e in code("Trump waived restrictions on Azerbaijan.")} == {"081"}


def test_attacking_policies_is_criticism_not_force(code):
    assert [e.cameo for e in code("Russia attacked Ukraine's policies.")] == ["111"]
    assert [e.root for e in code("Russia attacked Ukraine.")] == ["19"]


@pytest.mark.parametrize("text, expected", [
    # cancelling planned cooperation reduces relations, with the country where it was to happen
    ("Britain cancelled a planned exercise in Kenya.", ("GBR", "KEN", "160")),
    ("Jordan called off the summit with Biden.", ("JOR", "USA", "160")),
    # seeking changes is a request; two parties engaging with each other consult
    ("Kenyan lawmakers sought changes from the British government.", ("KENLEG", "GBR", "020")),
    ("Britain and Kenya are engaging closely.", ("GBR", "KEN", "040")),
])
def test_cancelling_seeking_and_engaging(code, text, expected):
    assert expected in {(e.source.code, e.target.code, e.cameo) for e in code(text, "2026-07-23")}


def test_a_place_at_a_venue_is_not_what_is_cancelled_or_closed(code):
    events = code("At a summit in Accra on Jan. 9, leaders of the Economic Community of West African States closed "
                  "their countries' borders with Mali.", "2022-01-10")
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {("ECOWAS", "MLI", "160")}


def test_an_invitation_is_an_intent_to_meet_not_hosting(code):
    events = code("Trump invited Tshisekedi and Kagame to the White House for a summit in the coming weeks.",
                  "2025-06-28")
    assert {e.cameo for e in events} == {"036"}


def test_handing_oneself_over_is_surrender_to_whom_one_hands_oneself(code):
    events = code("Hundreds of Congolese soldiers handed themselves over to U.N. peacekeepers in Goma.", "2025-01-28")
    assert dyads(events) == {("COD", "UN", "08")}
    assert events[0].cameo == "0874"


def test_a_preposition_that_names_a_time_is_not_the_verbs_preposition(code):
    # "called Xi on Monday" is no "call on" (an appeal); "insisted on Monday that" is no "insist on" (a demand)
    assert not [e for e in code("Biden called Xi on Monday.", "2025-01-28") if e.root == "02"]
    insisted = code("The Kremlin insisted on Monday that Ukraine had fired at the ship.", "2025-01-28")
    assert insisted and not [e for e in insisted if e.root == "10"]
    assert ("RUS", "UKR", "02") in dyads(code("Moscow called on Kyiv on Monday to stop the shelling.", "2025-01-28"))


def test_a_state_of_emergency_is_declared_and_lifted(code):
    declared = code("Ecuador's president declared a state of emergency in Quito on Monday.", "2024-01-10")
    assert [(e.source.country, e.cameo) for e in declared] == [("ECU", "1724")]
    lifted = code("Sudan's government on Sunday lifted a state of emergency in West Darfur State.", "2024-01-10")
    assert [(e.source.code, e.cameo) for e in lifted] == [("SDNGOV", "0814")]
    assert [e.cameo for e in code("The government lifted the curfew in Dhaka.", "2024-01-10")] == ["0813"]


def test_calling_off_a_strike_eases_dissent(code):
    events = code("Kenya's teachers' union announced Thursday that it has called off a four-day strike.", "2024-01-10")
    assert [(e.source.country, e.cameo) for e in events] == [("KEN", "082")]


def test_being_opposed_to_something_is_the_subjects_rejection(code):
    assert [(e.source.code, e.target.code, e.cameo) for e in code(
        "Israel is opposed to French mediation in peace negotiations with Syria.", "2024-01-10")] == [
        ("ISR", "FRA", "120")]
    # a real passive keeps its agent
    assert [(e.source.code, e.cameo) for e in code("The plan was opposed by Hungary.", "2024-01-10")] == [
        ("HUN", "120")]


def test_forcing_someone_out_of_a_country_expels_them(code):
    # spaCy makes "out" a preposition before "of"; it is the particle of "force out"
    [event] = code("Jakarta forced the UN refugee agency, UNHCR, out of the country.", "2024-01-10")
    assert (event.source.country, event.target.code, event.cameo) == ("IDN", "UN", "166")


def test_dispatching_inspectors_is_an_investigation(code):
    [event] = code("The IAEA has dispatched inspectors to Esfahan in central Iran.", "2024-01-10")
    assert (event.source.code, event.target.country, event.cameo) == ("IAEA", "IRN", "090")


def test_sending_carrier_strike_groups_is_a_show_of_force_at_whom_it_deters(code):
    events = code("Washington has sent two aircraft carrier strike groups to the eastern Mediterranean to deter Iran "
                  "from joining the war.", "2023-10-18")
    assert [(e.source.country, e.target.country, e.cameo) for e in events] == [("USA", "IRN", "154")]


def test_throwing_stones_is_a_violent_protest(code):
    events = code("Palestinian youths threw stones at Israeli soldiers in Hebron.", "2024-01-10")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("PSECVL", "ISRMIL", "145")]
    assert [e.cameo for e in code("Protesters in Nairobi pelted police with stones.", "2024-01-10")] == ["145"]


def test_busting_is_an_arrest(code):
    events = code("Indonesian police busted three Australian drug smugglers in Bali on Monday.", "2018-06-14")
    assert [(e.source.code, e.target.country, e.cameo) for e in events] == [("IDNCOP", "AUS", "173")]


@pytest.mark.parametrize("text", [
    "The national cricket board withdrew from a tri-nation series in Pakistan in protest.",
    "Senator Harris pulled out of the presidential race in France.",
    "Kenya withdrew from the bid to host the games in Uganda.",
])
def test_leaving_a_contest_or_project_is_no_military_retreat(code, text):
    assert not [e for e in code(text, include_all=True) if e.cameo.startswith("087")]


def test_leaving_ground_is_still_a_retreat(code):
    assert ("ISR", "PSE", "08") in dyads(code("Israel withdrew from Gaza in 2005."))
    assert ("SYR", "LBN", "08") in dyads(code("Syria pulled out of Lebanon in April 2005."))


def test_leaving_talks_halts_them_and_leaving_a_treaty_reduces_relations(code):
    talks = code("Iran pulled out of the talks with the United States.")
    assert {(e.source.code, e.target and e.target.code, e.cameo) for e in talks} == {("IRN", "USA", "164")}
    assert talks[0].rule.startswith("builtin:pull out +of :talk")   # "out" read as the particle, "of" as the verb's
    assert {e.cameo for e in code("Ethiopia withdrew from the peace talks with Eritrea.")} == {"164"}
    treaty = code("The United States withdrew from the Paris climate agreement.")
    assert [(e.source.code, e.target, e.cameo) for e in treaty] == [("USA", None, "160")]   # Paris is no actor


def test_arson_is_destruction_and_protesters_arson_a_riot(code):
    settlers = code("Jewish settlers set fire to the offices of Palestinian officials in Hebron.")
    assert {(e.source.code, e.target.country, e.cameo) for e in settlers} == {("ISRCVL", "PSE", "1712")}
    protesters = code("Protesters set fire to the French embassy in Kinshasa.")
    assert {e.cameo for e in protesters} == {"145"}
    assert all("+violence.riot.v3" in e.rule for e in protesters)


def test_blockades_sieges_and_abuse(code):
    assert ("ISR", "PSE", "19") in dyads(code("Israel on Friday reimposed blockades in the West Bank."))
    assert {e.cameo for e in code("Russian troops imposed a siege on Mariupol in March 2022.")} == {"191"}
    abuse = code("U.S. border patrol agents sexually abused Mexican immigrants.")
    assert {(e.source.country, e.target.country, e.cameo) for e in abuse} == {("USA", "MEX", "182")}


def test_the_west_bank_is_a_place_not_a_bank(code):
    [event] = code("Israel imposed a blockade on the West Bank.")
    assert (event.target.code, event.target.role) == ("PSE", None)


def test_briefing_is_consulting_and_assailing_is_criticising(code):
    briefed = code("Israeli Defence Minister Yoav Gallant briefed Secretary of State Antony Blinken on Monday.",
                   "2023-10-16")
    assert ("ISR", "USA", "04") in dyads(briefed)
    assert ("RUS", "UKR", "11") in dyads(code("Russia assailed Ukraine over the attack on the Crimea bridge."))


def test_complying_is_yielding(code):
    assert ("IRN", "IAEA", "08") in dyads(code("Iran complied with the IAEA's demands on Monday."))
    assert ("PRK", "UN", "08") not in dyads(code("North Korea refused to heed the U.N. call to halt its tests."))


def test_releasing_people_or_from_prison_frees_persons(code):
    freed = code("Myanmar's junta released the president from house arrest on Friday.")
    assert {(e.source.country, e.target.country, e.cameo) for e in freed} == {("MMR", "MMR", "0841")}
    assert {e.cameo for e in code("The Taliban released an American woman on Friday.")} == {"0841"}
    # what a state releases that is no person is not a release of persons
    assert not [e for e in code("Russia released a statement on the talks with Ukraine.") if e.root == "08"]


def test_a_title_before_a_name_says_what_the_object_is(code):
    freed = code("Fijian rebels said they would release Prime Minister Mahendra Chaudhry at the weekend.", "2000-07-01")
    assert ("FJI", "FJI", "03") in dyads(freed)
    summoned = code("Iraq's foreign ministry summoned the U.S. charge d'affaires in Baghdad to deliver a formal "
                    "protest.")
    assert ("IRQ", "USA", "11") in dyads(summoned)


def test_restraining_ones_own_programme_is_yielding_not_coercion(code):
    deal = code("Under the 2015 deal, Iran agreed to curb its nuclear programme in return for sanctions relief.")
    assert "13" not in {e.root for e in deal}   # agreeing to restrain oneself threatens no one
    assert {e.cameo for e in code("Syria destroyed its chemical weapons stockpile.")} == {"080"}
    # restricting people, or their freedoms, is still coercion
    assert {e.cameo for e in code("Iran curbed their rights on Monday.")} == {"172"}
    assert {e.cameo for e in code("The United States restricted its exports of chips to China.")} == {"172"}


def test_a_states_curfew_with_no_place_concerns_its_own_people(code):
    [curfew] = code("Bangladesh's government imposed a nationwide curfew on Monday.", "2024-08-06")
    assert (curfew.source.code, curfew.target.code, curfew.cameo) == ("BGDGOV", "BGDCVL", "1723")
    assert "+restriction.people-of-place.v2" in curfew.rule
    # a place named still decides; sanctions are not a home restriction
    sanctions = code("The United States imposed new sanctions on Monday.", "2024-08-06")
    assert not [e for e in sanctions if e.target is not None and e.target.country == "USA"]
    [lifted] = code("Sudan's government on Sunday lifted a state of emergency in West Darfur State.", "2024-01-10")
    assert lifted.target.country == "SDN"


def test_a_reaction_with_an_act_is_that_act(code):
    [fired] = code("Israel responded with artillery fire into southern Lebanon on Sunday.", "2023-10-09")
    assert (fired.source.country, fired.target.country, fired.root) == ("ISR", "LBN", "19")
    assert "+act.with-means.v1" in fired.rule
    assert {e.cameo for e in code("China responded with sanctions on Lithuania.")} == {"163"}
    # a fire that is no one's act is no event
    assert code("A fire broke out at a factory in Kharkiv on Sunday.", "2023-10-09") == []


def test_agreeing_on_or_approving_sanctions_imposes_them(code):
    agreed = code("The European Union agreed on a package of sanctions targeting Russia's banks.", "2022-02-25")
    assert {(e.source.group, e.target.country, e.cameo) for e in agreed} == {("EU", "RUS", "163")}
    assert ("EU", "IRN", "16") in dyads(code("EU ministers approved new sanctions on Iran on Monday."))
    # a package of weapons announced is still military aid
    assert ("USA", "UKR", "07") in dyads(code("The Pentagon announced a $1 billion package of weapons for Kyiv."))


def test_setting_something_on_fire_is_arson_and_protesters_arson_a_riot(code):
    torched = code("Settlers set Palestinian cars on fire in the village of Huwara on Sunday.", "2023-02-27")
    assert {(e.target.country, e.cameo) for e in torched} == {("PSE", "1712")}
    rioters = code("Protesters set the French embassy on fire in Kinshasa on Tuesday.", "2025-01-29")
    assert {(e.source.code, e.target.country, e.cameo) for e in rioters} == {("CODCVL", "FRA", "145")}


def test_phrases_the_parser_hangs_on_the_object_complete_the_verb(code):
    assert {e.cameo for e in code("Iran put its armed forces on high alert on Sunday.")} == {"152"}
    detained = code("Egyptian police took dozens of protesters into custody in Cairo on Friday.")
    assert ("EGY", "EGY", "17") in dyads(detained)
    assert {e.cameo for e in code("Russia put the American journalist on trial in Yekaterinburg.")} == {"173"}


def test_duties_on_imports_are_sanctions(code):
    assert {e.cameo for e in code("China immediately retaliated with duties on American goods.")} == {"163"}
    assert ("CHN", "AUS", "16") in dyads(code("China imposed anti-dumping duties on Australian wine."))
    assert code("The officer was on duty in Kabul on Monday.") == []


def test_an_effort_or_bid_is_coded_by_the_act_it_attempts(code):
    effort = code("Qatar launched a mediation effort on Saturday between the Emirates and Saudi Arabia.")
    assert {(e.source.country, e.target.country, e.cameo) for e in effort} == {("QAT", "ARE", "045"),
                                                                               ("QAT", "SAU", "045")}
    assert ("EGY", "ISR", "04") in dyads(code("Egypt made a fresh mediation bid between Israel and Hamas."))


def test_opening_a_hearing_or_an_inquest_is_an_investigation(code):
    assert ("ISR", "PSE", "09") in dyads(code("Israel's supreme court opened a hearing into the killing of three "
                                               "Palestinians."))
    assert ("GBR", "RUS", "09") in dyads(code("A British coroner opened an inquest into the poisoning of a Russian "
                                               "defector."))


def test_placing_someone_under_arrest_or_detention_is_an_arrest(code):
    assert ("EGY", "EGY", "17") in dyads(code("Egyptian authorities put former president Mohamed Mursi under house "
                                               "arrest."))
    assert {e.cameo for e in code("Israel placed the Palestinian activist under administrative detention.")} == {"173"}
    khan = code("Former Pakistani prime minister Imran Khan was placed under house arrest by police in Lahore.")
    assert ("PAK", "PAK", "17") in dyads(khan)


def test_the_dead_of_a_clash_are_the_target_of_the_side_they_fought(code):
    galwan = code("Twenty Indian soldiers were killed in a clash with Chinese troops in the Galwan Valley on Monday.")
    assert {(e.source.code, e.target.code, e.root) for e in galwan} == {("CHNMIL", "INDMIL", "19")}
    wounded = code("Three Israeli soldiers were wounded in a firefight with Hezbollah and Hamas in southern Lebanon.")
    assert {(e.source.code, e.target.code) for e in wounded} == {("HEZBOLLAH", "ISRMIL"), ("HAMAS", "ISRMIL")}
    # with no other side named, no one is made the attacker
    assert not code("Five people were killed in fighting in Khartoum on Sunday.")


def test_capturing_a_ship_is_a_seizure_and_capturing_a_town_an_occupation(code):
    assert {e.cameo for e in code("British forces captured an Iranian tanker off Gibraltar.")} == {"171"}
    assert {e.cameo for e in code("Russian forces captured the town of Avdiivka.")} == {"192"}


def test_blocking_access_to_media_or_shutting_down_the_internet_restricts_freedoms(code):
    blocked = code("The Senegalese government blocked access to several social media platforms.")
    assert {e.cameo for e in blocked} == {"1721"}
    shut = code("Iran's government shut down the internet on Monday.")
    assert {(e.target.code, e.cameo) for e in shut} == {("IRNCVL", "1721")}
    assert {e.cameo for e in code("Protesters blocked roads in Dakar.")} == {"144"}


def test_escalating_tensions_is_no_act_and_a_memorandum_is_a_deal(code):
    seized = code("Iran's Revolutionary Guards seized a British-flagged oil tanker on Friday, escalating tensions "
                  "with the West.", "2019-07-20")
    assert {e.cameo for e in seized} == {"171"}
    story = ("ADDIS ABABA, Jan 2 (Reuters) - Ethiopia signed a memorandum of understanding with Somalia on "
             "Monday.\n\nThe African Union welcomed the memorandum.")
    welcomed = [e for e in code(story, "2024-01-02") if e.source.code == "AU"]
    assert {e.target.country for e in welcomed} >= {"ETH"}


def test_quitting_a_deal_or_a_body_reduces_relations_with_the_counterpart(code):
    story = ("MOSCOW, July 17 (Reuters) - Ukraine accused Russia of blocking grain exports.\n\n"
             "Russia on Monday quit the Black Sea grain deal.")
    quit_deal = [e for e in code(story, "2023-07-17") if e.root == "16"]
    assert [(e.source.country, e.target.country, e.cameo) for e in quit_deal] == [("RUS", "UKR", "160")]
    assert {e.cameo for e in code("Mali, Burkina Faso and Niger left the ECOWAS bloc.")} == {"160"}


def test_peacekeepers_deployed_are_what_is_sent_not_the_target(code):
    assert {(e.source.code, e.target.code, e.cameo) for e in code("Kenya deployed peacekeepers to Haiti.")} == {
        ("KEN", "HTI", "074")}
    story = ("MOSCOW, Nov 10 (Reuters) - Armenia, Azerbaijan and Russia signed a deal on Tuesday to end six weeks "
             "of fighting over Nagorno-Karabakh, and Russia began deploying peacekeepers to the region.")
    assert not [e for e in code(story, "2020-11-10") if e.cameo == "074" and e.target.country == "RUS"]


def test_taking_control_of_a_place_is_occupying_it(code):
    kursk = code("Ukrainian forces have taken control of 74 settlements in Russia's Kursk region.", "2024-08-13")
    assert {(e.source.code, e.target.country, e.cameo) for e in kursk} == {("UKRMIL", "RUS", "192")}
