"""Stages 5-8: conventions on targets, the (source, target) pairs, conventions on code and place, the date."""
from __future__ import annotations

from newsevents.coding.event_dates import day_of_onset, event_date
from newsevents.coding.parse_facts import children
from newsevents.coding.policy import Policy
from newsevents.coding.records import Candidate, SentenceScope


class ConventionStage:
    """Run one phase of the coding conventions on every candidate (each cites itself when it acts)."""

    def __init__(self, policy: Policy, phase: str):
        self.policy, self.phase, self.name = policy, phase, f"conventions:{phase}"

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        for c in candidates:
            self.policy.adjust(self.phase, c, scope)
        return candidates


class PairStage:
    """Keep only named actors, then decide the (source, target) pairs: the first pairing convention that
    answers, else every source with every target. A candidate with no pair is dropped."""

    name = "pairs"

    def __init__(self, policy: Policy):
        self.policy = policy

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        out = []
        for c in candidates:
            # The people of a place, or only civilians, are the target ("attacks across Paris").
            c.civilian_target = c.civilian_target or (bool(c.targets) and all(t.role == "CVL" for t in c.targets
                                                                               if t.code))
            c.sources = [a for a in c.sources if a.code]
            c.targets = [a for a in c.targets if a.code]
            for convention in self.policy.phase("pairs"):
                pairs = convention.apply(c, scope)
                if pairs is not None:
                    c.pairs = pairs
                    c.cite(convention.id)
                    break
            else:
                c.pairs = [(s, t) for s in c.sources for t in c.targets]
            if c.pairs:
                out.append(c)
        return out


PARAGRAPH_DAY = "date.paragraph-day.v1"


class DateStage:
    """The date of the act: a time expression in its own clause, else the day of the sentence just before in its
    paragraph when a side of that sentence's acts does it (date.paragraph-day), else the publication date."""

    name = "dates"

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        context = scope.context
        day = context.story_day   # (the sentence right before, in the same paragraph)
        told = day if day is not None and day.sentence == scope.index - 1 and not scope.dates and \
            context.paragraphs.get(day.sentence) == context.paragraphs.get(scope.index) else None
        for c in candidates:
            c.date = day_of_onset(c.frame.trigger, context.onsets) or \
                event_date(c.frame.trigger, scope.dates, scope.published)
            if told is not None and c.date is not None and c.date.precision == "published" and \
                    _simple_past(c.frame.trigger) and any((a.group or a.country) in told.sides for a in c.sources):
                # "On Wednesday it recalled its ambassador ... A spokeswoman called the strike a breach": an
                # undated past act in the paragraph that dated the one before it happened that day
                c.date = told.date
                c.cite(PARAGRAPH_DAY)
        return candidates


def _simple_past(verb) -> bool:
    """"called", "had met", "was summoned": told as of a past day; not "has since pounded", "has accused" (up to
    now) nor "later said" (another day)."""
    chain = [verb]   # a conjunct shares its head's auxiliaries ("has since pounded ... and cut off")
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ in ("VERB", "AUX") and len(chain) < 4:
        chain.append(chain[-1].head)
    marks = [c for v in chain for c in children(v) if c.dep_ in ("aux", "auxpass", "advmod")]
    if verb.tag_ not in ("VBD", "VBN") or any(c.lower_ in ("since", "later", "earlier", "previously", "already", "has",
                                                           "have") for c in marks):
        return False
    return verb.tag_ == "VBD" or any(c.lower_ in ("had", "was", "were") for c in marks)
