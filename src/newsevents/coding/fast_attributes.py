"""The model's attribute ruler and rule lemmatizer as memoised lookups, with the same output (issue #12).

Why: in `en_core_web_sm` the `attribute_ruler` was the costliest component of the parse (about a third of its
CPU: `benchmarks/bench_lemma_lookup.py`). Its 179 Matcher patterns, mostly a tag map ("TAG NN -> POS NOUN,
MORPH Number=Sing") and word exceptions, use IN / NOT_IN / REGEX predicates that spaCy's Matcher evaluates in
Python at every token. Yet what the ruler does to a token is a function of a few of its attributes:

- the Matcher runs over the whole Doc before any attribute is set, so every pattern reads the parser's and
  tagger's output, never another pattern's;
- a one-token pattern reads only its token's attributes (here LOWER, TAG, DEP, IS_SPACE); the token's new
  attributes are its old ones overwritten by the attributes of every pattern it matches, in the patterns'
  order (the ruler sorts matches by pattern index: later patterns win);
- the few longer patterns ("gon na", "let 's", expletive "there is") are fixed sequences of token specs.

`FastAttributes` works that out from the ruler's own patterns (no table is shipped: it works on any text, and
a new model brings its own patterns) and memoises it. A token's key is the class of each attribute the
patterns only read (LOWER, IS_SPACE: values that pass the same tests share a class, memoised per value) and
the old values of the attributes they write (TAG, POS, MORPH, LEMMA, DEP: kept where no pattern sets them).
Per token that is two or three dict lookups; the results go back with one `Doc.from_array` per doc (which does
what `set_token_attrs` does for those five: it sets the token's fields; MORPH values are the ruler's
normalised hashes). Multi-token patterns are checked exactly where a token meets one of their specs, and
merged with the one-token results in the ruler's order. Memos are emptied past `MEMO_LIMIT` entries, so
memory stays bounded on any corpus (what was forgotten is worked out again, the same).

`compile_ruler` returns None for a ruler it cannot reproduce exactly (a predicate or attribute it does not
handle, a quantifier, extension attributes, attributes other than those five): the stock ruler stays then.

`FastLemmatizer` does the same for spaCy's rule lemmatizer, whose lemma is a function of the token's ORTH, POS
and MORPH (its own cache key): it asks the stock lemmatizer once per key and remembers the answer.

`use_fast_components(nlp)` swaps both into a loaded pipeline where it can; `benchmarks/bench_fast_attributes.py`
checks every token against the stock pipeline.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.strings import get_string_id

ATTRIBUTES_NAME = "newsevents_fast_attributes"
LEMMATIZER_NAME = "newsevents_fast_lemmatizer"

# Attributes a pattern may read: `Doc.to_array` gives the value the Matcher compares (`get_token_attr`).
# Not here: SENT_START / IS_SENT_START (the Matcher reads them differently), MORPH (its own normalisation).
STRING_ATTRS = frozenset(IDS[a] for a in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG",
                                          "POS", "DEP"))
FLAG_ATTRS = frozenset(IDS[a] for a in IDS if a.startswith(("IS_", "LIKE_")) and a != "IS_SENT_START")
# Attributes a pattern may set: token fields only (`set_token_attrs` also writes lexeme fields for others).
WRITABLE = frozenset((TAG, POS, MORPH, LEMMA, DEP))
# Entries a memo holds before it is emptied (each is worked out again when next needed): a bound on memory.
MEMO_LIMIT = 100_000


class Unsupported(Exception):
    """A pattern that the compiler cannot reproduce exactly."""


@dataclass(frozen=True)
class MultiPattern:
    """A fixed-length pattern of two or more tokens: the bit of each of its specs, which token it sets."""
    bits: tuple
    offset: int
    rule: int


def _tests(attr: int, value, strings) -> list:
    """The Matcher's test(s) for one `"ATTR": value` of a token spec, on the integer `Doc.to_array` gives."""
    if attr in FLAG_ATTRS:
        if not isinstance(value, bool):
            raise Unsupported(f"flag attribute {attr} with {value!r}")
        return [("eq", int(value))]
    if attr not in STRING_ATTRS:
        raise Unsupported(f"attribute {attr}")
    if isinstance(value, str):
        return [("eq", strings.add(value))]
    if not isinstance(value, dict) or not value:
        raise Unsupported(f"value {value!r}")
    tests = []
    for predicate, arg in value.items():
        if predicate in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, (str, int)) for v in arg):
            tests.append((predicate, frozenset(get_string_id(v) for v in arg)))
        elif predicate == "REGEX" and isinstance(arg, str):
            tests.append(("REGEX", re.compile(arg)))
        else:
            raise Unsupported(f"predicate {predicate}")
    return tests


def _spec(token_spec: dict, strings) -> dict:
    """One token spec of a Matcher pattern as {attribute id: its tests}."""
    tests: dict = {}
    for key, value in token_spec.items():
        name = key.upper() if isinstance(key, str) else key
        name = "ORTH" if name == "TEXT" else name
        attr = IDS.get(name) if isinstance(name, str) else name
        if attr is None or name in ("OP", "_") or attr in tests:
            raise Unsupported(f"key {key!r}")
        tests[attr] = _tests(attr, value, strings)
    return tests


def _passes(tests: list, value: int, strings) -> bool:
    for kind, arg in tests:
        if kind == "eq":
            ok = value == arg
        elif kind == "IN":
            ok = value in arg
        elif kind == "NOT_IN":
            ok = value not in arg
        else:
            ok = arg.search(strings[value]) is not None
        if not ok:
            return False
    return True


class CompiledRuler:
    """An AttributeRuler's patterns, compiled. Each token spec of each pattern is a bit; a token's mask has
    the bits of the specs it meets, worked out per attribute value (`_mask`) and combined per key (`row`)."""

    def __init__(self, ruler):
        self.strings = strings = ruler.vocab.strings
        self.rules: list[dict] = []         # per pattern index: {attr id: value}, as set_token_attrs gets them
        singles: list[tuple] = []          # (spec, pattern index) of the one-token patterns
        multis: list[tuple] = []           # (specs, target offset, pattern index) of the longer ones
        for rule, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            if not set(attrs) <= WRITABLE:
                raise Unsupported(f"pattern {rule} sets {sorted(attrs, key=str)}")
            self.rules.append(dict(attrs))
            for pattern in ruler.matcher.get(str(rule))[1]:
                if not pattern or not -len(pattern) <= index < len(pattern):
                    raise Unsupported(f"pattern {rule}: empty, or index {index} outside it")
                specs_ = [_spec(token_spec, strings) for token_spec in pattern]
                if len(pattern) == 1:
                    singles.append((specs_[0], rule))
                else:
                    multis.append((specs_, index % len(pattern), rule))
        if not self.rules:
            raise Unsupported("no patterns")
        # The longer patterns' specs take the low bits, so that a token's bits for them fit in a uint64 column.
        specs: list[dict] = [s for specs_, _, _ in multis for s in specs_]
        if len(specs) > 63:
            raise Unsupported(f"{len(specs)} token specs in multi-token patterns")
        self.multi: list[MultiPattern] = []
        first = 0
        for specs_, offset, rule in multis:
            self.multi.append(MultiPattern(tuple(1 << (first + k) for k in range(len(specs_))), offset, rule))
            first += len(specs_)
        self.multi_mask = (1 << len(specs)) - 1
        self.spec_rule: list = [None] * len(specs) + [rule for _, rule in singles]
        specs += [s for s, _ in singles]
        self.single_mask = ((1 << len(specs)) - 1) ^ self.multi_mask
        read = sorted({a for s in specs for a in s})
        self.written = sorted({a for r in self.rules for a in r})
        # A token's key: for each attribute the patterns only read (LOWER, IS_SPACE), the class of its value
        # (values that pass the same tests share a class); then the old values of the attributes they write
        # (kept where no pattern sets them; TAG and DEP are also read).
        self.classed = [a for a in read if a not in self.written]
        self.key_attrs = self.classed + self.written
        self._read_raw = [(len(self.classed) + self.written.index(a), a) for a in read if a in self.written]
        # Per read attribute: the specs that do not test it (met by any value), equality tests by value, the rest.
        self._free = {a: sum(1 << i for i, s in enumerate(specs) if a not in s) for a in read}
        self._equal: dict = {a: {} for a in read}
        self._other: dict = {a: [] for a in read}
        for i, s in enumerate(specs):
            for a, tests in s.items():
                if len(tests) == 1 and tests[0][0] == "eq":
                    self._equal[a][tests[0][1]] = self._equal[a].get(tests[0][1], 0) | 1 << i
                else:
                    self._other[a].append((1 << i, tests))
        self.masks: dict = {a: _Memo(partial(self._mask, a)) for _, a in self._read_raw}   # value -> mask
        self.classes: dict = {a: _Memo(partial(self._class, a)) for a in self.classed}     # value -> class
        self._class_masks: dict = {a: [] for a in self.classed}                            # class -> mask
        self._class_of_mask: dict = {a: {} for a in self.classed}

    def _mask(self, attr: int, value: int) -> int:
        """The specs whose tests on `attr` this value passes (those that do not test it included)."""
        m = self._free[attr] | self._equal[attr].get(value, 0)
        for bit, tests in self._other[attr]:
            if _passes(tests, value, self.strings):
                m |= bit
        return m

    def _class(self, attr: int, value: int) -> int:
        m = self._mask(attr, value)
        known = self._class_of_mask[attr]
        if m not in known:
            known[m] = len(self._class_masks[attr])
            self._class_masks[attr].append(m)
        return known[m]

    def matched(self, key: tuple) -> int:
        """The bits of the specs a token with this key meets."""
        m = -1
        for i, attr in enumerate(self.classed):
            m &= self._class_masks[attr][key[i]]
        for i, attr in self._read_raw:
            m &= self.masks[attr][key[i]]
        return m

    def rules_of(self, matched: int) -> set:
        """The one-token patterns whose specs are among these bits."""
        m = matched & self.single_mask
        found = set()
        while m:
            low = m & -m
            found.add(self.spec_rule[low.bit_length() - 1])
            m ^= low
        return found

    def values(self, key: tuple, rules) -> tuple:
        """The written attributes' values after these patterns, applied in the ruler's order (later wins)."""
        row = dict(zip(self.written, key[len(self.classed):]))
        for rule in sorted(rules):
            row.update(self.rules[rule])
        return tuple(row[a] for a in self.written)

    def row(self, key: tuple) -> bytes:
        """A token with this key: the written attributes' values after the one-token patterns, then the bits of
        the specs of longer patterns it meets; as a uint64 row."""
        matched = self.matched(key)
        row = self.values(key, self.rules_of(matched)) + (matched & self.multi_mask,)
        return numpy.array(row, dtype=numpy.uint64).tobytes()


class _Memo(dict):
    """key -> compute(key), worked out the first time the key is seen."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


class FastAttributes:
    """The spaCy component standing in for an AttributeRuler that `CompiledRuler` compiled."""

    def __init__(self, compiled: CompiledRuler, limit: int = MEMO_LIMIT):
        self.compiled, self.limit = compiled, limit
        self.memo = _Memo(compiled.row)

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        c = self.compiled
        for memo in (self.memo, *c.classes.values(), *c.masks.values()):
            if len(memo) > self.limit:   # memory stays bounded on any corpus; forgetting changes no output
                memo.clear()
        columns = doc.to_array(c.key_attrs).reshape(n, -1).T.tolist()
        for j, attr in enumerate(c.classed):
            columns[j] = list(map(c.classes[attr].__getitem__, columns[j]))
        keys = list(zip(*columns))
        rows = numpy.frombuffer(b"".join(map(self.memo.__getitem__, keys)), dtype=numpy.uint64).reshape(n, -1)
        if c.multi and rows[:, -1].any():
            rows = rows.copy()
            self._longer_patterns(keys, rows)
        doc.from_array(c.written, rows[:, :-1])
        return doc

    def _longer_patterns(self, keys: list, rows) -> None:
        """Where a multi-token pattern matches, its target token gets the one-token patterns' attributes and
        the pattern's merged in the ruler's order."""
        c = self.compiled
        flagged = numpy.flatnonzero(rows[:, -1])
        met = dict(zip(flagged.tolist(), rows[flagged, -1].tolist()))
        extra: dict = {}
        n = len(keys)
        for p in c.multi:
            first, length = p.bits[0], len(p.bits)
            for start, bits in met.items():
                if bits & first and start + length <= n and \
                        all(met.get(start + k, 0) & p.bits[k] for k in range(1, length)):
                    extra.setdefault(start + p.offset, set()).add(p.rule)
        for i, rules in extra.items():
            rows[i, :-1] = c.values(keys[i], c.rules_of(c.matched(keys[i])) | rules)


class FastLemmatizer:
    """The spaCy component standing in for a rule-mode Lemmatizer: its lemma of a token is a function of the
    token's ORTH, POS and MORPH (its own cache key), asked once per key."""

    def __init__(self, lemmatizer, limit: int = MEMO_LIMIT):
        self.lemmatizer, self.limit = lemmatizer, limit
        self.overwrite = lemmatizer.overwrite
        self.strings = lemmatizer.vocab.strings
        self.memo: dict = {}
        self.check_memo = False   # set when a memory zone ended: drop the entries whose lemma went with it

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        if self.check_memo:
            self.memo = {key: lemma for key, lemma in self.memo.items() if lemma in self.strings}
            self.check_memo = False
        memo, overwrite = self.memo, self.overwrite
        if len(memo) > self.limit:
            memo.clear()
            self.lemmatizer.cache.clear()   # the stock lemmatizer's own (unbounded) memo of its rule lemmas
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(value)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc

    @contextmanager
    def memory_zone(self, mem=None) -> Iterator[None]:
        """Part of spaCy's `nlp.memory_zone()`: a lemma first added to the strings inside the zone is gone
        after it, so its memo entries must go too (they would hand a later doc a hash without a string). The
        strings are cleared after the components' zones end, so the memo is checked at the next doc."""
        try:
            yield
        finally:
            self.check_memo = True


def compile_ruler(ruler) -> CompiledRuler | None:
    """The ruler compiled, or None where it holds a pattern the compiler cannot reproduce exactly."""
    try:
        return CompiledRuler(ruler)
    except Unsupported:
        return None


def lemmatizer_supported(lemmatizer) -> bool:
    """Whether a lemmatizer is spaCy's rule lemmatizer (or the English one) with its tables: then its lemma is
    a function of ORTH, POS and MORPH."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer) or lemmatizer.mode != "rule":
        return False
    required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
    return all(t in lemmatizer.lookups for t in required)


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(ATTRIBUTES_NAME):
        return

    @Language.factory(ATTRIBUTES_NAME, default_config={"source": "attribute_ruler"})
    def make_fast_attributes(nlp, name, source):
        compiled = CompiledRuler(nlp.get_pipe(source))   # raises Unsupported: use_fast_components checks first
        return FastAttributes(compiled)

    @Language.factory(LEMMATIZER_NAME, default_config={"source": "lemmatizer"})
    def make_fast_lemmatizer(nlp, name, source):
        return FastLemmatizer(nlp.get_pipe(source))


def use_fast_components(nlp) -> list[str]:
    """Swap the model's attribute ruler and lemmatizer for the memoised ones where they give the same output;
    returns the names of the components swapped."""
    _register()
    swapped = []
    for stock, fast, usable in (("attribute_ruler", ATTRIBUTES_NAME, lambda p: compile_ruler(p) is not None),
                                ("lemmatizer", LEMMATIZER_NAME, lemmatizer_supported)):
        if stock in nlp.pipe_names and usable(nlp.get_pipe(stock)):
            nlp.add_pipe(fast, before=stock, config={"source": stock})
            nlp.remove_pipe(stock)
            swapped.append(stock)
    return swapped
