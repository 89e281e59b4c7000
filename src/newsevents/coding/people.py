"""What an article's earlier sentences said about people and offices, for later back-references: a person named
with a side ("Congo's Therese Kayikwamba Wagner") is that side when named again by surname ("Wagner"); a
title ("the Secretary-General") is the latest person named with it; "Myanmar's junta" makes a later "the
junta" Myanmar's. A mixin of `SentenceActors` (it uses its context, mentions and phrase helpers)."""
from __future__ import annotations

from newsevents.coding.english import BACK_REFERENCES, TITLE_WORDS
from newsevents.coding.lexicon.actors import ActorEntry, country_actor
from newsevents.coding.parse_facts import children, sentence_columns
from newsevents.coding.syntax import phrase_text
from newsevents.model import Actor


class PeopleAndOffices:

    def _surname(self, tokens) -> str | None:
        """The last word of a person's name in a phrase ("Foreign Minister Therese Kayikwamba Wagner" ->
        "wagner"): a capitalised proper noun that names no actor of the dictionaries."""
        names = [t for t in tokens if t.pos_ == "PROPN" and t.i not in self.by_token and t.text[:1].isupper()
                 and not t.is_upper and len(t.text) > 2]
        return names[-1].lower_ if len(names) >= 2 or (names and names[-1].dep_ in ("nsubj", "appos")) else None

    def _given_name(self, tokens) -> str | None:
        """The word before the surname in a two-word personal name ("Phumtham Wechayachai", "Hun Manet"): Thai,
        Chinese or Cambodian names are shortened to it; not a title ("Minister Lavrov")."""
        names = [t for t in tokens if t.pos_ == "PROPN" and t.i not in self.by_token and t.text[:1].isupper()
                 and not t.is_upper and len(t.text) > 2]
        if len(names) < 2 or names[-2].i != names[-1].i - 1 or self.dictionary.role_of(names[-2]) or \
                names[-2].lower_ in TITLE_WORDS:
            return None
        return names[-2].lower_

    def _remember_person(self, head, actor: Actor) -> None:
        """"Congo's Therese Kayikwamba Wagner", "the head of the Philippine armed forces, General Romeo
        Brawner": the person's later mentions by name act for the same side."""
        tokens = self.phrase_tokens(head)
        tokens += [t for c in children(head) if c.dep_ == "appos" for t in self.phrase_tokens(c)]
        leader = [t for t in tokens if t.pos_ == "PROPN" and t.i in self.by_token and
                  self.by_token[t.i].entries[0].kind == "leader"]
        # a leader the dictionary names in full ("President Irfaan Ali") is named again by surname ("Ali")
        surname = (leader[-1].lower_ if leader and len(leader[-1]) > 2 else None) or self._surname(tokens)
        if surname and surname not in self.context.people:
            self.context.people[surname] = actor
            given = self._given_name(tokens)
            if given and given not in self.context.people:   # "Phumtham Wechayachai" is "Phumtham" later
                self.context.people[given] = actor
        if surname or leader or (head.tag_ == "NNS" and actor.role and any(t.i in self.by_token for t in tokens)):
            # ... and "European Union leaders" are "the leaders" later on
            self.context.titled.insert(0, (frozenset(t.lower_ for t in tokens if t.is_alpha), actor))

    def _person_named_before(self, tokens, role: str | None) -> Actor | None:
        # a lone name ("spoke with Ali") is looked up, though it is not remembered as a surname on its own
        lone = [t for t in tokens if t.pos_ == "PROPN"]
        surname = self._surname(tokens) or (lone[0].lower_ if len(lone) == 1 and len(tokens) == 1 else None)
        known = self.context.people.get(surname) if surname else None
        if known is None:
            return None
        return country_actor(known.country, role or known.role, known.name, phrase_text(tokens)) if not known.group \
            else known

    def _titled_before(self, tokens) -> Actor | None:
        """"the Secretary-General", "the premier": the latest person the article named with that title."""
        words = {t.lower_ for t in tokens[1:] if t.is_alpha}
        if len(tokens) < 2 or tokens[0].lower_ != "the" or not words:
            return None
        known = next((a for seen, a in self.context.titled if words <= seen), None)
        return None if known is None else Actor(code=known.code, country=known.country, role=known.role,
                                                group=known.group, name=known.name, text=phrase_text(tokens))

    def remember_offices(self) -> None:
        """Note every "Myanmar's junta" or "Mali's military-led government" of the sentence, whether an event asked
        for it or not: a later "the junta" refers back to it."""
        by_token = self.by_token
        for t, pos, _, lemma in zip(*sentence_columns(self.sent)):
            # (only the words an office is remembered by: resolving is the costly part)
            if pos == "NOUN" and (lemma in OFFICE_LEMMAS or lemma in JUNTA_LEMMAS) and t.i not in by_token and \
                    _office_words(t) and any(x.i in by_token for x in self.phrase_tokens(t) if x.i != t.i):
                found = self._resolve_one(t)
                if len(found) == 1:
                    self._remember_office(t, found[0])
            elif pos == "PROPN" and t.i in by_token and t.dep_ in ("nsubj", "nsubjpass") and \
                    by_token[t.i].entries[0].kind == "leader":
                self.actors_of(t)   # "Liberian President Charles Taylor ... flew into exile": "Taylor" later

    def _namesake_home(self, entry: ActorEntry, role: str | None) -> str | None:
        """"Communications Minister Jorge Rodriguez" in a story from Caracas: a title names an office of the story's
        country, not of a dictionary namesake who holds none, from a country the article names nowhere else. That
        country, or None."""
        if entry.kind != "leader" or entry.role is not None or entry.group or not entry.country or not role or \
                self.context.mentioned.get(entry.country, 0) > 1:
            return None
        home = self.context.story_subject()
        return home if home and home != entry.country else None

    def _remember_office(self, head, actor: Actor) -> None:
        """"Myanmar's junta" is "the junta" later on; so is "Mali's military-led government"."""
        tokens = self.phrase_tokens(head)
        if actor.country and not actor.group and any(t.i in self.by_token for t in tokens):
            for word in _office_words(head):
                self.context.offices[word] = actor.country

    def _office_country(self, head, nearest: str) -> str:
        """Whose "junta", "ministry" or "administration": the country last named with that word ("Myanmar's
        junta"), else the story's own country (a dateline's country the article names most), else the nearest
        country named; a junta rules the country the story is about, the one it names most (not a neighbour
        named since: "the junta in Niger ... Nigerian President Tinubu said ... The junta closed the airspace")."""
        word = head.lemma_.lower()
        found = self.context.offices.get(word) or self.context.story_country()
        if found is None and word == "junta" and self.context.mentioned:
            found = max(self.context.mentioned.items(), key=lambda kv: kv[1])[0]
        return found or nearest


# The lemmas `_office_words` can answer for (a cheap test before it reads the phrase).
OFFICE_LEMMAS = frozenset(word for word, kind in BACK_REFERENCES.items() if kind == "office")
JUNTA_LEMMAS = frozenset({"government", "ruler", "authority", "leadership"})   # when "military(-led)"


def _office_words(head) -> list[str]:
    """The offices a noun is remembered as: "junta", "ministry" ...; a "military(-led) government" is the junta."""
    word = head.lemma_.lower()
    words = [word] if word in OFFICE_LEMMAS else []
    if word in JUNTA_LEMMAS and \
            any(t.lower_.startswith(("military", "army")) for t in head.subtree if t.i < head.i):
        words.append("junta")
    return words
