"""A user's own dictionaries (`--verbs`, `--actors`) extend the coder, in our TSV and in PETRARCH's formats."""
from __future__ import annotations

import datetime as dt

import pytest

from newsevents.coding.pipeline import Coder
from project_paths import SHARED

SENTENCE = "Ruritania snubbed Freedonia at the summit on Tuesday."


@pytest.fixture(scope="module")
def nlp(coder):
    return coder.nlp   # reuse the session's loaded spaCy pipeline


def _triples(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.modality == "asserted"}


def test_without_user_dictionaries_unknown_words_code_nothing(coder):
    assert not coder.code(SENTENCE, published="2024-05-15", include_all=False)


def test_user_verb_table_and_actor_table(nlp, tmp_path):
    verbs = tmp_path / "my_verbs.tsv"
    verbs.write_text("lemma\tparticle\tprep\tobjects\tcode\nsnub\t\t\t\t111\n", encoding="utf-8")
    actors = tmp_path / "my_actors.tsv"
    actors.write_text("name\taliases\tcountry\trole\ttitle\tstart\tend\n"
                      "Ruritania\t\tRUR\tGOV\tstate\t\t\nFreedonia\t\tFRD\tGOV\tstate\t\t\n", encoding="utf-8")
    coder = Coder(verbs=[verbs], actors=[actors], nlp=nlp)
    events = coder.code(SENTENCE, published="2024-05-15", include_all=False)
    assert ("RURGOV", "FRDGOV", "111") in _triples(events)
    event = next(e for e in events if e.cameo == "111")
    assert event.rule.startswith("my_verbs.tsv:")          # the evidence names the user's rule
    assert event.date.date == dt.date(2024, 5, 14)           # "on Tuesday" before Wednesday 2024-05-15


def test_user_dictionaries_in_petrarch_format(nlp, tmp_path):
    verbs = tmp_path / "CAMEO.user.txt"
    verbs.write_text("####### VERB PATTERNS #######\n\n---  SNUB   [111]  ---\nSNUB\n- * DELEGATION  [1122]\n",
                     encoding="utf-8")
    actors = tmp_path / "user.actors.txt"
    actors.write_text("RURITANIA_ [RUR]\nFREEDONIA_ [FRD]\n", encoding="utf-8")
    coder = Coder(verbs=[verbs], actors=[actors], nlp=nlp)
    assert ("RUR", "FRD", "111") in _triples(coder.code(SENTENCE, published="2024-05-15"))


# ---------------------------------------------------------------------------------------------- bad entries (#11)

BAD_PETRARCH = """####### VERB PATTERNS #######

---  SNUB   [111]  ---
SNUB
- * DELEGATION  [1122]
- * ENVOY
%%% not a line of the format
- * SUMMIT  [9999]

---  SLIGHT   [111]  ---
SLIGHT
"""


def test_user_verb_file_with_bad_lines_and_unknown_codes_loads_the_rest(nlp, tmp_path, caplog):
    verbs = tmp_path / "CAMEO.bad.txt"
    verbs.write_text(BAD_PETRARCH, encoding="utf-8")
    with caplog.at_level("WARNING", logger="newsevents.coding.lexicon.verbs"):
        coder = Coder(verbs=[verbs], actors=[], nlp=nlp)
    warnings = [r.getMessage() for r in caplog.records if "CAMEO.bad.txt" in r.getMessage()]
    assert len(warnings) == 1                                    # one summary line per file
    assert "2 unreadable lines" in warnings[0] and "1 rules with an unknown CAMEO code (9999)" in warnings[0]
    assert "line 6: pattern without a [code]" in warnings[0]     # the first examples, with their lines
    rules = {r.id: r.code for tier in coder.lexicon.verbs.tiers[:1] for rs in tier.values() for r in rs}
    assert set(rules.values()) == {"111", "1122"}                  # the good rules of both blocks loaded


def test_user_verb_table_with_bad_rows_loads_the_rest(nlp, tmp_path, caplog):
    verbs = tmp_path / "my_verbs.tsv"
    verbs.write_text("lemma\tparticle\tprep\tobjects\tcode\nsnub\t\t\t\t111\nslight\t\t\t\t\n"
                     "rebuff\t\t\t\tx y\nscorn\t\t\t\t9999\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="newsevents.coding.lexicon.verbs"):
        coder = Coder(verbs=[verbs], actors=[], nlp=nlp)
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "2 unreadable lines and 1 rules with an unknown CAMEO code (9999)" in message
    assert set(coder.lexicon.verbs.tiers[0]) == {"snub"}


def test_builtin_tables_still_fail_loudly_on_an_unknown_code(monkeypatch):
    from newsevents.coding.lexicon import verbs as verbs_module
    from newsevents.coding.lexicon.cameo import CameoTable
    from newsevents.coding.lexicon.conventions import ConventionTables
    from newsevents.coding.lexicon.records import VerbRule
    from newsevents.coding.lexicon.tsv import DataFileError

    bad = VerbRule(id="x", lemma="x", code="9999", particle="", prep="", objects=(), source="builtin")
    monkeypatch.setattr(verbs_module, "read_verb_table", lambda *a, **k: [bad])
    cameo = CameoTable.load()
    with pytest.raises(DataFileError, match="unknown CAMEO code 9999"):
        verbs_module.VerbLexicon.load(cameo, ConventionTables.load(cameo), use_petrarch=False)


@pytest.mark.skipif(not (SHARED / "petrarch" / "CAMEO.2.0.txt").is_file(), reason="needs ../shared/petrarch")
def test_petrarch2_dictionaries_load_as_the_readme_promises(nlp, caplog):
    """PETRARCH2's CAMEO.2.0.txt (3 lines use CAMEO 1213, one 176: left out and reported) and the Phoenix
    actor files load, and the coder codes with them."""
    petrarch = SHARED / "petrarch"
    actors = [petrarch / f"Phoenix.{name}.actors.txt" for name in ("Countries", "International", "MilNonState")]
    with caplog.at_level("WARNING", logger="newsevents.coding.lexicon.verbs"):
        coder = Coder(verbs=[petrarch / "CAMEO.2.0.txt"], actors=actors, nlp=nlp)
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "unknown CAMEO code (1213, 176) left out" in message
    events = coder.code("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.", published="2024-05-15")
    assert ("RUSMIL", "UKR", "190") in {(e.source.code, e.target.code[:3], e.cameo) for e in events}


def test_bad_actor_entries_are_left_out_and_reported(tmp_path, nlp, caplog):
    """A broken line or an unusable code costs that entry only; the rest of the file loads."""
    from newsevents.coding.pipeline import Coder

    phoenix = tmp_path / "mine.actors.txt"
    phoenix.write_text("[RUR] stray code before any name\nRURITANIA_ [RUR]\nFREEDONIA_ [FRD]\nGRAUSTARK_ [GRS]\n+ \n"
                       "NOWHERE_ [12]\n", encoding="utf-8")
    table = tmp_path / "mine.tsv"
    table.write_text("name\taliases\tcountry\trole\ttitle\tstart\tend\nSylvania\t\tSYL\tGOV\tstate\t\t\n"
                     "Bad Date Land\t\tBDL\tGOV\tstate\tyesterday\t\nLowercase\t\tlow\tGOV\tstate\t\t\n",
                     encoding="utf-8")
    with caplog.at_level("WARNING"):
        coder = Coder(actors=[phoenix, table], nlp=nlp)
    warnings = [r.getMessage() for r in caplog.records if "actor dictionary" in r.getMessage()]
    assert any("mine.actors.txt: 3 entries left out, 2 loaded" in w for w in warnings), warnings
    assert any("mine.tsv: 2 entries left out, 1 loaded" in w for w in warnings), warnings
    events = coder.code("Ruritania condemned Freedonia on Monday. Sylvania criticized Freedonia.", "2024-05-15",
                        include_all=False)
    assert {(e.source.country, e.target.country) for e in events} >= {("RUR", "FRD"), ("SYL", "FRD")}
