"""Coding conventions as named rules: the registry is pinned, every rule that shapes an event is cited in its
`rule`, and a convention can be switched off by id (policy.py, conventions/)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.coding.conventions import CONVENTIONS
from newsevents.coding.lexicon.cameo import CameoTable
from newsevents.coding.lexicon.conventions import ConventionTables
from newsevents.coding.conventions import default_policy
from newsevents.coding.policy import PHASES, UnknownConvention
from factories import dyads

PINNED = Path(__file__).with_name("conventions.txt")


def test_registry_matches_the_pinned_list():
    pinned = [line.strip() for line in PINNED.read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert [c.id for c in CONVENTIONS] == pinned


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.id)
def test_each_convention_is_named_versioned_and_explained(convention):
    assert re.fullmatch(r"[a-z]+\.[a-z-]+\.v\d+", convention.id)
    assert convention.phase in PHASES
    assert convention.reason and "\n" not in convention.reason and len(convention.reason) < 120


def test_phases_run_in_pipeline_order():
    order = [PHASES.index(c.phase) for c in CONVENTIONS]
    assert order == sorted(order)


def test_unknown_ids_are_refused():
    with pytest.raises(UnknownConvention, match="no.such-rule.v1"):
        default_policy(["no.such-rule.v1"])
    pairs = [c.id for c in default_policy(["protest.home-government.v3"]).phase("pairs")]
    assert "protest.home-government.v3" not in pairs and pairs[:2] == ["pairs.each-other.v2", "pairs.reciprocal.v1"]


def test_convention_tables_are_data():
    tables = ConventionTables.load(CameoTable.load())
    assert tables.mapping("refused_by_root")["04"] == "125"
    assert "missile" in tables.words("instrument")
    assert tables.refine_noun("190", {"drone"}) == ("195", "noun.aerial-attack.v1")
    assert tables.refine_noun("190", {"heavy"}) == ("190", None)


def _code(coder, text):
    return coder.code(text, published=dt.date(2024, 5, 15), doc_id="t", include_all=True)


def test_protest_cites_home_government(coder):
    [event] = _code(coder, "Thousands of Serbian students protested in Belgrade on Sunday.")
    assert (event.source.code, event.target.code, event.root) == ("SRB", "SRBGOV", "14")
    assert event.rule == "builtin:protest +protest.home-government.v3"


def test_refined_strike_cites_its_refinement(coder):
    [event] = _code(coder, "Russia launched a missile attack on Kyiv overnight.")
    assert event.cameo == "195"
    assert event.rule.startswith("launch+noun:attack") and "+noun.aerial-attack.v1" in event.rule


def test_announced_intent_cites_the_convention(coder):
    events = _code(coder, "China will send humanitarian aid to Pakistan, the foreign ministry said on Monday.")
    intent = [e for e in events if e.modality == "asserted" and e.root == "03"]
    assert [(e.source.code, e.target.code, e.cameo) for e in intent] == [("CHN", "PAK", "033")]
    assert "+future.announced-intent.v1" in intent[0].rule and intent[0].rule.startswith("builtin:send")
    assert intent[0].date.date == dt.date(2024, 5, 13)   # dated when announced ("said on Monday")
    future = [e for e in events if e.modality == "future"]
    assert future and "future.announced-intent" not in future[0].rule   # the aid itself is not asserted


def test_switching_a_convention_off(coder):
    from newsevents.coding.pipeline import Coder

    off = Coder(nlp=coder.nlp, disabled_rules=["protest.home-government.v3"])
    [event] = _code(off, "Thousands of Serbian students protested in Belgrade on Sunday.")
    assert event.target is None and event.rule == "builtin:protest +pairs.one-sided.v2"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, timeout=300)


def test_cli_lists_conventions_and_refuses_unknown_ids(tmp_path):
    listed = _cli("conventions")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [c.id for c in CONVENTIONS]
    article = tmp_path / "a.jsonl"
    article.write_text('{"id": "x", "text": "Serbian students protested.", "published": "2024-05-15"}\n')
    bad = _cli("code", str(article), "--disable-rules", "protest.home-govt.v1", "--no-progress")
    assert bad.returncode == 2 and "unknown convention id(s): protest.home-govt.v1" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_criticism_in_a_relative_clause_of_the_statement_counts(code):
    events = code("Yellen said Amini was a courageous woman whose death in custody was yet another act of brutality "
                  "by Iran's security forces.", "2022-09-22")
    assert {(e.source.country, e.target.country, e.cameo) for e in events} == {("USA", "IRN", "111")}
    assert "+speech.criticism-cue.v6" in events[0].rule


def test_reserving_the_right_to_respond_is_a_threat_at_the_attacker(code):
    text = ("ISLAMABAD, Jan 18 (Reuters) - Iran struck Pakistan on Tuesday. Foreign ministry spokeswoman Mumtaz "
            "Zahra Baloch called the strike an unprovoked breach of Pakistan's sovereignty and said Islamabad "
            "reserved the right to respond.")
    threats = [e for e in code(text, "2024-01-18") if e.root == "13"]
    # a spokeswoman with no country named is of the country she speaks in: Pakistan is not her target
    assert [(e.source.country, e.target.country) for e in threats] == [("PAK", "IRN")]
    assert "+speech.threat-cue.v5" in threats[0].rule


def test_a_statement_that_the_other_side_attacked_the_speakers_country_accuses_it(code):
    events = code("Rwanda's military said on Monday that shells fired from Congo had killed five civilians and wounded "
                  "35 in its border town of Rubavu.", "2025-01-28")
    [accusation] = [e for e in events if e.root == "11"]
    assert (accusation.source.country, accusation.target.country, accusation.cameo) == ("RWA", "COD", "112")
    assert "+statement.reported-attack-accuses.v2" in accusation.rule
    # a report of force on a third country accuses no one
    assert not [e for e in code("Ukraine said Russia had struck Syria overnight.") if e.root == "11"]


def test_force_used_on_protesters_says_they_protested(code):
    events = code("Lebanese security forces used tear gas against demonstrators near the U.S. embassy outside Beirut.",
                  "2023-10-18")
    [protest] = [e for e in events if e.root == "14"]
    assert (protest.source.code, protest.target.country, protest.cameo) == ("LBNCVL", "USA", "141")
    assert "+protest.implied-by-repression.v1" in protest.rule
    # without an embassy named, the protest is aimed at their own government
    events = code("Iranian police fired tear gas at protesters in Tehran.", "2022-09-22")
    assert ("IRNCVL", "IRNGOV", "141") in {(e.source.code, e.target.code, e.cameo) for e in events}
    # a protest the sentence codes already is not said twice; force on others says no protest
    rallied = code("Protesters rallied outside parliament in Tbilisi and police fired tear gas at them.", "2024-10-29")
    assert len([e for e in rallied if e.root == "14"]) <= 1
    assert not [e for e in code("Iranian police fired tear gas at journalists in Tehran.") if e.root == "14"]
    # a bombing of a crowd by an armed group is an attack on them, not the state repressing a protest
    bombing = code("Islamic State said two of its fighters detonated explosive belts among the crowd in Kerman.")
    assert bombing and not [e for e in bombing if e.root == "14"]


def test_force_with_no_target_found_while_another_side_is_in_view_is_no_event(code):
    # the strike is aimed at someone the coder did not find: an event without its target would misstate it
    text = ("ISLAMABAD, Jan 18 (Reuters) - Pakistan recalled its ambassador from Iran on Wednesday. "
            "Iran's strike late on Tuesday hit what Tehran said were two bases of a militant group.")
    assert [e for e in code(text, "2024-01-18") if e.root == "19"] == []
    # alone in view, the actor's one-actor event stands; so does the act the article remembers
    [launch] = code("North Korea fired two ballistic missiles into the sea on Thursday.")
    assert (launch.source.code, launch.target) == ("PRK", None)
    seized = ("DUBAI (Reuters) - Israel said the ship was not Israeli. Yemen's Houthi movement seized a cargo ship in "
              "the Red Sea on Sunday. The United States condemned the seizure.")
    assert ("USA", "HOUTHI", "11") in dyads(code(seized, "2023-11-20"))


def test_defying_a_rule_that_names_no_maker_is_aimed_at_ones_own_government(code):
    events = code("DHAKA (Reuters) - Huge crowds defied a curfew and marched on the residence.", "2024-08-06")
    [defied] = [e for e in events if e.cameo == "128"]
    assert (defied.source.code, defied.target.code) == ("BGDCVL", "BGDGOV")
    assert "+defiance.own-government.v1" in defied.rule
    # a rule named with its maker is aimed at that maker
    named = code("Protesters in Hong Kong defied China's ban.", "2020-06-04")
    assert all(e.target.country == "CHN" for e in named if e.cameo == "128")


def test_armed_forces_marching_are_not_protesting(code, coder):
    text = "M23 fighters marched into the city centre of Goma on Monday."
    assert not [e for e in code(text, "2025-01-28") if e.root == "14"]
    # the convention switched off: the old reading comes back
    from newsevents.coding.pipeline import Coder

    off = Coder(nlp=coder.nlp, disabled_rules=["protest.not-armed-forces.v1"])
    assert [e.root for e in off.code(text, published="2025-01-28")] == ["14"]
    # civilians marching still protest
    marched = code("Thousands of Congolese protesters marched in Kinshasa on Monday.", "2025-01-28")
    assert [e.root for e in marched] == ["14"]


def test_a_reply_joined_to_a_statement_does_not_make_it_an_attribution(code):
    text = ("Finland's president and prime minister said on Thursday the country must apply to join NATO 'without "
            "delay', and Russia's foreign ministry responded that Moscow would be forced to take 'retaliatory "
            "steps'.")
    events = code(text, "2022-05-12")
    assert ("FIN", "NATO", "01") in {(e.source.country, e.target and e.target.code, e.root) for e in events}
    assert any(e.source.country == "RUS" and e.root == "13" for e in events)
    # a plain statement that only reports another side's act still adds nothing
    reported = code("The Pentagon said Russian forces shelled Kharkiv on Tuesday.", "2024-05-15")
    assert [(e.source.country, e.root) for e in reported] == [("RUS", "19")]


def test_freezing_ones_own_aid_is_not_aimed_at_the_last_perpetrator(code):
    text = "The African Union suspended Sudan on Wednesday. The World Bank froze its aid."
    assert not [e for e in code(text, "2021-10-28") if e.cameo == "162" and e.target is not None
                and e.target.code == "AU"]
