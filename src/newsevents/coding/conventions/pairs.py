"""Which (source, target) pairs an act makes: the first convention that answers decides; without one, every
source acts on every target."""
from __future__ import annotations

from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.syntax import direct_object
from newsevents.coding.lexicon.actors import country_actor
from newsevents.model import Actor


def _among(sources: list[Actor]) -> list[tuple[Actor, Actor]]:
    return [(sources[i], sources[j]) for i in range(len(sources)) for j in range(i + 1, len(sources))]


def reciprocal_parties(c: Candidate, s: SentenceScope):
    """"X and Y clashed in Z": several sources of a reciprocal verb with no object act on one another."""
    trigger = c.frame.trigger
    if len(c.sources) >= 2 and trigger.lemma_.lower() in s.lexicon.conventions.words("reciprocal_verb") and \
            direct_object(trigger) is None:
        return _among(c.sources)
    return None


def joint_partners(c: Candidate, s: SentenceScope):
    """"Russia and Belarus began joint drills", "X and Y restored relations": a joint act is an event between
    the partners."""
    if len(c.sources) < 2 or c.targets:
        return None
    tables = s.lexicon.conventions
    trigger = c.frame.trigger
    thing = c.frame.noun if c.frame.noun is not None else direct_object(trigger)
    if trigger.lemma_.lower() in tables.words("reciprocal_verb") or (
            thing is not None and thing.lemma_.lower() in tables.words("reciprocal_noun")):
        return _among(c.sources)
    return None


def home_government(c: Candidate, s: SentenceScope):
    """A protest with no named target is aimed at its own country's government (CAMEO practice)."""
    countries = {a.country for a in c.sources if a.country}
    if c.targets or c.code[:2] not in s.lexicon.conventions.words("protest_root") or len(countries) != 1:
        return None
    home = next(iter(countries))
    gov = country_actor(home, "GOV", name=home)
    return [(a, gov) for a in c.sources if a.code != gov.code]


def one_sided(c: Candidate, s: SentenceScope):
    """"Protesters rallied in Manila", "X mobilised troops": GDELT's one-actor events, for the roots that
    stand without a named target (and, of intents, only agreeing, accepting and pledging)."""
    tables, frame = s.lexicon.conventions, c.frame
    if c.targets or c.code[:2] not in tables.words("one_sided_root") or frame.kind == "noun" or \
            frame.trigger.dep_ in ("acl", "relcl", "amod"):
        return None
    if c.code[:2] == "03" and frame.trigger.lemma_.lower() not in tables.words("one_sided_intent"):
        return None
    return [(a, None) for a in c.sources]


def domestic_needs_two_roles(c: Candidate, s: SentenceScope) -> bool:
    """A domestic event needs two distinct roles ("SYRMIL -> SYRREB"); statements are never domestic events."""
    source, target = c.source, c.target
    if target is None:
        return False
    return source.code == target.code or (source.country == target.country and (
        c.code[:2] in s.lexicon.conventions.words("statement_root") or not (source.role or target.role)))
