"""Where an event happened: the place named in a locative phrase of its trigger, its event noun, its object or
its source ("in Kharkiv", "at a base in Syria", "visited Beirut", "students throughout Indonesia"), resolved with
the gazetteer. The most specific place wins; with several ("in northern Syria and northern Iraq") each target
gets its own.
"""
from __future__ import annotations

from newsevents.coding.english import LOCATION_PREPS, MISSIONS
from newsevents.coding.lexicon.places import Gazetteer
from newsevents.coding.parse_facts import children, sentence_bounds
from newsevents.coding.phrases import SentenceActors
from newsevents.coding.records import Frame
from newsevents.model import Actor, Place

# Heads of "in ..." phrases that are not places ("in retaliation for", "in a statement").
NOT_PLACES = frozenset({"retaliation", "response", "exchange", "statement", "interview", "call", "address", "letter",
                        "speech", "report", "move", "bid", "effort", "attempt", "support", "solidarity", "protest",
                        "violation", "accordance", "line", "talk", "meeting", "conversation", "message", "post",
                        "briefing", "conference", "video", "broadcast", "decision", "order", "operation", "way",
                        "part", "charge", "control", "hand", "defiance", "breach", "favour", "favor", "name"})
PLACE_WORDS = frozenset({"city", "town", "village", "port", "capital", "region", "province", "district", "area",
                         "island", "border", "coast", "base", "airport", "state"})


class EventLocator:
    """Finds the place of an event frame; one per Coder (it holds the gazetteer and two code tables)."""

    def __init__(self, gazetteer: Gazetteer, located_roots: frozenset[str], carried_off: frozenset[str] = frozenset()):
        self.gazetteer = gazetteer
        self.located_roots = located_roots
        self.carried_off = carried_off   # codes whose "into"/"to" phrase is where people were taken, not the place

    def code_is_located(self, code: str) -> bool:
        """Codes whose target named as a place is also where the event happened (visits, attacks, aid)."""
        return code[:3] == "042" or code[:2] in self.located_roots

    def locate(self, frame: Frame, actors: SentenceActors, targets=()) -> tuple[Place | None, list[Place]]:
        """The place named in a locative phrase of the trigger, its event noun or its object ("in Kharkiv",
        "at a base in Syria"). With several ("in northern Syria and northern Iraq") the target's own wins."""
        roots = [frame.trigger] + ([frame.noun] if frame.noun is not None else [])
        if frame.code[:2] in ("01", "02"):   # a statement is located only where its verb says it was made
            found = [p for prep in _locative_preps(frame.trigger) if prep.lower_ in ("in", "at")
                     for pobj in children(prep) if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in NOT_PLACES
                     for p in self._places_in(pobj, actors)]
            return (found[0] if found else None), found
        roots += [t for t in frame.targets[:2] if t is not None]
        # "met Kosovo's prime minister and Serbia's president in Brussels": the parser hangs the place on the
        # last conjunct of the object
        roots += [c for t in frame.targets[:1] if t is not None for c in children(t) if c.dep_ == "conj"]
        # "..., meeting on the sidelines of a summit in Kazan": participle clauses of the trigger.
        roots += [c for c in children(frame.trigger) if c.dep_ == "advcl" and c.tag_ == "VBG"]
        clause = frame.trigger
        for _ in range(2):   # ("burst into Israeli towns, killing hundreds and taking hostages": a conjunct's too)
            if clause.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ == "mark" for c in children(clause)):
                break
            # "entered the consulate in Istanbul to search it"; not a clause of its own ("talks held in Istanbul
            # weeks after Russia launched its invasion")
            joined, clause = clause.dep_ == "conj", clause.head
            roots.append(clause)
            if not joined:
                break
        found: list[Place] = []
        for t in frame.targets[:1]:   # "visited Beirut", "shelled the city of Kharkiv": the target is the place
            # (a person named with a role is no place: "Wall Street Journal reporter Evan Gershkovich")
            if t is not None and self.code_is_located(frame.code) and (t.lemma_.lower() in PLACE_WORDS or (
                    t.pos_ == "PROPN" and not any(c.dep_ == "compound" and actors.dictionary.role_of(c)
                                                  for c in t.children))):
                found.extend(p for p in self._places_in(t, actors) if p.country)
        targets_named = {t.i for t in frame.targets[:2] if t is not None}
        for root in roots:
            for prep in _locative_preps(root):
                if prep.lower_ == "from" and root.i in targets_named:
                    continue   # "citizens from El Salvador were detained": where they came from, not where
                if prep.lower_ in ("into", "to") and root is frame.trigger and frame.code[:3] in self.carried_off:
                    continue   # "took dozens of hostages into Gaza": where they were taken
                for pobj in children(prep):
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in NOT_PLACES:
                        found.extend(self._places_in(pobj, actors))
        if not found:   # "thousands of students throughout Indonesia staged demonstrations": where the source was
            # ("a missile strike on Kharkiv killed 10 people": where the strike fell)
            for s in frame.sources:
                for prep in (_np_subtree(s) if s is not None else ()):
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "throughout", "across", "from", "on"):
                        for pobj in children(prep):
                            if pobj.dep_ == "pobj":
                                found.extend(self._places_in(pobj, actors))
        if not found:
            return None, []
        for t in targets:
            for p in found:
                if t.country and p.country == t.country:
                    return p, found
        return found[0], found

    @staticmethod
    def place_for(place: Place | None, alternatives: list[Place], target: Actor | None) -> Place | None:
        """With several places named ("bases in northern Syria and northern Iraq"), each target's own."""
        if place is None or target is None or not target.country or place.country == target.country:
            return place
        return next((p for p in alternatives if p.country == target.country), place)

    def _places_in(self, head, actors: SentenceActors) -> list[Place]:
        """Places a locative phrase names, the most specific first ("the Ukrainian city of Kharkiv": Kharkiv
        before Ukraine), and places in a country before seas and regions ("a Gulf Arab summit in the Saudi town
        of Al-Ula": Al-Ula, not the Gulf)."""
        found = self._places_bfs(head, actors)
        return sorted(found, key=lambda p: (self.gazetteer.country_of_name(p.name) is not None, p.country is None))

    def _places_bfs(self, head, actors: SentenceActors) -> list[Place]:
        """Places a locative phrase names: its head, "of"/"in" phrases and conjuncts, not its clauses."""
        out, queue, seen = [], [head], set()
        while queue:
            t = queue.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            place = self._place_of_token(t, actors)
            if place is not None:
                out.append(place)
            # "near the U.S. embassy": a mission's modifiers name its owner, not where it stands
            owned = t.lemma_.lower() in MISSIONS
            # ... and so does a base's country ("the French military base in Niamey", "the U.S. Ain al-Asad air
            # base"), not its name ("Al Udeid")
            base = t.lemma_.lower() == "base"
            # "the Santa Cruz cemetery in Dili": a facility's name is no town when the phrase says where it is
            sited = t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "in" for c in children(t))
            queue.extend(c for c in children(t) if (not owned and c.dep_ in ("compound", "appos", "npadvmod", "amod")
                                                    and not (base and self._names_a_country(c))
                                                    and not (sited and c.dep_ == "compound"))
                         or c.dep_ in ("conj", "pobj", "acl")
                         or (c.dep_ == "prep" and c.lower_ in ("of", "in", "near", "outside", "at")))
        return out

    def _names_a_country(self, t) -> bool:
        return t.pos_ == "ADJ" or self.gazetteer.country_of_name(t.text) is not None

    def _place_of_token(self, t, actors: SentenceActors) -> Place | None:
        if t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.lemma_.lower() in PLACE_WORDS:
            m = actors.by_token.get(t.i)   # "the Saudi town of ...", when the town itself is unknown
            if m is not None and m.entries[0].country and m.entries[0].kind in ("adjective", "people"):
                return self.gazetteer.country(m.entries[0].country)
        if t.pos_ != "PROPN" or t.dep_ == "poss":
            return None
        if self.gazetteer.in_of_name(t):
            return None   # "Aden" in "the Gulf of Aden": the gulf is the place, not the city
        story = actors.context.story_place.country if actors.context.story_place is not None else \
            actors.context.story_country()
        for cand in _of_name(t) + _name_candidates(t):
            if cand.islower():
                continue
            place = self.gazetteer.lookup_in(cand, story)
            if place is not None:
                return place
        m = actors.by_token.get(t.i)
        if m is not None:
            for e in m.entries:
                if e.kind in ("country", "capital") and e.country:
                    p = self.gazetteer.lookup(e.name) if e.kind == "capital" else None
                    return p or self.gazetteer.country(e.country)
        return None



def _np_subtree(head):
    """The tokens of a noun phrase and its prepositional phrases, without its clauses."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in children(t) if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos"))
    return out


def _locative_preps(token):
    for c in children(token):
        if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
            yield c
        elif c.dep_ in ("dobj", "pobj", "nsubjpass") :
            for cc in children(c):
                if cc.dep_ == "prep" and cc.lower_ in ("in", "at", "near", "outside", "across", "inside", "off"):
                    yield cc


def _of_name(token) -> list[str]:
    """A place named "X of Y" ("the Gulf of Aden", "the Sea of Japan", "the Strait of Hormuz"), as one name."""
    doc = token.doc
    _, sent_end = sentence_bounds(token)
    if token.i + 2 < sent_end and doc[token.i + 1].lower_ == "of" and doc[token.i + 2].pos_ == "PROPN" and \
            doc[token.i + 2].head.i == token.i + 1:
        return [f"{token.text} of {doc[token.i + 2].text}"]
    return []


def _name_candidates(token) -> list[str]:
    """Proper-name strings around a PROPN token, longest first ("Abu Dhabi airport" -> "Abu Dhabi")."""
    sent_start, sent_end = sentence_bounds(token)

    def joins(t) -> bool:   # parts of one name: proper nouns and the hyphens inside "Al-Ula"
        return t.pos_ == "PROPN" or (t.text == "-" and t.i > sent_start and t.i + 1 < sent_end
                                     and t.doc[t.i - 1].pos_ == "PROPN" and t.doc[t.i + 1].pos_ == "PROPN")
    left = token
    while left.i > sent_start and joins(left.doc[left.i - 1]):
        left = left.doc[left.i - 1]
    right = token
    while right.i + 1 < sent_end and joins(right.doc[right.i + 1]):
        right = right.doc[right.i + 1]
    doc = token.doc
    out = [doc[left.i:right.i + 1].text]
    if right.i > token.i:
        out.append(doc[left.i:token.i + 1].text)   # "Abu Dhabi airport" -> "Abu Dhabi"
    return out
