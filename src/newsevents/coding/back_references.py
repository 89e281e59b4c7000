"""Back-references in an actor phrase: pronouns ("it", "they", "its") and definite descriptions ("the country",
"the junta") resolved to an actor the article named before. A mixin of `SentenceActors` (it uses its context,
mentions, role and office helpers)."""
from __future__ import annotations

from newsevents.coding.english import ACT_PREDICATES, BACK_REFERENCES, FIRST_PERSON, NEUTER, PERSONAL, PLURAL
from newsevents.coding.lexicon.actors import country_actor
from newsevents.coding.modality import REPORTING
from newsevents.coding.parse_facts import children
from newsevents.coding.syntax import helper_phrases, phrase_text
from newsevents.model import Actor

PRONOUNS = PERSONAL | NEUTER | PLURAL | FIRST_PERSON   # (made once: asked for every phrase)


class BackReferences:

    def _back_reference(self, head, tokens, exclude: frozenset = frozenset()) -> Actor | None:
        """Pronouns and definite descriptions ("its", "the country", "the alliance") -> an earlier actor."""
        word = head.lower_
        kind = None
        if word in FIRST_PERSON:
            speaker = speaker_of(head)
            said = [a for a in self._resolve_one(speaker) if a.code] if speaker is not None else []
            if len(said) != 1 or said[0].code in exclude:
                return None
            return Actor(code=said[0].code, country=said[0].country, role=said[0].role, group=said[0].group,
                         name=said[0].name, text=head.text)
        if word in PERSONAL:
            kind = "person"
        elif word in NEUTER:
            if word == "it" and head.dep_ == "dobj" and (self._after_thing(head, ("NN",)) or _called_an_act(head)):
                return None   # "would withdraw the bill and would not sign it": the bill; "called it a crime"
            kind = "neuter"
        elif word in PLURAL:
            if word == "them" and self._after_thing(head, ("NNS", "NNPS")):
                return None   # "shocked by the strikes, calling them unacceptable": the strikes, no actor
            kind = "any"
        elif any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" and t.head.i == head.i for t in tokens):
            kind = BACK_REFERENCES.get(head.lemma_.lower())
            if kind == "named" and any(c.dep_ in ("compound", "amod") for c in children(head)):
                return None   # "the Constitutional Court": another court than the one named before
            if kind == "country" and head.tag_ == "NNS" and head.head.lower_ != "between" and \
                    not any(c.dep_ == "nummod" for c in children(head)):
                return None   # "urged the Gulf states to stay united": several, not the last country named (a
                # pair's own words, "the two countries", "between the neighbours", are read as before)
        else:   # "its forces", "the court's decision": the owner refers back
            poss = [t for t in tokens if t.dep_ == "poss" and (t.lower_ in PRONOUNS or t.lower_ == "whose" or (
                is_definite_back_reference(t) and t.tag_ == "NN"))]   # (not "the three countries'": many)
            if poss:
                owner = [t for t in tokens if t.i in (poss[0].i, *(c.i for c in children(poss[0]) if c.dep_ == "det"))]
                ref = self._back_reference(poss[0], owner) if poss[0].lower_ != "whose" else self._whose(poss[0])
                if ref is not None:
                    # (the speaker's "our military cooperation" is the speaker's, not its forces; "our troops" are)
                    role = self.dictionary.role_of(head) if poss[0].lower_ in FIRST_PERSON else \
                        self._role(head, tokens)
                    role = role or ref.role
                    return Actor(code=(ref.group or ((ref.country or "") + (role or ""))), country=ref.country,
                                 role=role, group=ref.group, name=ref.name, text=phrase_text(tokens))
                return None
        if kind is None:
            return None
        if kind in ("neuter", "any"):
            exclude = exclude | self._helpers_of_clause(head)
        before = _before_quote(head)
        pool = self.context.candidates(before)
        if before < head.i:   # "Macron said ... . 'We are ending ...,' he said": the speaker goes on speaking
            speakers = self._previous_speakers()
            pool = speakers + [a for a in pool if a not in speakers]
        home = self.context.story_country() if head.lemma_.lower() == "government" and head.tag_ == "NN" and \
            kind == "country" else None
        if home is not None and home not in exclude:   # "urged the government to lift the emergency", in a story
            return country_actor(home, "GOV", home, head.text)   # filed from Tashkent about Uzbekistan: Uzbekistan's
        reporter = reporter_of(head)
        if reporter is not None:   # "The TPLF, which ..., said its forces had taken ...": the TPLF's forces
            said = [a for a in self._resolve_one(reporter) if a.code]
            pool = said[:1] + [a for a in pool if a not in said[:1]] if len(said) == 1 else pool
        for a in pool:
            if a.code in exclude or (a.country and a.country in exclude):
                continue
            if kind == "person" and not a.role:   # "he": someone with an office, not a country as such
                continue
            if kind in ("country", "office") and (a.group or not a.country):
                continue
            if kind == "group" and not a.group:
                continue
            if kind == "named" and head.lemma_.lower() not in f"{a.name} {a.text}".lower().split():
                continue
            if kind == "office":   # "the junta" of the country in view, in its own role
                country = self._office_country(head, a.country)
                return country_actor(country, self._role(head, tokens) or "GOV", country, phrase_text(tokens))
            return Actor(code=a.code, country=a.country, role=a.role, group=a.group, name=a.name, text=head.text)
        if kind == "named":   # "The court also called for ...": the court the article named paragraphs before
            a = self.context.institutions.get(head.lemma_.lower())
            if a is not None and a.code not in exclude:
                return Actor(code=a.code, country=a.country, role=a.role, group=a.group, name=a.name, text=head.text)
        return None

    def _previous_speakers(self) -> list[Actor]:
        """The named speakers of the previous sentence: the single subjects of its reporting verbs."""
        previous = self.context.previous_sentence
        if previous is None:
            return []
        return [a for verb in previous.sent if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING
                for subject in children(verb) if subject.dep_ == "nsubj" and subject.tag_ in ("NNP", "NN")
                for a in previous.actors_of(subject) if a.code and a.role]

    def _helpers_of_clause(self, head) -> frozenset[str]:
        """"Israel, with help from the United States and Jordan, shot down all of them": whoever helps the act is
        on its actor's side, not what the clause's pronouns refer to."""
        verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return frozenset()
        helpers = [t for noun in helper_phrases(verb) for t in noun.subtree
                   if t.i != noun.i and t.dep_ in ("pobj", "conj", "poss")]
        return frozenset(a.code for t in helpers for a in self._resolve_one(t))

    def _after_thing(self, head, tags) -> bool:
        """Whether the nearest noun with one of `tags` before the pronoun in its sentence names no actor (a
        thing or an act: "them" after "the strikes", an object "it" after "the bill")."""
        for t in reversed(self.sent[:head.i - self.sent.start]):
            if t.tag_ in tags:
                return t.i not in self.by_token and not self.dictionary.role_of(t)
        return False

    def _whose(self, whose) -> Actor | None:
        """"Eritrea, whose troops have fought ...": the noun the relative clause describes."""
        clause = next((a for a in whose.ancestors if a.dep_ == "relcl"), None)
        found = self._resolve_one(clause.head) if clause is not None else []
        return found[0] if len(found) == 1 else None


def reporter_of(pronoun):
    """Who reports a clause whose subject is the pronoun or what it owns ("X said it would ...", "X said its forces
    had ..."): the reporting verb's subject, before the pronoun; else None."""
    subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.dep_ != "ccomp":
        return None
    report = subject.head.head
    if report.lemma_.lower() not in REPORTING:
        return None
    reporter = next((c for c in children(report) if c.dep_ == "nsubj"), None)
    while reporter is None and report.dep_ == "conj":   # "X welcomed the deal but said it ...": X's subject
        report = report.head
        reporter = next((c for c in children(report) if c.dep_ == "nsubj"), None)
    if reporter is None or reporter.i > pronoun.i:
        return None
    if pronoun.lower_ in PLURAL and reporter.tag_ not in ("NNS", "NNPS") and \
            not any(c.dep_ == "conj" for c in children(reporter)):
        return None   # "Le Drian ... said they bore full responsibility": others
    return reporter


def _before_quote(pronoun) -> int:
    """Where the actors a pronoun may refer to end: before it, and before the quote it reports when it is the
    speaker after one ("'If Hezbollah violates the agreement, we will attack,' he said": not Hezbollah)."""
    report, doc = pronoun.head, pronoun.doc
    if pronoun.lower_ in PERSONAL and pronoun.dep_ == "nsubj" and report.lemma_.lower() in REPORTING:
        quotes = [c.left_edge.i for c in children(report) if c.dep_ == "ccomp" and c.i < pronoun.i and any(
            doc[i].tag_ == "``" for i in range(max(c.left_edge.i - 1, 0), c.left_edge.i + 1))]
        if quotes:
            return min(quotes + [pronoun.i])
    return pronoun.i


def speaker_of(pronoun):
    """Who says the clause a first-person pronoun is in ("'We deplore what India has done,' Howard said": Howard;
    "Howard said we would act"): the subject of the reporting verb the clause is the complement of; else None."""
    for clause in pronoun.ancestors:
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING:
            speaker = next((c for c in children(clause.head) if c.dep_ == "nsubj"), None)
            return speaker if speaker is not None and speaker.lower_ not in FIRST_PERSON else None
    return None


def _called_an_act(pronoun) -> bool:
    """"Erdogan called it a despicable act": what is called an act is one, not an actor."""
    return any(k.dep_ == "oprd" and k.lemma_.lower() in ACT_PREDICATES for k in children(pronoun.head))


def is_back_reference(token) -> bool:
    """A pronoun or a definite description that refers back ("it", "its", "the alliance", "the group")."""
    return token.lower_ in PRONOUNS or is_definite_back_reference(token)


def is_definite_back_reference(head) -> bool:
    return head.lemma_.lower() in BACK_REFERENCES and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children(head))
