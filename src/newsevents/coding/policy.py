"""Coding conventions as an ordered registry of named, versioned rules.

A convention is one CAMEO coding practice ("a protest with no named target is aimed at its own government"),
with an id (`protest.home-government.v3`), a one-line reason and the phase of the pipeline it acts in. Its
tables are data (`data/conventions.tsv`); its code is a small function in `newsevents.coding.conventions`.
Every convention that changes a candidate appends its id to the candidate's trail, and the event's `rule`
cites that trail. Users switch conventions off by id (`--disable-rule`, `NEWSEVENTS_DISABLE_RULES`).

Phases, in pipeline order:
- `sources`: when the frame names no source: one the act implies     apply(candidate, scope) -> changed?
- `actors`:  after the source and target phrases are resolved        apply(candidate, scope) -> changed?
- `targets`: after modality and place: who the act is aimed at       apply(candidate, scope) -> changed?
- `pairs`:   which (source, target) pairs the act makes; first wins  apply(candidate, scope) -> pairs | None
- `codes`:   the CAMEO code and place, given the pairs               apply(candidate, scope) -> changed?
- `filter`:  drops a (source, target) pair                           apply(candidate, scope) -> drop?
- `derive`:  further events said by the same words                   apply(candidate, scope) -> Candidate | None
- `sentence`: over all the events of a sentence                      apply(events, scope) -> events
- `output`:  the events as output, once the article's memory has them  apply(events, scope) -> events
             (later sentences refer back to acts not output: "condemned the seizure")
- `article`: over all the events of the article, once it is coded    apply(events, context) -> events
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

PHASES = ("sources", "actors", "targets", "pairs", "codes", "filter", "derive", "sentence", "output", "article")


class UnknownConvention(ValueError):
    """A convention id that the registry does not hold (a typo in --disable-rule)."""


@dataclass(frozen=True, slots=True)
class Convention:
    id: str
    phase: str
    reason: str
    apply: Callable

    def __post_init__(self):
        if self.phase not in PHASES:
            raise ValueError(f"convention {self.id}: unknown phase {self.phase!r}")


class Policy:
    """The conventions in force: the registry less the ones switched off."""

    def __init__(self, conventions: Sequence[Convention], disabled: Iterable[str] = ()):
        ids = [c.id for c in conventions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate convention ids")
        disabled = frozenset(d.strip() for d in disabled if d and d.strip())
        unknown = sorted(disabled - set(ids))
        if unknown:
            raise UnknownConvention(f"unknown convention id(s): {', '.join(unknown)} "
                                    f"(`newsevents conventions` lists them)")
        self.conventions = tuple(conventions)
        self.disabled = disabled
        self._phases = {p: tuple(c for c in self.conventions if c.phase == p and c.id not in disabled)
                        for p in PHASES}

    def phase(self, name: str) -> tuple[Convention, ...]:
        return self._phases[name]

    def adjust(self, name: str, candidate, scope) -> None:
        """Run a phase's conventions on one candidate, citing each that changed it."""
        for convention in self._phases[name]:
            if convention.apply(candidate, scope):
                candidate.cite(convention.id)
