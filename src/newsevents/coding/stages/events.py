"""Stage 9 and the end of the line: one candidate per (source, target) pair, the events the same words also
say (refusals, announced intents and threats), then `Event` records and the sentence's own conventions."""
from __future__ import annotations

from newsevents.coding.locate import EventLocator
from newsevents.coding.policy import Policy
from newsevents.coding.records import Candidate, SentenceScope
from newsevents.coding.syntax import token_extent
from newsevents.model import Event


class PairEventStage:
    """Split candidates into one per pair, drop pairs a filter convention rejects, and add derived events
    right after the event they come from."""

    name = "pair-events"

    def __init__(self, policy: Policy, locator: EventLocator):
        self.policy, self.locator = policy, locator

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        out = []
        for c in candidates:
            for source, target in c.pairs:
                pair = c.for_pair(source, target, self.locator.place_for(c.place, c.place_options, target))
                if any(f.apply(pair, scope) for f in self.policy.phase("filter")):
                    continue
                out.append(pair)
                for convention in self.policy.phase("derive"):
                    derived = convention.apply(pair, scope)
                    if derived is not None:
                        derived.cite(convention.id)
                        out.append(derived)
        return out


def to_event(c: Candidate, scope: SentenceScope) -> Event:
    """The `Event` of a candidate that stands for one pair; its `rule` cites the pattern and the trail."""
    frame, sent = c.frame, scope.sent
    entry = scope.lexicon.cameo.get(c.code)
    start = sent.start_char
    ends = [t for t in (frame.trigger, frame.noun) if t is not None]
    lo = min(t.idx for t in ends)
    hi = max(t.idx + len(t.text) for t in ends)
    confidence = 0.8 if c.label == "asserted" else 0.6
    if not c.source.role and not c.source.group:
        confidence -= 0.05
    reason = c.modality.reason
    rule = frame.pattern + "".join(f" +{rule_id}" for rule_id in c.trail) + (f" [{reason}]" if reason else "")
    return Event(doc_id=scope.article.id, sentence_index=scope.index, date=c.when, source=c.source,
                 target=c.target, cameo=entry.code if c.code not in scope.lexicon.cameo else c.code,
                 goldstein=entry.goldstein, quad_class=entry.quad_class, location=c.event_place,
                 modality=c.label, sentence=scope.text.rstrip(), span=(lo - start, hi - start), rule=rule,
                 confidence=round(confidence, 2), plover=entry.plover,
                 extra={"trigger": frame.trigger.i, "complement": token_extent(frame.complement),
                        "trail": tuple(c.trail)})


def sentence_events(events: list[Event], scope: SentenceScope, policy: Policy) -> list[Event]:
    """One event per actors, root and modality (the most specific; one a day when they are dated on different
    days), in the order first named, the sentence conventions, then one event per id (an asserted mention wins
    over a hedged one)."""
    groups: dict[tuple, list[tuple[int, Event]]] = {}
    for n, event in enumerate(events):
        key = (event.source.code, event.target.code if event.target else None, event.root, event.modality)
        groups.setdefault(key, []).append((n, event))
    kept = []   # (where the act was first named, the event)
    for group in groups.values():
        # "met X in Davos on Tuesday, and spoke by telephone with Y on Wednesday": two acts, one a day (still one
        # per id below: the same code twice in a sentence is one event)
        by_day: dict = {}
        for n, event in group:
            if event.date is not None and event.date.precision != "published":
                first, best = by_day.get(event.date.date, (n, event))
                by_day[event.date.date] = (first, event if _specific(event) > _specific(best) else best)
        kept.extend(by_day.values() if len(by_day) > 1 else
                    [(group[0][0], max((e for _, e in group), key=_specific))])
    events = [event for _, event in sorted(kept, key=lambda ne: ne[0])]
    for convention in policy.phase("sentence"):
        events = convention.apply(events, scope)
    by_id: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: e.modality != "asserted"):
        by_id.setdefault(e.event_id, e)
    return [e for e in events if by_id[e.event_id] is e]


def _specific(event: Event) -> int:
    return len(event.cameo) + (event.date is not None and event.date.precision != "published")
