"""Everything the coder looks up, loaded once per process: the CAMEO table, the convention tables, verb and
noun patterns (built-in, PETRARCH2-derived and the user's), the actor dictionary and the gazetteer.

The stages only read it. One TSV reader (`tsv.py`) serves every shipped table; the PETRARCH / TABARI formats
have their own readers (`petrarch_verbs.py`, `petrarch_actors.py`) and our verb-table format its own
(`verb_table.py`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from newsevents.coding.lexicon import cache
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
             actors: Iterable[str | Path] = (), use_petrarch_verbs: bool = True,
             tokenizer_key: str | None = None) -> "Lexicon":
        """`tokenize` splits an actor phrase into the parser's tokens, so that phrases match parsed text.

        Given `tokenizer_key` (`cache.tokenizer_key(nlp.tokenizer)`: what identifies `tokenize`'s output), the
        built-in dictionaries come from the compiled cache (`cache.py`) when it has them; the users' files
        (`verbs`, `actors`) are always read.
        """
        if tokenizer_key is None:
            base = cls.build(tokenize, use_petrarch_verbs)
        else:
            key = cache.inputs_key(tokenizer_key, use_petrarch_verbs)
            base = cache.load_or_build(key, lambda: cls.build(tokenize, use_petrarch_verbs), kind=cls)
            base.actors._tokenize = tokenize
        return base.with_user_files(verbs, actors)

    @classmethod
    def build(cls, tokenize: Callable[[str], list[str]], use_petrarch_verbs: bool = True) -> "Lexicon":
        """The built-in dictionaries, parsed from the shipped tables."""
        cameo = CameoTable.load()
        conventions = ConventionTables.load(cameo)
        return cls(cameo=cameo, conventions=conventions,
                   verbs=VerbLexicon.load(cameo, conventions, (), use_petrarch_verbs),
                   actors=ActorDictionary.load(tokenize), gazetteer=Gazetteer.load())

    def with_user_files(self, verbs: Iterable[str | Path] = (), actors: Iterable[str | Path] = ()) -> "Lexicon":
        """This lexicon with the users' verb dictionaries first and their actor files added (the actor
        dictionary is extended in place)."""
        lexicon = replace(self, verbs=self.verbs.with_user_files(verbs, self.cameo))
        for path in actors:
            lexicon.actors._load_user_file(Path(path))
        return lexicon
