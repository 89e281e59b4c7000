"""Events that the same words also say: a refusal in a negated cooperative act, an intent or a threat in an
announced future act."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding import modality as mod
from newsevents.coding.event_dates import event_date
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.roles import announced_by_source


SCHEDULES = frozenset({"governor:due"})
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
    return _derived(c, refused, event_place=c.place)


def _own_refusal(c: Candidate, s: SentenceScope) -> bool:
    """A negation that is the actor's own unwillingness ("would not supply", "will not meet", "refused to"),
    not a denial of a report, nor a plain past fact ("had not discussed the idea")."""
    reason = c.modality.reason
    if reason.startswith("neg:"):
        return any(a.dep_ == "aux" and a.lower_ in UNWILLING_AUX for a in c.frame.trigger.children)
    return any(reason.startswith(f"governor:{w}") for w in s.lexicon.conventions.words("refusal_verb"))


def _announced(c: Candidate, s: SentenceScope, table: str) -> Candidate | None:
    code = s.lexicon.conventions.mapping(table).get(c.code[:2])
    m = c.modality
    if m.reason in SCHEDULES:
        return None   # "is due to travel": a schedule reported, not an act announced
    if c.label != mod.FUTURE or not m.reason or code is None or \
            not announced_by_source(m, c.source, s.actors, s.sent):
        return None
    when = event_date(s.sent.doc[m.anchor], s.dates, s.published) if m.anchor is not None else c.date
    return _derived(c, code, when=when, event_place=None)


def announced_intent(c: Candidate, s: SentenceScope) -> Candidate | None:
    """A future cooperative act announced by its own side is an intent (03), dated when announced; so is a
    conditional offer ("would meet X if ...")."""
    return _announced(c, s, "intent_by_root")


def announced_threat(c: Candidate, s: SentenceScope) -> Candidate | None:
    """A future hostile act announced by its own side is a threat (13), dated when announced ("will boycott
    ... unless")."""
    return _announced(c, s, "threat_by_root")


def threat_over_intent(events: list, s: SentenceScope) -> list:
    """"vowed to destroy Hamas" is a threat, "agreed to widen sanctions" a measure taken; the bare intent (030)
    of the same vow or agreement says less: drop it."""
    threats = {(e.source.code, e.target.code if e.target else None) for e in events
               if (e.root == "13" and "future.announced-threat.v1" in e.extra.get("trail", ())) or
               "decision.measure-taken.v1" in e.extra.get("trail", ())}
    return [e for e in events if not (e.cameo == "030" and (e.source.code, e.target.code if e.target else None) in threats)]
