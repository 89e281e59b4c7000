"""The typed records the coding stages hand on: a `Frame` (a trigger with its slots), a `Candidate` (a frame
on its way to becoming events) and the `SentenceScope` every stage and convention reads.

A candidate carries a `trail`: the ids of the lexicon refinements and coding conventions that changed it,
in order. The event's `rule` cites its pattern and that trail, so every event can be traced to what made it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.coding.parse_facts import span_text
from newsevents.model import Actor, Article, EventDate, Place

if TYPE_CHECKING:
    from newsevents.coding.lexicon import Lexicon
    from newsevents.coding.modality import Modality
    from newsevents.coding.article import Context
    from newsevents.coding.phrases import SentenceActors


@dataclass(slots=True)
class Frame:
    """A trigger with the tokens that fill its source and target slots."""

    trigger: Token                   # the token whose modality and date the event takes
    code: str                        # CAMEO code of the pattern (after the lexicon's noun refinements)
    pattern: str                     # id of the verb or noun pattern that fired ("builtin:strike", "noun:talks")
    kind: str                        # verb | light | noun | claim
    sources: list[Token] = field(default_factory=list)   # head tokens of source phrases
    targets: list[Token] = field(default_factory=list)   # head tokens of target phrases, in preference order
    noun: Token | None = None        # the event noun, for light/noun/claim frames
    complement: Token | None = None  # a speech verb's complement clause head
    modality_token: Token | None = None   # where modality is read when not at the trigger (the verb "claimed")
    refinements: tuple[str, ...] = ()     # ids of the lexicon refinements that chose `code`


@dataclass(slots=True)
class Candidate:
    """One frame on its way to events: the stages fill in actors, modality, place, code and date."""

    frame: Frame
    code: str
    trail: list[str]
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    exclude: frozenset[str] = frozenset()   # codes and countries that cannot be the target (the source's own)
    own: tuple[Actor, ...] = ()             # sources whose own side is no target ("Serbia withdrew its troops")
    modality: "Modality | None" = None
    place: Place | None = None
    place_options: list[Place] = field(default_factory=list)   # every place named, for each target's own
    civilian_target: bool = False           # the target is the people of a place ("attacks across Paris")
    pairs: list[tuple[Actor, Actor | None]] = field(default_factory=list)
    date: EventDate | None = None
    # Set when the candidate stands for one (source, target) pair, ready to become an event:
    source: Actor | None = None
    target: Actor | None = None
    label: str = ""                         # the modality label of the event (asserted, negated, ...)
    when: EventDate | None = None
    event_place: Place | None = None

    @classmethod
    def of(cls, frame: Frame) -> "Candidate":
        return cls(frame=frame, code=frame.code, trail=list(frame.refinements))

    def cite(self, rule_id: str) -> None:
        self.trail.append(rule_id)

    def for_pair(self, source: Actor, target: Actor | None, place: Place | None) -> "Candidate":
        """A copy standing for one (source, target) pair."""
        return replace(self, trail=list(self.trail), source=source, target=target, label=self.modality.label,
                       when=self.date, event_place=place)


@dataclass(slots=True)
class SentenceScope:
    """What every stage and convention may read about the sentence being coded."""

    article: Article
    sent: Span
    index: int
    actors: "SentenceActors"
    context: "Context"
    dates: list
    lexicon: "Lexicon"
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    @property
    def text(self) -> str:
        """The sentence's text (spaCy joins it anew on every `sent.text`)."""
        if self._text is None:
            self._text = span_text(self.sent.doc, self.sent.start, self.sent.end)
        return self._text
