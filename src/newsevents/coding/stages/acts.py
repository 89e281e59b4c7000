"""Stages 5-8: conventions on targets, the (source, target) pairs, conventions on code and place, the date."""
from __future__ import annotations

from newsevents.coding.event_dates import day_of_onset, event_date
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


class DateStage:
    """The date of the act: a time expression in its own clause, else the story's or publication date."""

    name = "dates"

    def __call__(self, scope: SentenceScope, candidates: list[Candidate]) -> list[Candidate]:
        for c in candidates:
            c.date = day_of_onset(c.frame.trigger, scope.context.onsets) or \
                event_date(c.frame.trigger, scope.dates, scope.published)
        return candidates
