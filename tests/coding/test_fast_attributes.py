"""The memoised attribute ruler and lemmatizer (coding/fast_attributes.py) give the stock components' output."""
from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from newsevents.coding.fast_attributes import (ATTRIBUTES_NAME, LEMMATIZER_NAME, CompiledRuler, FastAttributes,
                                               FastLemmatizer, compile_ruler, use_fast_components)
from newsevents.coding.nlp import load_pipeline

COMPARED = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]

SENTENCES = [
    "We're gonna win, and I ain't kidding: let's go!",
    "There is no deal; there's hope, y'all.",
    "C'mon, we gotta leave now.\n\nThere were protests in Kyiv.",
    "Is there a plan? Are there any talks? Was there a vote?",
    "Y'all gonna come? Let's.",
    "KYIV, Ukraine (AP) — Russian forces struck a hypermarket in Kharkiv on Saturday, officials said.",
    "“We will not yield,” Mr. O'Neil's   spokesperson said\ton 3 March 2024, adding that 1,200 troops moved 45km.",
    "BREAKING: NATO SAYS IT WILL RESPOND -- see https://example.org/x?y=1 #breaking @user 🙂",
    "The minister, who didn't attend, won't comment; she'd said they'd've agreed.\n \n",
    "Hamas and Israel's cabinet agreed to a truce, but the U.S.-brokered talks (in Doha) stalled.",
    "  \n\n  ",
    "",
]


@pytest.fixture(scope="module")
def stock():
    from newsevents.settings import SETTINGS

    return load_pipeline(SETTINGS["model"].value, fast_attributes=False)


def test_the_coder_runs_the_fast_components_in_place_of_the_stock_ones(coder, stock):
    names = coder.nlp.pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    swapped = {"attribute_ruler": ATTRIBUTES_NAME, "lemmatizer": LEMMATIZER_NAME}
    assert [swapped.get(n, n) for n in stock.pipe_names] == names
    assert names.index(ATTRIBUTES_NAME) == names.index("parser") + 1


@pytest.mark.parametrize("text", SENTENCES)
def test_every_token_equals_the_stock_pipeline(coder, stock, text):
    a, b = stock(text), coder.nlp(text)
    assert [t.text for t in a] == [t.text for t in b]
    differ = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, u.tag_, u.pos_, str(u.morph), u.lemma_, u.dep_)
              for t, u in zip(a, b) if not numpy.array_equal(a.to_array(COMPARED)[t.i], b.to_array(COMPARED)[u.i])]
    assert differ == []


@pytest.mark.parametrize("text, word, attr, value", [
    ("We're gonna win.", "na", "lemma_", "to"),        # "gon na": a two-token pattern sets the second token
    ("We're gonna win.", "gon", "lemma_", "go"),
    ("Let's go!", "'s", "lemma_", "us"),
    ("There is no deal.", "is", "pos_", "VERB"),     # expletive "there is": the verb is no auxiliary
    ("I ain't kidding.", "ai", "lemma_", "be"),
    ("The talks were held.", "were", "pos_", "AUX"),
    ("The talks were held.", "talks", "morph", "Number=Plur"),
    ("Officials met.\n\nThen they left.", "\n\n", "pos_", "SPACE"),
])
def test_the_patterns_are_applied(coder, word, text, attr, value):
    [token] = [t for t in coder.nlp(text) if t.text == word]
    assert str(getattr(token, attr)) == value


def test_memos_emptied_when_full_give_the_same_output(stock):
    """With memos of 5 entries (emptied at every doc), the components still give the stock ones' output."""
    ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
    fast = [FastAttributes(CompiledRuler(ruler), limit=5), FastLemmatizer(lemmatizer, limit=5)]
    after_parser = stock.pipe_names[stock.pipe_names.index("attribute_ruler"):]
    docs = list(stock.pipe([s for s in SENTENCES * 2 if s.strip()], disable=after_parser))
    for doc in docs:
        a, b = lemmatizer(ruler(doc.copy())), fast[1](fast[0](doc.copy()))
        assert a.to_array(COMPARED).tolist() == b.to_array(COMPARED).tolist(), doc.text
    for component in fast:   # emptied before the last doc: what it holds is at most that doc's keys
        assert 0 < len(component.memo) <= len(docs[-1])


# A ruler of another shape than the model's: negative indices, a three-token pattern, patterns overlapping
# and overriding each other, REGEX / IN / NOT_IN / flag tests, MORPH and LEMMA set.
OTHER_RULER = [
    {"patterns": [[{"IS_ALPHA": True}]], "attrs": {"POS": "X", "MORPH": "Foreign=Yes"}},
    {"patterns": [[{"TEXT": {"REGEX": "^[A-Z]{2,}$"}}]], "attrs": {"POS": "PROPN", "MORPH": "Abbr=Yes"}},
    {"patterns": [[{"LOWER": "new"}, {"IS_TITLE": True}]], "attrs": {"TAG": "NNP", "LEMMA": "New"}, "index": -1},
    {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}, {"IS_ALPHA": True}, {"IS_PUNCT": True}]],
     "attrs": {"LEMMA": "last-before-punct"}, "index": 1},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a", "new"]}, "IS_ALPHA": True, "IS_LOWER": True}]],
     "attrs": {"LEMMA": "lower"}},
    {"patterns": [[{"ORTH": "York"}], [{"SHAPE": "dddd"}]], "attrs": {"DEP": "npadvmod", "POS": "NOUN"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}},
]
OTHER_TEXTS = ["New York and NEW Delhi met the press.", "In 2024 a new York was built a day.\n\nThe END",
               "new new New York", "the a, the cat. A dog!"]


def blank_with_ruler(patterns):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


def test_another_ruler_is_compiled_with_the_same_output():
    stock, fast = blank_with_ruler(OTHER_RULER), blank_with_ruler(OTHER_RULER)
    assert use_fast_components(fast) == ["attribute_ruler"]
    assert fast.pipe_names == [ATTRIBUTES_NAME]
    for text in OTHER_TEXTS:
        a, b = stock(text), fast(text)
        assert a.to_array(COMPARED).tolist() == b.to_array(COMPARED).tolist(), text
    doc = fast("new New York")
    assert [t.lemma_ for t in doc] == ["", "New", "New"] and doc[2].dep_ == "npadvmod"


@pytest.mark.parametrize("pattern", [
    {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "NOUN"}},          # a comparison predicate
    {"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}},         # a quantifier
    {"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "an"}},                    # an attribute it does not set
    {"patterns": [[{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"IS_SENT_START": True}]], "attrs": {"POS": "X"}},
])
def test_a_ruler_the_compiler_cannot_reproduce_stays(pattern):
    nlp = blank_with_ruler(OTHER_RULER[:2] + [pattern])
    assert compile_ruler(nlp.get_pipe("attribute_ruler")) is None
    assert use_fast_components(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]
