"""A user's own dictionaries (`--verbs`, `--actors`) extend the coder, in our TSV and in PETRARCH's formats."""
from __future__ import annotations

import datetime as dt

import pytest

from newsevents.coding.pipeline import Coder

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
