"""The CAMEO code and the place, once the pairs are known."""
from __future__ import annotations

from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.parse_facts import children
from newsevents.coding.syntax import direct_object, has_prep, prepositional_objects, victim_count


def mass_killing(c: Candidate, s: SentenceScope) -> bool:
    """Killing hundreds of people is mass violence (202), not a plain assault (19)."""
    tables = s.lexicon.conventions
    trigger = c.frame.trigger
    if c.code[:2] == "19" and trigger.lemma_.lower() in tables.words("mass_killing_verb") and \
            victim_count(trigger) >= tables.number("mass_killing", "victims"):
        c.code = "202"
        return True
    return False


def armed_group_violence(c: Candidate, s: SentenceScope) -> bool:
    """A claimed attack, or rebels attacking the people of a place, is unconventional violence (180)."""
    if c.code in ("190", "193") and (c.frame.kind == "claim" or
                                     c.civilian_target and any(a.role == "REB" for a in c.sources)):
        c.code = "180"
        return True
    return False


def state_bombing(c: Candidate, s: SentenceScope) -> bool:
    """"joint US-Israeli bombing of Iran": a state's bombing is a military one, by air (195); the non-military
    bombing of CAMEO 183 is an armed group's or a bomber's."""
    if c.code == "183" and c.sources and all((a.country and not a.group and a.role in (None, "GOV", "MIL")) or
                                             a.group in s.lexicon.conventions.words("military_alliance")
                                             for a in c.sources):
        c.code = "195"
        return True
    return False


def territory_taken(c: Candidate, s: SentenceScope) -> bool:
    """"Rebels seized Damascus", "seized Crimea": taking a named town or land is occupying territory (192), not
    seizing property (171); the place words ("seized the city") are the verb table's own rows."""
    if c.code != "171" or c.frame.kind != "verb":
        return False
    obj = direct_object(c.frame.trigger)
    if obj is None or obj.dep_ == "nsubjpass" or obj.pos_ != "PROPN":   # (the parser tags no entities)
        return False
    first = min((t.i for t in obj.subtree if t.dep_ == "compound" and t.head.i == obj.i), default=obj.i)
    if s.lexicon.gazetteer.lookup(obj.doc[first:obj.i + 1].text) is None:
        return False
    c.code = "192"
    return True


def warning_of_fact(c: Candidate, s: SentenceScope) -> bool:
    """"Aid agencies warned that the fighting had cut electricity", "warned of a humanitarian catastrophe": a
    warning that something has happened, or of a danger, reports it (a pessimistic comment, 012); only one that
    looks ahead to what its speaker will do ("warned it would respond", "warned of retaliation") threatens."""
    comp, trigger = c.frame.complement, c.frame.trigger
    if c.code != "130" or c.frame.kind != "verb" or trigger.lemma_.lower() not in ("warn", "caution"):
        return False
    dangers = [p for prep, p in prepositional_objects(trigger) if prep == "of"] if comp is None else []
    if dangers and not any(p.lemma_.lower() in s.lexicon.conventions.words("threat_cue") or
                           s.lexicon.verbs.match_noun(p, governed=True) is not None for p in dangers):
        c.code = "012"   # (an act warned of, "warned of strikes", may be one the speaker means to do)
        return True
    if comp is None or comp.dep_ != "ccomp":
        return False
    # (a perfect only: reported speech shifts the present back, "warned that any change put aid at risk")
    aux = [a for a in children(comp) if a.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return False
    if comp.tag_ == "VBN" and any(a.lower_ in ("had", "has", "have") for a in aux):
        c.code = "012"
        return True
    # "Biden warned that Putin was banking on the United States failing", "that NATO was preparing to attack": what
    # another side is doing, as it goes on, is no promise of the speaker's
    subject = next((k for k in children(comp) if k.dep_ == "nsubj"), None)
    doers = [a for a in s.actors.actors_of(subject) if a.code] if subject is not None else []
    homes = {a.group or a.country for a in c.sources}
    if comp.tag_ == "VBG" and doers and all((a.group or a.country) not in homes | {None} for a in doers):
        c.code = "012"
        return True
    return False


def riot(c: Candidate, s: SentenceScope) -> bool:
    """"Protesters attacked the embassies", "a mob stormed a police station": civilians' violence is a violent
    protest, a riot (145), not an armed assault; so is protesters' (not settlers') destruction of property. Armed
    men storming a building ("troops stormed the residence") assault it (190): no protest."""
    if c.code[:2] in ("18", "19") and c.sources and all(a.role == "CVL" for a in c.sources):
        c.code = "145"
        return True
    if c.code == "145" and c.frame.trigger.lemma_.lower() == "storm" and c.sources and \
            all(a.role in ("MIL", "COP", "REB", "SPY") for a in c.sources):
        c.code = "190"
        return True
    protesters = s.lexicon.conventions.words("protester_noun")
    if c.code.startswith("171") and c.sources and all(a.role == "CVL" for a in c.sources) and any(
            t.lemma_.lower() in protesters for t in c.frame.sources if t is not None):
        c.code = "145"   # "protesters set fire to the embassy": their riot; settlers' arson stays destruction
        return True
    return False


def is_state_protest(c: Candidate) -> bool:
    """"China's foreign ministry protested against the use of force", "Japan protested", "NATO protests": a
    protest by a state or a body of states named as such (not "Kenyans", "students", nor a subject the clause
    only inherits)."""
    return c.code in ("140", "141") and c.frame.trigger.lemma_.lower() == "protest" and by_a_state(c, ("GOV", "IGO"))


def by_a_state(c: Candidate, roles=("GOV",)) -> bool:
    """Whether every source is a state named as such ("Japan", "China's foreign ministry"), not its people."""
    return bool(c.sources) and all(a.role in roles or (a.role is None and a.group is None and a.country)
                                   for a in c.sources) and \
        bool(c.frame.sources) and all(t is not None and t.tag_ in ("NNP", "NN") for t in c.frame.sources)


def peacekeepers_arrive(c: Candidate, s: SentenceScope) -> bool:
    """Peacekeepers arriving in a country ("700 Nigerian peacekeepers have arrived in Liberia") provide
    peacekeeping (074): no visit."""
    if c.code != "042" or not c.sources or not all("peacekeep" in a.text.lower() for a in c.sources):
        return False
    c.code = "074"
    return True


def institution_blocks(c: Candidate, s: SentenceScope) -> bool:
    """A court or a legislature that blocks a deployment, a law or a result rejects it (120): no protest."""
    if c.code == "144" and c.sources and all(a.role in ("JUD", "LEG") and a.group is None for a in c.sources):
        c.code = "120"
        return True
    return False


def official_protest(c: Candidate, s: SentenceScope) -> bool:
    """A state's protest is an official complaint (114), not a demonstration in the street (141)."""
    if is_state_protest(c):
        c.code = "114"
        return True
    return False


# Where words, not blows, are exchanged: a clash "in" one of these is a row.
_FORUMS = frozenset({"meeting", "debate", "talks", "talk", "call", "interview", "exchange", "session", "hearing",
                     "summit", "conference", "parliament", "chamber", "press"})
_POLITICAL_ROLES = frozenset({"GOV", "LEG", "OPP", "JUD"})


def verbal_clash(c: Candidate, s: SentenceScope) -> bool:
    """"Trump and Zelenskiy clashed in a heated Oval Office meeting", "Macron and Meloni clashed over
    migration": a clash in a forum, or between office holders and politicians only, is a row (111), not
    fighting (190)."""
    trigger = c.frame.trigger
    if c.code != "190" or trigger.lemma_.lower() != "clash":
        return False
    in_forum = any(p.dep_ == "prep" and p.lower_ in ("in", "during", "at") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in _FORUMS for o in children(p)) for p in children(trigger))
    actors = [a for pair in c.pairs for a in pair if a is not None] or list(c.sources) + list(c.targets)
    political = bool(actors) and all(a.role in _POLITICAL_ROLES for a in actors)
    if not (in_forum or political):
        return False
    c.code = "111"
    return True


def joint_drills(c: Candidate, s: SentenceScope) -> bool:
    """Drills held jointly or "with" a partner are military cooperation (062), not a show of force (150); so are
    operations conducted "with" another's forces ("flight operations with Guyana's military"), not an attack."""
    joint_operation = c.code == "190" and c.frame.kind == "light" and c.frame.noun is not None and \
        c.frame.noun.lemma_.lower() == "operation" and any(  # with forces, not "with tanks"
            prep == "with" and any(a.code for a in s.actors.actors_of(p))
            for t in (c.frame.trigger, c.frame.noun) for prep, p in prepositional_objects(t))
    if joint_operation or c.code == "150" and (len(c.sources) >= 2 and not c.targets or
                                               has_prep((c.frame.trigger, c.frame.noun), "with")):
        c.code = "062"
        return True
    return False


def story_place(c: Candidate, s: SentenceScope) -> bool:
    """An act with no place of its own happened where the story was filed (its dateline)."""
    if c.place is not None or s.context.story_place is None:
        return False
    c.place = s.context.story_place
    return True


def place_of_target(c: Candidate, s: SentenceScope) -> bool:
    """A use of force with no place named happened in its target's country."""
    if c.place is not None or c.code[:2] not in s.lexicon.conventions.words("located_fallback_root"):
        return False
    target = c.pairs[0][1] if c.pairs else None
    if target is None or not target.country:
        return False
    c.place = s.lexicon.gazetteer.country(target.country)
    return c.place is not None


def self_restraint(c: Candidate, s: SentenceScope) -> bool:
    """"Iran agreed to curb its nuclear programme", "Pyongyang froze its reactor": restricting or giving up one's
    own programme, activity or arms is yielding (080), not coercion of someone else (17)."""
    if c.frame.kind != "verb" or c.code[:2] != "17" or c.code[:3] in ("173", "174", "175") or c.targets:
        return False
    obj = direct_object(c.frame.trigger)
    sources = {a.code for a in c.sources}
    if obj is None or obj.dep_ == "nsubjpass" or any(a.code not in sources for a in s.actors.actors_of(obj)) or \
            obj.lemma_.lower() in s.lexicon.conventions.words("freedom_noun"):
        return False   # people restrained are repression ("curbed its citizens' freedoms", "their rights")
    own = [k for k in children(obj) if (k.dep_ == "poss" and k.pos_ == "PRON" and k.lower_ in ("its", "their")) or
           (k.dep_ == "amod" and k.lower_ == "own")]
    if not own:
        return False
    c.code = "080"
    return True


def reaction_with_means(c: Candidate, s: SentenceScope) -> bool:
    """"Israel responded with artillery fire", "retaliated with sanctions": a reaction is the act its "with" phrase
    names, not a statement or a generic attack."""
    trigger = c.frame.trigger
    if c.frame.kind != "verb" or trigger.lemma_.lower() not in s.lexicon.conventions.words("means_verb"):
        return False
    means = [p for x in children(trigger) if x.dep_ == "prep" and x.lower_ == "with"
             for p in children(x) if p.dep_ == "pobj"]
    rules = [s.lexicon.verbs.match_noun(p, governed=True) for p in means]
    code = next((r.code for r in rules if r is not None and r.code[:2] != "01"), None)
    if code is None or code == c.code:
        return False
    c.code = code
    return True
