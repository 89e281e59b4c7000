"""Event triggers: verb patterns and event nouns -> CAMEO codes, with the id of the rule that fired.

Three tiers of verb rules, tried in order: a user's dictionary (`--verbs FILE`, PETRARCH format or our TSV),
the built-in `verbs.tsv`, then the PETRARCH2-derived `verbs_petrarch.tsv`. Within a tier the most specific
matching rule wins (particle, preposition and object constraints count).
"""
from __future__ import annotations

import copy
import dataclasses
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from newsevents.coding.english import PACKAGE_NOUNS, VERB_IDIOM_PHRASES
from newsevents.coding.parse_facts import children, facts_of
from newsevents.coding.time_words import names_a_time
from newsevents.coding.lexicon.cameo import CameoTable
from newsevents.coding.lexicon.conventions import ConventionTables
from newsevents.coding.lexicon.dictionary_format import UNREADABLE, ReadReport
from newsevents.coding.lexicon.petrarch_verbs import read_verb_dictionary
from newsevents.coding.lexicon.records import NounRule, VerbRule
from newsevents.coding.lexicon.tsv import (
    DataFileError,
    read_table,
    read_word_list,
    split_list,
)
from newsevents.coding.lexicon.verb_table import read_verb_table
from newsevents.coding.syntax import direct_object, object_head

LOG = logging.getLogger(__name__)
SHOWN_PROBLEMS = 3   # examples in the one-line report of a user's dictionary

def _data(name: str):
    return resources.files("newsevents.coding").joinpath("data", name)


def _specificity(rule: VerbRule) -> int:
    # Two-word objects ("peacekeeping force") are more specific than their head alone ("force").
    return 2 * bool(rule.particle) + 2 * bool(rule.prep) + 3 * bool(rule.objects) + \
        any(" " in o for o in rule.objects)


@dataclass(frozen=True, slots=True)
class VerbShape:
    """What verb rules test, read off the parse once per verb: particles, prepositions with their objects'
    lemmas, and the direct object's lemma."""

    particles: frozenset
    preps: dict
    obj: frozenset

    @classmethod
    def of(cls, verb) -> "VerbShape":
        _, dep, lemma = facts_of(verb.doc).columns()   # each token's dep_ and lemma_.lower(), read once per Doc
        particles, preps = set(), {}
        kids = list(children(verb))
        for c in kids:
            if dep[c.i] == "prt" or (dep[c.i] == "prep" and c.lower_ in ("out", "off", "away") and any(
                    dep[p.i] == "prep" and p.lower_ in ("of", "from") for p in children(c))):
                particles.add(c.lower_)   # (spaCy makes "out" in "forced X out of the country" a preposition)
                if dep[c.i] == "prep":    # ... and its "of" the verb's: "pulled out of the talks"
                    kids.extend(p for p in children(c) if dep[p.i] == "prep" and p.lower_ in ("of", "from"))
            elif dep[c.i] in ("prep", "dative", "agent"):
                pobjs = [p for p in children(c) if dep[p.i] == "pobj"]
                if pobjs and all(names_a_time(p) for p in pobjs):
                    continue   # "marched into the city on Monday" is no "march on"
                objs = preps.setdefault(c.lower_, set())
                for p in children(c):
                    if dep[p.i] == "pobj":
                        objs.update(_held(object_head(p), dep, lemma))
                    elif c.lower_ == "as" and dep[p.i] in ("amod", "acomp"):   # "described it as unacceptable"
                        objs.add(lemma[p.i])
            elif dep[c.i] == "oprd":   # "called the authorities illegitimate": read as "as illegitimate"
                preps.setdefault("as", set()).update(
                    lemma[t.i] for t in (c, *children(c)) if dep[t.i] in ("oprd", "amod", "compound"))
        obj = direct_object(verb)
        if obj is None and any(dep[c.i] == "ccomp" and any(dep[m.i] == "mark" and m.lower_ == "that"
                                                            for m in children(c)) for c in kids):
            preps.setdefault("that", set())   # "charged that Kuwait had stolen oil": a row's "+that" (a charge made)
        for c in children(obj) if obj is not None else ():   # "set the embassy on fire": the verb's phrase
            for p in children(c):
                if dep[c.i] == "prep" and dep[p.i] == "pobj" and (c.lower_, lemma[p.i]) in VERB_IDIOM_PHRASES:
                    preps.setdefault(c.lower_, set()).add(lemma[p.i])
        if obj is None:   # "allowed aid trucks to enter Gaza": the small clause's subject is the object
            clause = next((c for c in children(verb) if dep[c.i] in ("ccomp", "xcomp")), None)
            obj = next((c for c in children(clause) if dep[c.i] == "nsubj"), None) if clause is not None else None
        objs = set()
        first = obj if obj is not None else next((c for c in kids if dep[c.i] == "dative"), None)
        if first is not None:   # "gave the junta a week to ...": spaCy makes the second object an adverbial
            objs.update(lemma[c.i] for c in kids if dep[c.i] == "npadvmod" and c.i > first.i)
        if obj is not None:   # the head lemma, and "modifier head" ("chemical weapon", "nerve agent")
            objs.update(_held(obj, dep, lemma))
            objs.add("*")   # (a row's object "*" asks for any: "sheltered militants", not "were sheltering")
            objs.update(f"{lemma[c.i]} {lemma[obj.i]}" for c in children(obj) if dep[c.i] in ("amod", "compound"))
            if obj.pos_ == "PROPN":   # "released Prime Minister Chaudhry": the title says what the name is
                objs.update(lemma[c.i] for c in children(obj) if dep[c.i] == "compound" and c.pos_ in ("NOUN", "PROPN"))
            if lemma[obj.i] == "state":   # "declared a state of emergency": the emergency is what was declared
                objs.update(lemma[p.i] for c in children(obj) if dep[c.i] == "prep" and c.lower_ == "of"
                            for p in children(c) if dep[p.i] == "pobj")
        return cls(frozenset(particles), preps, frozenset(objs))

    def fits(self, rule: VerbRule) -> bool:
        if rule.particle and rule.particle not in self.particles:
            return False
        if rule.prep:
            objs = self.preps.get(rule.prep)
            if objs is None:
                return False
            return not rule.objects or any(o in objs for o in rule.objects)
        if rule.objects:
            return any(o in self.obj for o in rule.objects)
        return True


class Shortlist:
    """Which of a lemma's rules can fit a verb, in their order: a rule asking for objects alone (most of
    PETRARCH's: "fight" has 235 rules) only when the verb's object is one of its words, a rule asking for a
    preposition only when the verb has it, and every bare rule. `VerbShape.fits` still decides; the rules
    left out could not fit."""

    def __init__(self, rules: list[VerbRule]):
        self.rules = rules
        self.bare: list[int] = []
        self.by_prep: dict[str, list[int]] = {}
        self.by_object: dict[str, list[int]] = {}
        for n, rule in enumerate(rules):
            if rule.prep:
                self.by_prep.setdefault(rule.prep, []).append(n)
            elif rule.objects:
                for word in rule.objects:
                    self.by_object.setdefault(word, []).append(n)
            else:
                self.bare.append(n)

    def candidates(self, shape: VerbShape) -> list[VerbRule]:
        found = set(self.bare)
        for prep in shape.preps:
            found.update(self.by_prep.get(prep, ()))
        for word in shape.obj:
            found.update(self.by_object.get(word, ()))
        return [self.rules[n] for n in sorted(found)]


def _expand_tables(rule: VerbRule, conventions: ConventionTables) -> VerbRule:
    if not any(o.startswith("@") for o in rule.objects):
        return rule
    words = [w for o in rule.objects for w in (sorted(conventions.words(o[1:])) if o.startswith("@") else [o])]
    return dataclasses.replace(rule, objects=tuple(words))


class VerbLexicon:
    """Verb rules by lemma (in priority tiers), event nouns and light verbs."""

    def __init__(self, tiers: list[list[VerbRule]], nouns: dict[str, NounRule], noun_modifiers: dict[str, frozenset],
                 light_verbs: frozenset[str], conventions: ConventionTables):
        self.tiers: list[dict[str, list[VerbRule]]] = [_index(rules) for rules in tiers]
        self.nouns = nouns
        # What a container noun may hold, beside the event nouns: "a package of weapons" is military aid.
        self.conventions = conventions
        self.containers = conventions.words("container_noun")
        self.contents = {w: NounRule(f"noun:{w}", w, code) for w, code in conventions.mapping("container_content").items()}
        self.noun_modifiers = noun_modifiers
        self.noun_heads = frozenset(k.split(" +")[0].split()[-1] for k in nouns) | self.containers
        self.light_verbs = light_verbs
        self._shortlists: dict[int, Shortlist] = {}   # id of a lemma's rule list -> its Shortlist

    def __getstate__(self) -> dict:
        # a pickled or copied lexicon makes its shortlists anew (they are keyed by the lists' ids)
        return {**self.__dict__, "_shortlists": {}}

    def with_user_files(self, user_files: Iterable[str | Path], cameo: CameoTable) -> "VerbLexicon":
        """A copy whose first tiers are the users' dictionaries, in order (as `load(..., user_files)` gives)."""
        user = [_index(load_user_verbs(Path(path), cameo)) for path in user_files]
        if not user:
            return self
        lexicon = copy.copy(self)
        lexicon.tiers = user + self.tiers
        return lexicon

    @classmethod
    def load(cls, cameo: CameoTable, conventions: ConventionTables, user_files: Iterable[str | Path] = (),
             use_petrarch: bool = True) -> "VerbLexicon":
        builtin = [read_verb_table(_data("verbs.tsv"), source="builtin")]
        if use_petrarch:
            # Only PETRARCH's specific patterns (verb + object or preposition): its bare verb defaults code
            # every "control", "call" or "press" and cost more precision than they add recall.
            skip = frozenset(read_word_list("petrarch_stoplist.txt"))
            builtin.append([r for r in read_verb_table(_data("verbs_petrarch.tsv"), source="petrarch")
                            if (r.objects or r.prep or r.particle) and r.lemma not in skip])
        # "@criticism_cue" in a shipped row's objects stands for the words of that conventions table
        builtin = [[_expand_tables(r, conventions) for r in rules] for rules in builtin]
        for rules in builtin:   # a bad code in a shipped table is a packaging bug: fail loudly
            for r in rules:
                if r.code not in cameo:
                    raise DataFileError(f"verb rule {r.id!r} ({r.source}): unknown CAMEO code {r.code}")
        tiers = [load_user_verbs(Path(path), cameo) for path in user_files] + builtin
        nouns, modifiers = {}, {}
        for row in read_table("nouns.tsv", required=("lemma", "code", "compound")):
            if row["code"] not in cameo:
                raise DataFileError(f"nouns.tsv:{row['_line']}: unknown CAMEO code {row['code']}")
            nouns[row["lemma"]] = NounRule(id=f"noun:{row['lemma']}", lemma=row["lemma"], code=row["code"])
            modifiers[row["lemma"]] = frozenset(split_list(row["compound"]))
        return cls(tiers, nouns, modifiers, frozenset(read_word_list("light_verbs.txt")), conventions)

    # -- matching --------------------------------------------------------------------------------------
    def knows_verb(self, lemma: str) -> bool:
        return any(lemma in index for index in self.tiers)

    def match_verb(self, verb) -> VerbRule | None:
        # The frames stage and the conventions ask about the same verb several times: answered once per Doc.
        memo = facts_of(verb.doc).memo
        key = (self, verb.i)
        if key not in memo:
            memo[key] = self._match_verb(verb)
        return memo[key]

    def _match_verb(self, verb) -> VerbRule | None:
        lemma = verb.lemma_.lower()
        candidates = [index[lemma] for index in self.tiers if lemma in index]
        if not candidates:
            return None
        shape = VerbShape.of(verb)
        for rules in candidates:
            for rule in self._shortlist(rules).candidates(shape):
                if shape.fits(rule):
                    return rule
        return None

    def _shortlist(self, rules: list[VerbRule]) -> Shortlist:
        shortlist = self._shortlists.get(id(rules))
        if shortlist is None or shortlist.rules is not rules:   # (made on first use, for each tier's list)
            shortlist = self._shortlists[id(rules)] = Shortlist(rules)
        return shortlist

    def match_noun(self, noun, governed: bool) -> NounRule | None:
        """An event noun; `governed` when a light verb governs it (then no modifier is required)."""
        lemma = noun.lemma_.lower()
        if lemma not in self.noun_heads and noun.lower_ not in self.noun_heads:
            return None   # most nouns name no event: one set lookup decides it
        for c in children(noun):
            if c.dep_ in ("compound", "amod"):
                rule = self.nouns.get(f"{c.lemma_.lower()} {lemma}")
            elif c.dep_ == "prep" and not any(names_a_time(p) for p in children(c)):
                # "their call on Russia to return the children": an appeal, not a phone call
                rule = self.nouns.get(f"{lemma} +{c.lower_}")
            else:
                continue
            if rule:
                return rule
        rule = self.nouns.get(lemma) or self.nouns.get(noun.lower_)
        if rule is None:
            return self.container_rule(noun) if governed else None
        required = self.noun_modifiers.get(rule.lemma)
        if required and not governed:
            mods = {c.lemma_.lower() for c in children(noun) if c.dep_ in ("compound", "amod")}
            if not mods & required:
                return None
        return rule

    def container_rule(self, noun) -> NounRule | None:
        """"a $1 billion package of weapons", "a new round of sanctions": the code of what it contains."""
        if noun.lemma_.lower() not in self.containers:
            return None
        inner = [c for c in children(noun) if c.dep_ in ("compound", "amod")]
        inner += [p for prep in children(noun) if prep.dep_ == "prep" and prep.lower_ == "of"
                  for p in children(prep) if p.dep_ == "pobj"]
        for c in inner:
            rule = self.nouns.get(c.lemma_.lower()) or self.contents.get(c.lemma_.lower())
            if rule is not None:
                return rule
        return None

    def refine_noun(self, rule: NounRule, noun) -> tuple[str, str | None]:
        """The noun's sub-code from its modifiers ("air strikes" -> 195) and the refinement's id, if one fired."""
        mods = {c.lemma_.lower() for c in children(noun) if c.dep_ in ("compound", "amod")}
        return self.conventions.refine_noun(rule.code, mods)


def _held(noun, dep, lemma) -> set[str]:
    """A noun's lemma, and what a package holds ("a package of sanctions": the sanctions too)."""
    if lemma[noun.i] not in PACKAGE_NOUNS:
        return {lemma[noun.i]}
    return {lemma[noun.i]} | {lemma[p.i] for c in children(noun) if dep[c.i] == "prep" and c.lower_ == "of"
                              for p in children(c) if dep[p.i] == "pobj"}


def _index(rules: list[VerbRule]) -> dict[str, list[VerbRule]]:
    """A tier's rules by lemma, the most specific first."""
    index: dict[str, list[VerbRule]] = {}
    for r in rules:
        index.setdefault(r.lemma, []).append(r)
    for lst in index.values():
        lst.sort(key=_specificity, reverse=True)
    return index


def load_user_verbs(path: Path, cameo: CameoTable | None = None) -> list[VerbRule]:
    """A user's verb dictionary: our TSV columns, or PETRARCH's CAMEO verb dictionary format.

    Given `cameo`, rules with a code it does not know are left out. These and the lines that cannot be read
    are counted, and reported in one warning (with the first few examples); the rest of the file loads.
    """
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    report = ReadReport()
    if head.lstrip().startswith("lemma\t") or "\nlemma\t" in head or "\tlemma\t" in head:
        rules = read_verb_table(path, source=path.name, report=report, lenient=True)
    else:
        rules = read_verb_dictionary(path, source=path.name, report=report, lenient=True)
    unreadable = [f"line {line}: {reason[len(UNREADABLE) + 2:]}" for reason, lines in report.examples.items()
                  if reason.startswith(UNREADABLE) for line in lines]
    n_unreadable = sum(n for reason, n in report.skipped.items() if reason.startswith(UNREADABLE))
    unknown = [r for r in rules if cameo is not None and r.code not in cameo]
    if unreadable or unknown:
        first_of_code = {r.code: r for r in reversed(unknown)}   # one example per unknown code
        examples = unreadable[:SHOWN_PROBLEMS] + [f"rule {r.id}: unknown CAMEO code {code}"
                                                  for code, r in sorted(first_of_code.items())]
        LOG.warning(f"warning: verb dictionary {path.name}: {n_unreadable} unreadable lines and {len(unknown)} rules "
                    f"with an unknown CAMEO code ({', '.join(sorted({r.code for r in unknown})) or 'none'}) left "
                    f"out, {len(rules) - len(unknown)} rules loaded; e.g. {'; '.join(examples[:SHOWN_PROBLEMS])}")
    return [r for r in rules if cameo is None or r.code in cameo]
