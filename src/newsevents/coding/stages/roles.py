"""Stages 2-4: the actors of the source and target phrases, the modality of the act, and its place."""
from __future__ import annotations

from newsevents.coding.locate import PLACE_WORDS, EventLocator
from newsevents.coding.modality import modality_of
from newsevents.coding.parse_facts import children
from newsevents.coding.policy import Policy
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.roles import first_actors
from newsevents.coding.syntax import agent_of, subject_of


class ActorStage:
    """Resolve source and target phrases to actors; a frame with no source is dropped here."""

    name = "actors"

    def __init__(self, policy: Policy):
        self.policy = policy

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        own_people = scope.lexicon.conventions.words("own_people_root")
        own_nationals = scope.lexicon.conventions.words("own_nationals_root")
        borders = scope.lexicon.conventions.words("border_noun")
        out = []
        for c in candidates:
            frame = c.frame
            instruments = scope.lexicon.conventions.instruments(c.code)
            c.sources = first_actors(frame.sources, scope.actors, instruments, borders=borders)
            if not c.sources and frame.kind in ("verb", "light") and frame.trigger.dep_ in ("relcl", "acl") \
                    and _relative_subject(frame.trigger, scope) and _noun_is_agent(frame.trigger):
                # "the militia that attacked ...": the relative clause's subject is the noun it modifies; not
                # "91 people killed", "civilians wounded in the attack": a past participle's noun is its victim
                # (not what the clause itself names: "letters inviting Tshisekedi" are not Tshisekedi's)
                c.sources = first_actors([frame.trigger.head], scope.actors, instruments, outside=frame.trigger)
            if all(not a.code for a in c.sources) and frame.kind == "verb":
                # "air strikes carried out by Israel hit Gaza", "drone attacks claimed by the Houthis struck":
                # the act named as the subject was done by the agent of the participle describing it
                # (an act or people, "the two delegations, led by ...", not a thing: "pagers used by Hezbollah
                # members exploded" were not Hezbollah's act)
                acts, roles = scope.lexicon.verbs.noun_heads, scope.actors.dictionary
                agents = [agent_of(k) for subject in frame.sources if subject is not None and (
                          subject.lemma_.lower() in acts or roles.role_of(subject)) for k in children(subject)
                          if k.dep_ == "acl" and k.tag_ == "VBN"]
                c.sources = first_actors(agents, scope.actors, instruments) or c.sources
            if not c.sources:
                self.policy.adjust("sources", c, scope)   # an act that implies who did it ("was arrested")
            if not c.sources:
                continue   # no one to attribute it to: nothing else is worth working out
            if c.code[:2] in own_people:
                # A state can use force against its own people ("Syrian jets dropped sarin on a town in Syria").
                c.exclude = frozenset(a.code for a in c.sources)
            else:
                c.exclude = frozenset({a.code for a in c.sources} | {a.country for a in c.sources if a.country})
                if c.code[:2] not in own_nationals:   # (their nationals, not the country: "crimes by Croatians")
                    c.own = tuple(c.sources)
            c.targets = first_actors(frame.targets, scope.actors, instruments, exclude=c.exclude, sources=c.own,
                                     venues=scope.lexicon.conventions.venues(c.code), borders=borders)
            self.policy.adjust("actors", c, scope)
            out.append(c)
        return out


def _relative_subject(clause, scope: SentenceScope) -> bool:
    """Whether the clause's subject is the noun it describes: none of its own, or a relative pronoun ("Biden,
    who met Xi in Bali, ..."); "which" or "that" only after a name or a role ("Russia, which brokered", "a
    militant group that has killed"), not after an act or a place ("a drone attack that killed", "Iraq's
    Kurdistan region, which ...": no actor)."""
    subject = subject_of(clause)
    if subject is None:   # (not "two bases in Iraq hosting U.S. forces": a place acts in nothing)
        return clause.head.lemma_.lower() not in PLACE_WORDS
    if subject.tag_ not in ("WP", "WDT") or subject.lower_ not in ("who", "which", "that"):
        return False
    noun = clause.head
    if subject.lower_ == "who" or noun.pos_ == "PROPN":
        return True
    act_noun = noun.lemma_.lower() in scope.lexicon.verbs.noun_heads
    return scope.actors.dictionary.role_of(noun) is not None and not act_noun


def _noun_is_agent(clause) -> bool:
    """Whether the noun a relative or participle clause describes is the one who acts in it: "the militia that
    attacked"; not "91 people killed" (a past participle's noun is its victim), not "the station where
    civilians were killed" or "a town whose people were shelled" (the noun is a place, or the clause has its
    own passive subject)."""
    if clause.dep_ == "acl" and clause.tag_ == "VBN":
        return False
    return not any(c.dep_ == "nsubjpass" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in children(clause))


class ModalityStage:
    """Asserted, negated, hypothetical or future: read at the trigger (or where the frame says)."""

    name = "modality"

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        for c in candidates:
            frame = c.frame
            c.modality = modality_of(frame.modality_token if frame.modality_token is not None else frame.trigger)
        return candidates


class PlaceStage:
    """Where the act happened, and every place named (each target may have its own)."""

    name = "place"

    def __init__(self, locator: EventLocator):
        self.locator = locator

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        for c in candidates:
            c.place, c.place_options = self.locator.locate(c.frame, scope.actors, c.targets)
        return candidates
