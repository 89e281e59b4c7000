"""Actor phrases in one parsed sentence: which tokens name which actors, and the actors of a noun phrase.

`SentenceActors` indexes the dictionary mentions of a sentence once; `actors_of(head)` then resolves the noun
phrase headed by `head` ("Iran's Revolutionary Guards", "U.S. and British warships", "the Ukrainian city of
Kharkiv", "Kremlin spokesman Dmitry Peskov") to one `Actor` per actor it names. Pronouns and definite
descriptions ("it", "the country", "the alliance") resolve through the `Context` of the article so far.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsevents.coding.article import Context
from newsevents.coding.english import (
    BACK_REFERENCES,
    COMMENTATORS,
    COUNTERPART_HEADS,
    ENVOY_HEADS,
    NAMED_AFTER_PLACES,
    OFFICE_HEADS,
    OF_HEADS,
    OUTLAW_WORDS,
    PERSONAL,
    PLURAL,
)
from newsevents.coding.lexicon.actors import (
    ActorDictionary,
    ActorEntry,
    Mention,
    combine,
    country_actor,
    role_only,
    with_country,
)
from newsevents.coding.mention_filters import local_office, names_no_country, part_of_a_name, third_party
from newsevents.coding.back_references import PRONOUNS, BackReferences, is_definite_back_reference
from newsevents.coding.pair_references import PairReferences
from newsevents.coding.people import PeopleAndOffices
from newsevents.coding.peoples import adjective_home, minority_home
from newsevents.coding.parse_facts import children, facts_of, sentence_columns
from newsevents.coding.syntax import phrase_text, proper_name
from newsevents.model import Actor

# Dependency labels that stay inside a noun phrase (modifiers of its head).
CITIZEN_NOUNS = frozenset({"citizen", "national", "resident"})
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "case", "cc", "conj", "appos", "flat",
                     "npadvmod", "quantmod", "punct", "predet", "nn"})
PLACE_KINDS = frozenset({"country", "capital", "place"})
PERSON_OR_PLURAL = PERSONAL | PLURAL

# What information is given or taken by ("share intelligence", "gathered intelligence").
SHARING_VERBS = frozenset({"share", "exchange", "provide", "gather", "give", "pass", "receive", "supply", "collect"})


class SentenceActors(BackReferences, PairReferences, PeopleAndOffices):
    """The actor mentions of one sentence and the resolution of its noun phrases."""

    def __init__(self, sent, dictionary: ActorDictionary, gazetteer, day: dt.date | None, context: Context):
        self.sent = sent
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self.day = day
        self.context = context
        home = context.story_place.country if context is not None and context.story_place is not None else None
        self.mentions = [local_office(m, home) for m in dictionary.find_mentions(sent, day)
                         if not part_of_a_name(m, sent, day) and not names_no_country(m, sent.doc)]
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self._cache: dict[int, list[Actor]] = {}
        self._pronouns: dict[int, list[Actor]] = {}   # pronouns resolved while coding, for the next sentence
        self._phrases: dict[tuple[int, bool], list] = {}   # phrase_tokens' answers: asked about twice on average
        self._mention_heads: dict[int, list[Actor]] | None = None   # `_named_at_heads`, made when first asked

    def salient_actors(self, out: list) -> list[tuple[int, Actor, bool]]:
        """Append (token index, actor, is subject) for the named actors of this sentence, in order, to `out`.
        Cheap on purpose (dictionary mentions and their phrase's role word, no full phrase resolution); a
        definite back-reference ("the group") resolves against what is already there."""
        if self._mention_heads is None:   # (a sentence's salient actors are collected twice: now and as the previous)
            self._mention_heads = self._named_at_heads()
        heads = self._mention_heads
        by_token, pronouns = self.by_token, self._pronouns
        for i, (tok, pos, dep, lemma) in enumerate(zip(*sentence_columns(self.sent)), start=self.sent.start):
            if i in heads:
                for a in heads[i]:
                    if a.country or a.group:
                        out.append((i, a, dep in ("nsubj", "nsubjpass")))
            elif pos in ("NOUN", "PROPN") and lemma in BACK_REFERENCES and is_definite_back_reference(tok) or (
                    pos == "PROPN" and dep in ("nsubj", "nsubjpass", "dobj", "pobj")
                    and i not in by_token):   # places named as actors ("shelled Kherson")
                for a in self.actors_of(tok):
                    if a.country or a.group:
                        out.append((i, a, dep in ("nsubj", "nsubjpass")))
            elif dep == "nsubj" and pos == "NOUN" and tok.head.dep_ == "ROOT" and i not in by_token and \
                    any(c.dep_ == "det" and c.lower_ == "the" for c in children(tok)) and \
                    (role := self.dictionary.role_of(tok)) in ("MIL", "GOV", "COP") and \
                    (home := self.context.story_country()):
                # "The army said its aircraft had struck RSF bases": the story's state's army is in view, and
                # its pronouns are its own, not the last sentence's named actor's
                out.append((i, country_actor(home, role, tok.text, tok.text), True))
            elif dep in ("nsubj", "nsubjpass") and i in pronouns and tok.lower_ in PERSON_OR_PLURAL:
                # "He said ... He condemned": a pronoun subject the sentence's coding resolved stays in view
                out.extend((i, a, True) for a in pronouns[i] if a.country or a.group)
        return out

    def _named_at_heads(self) -> dict[int, list[Actor]]:
        """The actors of the dictionary mentions, by the token heading each one's phrase, with that phrase's role
        word (a function of the parse and the dictionaries alone)."""
        doc = self.sent.doc
        heads, owners = {}, {}
        for m in self.mentions:
            entry = m.entry_on(self.day)
            if entry is None:
                continue
            tok = doc[m.start]
            for i in range(m.start, m.end):   # the mention's own root: its head lies outside it
                if not (m.start <= doc[i].head.i < m.end) or doc[i].head.i == i:
                    tok = doc[i]
                    break
            head, owner = tok, tok.dep_ == "poss"
            for _ in range(4):
                if head.dep_ in ("compound", "amod", "poss", "nmod", "det", "flat", "case") and head.head.i != head.i:
                    head = head.head
                else:
                    break
            if head.dep_ in ("pobj", "conj") and head.head.dep_ == "prep" and head.head.lower_ == "of":
                head = head.head.head   # "the government of Iran" -> "government"
            role = self.dictionary.role_of(head)
            title = role or next((r for c in children(head) if c.dep_ == "compound" and c.i < m.start
                                  and (r := self.dictionary.role_of(c))), None)   # "Communications Minister X"
            home = self._namesake_home(entry, title)
            if role is None and head.pos_ == "PROPN" and entry.kind in ("country", "adjective", "people") and \
                    not entry.group:
                # "Pakistani Prime Minister Nawaz Sharif": the country's government, as a full resolution says
                role = next((r for c in children(head) if c.dep_ == "compound" and not m.start <= c.i < m.end
                             and (r := self.dictionary.role_of(c))), None)
            (owners if owner else heads).setdefault(head.i, []).append(
                country_actor(home, title, entry.name, head.text) if home else combine(entry, role, head.text))
        for i, actors in owners.items():   # "Yemen's Houthi movement": the movement first, its owner after it
            heads[i] = heads.get(i, []) + actors
        return heads

    def phrase_head(self, tok):
        """The head of the noun phrase a name belongs to ("the" or "United" in "the United States" ->
        "States"); a modifier that is a name of its own ("Russian" in "Russian forces") stays itself."""
        for _ in range(4):
            head = tok.head
            if tok.dep_ in ("det", "compound", "flat", "case") and head.pos_ in ("PROPN", "NOUN") and \
                    self.by_token.get(tok.i) is not None and self.by_token.get(head.i) is self.by_token.get(tok.i):
                tok = head
            else:
                break
        return tok

    def names_inside(self, tok) -> bool:
        """Does the phrase under `tok` contain a dictionary name or a proper noun (a cheap pre-check)?"""
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if any(i in self.by_token for i in range(lo, hi + 1)):
            return True
        return tok.pos_ == "PROPN"

    # -- noun phrases ----------------------------------------------------------------------------------
    def phrase_tokens(self, head, include_of: bool = True) -> list:
        """The tokens of the noun phrase headed by `head`, without its own conjuncts and clauses (a new list)."""
        key = (head.i, include_of)
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = self._phrase_tokens(head, include_of)
        return list(found)   # callers extend theirs

    def _phrase_tokens(self, head, include_of: bool) -> list:
        # (walked over token indices and the Doc's columns: a spaCy Token's attributes cost more to read)
        facts = facts_of(head.doc)
        dep, lower, kids = facts.columns()[1], facts.lowers, facts.child_ids
        h = head.i
        out = [h]
        stack = [c for c in kids[h] if dep[c] in NP_DEPS and dep[c] not in ("conj", "cc", "punct")]
        while stack:
            t = stack.pop()
            if dep[t] in ("relcl", "acl", "prep", "advcl", "ccomp"):
                continue
            out.append(t)
            stack.extend(c for c in kids[t] if dep[c] in NP_DEPS or
                         (dep[c] == "prep" and lower[c] == "of" and lower[t] != "one"))
        own_name = any(i in self.by_token for i in out)
        # "doctors from two American aid groups" come from there; not "the withdrawal of troops from Georgia"
        origin = not own_name and not any(dep[p] == "prep" and lower[p] == "of" for p in kids[h])
        if include_of and (facts.columns()[2][h] in OF_HEADS or not own_name):
            for prep in kids[h]:   # "the city of Kharkiv"; "doctors from two American aid groups"
                if dep[prep] == "prep" and (lower[prep] == "of" or (lower[prep] == "from" and origin)):
                    for pobj in kids[prep]:
                        if dep[pobj] == "pobj":
                            out.extend(t.i for t in self.phrase_tokens(facts.tokens[pobj]))
        # "of" phrases under modifiers ("the centre of the city of Kherson") were followed via the stack.
        extra, inside = [], set(out)
        for t in out:
            if t != h:
                for prep in kids[t]:
                    if dep[prep] == "prep" and lower[prep] == "of" and dep[t] != "conj":
                        for pobj in kids[prep]:
                            if dep[pobj] == "pobj" and pobj not in inside:
                                extra.extend(_subtree(pobj, kids))
        out.extend(extra)
        tokens = facts.tokens
        return [tokens[i] for i in sorted(set(out))]   # each token once, in text order

    def actors_of(self, head, exclude: frozenset = frozenset()) -> list[Actor]:
        """All actors the noun phrase headed by `head` names, its conjuncts included ("Norway, Ireland and
        Spain" -> three actors). Empty when it names none. Back-references skip the actors in `exclude`
        (an event's source is not its own object: "investigators entered the consulate to search it")."""
        if head.i in self._cache:
            return self._cache[head.i]
        pair = self._pair_reference(head) or self._plural_after_pair(head) or self._of_pair(head) or \
            self._reporters(head)
        if pair:
            return pair
        if head.lower_ in PRONOUNS or is_definite_back_reference(head):
            found = self._resolve_one(head, exclude)
            if not self.context._collecting and not exclude:
                self._pronouns[head.i] = found
            return found
        heads = [head] + _conjuncts(head)
        actors: list[Actor] = []
        for h in heads:
            found = self._resolve_one(h)
            if len(found) == 1 and (found[0].country or found[0].group):
                self._remember_person(h, found[0])
                self._remember_office(h, found[0])
            elif len(found) == 1 and found[0].role and h.pos_ == "PROPN" and self.context.story_country():
                # "DUBLIN - Prime Minister Brian Cowen ...": a named office holder of the story's country
                self._remember_person(h, with_country(found[0], self.context.story_country()))
            for a in found:
                if all((a.code, a.role) != (b.code, b.role) for b in actors):
                    actors.append(a)   # role-only actors ("protesters") included: the event may locate them
        for a in self._of_conjuncts(head):   # "the leaders of Armenia and Azerbaijan": one actor each
            if all((a.code, a.role) != (b.code, b.role) for b in actors):
                actors.append(a)
        if not self.context._collecting:   # a result that skipped back-references is not the final one
            self._cache[head.i] = actors
        return actors

    def _of_conjuncts(self, head) -> list[Actor]:
        """The further countries of a plural head's "of" phrase ("the leaders of Armenia and Azerbaijan", "the
        foreign ministers of Congo and Rwanda"), each with the head's role."""
        if head.tag_ != "NNS":
            return []
        conjuncts = [c for prep in children(head) if prep.dep_ == "prep" and prep.lower_ == "of"
                     for p in children(prep) if p.dep_ == "pobj"
                     for c in _conjuncts(p)]
        if not conjuncts:
            return []
        role = self._role(head, self.phrase_tokens(head))
        found = []
        for c in conjuncts:
            for a in self._resolve_one(c):
                if a.country and not a.group:
                    found.append(country_actor(a.country, role or a.role, a.name, a.text))
        return found

    def _resolve_one(self, head, exclude: frozenset = frozenset()) -> list[Actor]:
        tokens = self.phrase_tokens(head)
        if self._counterparts_unnamed(head, tokens):
            return []   # "Afghanistan's neighbours" are not Afghanistan, and who they are is not said
        if head.lemma_.lower() in COMMENTATORS and head.i not in self.by_token:
            return []   # "a Seoul-based analyst", "a Russian military analyst": speaks for no one
        text = phrase_text(tokens)
        role = self._role(head, tokens)
        former = any(t.lower_ in ("former", "ex", "ex-", "late", "ousted", "deposed") for t in tokens)
        if former:
            role = None   # a former office holder no longer acts for the office
        mentions: list[Mention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m and m not in mentions and not third_party(m, head.doc):
                mentions.append(m)
        if mentions:
            entries = [(m, m.entry_on(self.day)) for m in mentions]
            entries = [(m, e) for m, e in entries if e is not None]
            group = self._conjoined(entries, tokens)
            if group:
                return [combine(e, role, text) for e in group]
            primary = self._primary(head, entries)
            if primary is not None:
                entry_at = self._entry_at
                if home := adjective_home(head, primary, entry_at):   # "Bosnian Serbs": of Bosnia
                    return [country_actor(home, role, primary.name, text)]
                home = minority_home(head, tokens, primary, entry_at) if self.gazetteer is not None else None
                if home:   # "ethnic Albanians in Serbia" are residents of Serbia
                    return [country_actor(home, "CVL", primary.name, text)]
                if former and primary.kind == "leader" and primary.country:
                    return [country_actor(primary.country, None, primary.name, text)]
                if primary.kind == "leader" and (said := self._apposition_says(head, primary)) is not None:
                    return [said]
                if len(entries) == 1 and (home := self._namesake_home(primary, role)):
                    return [country_actor(home, role, primary.name, text)]
                return [combine(primary, role, text)]
        if head.dep_ == "appos" and head.head.i != head.i and head.pos_ == "NOUN":
            anchor = self._resolve_one(head.head, exclude)   # "Orban, the first foreign leader to ...": Orban
            if anchor:
                return anchor
        pron = self._back_reference(head, tokens, exclude)
        if pron is not None:
            return [pron]
        known = self._person_named_before(tokens, role) or self._titled_before(tokens)
        if known is not None:
            return [known]
        place = self._place_actor(head, tokens)
        if place is not None:
            return [place]
        if role:
            # A role without a country ("protesters", "gunmen"): kept unresolved; the event may locate it.
            return [role_only(role, head.text, text)]
        return []

    def _apposition_says(self, head, primary) -> Actor | None:
        """"Jorge Rodriguez, the head of Venezuela's National Assembly": a name the dictionaries give another
        country (an Argentine namesake) is of the country its apposition names."""
        for appos in children(head):
            if appos.dep_ == "appos" and appos.lemma_.lower() in OFFICE_HEADS:   # (not "Washington's closest ally")
                inside = {t.i for t in appos.subtree}
                named = {e.country for m in self.mentions if m.start in inside for e in m.entries[:1]
                         if e.country and not e.group and e.kind in ("country", "adjective", "capital")}
                if len(named) == 1 and primary.country not in named:
                    country = next(iter(named))
                    return country_actor(country, None, country, phrase_text(self.phrase_tokens(head)))
        return None

    def _counterparts_unnamed(self, head, tokens) -> bool:
        """"Afghanistan's neighbours", "allies of Kyiv": others, named only by whose they are; not "its NATO allies"."""
        if head.lemma_.lower() not in COUNTERPART_HEADS:
            return False
        owners = {t.i for c in children(head) if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                  for t in c.subtree}
        return bool(owners) and not any(t.i in self.by_token for t in tokens if t.i not in owners)

    def _conjoined(self, entries: list[tuple[Mention, ActorEntry]], tokens) -> list[ActorEntry]:
        """Conjoined modifiers are separate actors ("U.S. and British warships", "US-Israeli strikes"); so are
        two named actors of different countries joined by "and" in one phrase (the parser sometimes nests
        "Trump and Putin" instead of coordinating them)."""
        doc = self.sent.doc
        linked = set()
        for m, _ in entries:
            last = doc[m.end - 1]
            if last.dep_ == "conj" and last.head.i in self.by_token:
                linked.add(m.start)
                linked.add(self.by_token[last.head.i].start)
        for (a, ea), (b, eb) in zip(entries, entries[1:]):   # "joint US-Israeli bombing": both
            if b.start == a.end + 1 and doc[a.end].text == "-" and ea.country and eb.country != ea.country:
                linked.update((a.start, b.start))
        if not linked and any(t.dep_ == "cc" and t.lower_ == "and" for t in tokens):
            named = [(m, e) for m, e in entries if e.kind in ("leader", "country", "group", "office")]
            if len({e.country or e.group for _, e in named}) >= 2:
                linked = {m.start for m, _ in named}
        out = []
        for m, e in entries:
            if m.start in linked and all((e.country, e.group) != (o.country, o.group) for o in out):
                out.append(e)
        return out if len(out) >= 2 else []

    def _entry_at(self, i: int) -> ActorEntry | None:
        m = self.by_token.get(i)
        return m.entry_on(self.day) if m else None

    def _primary(self, head, entries: list[tuple[Mention, ActorEntry]]) -> ActorEntry | None:
        if not entries:
            return None
        own = next((e for m, e in entries if m.start <= head.i < m.end and e.kind != "capital"), None)
        if own is not None and own.kind == "leader":
            # "U.N. mediator Diego Cordovez", "NATO chief X": the person acts for the organisation named
            for m, e in entries:
                if e.kind == "group" and e.role == "IGO" and not (m.start <= head.i < m.end):
                    return e
        if own is not None and own.kind == "office" and self.dictionary.role_of(head):
            # "Peru's Congress": an institution's common name belongs to the country its phrase names
            return next((e for m, e in entries if e.kind in ("country", "adjective") and e.country != own.country
                         and not m.start <= head.i < m.end), own)
        if own is not None and own.kind == "office" and own.role:
            # "Seoul's Joint Chiefs of Staff": an office another country also has, its owner's
            owner = next((e for m, e in entries if e.kind in ("country", "capital") and e.country and
                          e.country != own.country and self.sent.doc[m.end - 1].dep_ in ("poss", "case")), None)
            if owner is not None:
                return replace(own, country=owner.country)
        if own is not None:   # the head's own phrase is the most reliable ("Kremlin spokesman Peskov")
            return own
        for appos in (c for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in CITIZEN_NOUNS):
            # "Wall Street Journal reporter Evan Gershkovich, a U.S. citizen": whose national he is
            for m, e in entries:
                if e.kind in ("country", "adjective", "people") and appos.left_edge.i <= m.start <= appos.i:
                    return e
        # "Russia's deputy U.N. ambassador (Dmitry Polyansky)": Russia's, posted at the U.N.
        title = head if head.lemma_.lower() in ENVOY_HEADS else next(
            (c for c in children(head) if c.dep_ == "compound" and c.lemma_.lower() in ENVOY_HEADS), None)
        if title is not None:
            country = next((e for m, e in entries if e.kind in ("country", "adjective") and e.country and
                            m.end <= title.i and self.sent.doc[m.end - 1].dep_ in ("poss", "compound", "amod")),
                           None)   # (not "the U.N. envoy to Syria")
            if country is not None and any(e.kind == "group" and e.role == "IGO" for m, e in entries):
                return country
        for kind in ("leader", "office", "group"):   # "the leaders of Yemen's Houthi movement"
            for m, e in entries:
                if e.kind == kind:
                    return e
        for m, e in entries:   # a possessor ("China's commerce ministry")
            if any(self.sent.doc[i].dep_ == "poss" for i in range(m.start, m.end)):
                return e
        for kind in ("country", "adjective", "people", "capital"):
            for m, e in entries:
                if e.kind == kind:
                    return e
        return entries[0][1]

    def _role(self, head, tokens) -> str | None:
        named = self.by_token.get(head.i)
        entry = named.entry_on(self.day) if named is not None else None
        if entry is not None and head.pos_ == "PROPN" and entry.kind in PLACE_KINDS:
            return None   # "the West Bank" is a place, not a bank
        if head.lower_ == "intelligence" and head.dep_ == "dobj" and head.head.lemma_.lower() in SHARING_VERBS:
            return None   # "agreed to share intelligence": information, not the intelligence services
        role = self.dictionary.role_of_phrase([t for t in tokens if t.i <= head.i][-3:])
        if role:
            return role
        role = self.dictionary.role_of(head)
        if role in (None, "GOV"):
            # "rebel leaders", "opposition leaders": a modifier naming a side says more than "leader"
            for t in reversed(tokens):
                if t.i < head.i and t.dep_ in ("compound", "amod", "appos") and t.i not in self.by_token \
                        and not (t.pos_ == "ADJ" and t.lower_ == "general"):   # "a general strike"
                    mod = self.dictionary.role_of(t)
                    if "GOV" in (role, mod) and any(x.lemma_.lower() in OUTLAW_WORDS for x in tokens if x.i <= t.i):
                        return None   # "gang leader", "cartel boss": no office of state
                    if mod and (role is None or mod in ("REB", "OPP")):
                        return mod
        if role:
            return role
        for t in tokens:
            if t.dep_ == "appos":
                role = self.dictionary.role_of(t)
                if role:
                    return role
        return None

    def _place_actor(self, head, tokens) -> Actor | None:
        """A place named as an actor ("Kharkiv", "the city of Belgorod", "Guam") stands for its country."""
        if self.gazetteer is None:
            return None
        if head.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in OF_HEADS:
            return None   # a proper noun as subject is more often a person ("Lai said") than a town
        for t in tokens:
            if t.pos_ != "PROPN":
                continue
            name = proper_name(t)
            if name.islower():
                continue   # "the west bank of the river" is not the West Bank
            if (t.dep_ == "compound" and t.head.lemma_.lower() in NAMED_AFTER_PLACES) or self.gazetteer.in_of_name(t):
                continue   # "the Minsk agreements" are no actor of Belarus, nor "the Gulf of Aden" of Yemen
            story = self.context.story_place
            place = self.gazetteer.lookup_in(name, story.country if story is not None else self.context.story_country())
            if place is not None and place.country:
                role = self._role(head, tokens)   # "Darfur rebels": the rebels of that place
                return country_actor(place.country, role, place.name, phrase_text(tokens))
        return None


def _subtree(i: int, kids) -> list[int]:
    """The indices of token `i`'s subtree (`token.subtree`, in no particular order), given each token's children."""
    found, stack = [], [i]
    while stack:
        t = stack.pop()
        found.append(t)
        stack.extend(kids[t])
    return found


def _conjuncts(head) -> list:
    """The tokens coordinated with `head` ("Ireland" and "Spain" of "Norway, Ireland and Spain"), in text order:
    those its chains of "conj" arcs reach (the tokens of its subtree whose `conj_root` it is), with no walk of
    the whole subtree. None when `head` is a conjunct itself."""
    facts = facts_of(head.doc)
    dep, kids = facts.columns()[1], facts.child_ids
    if dep[head.i] == "conj":
        return []
    found, stack = [], [head.i]
    while stack:
        for c in kids[stack.pop()]:
            if dep[c] == "conj":
                found.append(c)
                stack.append(c)
    return [facts.tokens[i] for i in sorted(found)]
