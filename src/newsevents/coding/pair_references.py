"""References to a pair of actors: "both sides", "the two countries", "army commanders from both sides", and
"them" after a sentence named such a pair. A mixin of `SentenceActors` (it uses its context, mentions and
phrase helpers)."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding.back_references import reporter_of
from newsevents.coding.english import PAIR_HEADS, PLURAL
from newsevents.coding.lexicon.actors import country_actor
from newsevents.coding.parse_facts import children, sentence_bounds, sentence_of
from newsevents.coding.syntax import clause_verb, phrase_text
from newsevents.model import Actor


class PairReferences:

    def _pair_reference(self, head) -> list[Actor]:
        """"the two leaders", "both countries", "the two sides", "each side (accused the other)": the two most
        salient earlier actors."""
        if head.lemma_.lower() not in PAIR_HEADS:   # (asked first: most heads are no pair word)
            return []
        mods = {c.lower_ for c in children(head) if c.dep_ in ("nummod", "det", "predet", "amod")}
        if not (mods & {"two", "both", "each"}):
            return []
        candidates = self.context.candidates(head.i)
        sides = self.context.main_sides() if head.lemma_.lower() in ("side", "party") else []
        if sides and any(a.group for a in sides):   # "both sides" of a war with an armed group
            return [replace(a, text=head.text) for a in sides]
        apart = self._named_apart(head)
        main = self.context.main_pair(besides=apart)
        if main:   # the article's dyad, when it has one ("both sides" in a story about two neighbours)
            found = [next((a for a in candidates if a.country == c and not a.role), None) or
                     country_actor(c, None, c, head.text) for c in main]
            return found
        found = []
        for a in candidates:   # (not "G7 ministers meeting in Italy urged both sides": Italy is no side)
            if a.country and a.country not in apart and all(a.country != b.country for b in found):
                found.append(a)
            if len(found) == 2:
                return found
        return []

    def _of_pair(self, head) -> list[Actor]:
        """"army commanders from both sides", "the leaders of the two countries": the pair, in the head's role."""
        if head.tag_ != "NNS" or any(c.i in self.by_token for c in children(head) if c.dep_ in ("compound", "amod")):
            return []   # (not "U.S. senators from both parties": their own country's parties)
        for prep in children(head):
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for p in children(prep):
                    pair = self._pair_reference(p) if p.dep_ == "pobj" else []
                    if pair:
                        role = self._role(head, [head])
                        return [country_actor(a.country, role, a.name, phrase_text(self.phrase_tokens(head)))
                                if role and a.country and not a.group else a for a in pair]
        return []

    def _named_apart(self, head) -> frozenset:
        """Countries the same clause names outside this phrase: "both ministers urged Washington" are not
        Washington's ("called on both sides ... and recalled the agreement between India and Pakistan" are)."""
        inside, verb = {t.i for t in head.subtree}, clause_verb(head)
        (start, end), found = sentence_bounds(head), set()
        for i, m in self.by_token.items():
            if start <= i < end and i not in inside and clause_verb(head.doc[i]) == verb:
                entry = m.entry_on(self.day)
                if entry is not None and entry.country and not entry.group:
                    found.add(entry.country)
        return frozenset(found)

    def _plural_after_pair(self, head) -> list[Actor]:
        """"China, a partner of both countries, urged them": "they"/"them" after the sentence named a pair
        ("both countries", "the two sides") are that pair."""
        if head.lower_ not in PLURAL or head.lower_ == "their":
            return []
        for t in sentence_of(head):
            if t.i >= head.i:
                return []
            if t.pos_ == "NOUN" and t.lemma_.lower() in PAIR_HEADS:
                pair = self._pair_reference(t)
                if pair:
                    return pair
        return []

    def _reporters(self, head) -> list[Actor]:
        """"Britain, Israel and Saudi Arabia said they supported the strike": "they" reported by a list is all of
        its members."""
        if head.lower_ != "they":
            return []
        reporter = reporter_of(head)
        if reporter is None or not any(c.dep_ == "conj" for c in children(reporter)):
            return []
        found = [a for a in self.actors_of(reporter) if a.code]
        return [replace(a, text=head.text) for a in found] if len(found) > 1 else []
