"""The PETRARCH/TABARI dictionary readers (verbs, actors, agents), the verb-rule TSV table and the
shipped verbs_petrarch.tsv derived from PETRARCH2's CAMEO.2.0.txt."""
from __future__ import annotations

import datetime as dt
import importlib.resources
import importlib.util
import textwrap
from pathlib import Path

import pytest
from project_paths import SHARED

from newsevents.coding.lexicon.dictionary_format import DictionaryError, ReadReport
from newsevents.coding.lexicon.petrarch_actors import PetrarchActor, read_actor_dictionary, read_agent_dictionary
from newsevents.coding.lexicon.petrarch_verbs import read_verb_dictionary
from newsevents.coding.lexicon.verb_table import format_verb_table, read_verb_table, verb_rule_id
from newsevents.coding.lexicon.records import VerbRule

SHARED_PETRARCH = SHARED / "petrarch"
SHARED_CODES = SHARED / "cameo" / "cameo_codes.tsv"
REPO = Path(__file__).resolve().parents[2]


def text(s: str) -> str:
    return textwrap.dedent(s).lstrip("\n")


# ------------------------------------------------------------------ verb dictionary

VERBS = text(
    """
    # CAMEO VERB PATTERN DICTIONARY (test)
    ####### SYNONYM SETS #######

    &CURRENCY
    # a comment inside a set
    +DOLLAR
    +CASH_
    +SWISS_FRANCS

    &AUXVERB3_
    +HAVE
    +HAS

    ####### VERB PATTERNS #######

    ---  ASK   [---]  ---
    +ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
    ASK     [020]
    QUERY {QUERYING QUERIES QUERIED }
    GRILL [110]  ; tony 3/9/91
    - * (FOR HELP)                                        [0234]        # ASK
    - * {AIR RAID}                                        [195]         # ASK
    - * &CURRENCY                                         [0231]        # REQUEST
    - * SANCTIONS                                         [163]
    - * (TO)                                              [042:043]
    - * (BEFORE COURT)                                    [:173]        # passive only
    - PROSECUTOR * &DETENTION                             [173]         # subject constraint
    - * FIRE (TO FLAG)                                    [140]         # two constraints
    - * OFF ROW                                           [110:110]
    - * APOLOGY                                           [---]         # null
    - * FROM $ TO +                                       [0311]        # source marker

    ---  SHOOT   [190]  ---
    +SHOOT_DOWN {+SHOOTS_DOWN +SHOOTING_DOWN +SHOT_DOWN }
    SHOOT {SHOT SHOOTING SHOOTS}
    - * DEMONSTRATOR                                      [175]
    - * DEMONSTRATOR                                      [180]         # later line wins

    ---  GRANT   [070]  ---
    GRANT
    ASK  # already in ASK: PETRARCH keeps the first block
    - * &UNDEFINED                                        [071]

    ######## TRANSFORMATIONS ##########
    ~ a (a b ATTACK) SAY = a b 015
    """
)


def by_id(rules: list[VerbRule]) -> dict[str, VerbRule]:
    return {r.id: r for r in rules}


def line_of(s: str, needle: str) -> int:
    for i, ln in enumerate(s.splitlines(), 1):
        if needle in ln:
            return i
    raise AssertionError(needle)


def test_verb_defaults_codes_and_multiword_verbs():
    rep = ReadReport()
    rules = read_verb_dictionary(VERBS, report=rep)
    ids = by_id(rules)
    ask_for = ids[f"petrarch:ASK_FOR:{line_of(VERBS, '+ASK_FOR')}"]
    assert (ask_for.lemma, ask_for.particle, ask_for.prep, ask_for.objects, ask_for.code) == ("ask", "", "for", (), "020")
    assert ask_for.source == "petrarch"
    ask = ids[f"petrarch:ASK:{line_of(VERBS, 'ASK     [020]')}"]
    assert (ask.lemma, ask.prep, ask.objects, ask.code) == ("ask", "", (), "020")
    grill = ids[f"petrarch:GRILL:{line_of(VERBS, 'GRILL')}"]
    assert grill.code == "110"  # own code; the ';' comment is dropped
    # QUERY has no code of its own and the block code is null: no default rule, but patterns apply
    assert not [r for r in rules if r.lemma == "query" and not (r.objects or r.prep or r.particle)]
    assert [r for r in rules if r.lemma == "query" and r.code == "195"]
    # the irregular forms in {...} are not lemmas
    assert not {r.lemma for r in rules} & {"queried", "shot", "asked_for"}
    # a block with a code gives every verb without its own code that default; SHOOT_DOWN -> particle
    down = ids[f"petrarch:SHOOT_DOWN:{line_of(VERBS, '+SHOOT_DOWN')}"]
    assert (down.lemma, down.particle, down.prep, down.code) == ("shoot", "down", "", "190")
    assert ids[f"petrarch:SHOOT:{line_of(VERBS, 'SHOOT {SHOT')}"].code == "190"
    assert rep.skipped["verb transformation (~ line, not supported)"] == 1


def test_verb_patterns_map_to_objects_and_prepositions():
    rules = read_verb_dictionary(VERBS)
    ids = by_id(rules)

    def rule(verb: str, needle: str) -> VerbRule:
        return ids[f"petrarch:{verb}:{line_of(VERBS, needle)}"]

    help_ = rule("ASK", "(FOR HELP)")
    assert (help_.prep, help_.objects, help_.code) == ("for", ("help",), "0234")
    raid = rule("QUERY", "{AIR RAID}")
    assert (raid.prep, raid.objects, raid.code) == ("", ("raid",), "195")
    money = rule("ASK", "- * &CURRENCY")
    # set members: lowercase, stop '_' dropped, head noun of a phrase, plural -> singular added
    assert money.objects == ("dollar", "cash", "francs", "franc") and money.code == "0231"
    sanctions = rule("GRILL", "SANCTIONS")
    assert sanctions.objects == ("sanctions", "sanction")
    to = rule("ASK", "- * (TO)")
    assert (to.prep, to.objects, to.code) == ("to", (), "042")  # first code of [042:043]
    row = rule("ASK", "OFF ROW")
    assert (row.particle, row.objects, row.code) == ("off", ("row",), "110")
    # a multi-word verb with a preposition: the pattern's object becomes the preposition's object
    ask_for_cash = rule("ASK_FOR", "- * &CURRENCY")
    assert (ask_for_cash.prep, ask_for_cash.objects[0]) == ("for", "dollar")
    # ASK_FOR + (FOR HELP) and ASK + (FOR HELP) are the same rule: it is kept once
    assert [r.code for r in rules if r.lemma == "ask" and r.prep == "for" and r.objects == ("help",)] == ["0234"]
    # within a block, a later pattern with the same constraint replaces the earlier one
    shoot = [r for r in rules if r.lemma == "shoot" and r.objects == ("demonstrator",) and not r.particle]
    assert [r.code for r in shoot] == ["180"]


def test_verb_patterns_skipped_and_counted():
    rep = ReadReport()
    rules = read_verb_dictionary(VERBS, report=rep)
    lines = {int(r.id.rsplit(":", 1)[1]) for r in rules}
    for needle in ("PROSECUTOR *", "(BEFORE COURT)", "FIRE (TO FLAG)", "APOLOGY", "FROM $ TO", "&UNDEFINED"):
        assert line_of(VERBS, needle) not in lines, needle
    sk = rep.skipped
    assert sk["pattern: subject constraint before * (not supported)"] == 1
    assert sk["pattern with passive-only code [:code]"] == 1
    assert sk["pattern with null code [---]"] == 1
    assert sk["pattern: source marker $ after the verb (role reversal)"] == 1
    assert sk["pattern: undefined synonym set"] == 1
    assert sk["pattern: several constraints in one pattern (e.g. object + prepositional phrase)"] == 1
    assert sk["verb listed again in a later block (its first block is used)"] == 1
    assert rep.entries == len(rules) and rep.lines == len(VERBS.splitlines())
    # ASK listed again under GRANT keeps its ASK rules only
    assert not [r for r in rules if r.lemma == "ask" and r.code in ("070", "071")]
    assert "subject constraint" in rep.summary()


def test_verb_rule_ids_are_unique_and_sources_settable():
    rules = read_verb_dictionary(VERBS, source="my.verbs.txt")
    assert len({r.id for r in rules}) == len(rules)
    assert {r.source for r in rules} == {"my.verbs.txt"}
    assert all(r.id.startswith("petrarch:") for r in rules)


def test_verb_dictionary_from_path(tmp_path):
    p = tmp_path / "verbs.txt"
    p.write_text(VERBS, encoding="utf-8")
    assert read_verb_dictionary(p) == read_verb_dictionary(str(p)) == read_verb_dictionary(VERBS)


@pytest.mark.parametrize(
    "bad, needle, message",
    [
        ("- * HELP\n", "- * HELP", "without a [code]"),
        ("- * HELP * AID [020]\n", "HELP * AID", "exactly one '*'"),
        ("ASK {ASKED [020]\n", "ASK {ASKED", "malformed verb line"),
        ("- * HELP [02 0]\n", "[02 0]", "malformed code"),
    ],
)
def test_verb_dictionary_malformed_lines(bad, needle, message):
    src = VERBS.replace("    ---  SHOOT", "").replace("---  SHOOT   [190]  ---\n", "---  SHOOT   [190]  ---\n" + bad)
    with pytest.raises(DictionaryError) as ei:
        read_verb_dictionary(src)
    assert ei.value.line_no == line_of(src, needle)
    assert message in ei.value.message
    assert str(ei.value).startswith(f"<text>:{ei.value.line_no}:")


def test_verb_line_outside_a_block_is_an_error():
    with pytest.raises(DictionaryError) as ei:
        read_verb_dictionary("&SET\n+A\n\nASK [020]\n")
    assert ei.value.line_no == 4 and "outside a verb block" in ei.value.message
    with pytest.raises(DictionaryError) as ei:
        read_verb_dictionary("- * HELP [020]\n")
    assert ei.value.line_no == 1


# ------------------------------------------------------------------ actor dictionaries

ACTORS = text(
    """
    # .actor file (test)
    AFGHANISTAN_  [AFG]
    +AFGHAN_
    +KABUL_ # the capital

    MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt
    \t[AFGELI 320101-331108]
    \t[AFGGOV 331108-730717]
    \t[AFGELI]
    HAMID_KARZAI_  [AFGMIL]
    +KARZAI_
    \t[AFGGOV >011222]
    \t[AFGELI <20011222]
    BAN_KI-MOON
    \t[IGOUNO >20070101]
    \t[KORGOVBUS 2004017-20061201]
    \t[USAGOV 19820101] # a lone date: from then on
    JOSEPH_LUNS_\t[IGOEUREEC 600701-601231][IGOWSTNAT 710101-840625]\t# two codes on the name line
    INDIAN_OCEAN  [---]
    """
)


def test_actor_records_codes_and_dates():
    rep = ReadReport()
    entries = read_actor_dictionary(ACTORS, report=rep)
    got = {(e.phrase, e.code, e.start, e.end) for e in entries}
    assert ("afghanistan", "AFG", None, None) in got
    assert ("afghan", "AFG", None, None) in got and ("kabul", "AFG", None, None) in got
    d = dt.date
    assert ("mohammad zahir shah", "AFGELI", d(1932, 1, 1), d(1933, 11, 8)) in got  # 32 -> 1932
    assert ("mohammad zahir shah", "AFGGOV", d(1933, 11, 8), d(1973, 7, 17)) in got
    assert ("mohammad zahir shah", "AFGELI", None, None) in got  # the default outside the ranges
    for ph in ("hamid karzai", "karzai"):
        assert (ph, "AFGMIL", None, None) in got
        assert (ph, "AFGGOV", d(2001, 12, 22), None) in got  # '>': from; 01 -> 2001
        assert (ph, "AFGELI", None, d(2001, 12, 22)) in got  # '<': until; YYYYMMDD accepted
    assert ("ban ki-moon", "IGOUNO", d(2007, 1, 1), None) in got
    assert ("ban ki-moon", "USAGOV", d(1982, 1, 1), None) in got
    assert not [e for e in entries if e.code == "KORGOVBUS"]  # 7-digit date: skipped, counted
    assert rep.skipped["code with a malformed date (not YYMMDD/YYYYMMDD)"] == 1
    assert ("joseph luns", "IGOEUREEC", d(1960, 7, 1), d(1960, 12, 31)) in got
    assert ("joseph luns", "IGOWSTNAT", d(1971, 1, 1), d(1984, 6, 25)) in got
    assert not [e for e in entries if e.phrase == "indian ocean"]
    assert rep.skipped["null code [---]"] == 1
    assert {e.source for e in entries} == {"<text>"}
    assert all(isinstance(e, PetrarchActor) for e in entries)


def test_actor_null_codes_kept_on_request_and_source(tmp_path):
    p = tmp_path / "Mine.actors.txt"
    p.write_text(ACTORS, encoding="utf-8")
    entries = read_actor_dictionary(p, keep_null=True)
    assert PetrarchActor("indian ocean", "---", None, None, "Mine.actors.txt") in entries
    assert {e.source for e in read_actor_dictionary(p, source="x")} == {"x"}


def test_two_digit_years_follow_petrarch():
    entries = read_actor_dictionary("A_\n\t[AAA 450703-470121]\n\t[BBB 991231-300101]\n")
    assert [(e.start, e.end) for e in entries] == [
        (dt.date(1945, 7, 3), dt.date(1947, 1, 21)),
        (dt.date(1999, 12, 31), dt.date(2030, 1, 1)),
    ]


@pytest.mark.parametrize(
    "src, line_no, message",
    [
        ("\t[AFG]\nAFGHANISTAN_ [AFG]\n", 1, "before any actor name"),
        ("A_ [AFG]\nB_ [AFG\n", 2, "unclosed"),
        ("A_ [AFG]\n# c\n\t[AFG 1x2]\n", 3, "malformed date restriction"),
        ("A_ []\n", 1, "empty code"),
        ("+A_\n", 1, "synonym before any actor name"),
    ],
)
def test_actor_malformed_lines(src, line_no, message):
    with pytest.raises(DictionaryError) as ei:
        read_actor_dictionary(src)
    assert ei.value.line_no == line_no and message in ei.value.message


# ------------------------------------------------------------------ agent dictionary

AGENTS = text(
    """
    <!-- PETRARCH VALIDATION SUITE AGENTS DICTIONARY -->
    # ======== SUBSTITUTION SETS ========
    !PERSON! = MAN, MEN, WOMAN
    !MINIST! = MINISTER, MINISTRY

    FOREIGN_!MINIST! [~GOV]
    CONGRESS!PERSON!  [~LEG]
    POLICE {} [~COP] # no plural
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
    TROOP [~MIL] # ab 22 Aug 2005
    HUMAN_RIGHTS_BODY  [NGO~]
    !MINIST! FOR_TERRITORIAL_AD!MINIST!RATION [~GOV]
    ISLAMIC_EXTREMIST
    """
)


def test_agents_substitutions_plurals_and_codes():
    rep = ReadReport()
    agents = read_agent_dictionary(AGENTS, report=rep)
    assert agents[:2] == [("foreign minister", "GOV"), ("foreign ministry", "GOV")]
    assert ("congressman", "LEG") in agents and ("congresswoman", "LEG") in agents
    assert ("police", "COP") in agents
    assert ("attorney general", "GOVATG") in agents and ("attorneys general", "GOVATG") in agents
    assert ("troop", "MIL") in agents
    assert ("human rights body", "NGO") in agents
    assert ("minister for territorial administration", "GOV") in agents
    assert ("ministry for territorial administration", "GOV") in agents
    assert rep.skipped["agent without a code"] == 1
    assert rep.skipped["substitution marker inside a word (read literally)"] == 1


@pytest.mark.parametrize(
    "src, line_no, message",
    [
        ("TROOP [~MIL]\n!NOPE!_X [~GOV]\n", 2, "undefined substitution set"),
        ("TROOP [~MIL\n", 1, "malformed agent code"),
        ("TROOP [MIL]\n", 1, "malformed agent code"),  # no '~'
        ("TROOP {TROOPS [~MIL]\n", 1, "malformed {plurals}"),
    ],
)
def test_agent_malformed_lines(src, line_no, message):
    with pytest.raises(DictionaryError) as ei:
        read_agent_dictionary(src)
    assert ei.value.line_no == line_no and message in ei.value.message


# ------------------------------------------------------------------ the TSV table


def test_verb_table_round_trip_and_generic_columns(tmp_path):
    rules = read_verb_dictionary(VERBS)
    p = tmp_path / "t.tsv"
    p.write_text(format_verb_table(rules, "a comment\nMIT licence"), encoding="utf-8")
    assert p.read_text().startswith("# a comment\n# MIT licence\nid\tlemma\t")
    assert read_verb_table(p) == rules

    builtin = tmp_path / "verbs.tsv"
    builtin.write_text(
        "# built-in\nlemma\tparticle\tprep\tobjects\tcode\n"
        "say\t\t\t\t010\n"
        "deny\t\t\tinvolvement|Responsibility\t016\n"
        "agree\t\ton\t\t030\n"
        "shoot\tdown\t\t\t190\n"
        "\n",
        encoding="utf-8",
    )
    got = read_verb_table(builtin)
    assert [r.id for r in got] == ["say", "deny :involvement", "agree +on", "shoot down"]
    assert got[1].objects == ("involvement", "responsibility") and got[2].prep == "on"
    assert {r.source for r in got} == {"builtin"}
    assert verb_rule_id("shoot", "down", "at", ("plane",)) == "shoot down +at :plane"

    noheader = tmp_path / "n.tsv"
    noheader.write_text("x:1\tprotest\t\tagainst\t\t140\n", encoding="utf-8")
    assert read_verb_table(noheader, source="user") == [VerbRule("x:1", "protest", "140", "", "against", (), "user")]


def test_verb_table_errors(tmp_path):
    p = tmp_path / "bad.tsv"
    p.write_text("lemma\tcode\nsay\t010\nsay\t011\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as ei:
        read_verb_table(p)
    assert ei.value.line_no == 3 and "duplicate rule id" in ei.value.message
    p.write_text("lemma\tverb\tcode\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="bad header"):
        read_verb_table(p)
    p.write_text("# c\nlemma\tcode\nsay\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as ei:
        read_verb_table(p)
    assert ei.value.line_no == 3


# ------------------------------------------------------------------ the real files

needs_shared = pytest.mark.skipif(not SHARED_PETRARCH.is_dir(), reason=f"{SHARED_PETRARCH} not present")


def _shared(name: str) -> Path:
    p = SHARED_PETRARCH / name
    if not p.exists():
        pytest.skip(f"{p} not present")
    return p


@needs_shared
def test_real_verb_dictionary_loads():
    rep = ReadReport()
    rules = read_verb_dictionary(_shared("CAMEO.2.0.txt"), report=rep)
    assert len(rules) > 25_000
    assert len({r.lemma for r in rules}) > 1_000
    assert len({r.id for r in rules}) == len(rules)
    assert rep.skipped["pattern: subject constraint before * (not supported)"] > 100
    assert all(r.lemma == r.lemma.lower() and " " not in r.lemma and "_" not in r.lemma for r in rules)


@needs_shared
@pytest.mark.parametrize(
    "name, minimum",
    [
        ("Phoenix.Countries.actors.txt", 30_000),
        ("Phoenix.International.actors.txt", 5_000),
        ("Phoenix.MilNonState.actors.txt", 1_500),
    ],
)
def test_real_actor_dictionaries_load(name, minimum):
    entries = read_actor_dictionary(_shared(name))
    assert len(entries) > minimum
    assert all(e.phrase == e.phrase.lower() and "_" not in e.phrase for e in entries)
    dated = [e for e in entries if e.start or e.end]
    assert all(e.start is None or e.end is None or e.start <= e.end for e in dated)
    if name.startswith("Phoenix.Countries"):
        assert PetrarchActor("afghanistan", "AFG", None, None, name) in entries
        assert dated and min(e.start or e.end for e in dated).year < 1950


@needs_shared
def test_real_agent_dictionary_loads():
    agents = read_agent_dictionary(_shared("Phoenix.agents.txt"))
    assert len(agents) > 3_000
    assert ("foreign minister", "GOV") in agents
    assert {c for _, c in agents} >= {"GOV", "MIL", "REB", "OPP", "BUS"}
    assert not [t for t, c in agents if "!" in t or "~" in c]


def _cameo_codes() -> set[str]:
    if SHARED_CODES.exists():
        src = SHARED_CODES.read_text(encoding="utf-8")
    else:
        res = importlib.resources.files("newsevents.coding") / "data" / "cameo_codes.tsv"
        if not res.is_file():
            pytest.skip("no cameo_codes.tsv (shared or packaged)")
        src = res.read_text(encoding="utf-8")
    codes = {ln.split("\t", 1)[0].strip() for ln in src.splitlines() if ln.strip() and not ln.startswith("#")}
    codes.discard("code")
    return codes


def test_shipped_petrarch_verb_table():
    res = importlib.resources.files("newsevents.coding") / "data" / "verbs_petrarch.tsv"
    assert res.is_file()
    rules = read_verb_table(res)
    assert len(rules) > 25_000
    assert {r.source for r in rules} == {"petrarch"}
    codes = _cameo_codes()
    assert not {r.code for r in rules} - codes
    head = res.read_text(encoding="utf-8").split("\nid\t", 1)[0]
    assert "CAMEO.2.0.txt" in head
    assert "Copyright (c) 2014 Open Event Data" in head
    assert "Copyright (c) 2015 Open Event Data Alliance" in head
    assert "Permission is hereby granted, free of charge" in head
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in head


@needs_shared
def test_shipped_petrarch_verb_table_is_up_to_date():
    if not (SHARED_PETRARCH / "LICENSE").exists() or not SHARED_CODES.exists():
        pytest.skip("shared LICENSE or cameo_codes.tsv not present")
    spec = importlib.util.spec_from_file_location("derive_petrarch_verbs", REPO / "tools" / "derive_petrarch_verbs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0
