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
