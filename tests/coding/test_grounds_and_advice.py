"""What an answer is for, whom a warning advises, and who dies: acts read on sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_what_a_retaliation_is_for_is_not_its_target(code):
    events = code("The United States fired cruise missiles on Thursday at training camps in Afghanistan, retaliating "
                  "for this month's bombings of two American embassies in East Africa.", "1998-08-21")
    assert not [e for e in events if e.target is not None and e.target.country == "USA"]


def test_what_they_called_an_aggression_is_the_condemnations_not_another_criticism(code):
    assert _pairs(code("Iraq and Libya condemned what they called American aggression against Muslim countries.",
                       "1998-08-21")) == {("IRQ", "USA", "111"), ("LBY", "USA", "111")}


def test_warning_ones_own_people_is_advice_not_a_threat(code):
    assert code("The State Department warned Americans overseas to be on guard against possible reprisals.",
                "1998-08-21") == []
    assert ("USA", "IRN", "130") in _pairs(code("The United States warned Iran to stop its attacks.", "2024-01-10"))


def test_leaving_a_conference_is_no_retreat_dismissing_aides_no_rejection(code):
    events = code("Britain's trade minister Liam Fox and U.S. Treasury Secretary Steven Mnuchin have pulled out of an "
                  "investment conference in Riyadh.", "2018-10-20")
    assert not [e for e in events if e.cameo.startswith("087")]
    events = code("Saudi Arabia said it had detained 18 Saudi nationals and dismissed two senior aides to Crown Prince "
                  "Mohammed bin Salman.", "2018-10-20")
    assert _pairs(events) == {("SAU", "SAUCVL", "173")}


def test_who_died_in_a_fight_did_not_attack(code):
    assert code("Saudi journalist Jamal Khashoggi died in a fight inside the Saudi consulate in Istanbul.",
                "2018-10-20") == []


def test_a_name_joined_to_a_day_is_the_next_verbs_subject(code):
    assert _pairs(code("Ecuador broke off diplomatic relations with Colombia on Monday and Venezuela expelled "
                       "Colombian diplomats.", "2008-03-03")) == {("ECU", "COL", "161"), ("VEN", "COLGOV", "166")}


def test_regret_troops_ordered_to_a_border_an_alliances_bombing(code):
    assert _pairs(code("NATO Secretary-General Javier Solana expressed regret to China.", "1999-05-09")) == {
        ("NATO", "CHN", "055")}
    assert _pairs(code("Chavez ordered 10 army battalions to the Colombian border on Sunday.", "2008-03-03")) == {
        ("VENGOV", "COL", "154")}
    assert ("NATO", "CHNGOV", "195") in _pairs(code("Chinese anger mounted over NATO's bombing of China's embassy "
                                                    "in Belgrade.", "1999-05-09"))
    text = 'NATO bombed China\'s embassy in Belgrade. China has called the bombing a "barbarian act".'
    assert ("CHN", "NATO", "111") in _pairs(code(text, "1999-05-09"))


def test_appearing_on_television_to_apologise_is_apologising(code):
    text = "Zimbabwe's ruling party youth leader appeared on state television to apologise to Zimbabwe's army chief."
    assert [e.modality for e in code(text, "2017-11-15", include_all=True) if e.root == "05"] == ["asserted"]
    text = "Zimbabwe's ruling party youth leader appeared to apologise to Zimbabwe's army chief."
    assert [e.modality for e in code(text, "2017-11-15", include_all=True) if e.root == "05"] != ["asserted"]


def test_a_person_named_again_by_given_name_and_talks_hosted_by_a_third(code):
    text = ("Thailand's acting Prime Minister Phumtham Wechayachai said the incidents had been minor.\n\nThe ceasefire "
            "was agreed on Monday at talks in Putrajaya between Phumtham and Hun Manet hosted by Malaysian Prime "
            "Minister Anwar Ibrahim.")
    pairs = _pairs(code(text, "2025-07-29"))
    assert {("THAGOV", "KHMGOV", "040"), ("MYSGOV", "THAGOV", "043"), ("MYSGOV", "KHMGOV", "043")} <= pairs
    # a title is no given name: "Minister Lavrov" is not "Minister"
    text = "Russian Foreign Minister Lavrov met Chinese officials. Minister Wang said the talks went well."
    assert not [e for e in code(text, "2024-04-09") if e.source.country == "RUS" and e.cameo == "010"]


def test_a_warning_of_what_another_side_is_doing_reports_it(code):
    events = code("Biden warned that Russian President Vladimir Putin was banking on the United States failing to "
                  "deliver for Ukraine.", "2023-12-13")
    assert ("USAGOV", "RUSGOV", "012") in _pairs(events)
    assert ("RUS", "NATO", "012") in _pairs(code("Russia warned that NATO was preparing to attack.", "2023-12-13"))
    # what the speaker's own side is doing is its threat
    assert ("IRN", "ISR", "130") in _pairs(code("Iran warned that it was preparing a harsh response to Israel.",
                                                "2024-04-02"))


def test_violating_or_flouting_a_ban_or_curfew_defies_it(code):
    assert _pairs(code("Protesters in Dhaka flouted the curfew.", "2024-08-05")) == {("BGDCVL", "BGDGOV", "128")}
    assert ("LBNMED", "LBNMIL", "128") in _pairs(code("A Lebanese newspaper has violated a ban by General Michel "
                                                      "Aoun.", "1990-01-01"))
