"""Acts a verb makes its subject a party to ("engaged in", "took part in", "participated in") and acts a verb
speeds up or completes: the act is the noun's. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_taking_part_in_an_act_is_doing_it(code):
    assert ("SYRREB", "TURMIL", "190") in _pairs(code("Syrian rebels participated in the fighting against Turkish "
                                                      "forces near the border.", "2019-10-12"))
    assert ("SRBMIL", "ALBCVL", "203") in _pairs(code("Serbian forces engaged in ethnic cleansing against the "
                                                      "Albanian population.", "1999-04-02"))
    assert ("SYRREB", "TUR", "190") in _pairs(code("Syrian rebels took part in the attack on the Turkish base.",
                                                   "2019-10-12"))
    # a part declined is no act
    assert not [e for e in code("Russia said it would not take part in the talks with Ukraine.", "2023-05-02")
                if e.modality == "asserted" and e.cameo.startswith("04")]


def test_speeding_up_an_act_is_doing_it(code):
    assert ("USA", "PAN", "0874") in _pairs(code("The United States speeded up the withdrawal of its forces from "
                                                 "Panama on Wednesday.", "1990-01-10"))
    assert ("RUS", "UKR", "190") in _pairs(code("Russia accelerated its offensive in eastern Ukraine.",
                                                "2022-05-02"))


def test_a_story_filed_abroad_places_its_unnamed_state_organs_in_the_country_it_is_about(code):
    text = ("DUBAI, Sept 22 (Reuters) - Iran's morality police arrested a young woman in Tehran last week. Iran's "
            "president ordered an inquiry.\n\nIranian protesters burned headscarves in Tehran. Iran said the "
            "protests were a foreign plot.\n\nOn Thursday the Revolutionary Guards urged the judiciary to prosecute "
            "those spreading rumours.")
    assert ("IRNMIL", "IRNJUD", "020") in _pairs(code(text, "2022-09-22"))
    # but unnamed victims of a named country's forces are not that country's own people
    text = ("GAZA, April 2 (Reuters) - An Israeli air strike killed seven aid workers. Israel's military chief "
            "acknowledged a mistake. Israel said it would investigate.\n\nNetanyahu said Israeli forces had "
            "unintentionally hit innocent people.")
    assert not [e for e in code(text, "2024-04-02") if e.target is not None and e.target.code == "ISRCVL"]


def test_the_court_is_the_court_the_article_named_paragraphs_before(code):
    text = ("THE HAGUE, Jan 26 (Reuters) - The International Court of Justice on Friday ordered Israel to prevent "
            "acts of genocide in Gaza.\n\nThe ruling came in a case brought by South Africa. Israel has rejected the "
            "accusation as baseless.\n\nThe court also called on Hamas to release the hostages.")
    assert [(e.source.code, e.target.code) for e in code(text, "2024-01-26") if e.root == "02"] == [("ICJ", "HAMAS")]
    text = ("The International Criminal Court issued arrest warrants for Benjamin Netanyahu on Thursday.\n\nSeveral "
            "European governments said they would respect it.\n\nThe White House said it fundamentally rejected the "
            "court's decision.")
    assert ("USAGOV", "ICC", "120") in _pairs(code(text, "2024-11-22"))


def test_the_african_unions_peace_and_security_council_is_the_african_union(code):
    events = code("In a communique, the AU Peace and Security Council demanded the release of Niger's president "
                  "Mohamed Bazoum.", "2023-08-23")
    assert {e.source.code for e in events} == {"AU"}


def test_a_deadline_to_leave_is_an_expulsion(code):
    assert ("MLIGOV", "FRAGOV", "166") in _pairs(code("Mali's military-led government on Monday gave France's "
                                                      "ambassador 72 hours to leave the country.", "2022-01-31"))
    assert ("RUS", "USAMED", "174") in _pairs(code("Russia gave two American journalists 48 hours to leave.",
                                                   "2022-03-10"))


def test_a_denied_charge_answers_its_accuser(code):
    events = code("France and several of its European allies accuse Mali's junta of bringing in mercenaries from "
                  "Russia's Wagner Group, a charge Bamako denies.", "2022-01-31")
    assert [(e.source.code, e.target.code) for e in events if e.cameo == "016"] == [("MLI", "FRA")]


def test_what_was_agreed_or_planned_in_a_comparison_is_no_act(code):
    assert not [e for e in code("Mali's junta plans to hold elections only in December 2025 instead of next month "
                                "as originally agreed with ECOWAS.", "2022-01-10") if e.root == "03"]

