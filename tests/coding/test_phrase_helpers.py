"""The parse helpers of `coding/phrases.py` that stand in for walks over a phrase's whole subtree."""
from __future__ import annotations

import pytest

from newsevents.coding.parse_facts import facts_of, forget
from newsevents.coding.phrases import _conjuncts, _subtree
from newsevents.coding.syntax import conj_root

SENTENCES = [
    "Norway, Ireland and Spain recognised a Palestinian state on Tuesday.",
    "The leaders of Armenia and Azerbaijan met in Brussels and agreed to resume talks, officials said.",
    "U.S. and British warships struck Houthi radar sites, drone depots and missile launchers in Yemen.",
    "Police arrested protesters, journalists and a lawyer, and the army shelled villages and towns near the border.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_conjuncts_are_the_subtree_tokens_whose_conj_root_it_is(coder, text):
    doc = coder.nlp(text)
    for token in doc:
        expected = [c for c in token.subtree if c.dep_ == "conj" and conj_root(c) == token]
        assert _conjuncts(token) == expected, token.text


def test_conjuncts_of_a_list_of_countries(coder):
    doc = coder.nlp(SENTENCES[0])
    norway = next(t for t in doc if t.text == "Norway")
    assert [t.text for t in _conjuncts(norway)] == ["Ireland", "Spain"]
    assert _conjuncts(doc[2]) == []   # "Ireland" is itself a conjunct


@pytest.mark.parametrize("text", SENTENCES)
def test_subtree_indices_and_columns_match_spacy(coder, text):
    doc = coder.nlp(text)
    facts = facts_of(doc)
    try:
        assert facts.lowers == [t.lower_ for t in doc]
        for token in doc:
            assert list(facts.child_ids[token.i]) == [c.i for c in token.children]
            assert sorted(_subtree(token.i, facts.child_ids)) == [t.i for t in token.subtree]
    finally:
        forget(doc)
