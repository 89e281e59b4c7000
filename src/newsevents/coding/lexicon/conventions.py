"""The tables behind the coding conventions (`data/conventions.tsv`, `data/noun_refinements.tsv`), loaded once.

A convention's code says when it applies and what it does; which words, codes and numbers it uses come
from here, so that a table can be read, cited and changed without reading Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from newsevents.coding.lexicon.cameo import CameoTable
from newsevents.coding.lexicon.tsv import DataFileError, read_table, split_list


@dataclass(frozen=True, slots=True)
class NounRefinement:
    """A sub-code of an event noun chosen by its modifiers ("air strikes" -> 195)."""

    id: str
    codes: frozenset[str]
    modifiers: frozenset[str]
    code: str
    reason: str


class ConventionTables:
    """Word sets and code maps by table name, as `conventions.tsv` lists them."""

    def __init__(self, tables: dict[str, dict[str, str]], refinements: tuple[NounRefinement, ...]):
        self._tables = {name: MappingProxyType(rows) for name, rows in tables.items()}
        self._sets = {name: frozenset(rows) for name, rows in tables.items()}
        self.noun_refinements = refinements

    @classmethod
    def load(cls, cameo: CameoTable, source: str = "conventions.tsv",
             refinements: str = "noun_refinements.tsv") -> "ConventionTables":
        tables: dict[str, dict[str, str]] = {}
        for row in read_table(source, required=("table", "key", "value")):
            tables.setdefault(row["table"], {})[row["key"]] = row["value"]
        for name, rows in tables.items():   # every code a table maps to must exist
            if name.endswith("_by_root") or name == "container_content":
                for key, code in rows.items():
                    if code not in cameo:
                        raise DataFileError(f"{source}: {name} {key}: unknown CAMEO code {code}")
        found = []
        for row in read_table(refinements, required=("id", "codes", "modifiers", "code", "reason")):
            if row["code"] not in cameo:
                raise DataFileError(f"{refinements}:{row['_line']}: unknown CAMEO code {row['code']}")
            found.append(NounRefinement(row["id"], frozenset(split_list(row["codes"])),
                                        frozenset(split_list(row["modifiers"])), row["code"], row["reason"]))
        return cls(tables, tuple(found))

    def words(self, table: str) -> frozenset[str]:
        """The keys of a table as a set (`instrument`, `reciprocal_verb`, `one_sided_root`, ...)."""
        return self._sets[table]

    def mapping(self, table: str) -> MappingProxyType:
        """A table as key -> value (`refused_by_root`, `container_content`, ...)."""
        return self._tables[table]

    def number(self, table: str, key: str) -> int:
        return int(self._tables[table][key])

    def target_options(self, code: str) -> dict:
        """How `syntax.target_candidates` reads targets for an act of this code: are places targets (force,
        protest, visits), and is a perpetrator named with "by" the target (investigating, condemning)?"""
        places = not code or code[:2] in self._sets["place_target_root"] or code[:3] in self._sets["place_target_code"]
        return {"places_are_targets": places, "perpetrator_first": code[:2] in self._sets["perpetrator_first_root"],
                "object_places_are_targets": code[:3] in self._sets["object_place_target_code"],
                "destinations_are_targets": code[:3] not in self._sets["carried_off_code"],
                "origins_are_targets": code[:2] not in self._sets["spoken_from_code"] and
                code[:3] not in self._sets["spoken_from_code"]}

    def instruments(self, code: str) -> frozenset[str]:
        """Nouns that, without a named owner, are what an act of this code uses, not its target: weapons
        always, troops in a show of force ("deployed troops to the border") or a peacekeeping deployment."""
        roots = self._sets["troop_instrument_root"]
        if code[:2] in roots or code[:3] in roots:
            return self._sets["instrument"] | self._sets["troop_instrument"]
        return self._sets["instrument"]

    def venues(self, code: str) -> frozenset[str]:
        """Nouns whose place phrase says where an act of this code was made, not whom it was aimed at
        ("signed an agreement in Washington"); none for acts whose place is their target (force, visits)."""
        options = self.target_options(code)
        return frozenset() if options["places_are_targets"] or options["object_places_are_targets"] \
            else self._sets["venue_noun"]

    def refine_noun(self, code: str, modifiers: set[str]) -> tuple[str, str | None]:
        """The sub-code of an event noun's code given its modifiers, and the id of the refinement used."""
        for r in self.noun_refinements:
            if code in r.codes and modifiers & r.modifiers:
                return r.code, r.id
        return code, None
