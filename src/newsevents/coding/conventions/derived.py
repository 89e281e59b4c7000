"""Events that the same words also say: a refusal in a negated cooperative act, an intent or a threat in an
announced future act."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding import modality as mod
from newsevents.coding.english import MISSIONS
from newsevents.coding.event_dates import event_date
from newsevents.coding.parse_facts import children
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.lexicon.actors import country_actor
from newsevents.coding.roles import announced_by_source
from newsevents.coding.syntax import own_clause


SCHEDULES = frozenset({"governor:due", "governor:set"})   # "is due to", "is set to": a schedule
# Auxiliaries that make a negated act a refusal ("would not", "will not", "won't", "cannot")
UNWILLING_AUX = frozenset({"would", "will", "wo", "shall", "can", "ca", "could", "does", "do"})


def _derived(c: Candidate, code: str, **changes) -> Candidate:
    return replace(c, code=code, trail=list(c.trail), label=mod.ASSERTED, **changes)


def refusal(c: Candidate, s: SentenceScope) -> Candidate | None:
    """Refusing to cooperate is itself an event: "would not supply", "declined to meet" (12); a denial of a
    report ("denied that ...") is not."""
    refused = s.lexicon.conventions.mapping("refused_by_root").get(c.code[:2])
    if c.label != mod.NEGATED or refused is None or not _own_refusal(c, s):
        return None
    m = c.modality
    if m.anchor is not None and m.reason.startswith("governor:") and \
            mod.modality_of(s.sent.doc[m.anchor]).label != mod.ASSERTED:
        return None   # "was banking on the United States failing to deliver": no refusal happened
    return _derived(c, refused, event_place=c.place)


def _own_refusal(c: Candidate, s: SentenceScope) -> bool:
    """A negation that is the actor's own unwillingness ("would not supply", "will not meet", "refused to"),
    not a denial of a report, nor a plain past fact ("had not discussed the idea")."""
    reason = c.modality.reason
    if reason == "neg:no subject":
        return False   # "no ministers would attend": nobody named is the one unwilling
    if reason.startswith("neg:"):
        return any(a.dep_ == "aux" and a.lower_ in UNWILLING_AUX for a in children(c.frame.trigger))
    return any(reason.startswith(f"governor:{w}") for w in s.lexicon.conventions.words("refusal_verb"))


def _announced(c: Candidate, s: SentenceScope, table: str) -> Candidate | None:
    code = s.lexicon.conventions.mapping(table).get(c.code[:2])
    m = c.modality
    if m.reason in SCHEDULES:
        return None   # "is due to travel": a schedule reported, not an act announced
    if m.reason.startswith("time clause:"):
        return None   # "will stay until the rebels surrender": the rebels announced nothing
    if c.label != mod.FUTURE or not m.reason or code is None or \
            not announced_by_source(m, c.source, s.actors, s.sent):
        return None
    when = event_date(s.sent.doc[m.anchor], s.dates, s.published) if m.anchor is not None else c.date
    return _derived(c, code, when=when, event_place=None)


def _state_force(actor) -> bool:
    return actor.group is None and actor.role in (None, "GOV", "MIL", "COP", "SPY", "JUD")


def announced_intent(c: Candidate, s: SentenceScope) -> Candidate | None:
    """A future cooperative act announced by its own side is an intent (03), dated when announced; so is a
    conditional offer ("would meet X if ...")."""
    return _announced(c, s, "intent_by_root")


def announced_threat(c: Candidate, s: SentenceScope) -> Candidate | None:
    """A future hostile act announced by its own side is a threat (13), dated when announced ("will boycott
    ... unless"); what sides agree to do against no one named threatens no one ("agreed to cooperate on curbing
    the production of fentanyl"). A sanction announced as decided, with no condition ("announced it would
    prohibit all aid to the rebels"), is the sanction itself, dated when announced."""
    if c.target is None and c.modality.reason == "governor:agree":
        return None
    found = _announced(c, s, "threat_by_root")
    m = c.modality
    tables = s.lexicon.conventions
    if found is not None and m.anchor is not None and c.code[:2] in tables.words("decided_measure_root") and \
            s.sent.doc[m.anchor].lemma_.lower() in tables.words("announcing_verb") and \
            not any(t.lower_ in ("if", "unless") for t in c.frame.trigger.subtree):
        found = replace(found, code=c.code)
    return found


def threat_over_intent(events: list, s: SentenceScope) -> list:
    """"vowed to destroy Hamas" is a threat, "agreed to widen sanctions" a measure taken; the bare intent (030)
    of the same vow or agreement says less: drop it."""
    threats = {(e.source.code, e.target.code if e.target else None) for e in events
               if (e.root in ("13", "16") and "future.announced-threat.v3" in e.extra.get("trail", ())) or
               "decision.measure-taken.v1" in e.extra.get("trail", ())}
    return [e for e in events if not (e.cameo == "030" and (e.source.code, e.target.code if e.target else None) in threats)]


def protest_of_repressed(events: list, s: SentenceScope) -> list:
    """"Police fired tear gas at protesters near the U.S. embassy": force or repression used on protesters says
    that they protested (141), at the country whose embassy or consulate the clause names, else at their own
    government; dated and placed as the act on them. Not when the sentence codes their protest already, nor
    when the force is not the state's ("two of its members detonated explosive belts among the crowd")."""
    tables = s.lexicon.conventions
    protesters, roots = tables.words("protester_noun"), tables.words("repression_root")
    protesting = {e.source.code for e in events if e.root in tables.words("protest_root")}
    entry, out = s.lexicon.cameo.get("141"), list(events)
    for e in events:
        crowd = e.target
        if e.modality != "asserted" or e.root not in roots or crowd is None or crowd.role != "CVL" or \
                not crowd.country or crowd.code in protesting or not _state_force(e.source):
            continue
        trigger = s.sent.doc[e.extra["trigger"]]
        clause = own_clause(trigger)
        named = [t for t in clause if t.lemma_.lower() in protesters and t.text in crowd.text.split()]
        if not named:
            continue
        clause += [t for t in named[0].subtree if t not in clause]   # "crowds trying to reach the embassy"
        missions = [a for t in clause if t.lemma_.lower() in MISSIONS
                    for a in s.actors.actors_of(s.actors.phrase_head(t)) if a.country and a.country != crowd.country]
        aimed_at = missions[0] if missions else country_actor(crowd.country, "GOV")
        protesting.add(crowd.code)
        out.append(replace(e, source=crowd, target=aimed_at, cameo=entry.code, goldstein=entry.goldstein,
                           quad_class=entry.quad_class, plover=entry.plover,
                           rule=e.rule + " +protest.implied-by-repression.v1",
                           extra={**e.extra, "trail": (*e.extra.get("trail", ()), "protest.implied-by-repression.v1")}))
    return out
