"""The record for one event-coding rule, shared by the built-in dictionary and the PETRARCH reader."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VerbRule:
    """A verb pattern: lemma (+ particle / preposition / object) -> CAMEO code.

    `objects` are lemmas of the direct object's head, or, when `prep` is set, of that preposition's object;
    an empty tuple means any (or no) object. `id` is what the evidence cites (`rule` field of an Event).
    """

    id: str
    lemma: str
    code: str
    particle: str = ""
    prep: str = ""
    objects: tuple[str, ...] = ()
    source: str = "builtin"  # "builtin", "petrarch", or a user file name


@dataclass(frozen=True, slots=True)
class NounRule:
    """A nominal event ("the attack on", "talks with", "sanctions on"): noun lemma -> CAMEO code."""

    id: str
    lemma: str
    code: str
    source: str = "builtin"
