"""What the rules read off a parsed Doc again and again, read once per Doc: each token's children and the
sentence it sits in.

spaCy makes a new `Token` object for every `doc[i]` and for every child its `children` generator yields, and
`token.sent` walks the sentence boundaries each time it is asked (about 2 and 8 microseconds): the stages ask
about the same few tokens of a sentence dozens of times. The facts are kept in the Doc's `user_data` (so they
live and die with the Doc; the Coder drops them when it has coded the Doc), and they are only valid for a
Doc whose parse no longer changes, which is the case once the pipeline has run.

The children are the same `Token`s in the same order as `token.children` (every token whose head it is,
left to right); spaCy compares tokens by Doc and index, so a kept `Token` is as good as a new one.
"""
from __future__ import annotations

import functools

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

KEY = "newsevents.parse_facts"


class ParseFacts:
    """The tokens of one Doc, each one's children (as tuples of tokens) and its sentence's bounds."""

    __slots__ = ("doc", "tokens", "children", "child_ids", "sent_start", "sent_end", "_sentences", "_text", "_texts",
                 "_lowers", "_columns", "memo")

    def __init__(self, doc):
        self.doc = doc
        self.tokens = tokens = list(doc)
        children: list[list] = [[] for _ in tokens]
        child_ids: list[list[int]] = [[] for _ in tokens]
        # each token's head as an offset from it, read in one pass (`to_array` gives it as unsigned)
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:
                children[i + offset].append(tokens[i])
                child_ids[i + offset].append(i)
        self.children = list(map(tuple, children))
        self.child_ids = child_ids   # the children's indices, for walks over indices (not to be changed)
        self.sent_start = self.sent_end = None   # read when first asked (a Doc may have no sentences)
        self._sentences: dict[int, tuple] = {}   # sentence start -> (Span, its text), made when first asked
        self._text = self._texts = self._lowers = None   # the text, each token's text and lower_, read when asked
        self._columns = None   # each token's pos_, dep_ and lower-cased lemma_, read when first asked
        self.memo: dict[tuple, object] = {}   # (function, token index) -> its value (`per_token`)

    def bounds(self, i: int) -> tuple[int, int]:
        """The start and end of the sentence token `i` sits in."""
        if self.sent_start is None:
            self.sent_start, self.sent_end = [0] * len(self.tokens), [0] * len(self.tokens)
            for sent in self.doc.sents:
                for j in range(sent.start, sent.end):
                    self.sent_start[j], self.sent_end[j] = sent.start, sent.end
        return self.sent_start[i], self.sent_end[i]

    def sentence(self, i: int):
        """The sentence (a Span) token `i` sits in, and its text."""
        start = self.bounds(i)[0]
        found = self._sentences.get(start)
        if found is None:
            end = self.sent_end[i]
            found = self._sentences[start] = (self.doc[start:end], span_text(self.doc, start, end))
        return found


    @property
    def text(self) -> str:
        """`doc.text`: each token's text and its trailing space, joined (spaCy makes every token to join it)."""
        if self._text is None:
            spaces = self.doc.to_array(SPACY).tolist()
            self._text = "".join([text + " " if space else text for text, space in zip(self.texts, spaces)])
        return self._text

    def columns(self) -> tuple[list[str], list[str], list[str]]:
        """Each token's `pos_`, `dep_` and `lemma_.lower()`, for the loops over a whole sentence (read as numbers
        in one pass, and named as spaCy's properties name them)."""
        if self._columns is None:
            strings = self.doc.vocab.strings
            pos, dep, lemma = self.doc.to_array([POS, DEP, LEMMA]).reshape(len(self.tokens), 3).T.tolist()
            self._columns = (_names(pos, POS_NAMES.__getitem__), _names(dep, strings.__getitem__),
                             _names(lemma, lambda number: strings[number].lower()))
        return self._columns

    @property
    def texts(self) -> list[str]:
        """Each token's text (`orth_`)."""
        if self._texts is None:
            self._texts = _names(self.doc.to_array(ORTH).tolist(), self.doc.vocab.strings.__getitem__)
        return self._texts

    @property
    def lowers(self) -> list[str]:
        """Each token's `lower_`."""
        if self._lowers is None:
            self._lowers = _names(self.doc.to_array(LOWER).tolist(), self.doc.vocab.strings.__getitem__)
        return self._lowers


def _names(numbers: list[int], name_of) -> list[str]:
    """The strings of a column of numbers (`name_of` called once for each distinct number)."""
    names = {number: name_of(number) for number in set(numbers)}
    return [names[number] for number in numbers]


def facts_of(doc) -> ParseFacts:
    facts = doc.user_data.get(KEY)
    if facts is None:
        facts = doc.user_data[KEY] = ParseFacts(doc)
    return facts


def forget(doc) -> None:
    """Drop a Doc's facts (the Coder calls it when it is done with the Doc: nothing of ours stays on it)."""
    doc.user_data.pop(KEY, None)


def children(token) -> tuple:
    """`token.children` as a tuple, read once per Doc."""
    doc = token.doc
    facts = doc.user_data.get(KEY) or facts_of(doc)   # (facts_of inlined: this is called the most)
    return facts.children[token.i]


def sentence_of(token):
    """`token.sent`, made once per sentence."""
    return facts_of(token.doc).sentence(token.i)[0]


def sentence_text(token) -> str:
    """`token.sent.text`, read once per sentence."""
    return facts_of(token.doc).sentence(token.i)[1]


def sentence_bounds(token) -> tuple[int, int]:
    """`(token.sent.start, token.sent.end)`."""
    return facts_of(token.doc).bounds(token.i)


def per_token(function):
    """Memoise `function(token)`, a function of the parse alone whose value is not changed by its callers (a
    token, None, or an immutable value): computed once per token of a Doc, kept in the Doc's facts. (None, for
    functions that take it, is passed on.)"""
    @functools.wraps(function)
    def once_per_token(token):
        if token is None:
            return function(token)
        doc = token.doc
        memo = (doc.user_data.get(KEY) or facts_of(doc)).memo
        key = (function, token.i)
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = function(token)
            return value
    return once_per_token


def doc_text(doc) -> str:
    """`doc.text`, joined once per Doc."""
    return facts_of(doc).text


def token_texts(tokens) -> list[str]:
    """`[t.text for t in tokens]`, read once per Doc for a Doc or a Span."""
    if isinstance(tokens, Span):
        return facts_of(tokens.doc).texts[tokens.start:tokens.end]
    if isinstance(tokens, Doc):
        return list(facts_of(tokens).texts)
    return [t.text for t in tokens]


def span_text(doc, start: int, end: int) -> str:
    """`doc[start:end].text` (the text from the first token to the end of the last, its trailing space left
    out), sliced out of the Doc's text: a token's text starts at its `idx` and runs on into the next token's."""
    if end <= start:
        return ""
    facts = facts_of(doc)
    last = facts.tokens[end - 1]
    return facts.text[facts.tokens[start].idx:last.idx + len(last)]


def sentence_columns(sent) -> tuple[list, list[str], list[str], list[str]]:
    """The tokens of a sentence (a Span) with their `pos_`, `dep_` and `lemma_.lower()`, as four lists."""
    facts = facts_of(sent.doc)
    pos, dep, lemma = facts.columns()
    start, end = sent.start, sent.end
    return facts.tokens[start:end], pos[start:end], dep[start:end], lemma[start:end]
