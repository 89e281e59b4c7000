"""Who fills a frame's slots: the actors of the first candidate phrase that names any, and the tests the
stages and conventions share (is an actor the source's own side? who announced an act?)."""
from __future__ import annotations

from newsevents.coding.english import LOCATIVE, POSTED_PEOPLE
from newsevents.coding.lexicon.actors import with_country
from newsevents.coding.parse_facts import children
from newsevents.coding.phrases import SentenceActors
from newsevents.coding.syntax import phrase_and_inner, subject_of
from newsevents.model import Actor


def own_side(actor: Actor, sources: list[Actor] | tuple[Actor, ...]) -> bool:
    """The source's own people ("Serbia withdrew its troops"), as opposed to a domestic counterpart with
    another role ("the opposition demanded that the government ...") or a named group of its own: not a
    target."""
    return any(actor.country and actor.country == s.country and (not s.role or not actor.role or s.role == actor.role)
               and not (actor.group and actor.group != s.group)   # "Ethiopia held talks with the TPLF"
               for s in sources)


def presumed_sources(c, s) -> list[Actor]:
    """The sources, a role-only one given the country `presumed_home` says."""
    home = presumed_home(c, s)
    return [with_country(a, home) if home and not (a.country or a.group) else a for a in c.sources]


def presumed_home(c, s) -> str | None:
    """Where a role-only source ("a foreign ministry spokeswoman") is from, before a later convention says so:
    the country where it acts (else the story's); None when every source has its country or group."""
    if all(a.country or a.group for a in c.sources):
        return None
    return c.place.country if c.place is not None else s.context.story_country()


def first_actors(heads, actors: SentenceActors, instruments: frozenset[str], exclude=frozenset(),
                 sources=(), venues: frozenset[str] = frozenset(), outside=None,
                 borders: frozenset[str] = frozenset()) -> list[Actor]:
    """The actors of the first candidate phrase that names any, looking into its nested phrases when the
    phrase itself names none ("struck targets in Iran", "at nine sites in Pakistan"), but not into where a
    `venues` noun was made ("an agreement in South Africa"), nor into the clause `outside` heads or after it.
    People named by their role take no country from a `borders` noun they are at ("guerrilla camps near the
    Thai border", "troops on the Ukrainian border"): a border has two sides."""
    role_only: list[Actor] = []
    skip = {t.i for t in outside.subtree} if outside is not None else set()
    for head in heads:
        if head is None:
            continue
        for phrase in phrase_and_inner(head, venues=venues):
            if phrase.i in skip or (outside is not None and phrase.i > outside.i):
                continue   # nor after it: "trucks blocking a bridge near the border with Serbia" are not Serbia's
            if sources and any(t.lower_ == "own" and t.dep_ == "amod" for t in children(phrase)):
                continue   # "recalled its own ambassadors": the source's side, whatever their role
            found = [a for a in actors.actors_of(phrase, exclude)
                     if not a.code or (a.code not in exclude and not own_side(a, sources))]
            if phrase.lemma_.lower() in instruments:
                # "fired two missiles", "deployed a carrier": a weapon without a named owner is no target; nor
                # one of the actor's own side ("Ukraine's defence was launching their missiles")
                found = [a for a in found if a.code and a.country not in exclude]
            resolved = [a for a in found if a.code]
            if resolved:
                if role_only and phrase.lemma_.lower() in borders:
                    return role_only
                if role_only and phrase is not head and all(not a.role and not a.group for a in resolved):
                    # "protesters in Kinshasa", "officials in Washington": the role, of the place's country
                    if head.lower_ in POSTED_PEOPLE:
                        return role_only   # "diplomats in Doha": posted there, of no country said
                    return [with_country(r, a.country) for a in resolved for r in role_only]
                if role_only and _where(phrase) and (phrase is not head or all(r.role in ("CVL", "OPP")
                                                                                for r in role_only)):
                    # "demonstrators near the U.S. embassy" (the phrase hung on the noun, or on the verb after
                    # people named by their role): the embassy is where they were; "a tanker off Oman" is Oman's
                    return role_only
                # "The army and the RSF accused each other": a role-only conjunct is a party too (its country is
                # found later, role.country-from-place, or from whom it serves: "and a top aide to Zelenskiy")
                return [a if a.code else _of_whom(a, phrase, actors) for a in found if a.code or
                        (a.role and phrase is head)]
            if found and not role_only:
                role_only = found
    return role_only


def _of_whom(role: Actor, phrase, actors: SentenceActors) -> Actor:
    """A role-only conjunct of `phrase` with the country of whom its "to" or "of" phrase names ("a top aide to
    Zelenskiy"), else as it is."""
    for t in phrase.subtree:
        if t.dep_ == "conj" and role.text.endswith(t.text):
            for prep in children(t):
                if prep.dep_ == "prep" and prep.lower_ in ("to", "of"):
                    owners = [a for p in children(prep) if p.dep_ == "pobj" for a in actors.actors_of(p) if a.country]
                    if owners:
                        return with_country(role, owners[0].country)
    return role


def _where(phrase) -> bool:
    return phrase.dep_ == "pobj" and phrase.head.lower_ in LOCATIVE


def named_in_clauses(trigger, actors: SentenceActors, exclude, sources, deps) -> list[Actor]:
    """The first named, non-own actor in the trigger's clauses of the given kinds."""
    for c in children(trigger):
        if c.dep_ not in deps or (c.dep_ == "prep" and c.lower_ not in ("in", "against")):
            continue
        for t in c.subtree:
            if t.i in actors.by_token:
                for a in actors.actors_of(actors.phrase_head(t)):
                    if a.code and a.code not in exclude and not own_side(a, sources) and \
                            all(a.country != s.country for s in sources):
                        return [a]
    return []


def other_must(comp, actors: SentenceActors, sources, modals) -> tuple[list[Actor], str | None]:
    """"... said X must answer" (or "should"): X's actors when X is not on the speaker's side (`own_side`:
    "Rwandan rebels said the government must ..." is a demand on it), and the code `modals` gives the modal."""
    for t in comp.subtree:
        if t.lower_ in modals and t.dep_ == "aux":
            subj = subject_of(t.head)
            if subj is not None:
                others = [a for a in actors.actors_of(subj) if a.code and not own_side(a, sources)]
                if others:
                    return others, modals[t.lower_]
    return [], None


def announced_by_source(modality, source: Actor, actors: SentenceActors, sent) -> bool:
    """Is the announcing (or planning) actor the event's own source, or of its country?"""
    if modality.anchor is None:
        return True   # "will" in the actor's own clause
    speaker = subject_of(sent.doc[modality.anchor])
    known = [a for a in actors.actors_of(speaker) if a.code] if speaker is not None else []
    if not known:
        return True   # an unnamed spokesman announcing for the actor
    return any(a.code == source.code or (a.country and a.country == source.country) or
               (a.group and a.group == source.group) for a in known)
