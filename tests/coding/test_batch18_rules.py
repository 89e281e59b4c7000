"""Acts done by nobody, verbs with objects of their own, and what a relative clause only describes: rules from
reading the coder on new articles about India and Pakistan, AUKUS, the Skripal expulsions, Kazakhstan, Iran and
Pakistan, and Tigray. Sentences written for these tests."""
from __future__ import annotations


def test_an_act_whose_doers_are_none_was_not_done(code):
    events = code("No British ministers attended the talks in Moscow.", "2018-03-14", include_all=True)
    assert [(e.cameo, e.modality) for e in events] == [("042", "negated")]
    for text in ("None of the European leaders met Putin in Moscow.", "Neither side fired on the other's troops."):
        assert [e for e in code(text, "2018-03-14", include_all=True) if e.modality == "asserted"] == []
    # nobody refused either: no rejection is derived from "no ... would"
    assert code("May said no ministers would attend the World Cup in Russia.", "2018-03-14") == []
    # the doers of a conjoined verb are its head's
    assert code("No Western leader visited Kyiv or met Zelenskiy.", "2022-02-10") == []
    assert [e.cameo for e in code("British ministers attended the talks in Moscow.", "2018-03-14")] == ["042"]
