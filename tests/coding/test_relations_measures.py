"""Measures one country takes against another: frozen trade and assets are sanctions; a measure the parser
joined to an infinitive is still the main clause's act. Sentences written for these tests."""
from __future__ import annotations


def _pairs(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_freezing_trade_or_assets_is_a_sanction(code):
    events = code("Saudi Arabia has expelled the Canadian ambassador and frozen all new trade and investment with "
                  "Canada.", "2018-08-06")
    assert ("SAU", "CAN", "163") in _pairs(events)
    assert _pairs(code("The United States froze the assets of Venezuela's state oil company.", "2019-01-28")) == {
        ("USA", "VEN", "163")}


def test_a_finite_verb_after_an_infinitive_is_the_main_clauses(code):
    events = code("Saudi Arabia criticized Canada on Monday. The kingdom gave the ambassador, Dennis Horak, 24 hours "
                  "to leave and recalled its own envoy from Ottawa.", "2018-08-06")
    assert ("SAU", "CAN", "161") in _pairs(events)
    assert ("RUS", "UKR", "154") in _pairs(code("Russia urged Ukraine to negotiate and sent troops to the border.",
                                                "2022-02-10"))


def test_a_condemned_act_is_aimed_at_its_doer_not_at_whom_its_description_says_it_wronged(code):
    events = code("The United States and Britain carried out strikes on Houthi targets in Yemen on Thursday. The "
                  "strikes, backed by Australia and Canada, hit radar sites. Iran's foreign ministry condemned the "
                  "strikes as a violation of Yemen's sovereignty.", "2024-01-12")
    # the doer of the acts the object names again ("the strikes"), not who backed them in between
    assert [(e.source.code, e.target.code) for e in events if e.cameo == "111"] == [("IRNGOV", "USA")]
    # praise is aimed at whom its description names
    [welcomed] = code("The German government welcomed President Reagan's statement as proof of Washington's wish "
                      "for a settlement.", "1986-03-01")
    assert (welcomed.source.code, welcomed.target.country, welcomed.cameo) == ("DEUGOV", "USA", "051")


def test_sanctions_target_trade_and_blacklists_are_sanctions_not_attacks_or_statements(code):
    events = code("The European Union on Monday agreed to impose economic sanctions on Belarus, targeting its potash "
                  "exports.", "2021-06-21")
    assert _pairs(events) == {("EU", "BLR", "163")}
    listed = code("EU foreign ministers added 78 Belarusian officials to a list of people banned from travelling to "
                  "the bloc.", "2021-06-21")
    assert [(e.source.code, e.target.country, e.cameo) for e in listed] == [("EU", "BLR", "163")]
    # drones targeting a sector still attack; a minister who "added that" still speaks
    assert _pairs(code("Russian drones targeted Ukraine's energy sector overnight.", "2024-03-22")) == {
        ("RUSMIL", "UKR", "190")}
    said = code("Belarus's foreign minister added that Minsk would not yield to pressure from the EU.", "2021-06-22")
    assert ("BLRGOV", "EU", "010") in _pairs(said) and not [e for e in said if e.root == "16"]


def test_people_of_a_nation_killed_in_an_act_of_force_suffered_it_from_its_doer(code):
    events = code("Eight Syrian civilians were killed in the Turkish bombardment.", "2019-10-10")
    assert _pairs(events) == {("TUR", "SYRCVL", "190")}
    # people of no stated nationality are no target the coder could place
    assert code("Three people were killed in an Israeli strike.", "2024-05-14") == []
