"""Everything the coder looks up, loaded once per process: the CAMEO table, the convention tables, verb and
noun patterns (built-in, PETRARCH2-derived and the user's), the actor dictionary and the gazetteer.

The stages only read it. One TSV reader (`tsv.py`) serves every shipped table; the PETRARCH / TABARI formats
have their own readers (`petrarch_verbs.py`, `petrarch_actors.py`) and our verb-table format its own
(`verb_table.py`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from newsevents.coding.lexicon.actors import ActorDictionary
from newsevents.coding.lexicon.cameo import CameoTable
from newsevents.coding.lexicon.conventions import ConventionTables
from newsevents.coding.lexicon.places import Gazetteer
from newsevents.coding.lexicon.verbs import VerbLexicon


@dataclass(frozen=True, slots=True)
class Lexicon:
    cameo: CameoTable
    conventions: ConventionTables
    verbs: VerbLexicon
    actors: ActorDictionary
    gazetteer: Gazetteer

    @classmethod
    def load(cls, tokenize: Callable[[str], list[str]], verbs: Iterable[str | Path] = (),
             actors: Iterable[str | Path] = (), use_petrarch_verbs: bool = True) -> "Lexicon":
        """`tokenize` splits an actor phrase into the parser's tokens, so that phrases match parsed text."""
        cameo = CameoTable.load()
        conventions = ConventionTables.load(cameo)
        return cls(cameo=cameo, conventions=conventions,
                   verbs=VerbLexicon.load(cameo, conventions, verbs, use_petrarch_verbs),
                   actors=ActorDictionary.load(tokenize, actors), gazetteer=Gazetteer.load())
