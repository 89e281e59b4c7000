"""Human-readable labels for codes: CAMEO event codes, countries, groups and roles.

Read once from the package's own tables (the coder's `cameo_codes.tsv`, `countries.tsv`, `groups.tsv`) when the
app starts, and handed to the routes; nothing here touches spaCy or the store.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsevents.coding.lexicon.cameo import CameoCode, CameoTable
from newsevents.coding.lexicon.tsv import read_table

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
ROLE_LABELS = {"GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
               "COP": "police", "REB": "rebels", "OPP": "opposition", "CVL": "civilians", "BUS": "business",
               "MED": "media", "IGO": "international organisation", "NGO": "non-governmental organisation",
               "SPY": "intelligence service"}


@dataclass(frozen=True, slots=True)
class Labels:
    cameo: CameoTable
    countries: dict[str, str]  # ISO3 -> name
    groups: dict[str, str]     # group code -> name

    @classmethod
    def load(cls) -> Labels:
        countries = {r["iso3"]: r["name"] for r in read_table("countries.tsv", required=("iso3", "name"))}
        groups = {r["group"]: _first_alias(r["aliases"], r["group"])
                  for r in read_table("groups.tsv", required=("group", "aliases"))}
        return cls(CameoTable.load(), countries, groups)

    def code(self, code: str | None) -> CameoCode | None:
        """The CAMEO entry of a code (an unknown sub-code falls back to its parent), or None."""
        if not code:
            return None
        try:
            return self.cameo.get(code)
        except KeyError:
            return None

    def code_label(self, code: str | None) -> str | None:
        entry = self.code(code)
        return entry.label if entry else None

    def actor_label(self, code: str | None, country: str | None = None, role: str | None = None,
                    group: str | None = None) -> str | None:
        """"Russia, military" for RUSMIL; "Hamas" for HAMAS; the code itself when nothing is known."""
        if not code:
            return None
        group = group or (code if code in self.groups else None)
        if group:
            return self.groups.get(group, group)
        country = country or code[:3]
        name = self.countries.get(country)
        if name is None:
            return code
        role = role or (code[3:6] if code.startswith(country) else None)
        return f"{name}, {ROLE_LABELS[role]}" if role in ROLE_LABELS else name

    def key_label(self, key: str) -> str:
        """Label of a dyad side as the dashboard names it: a country, a group, or an actor code."""
        if key in self.countries:
            return self.countries[key]
        if key in self.groups:
            return self.groups[key]
        return self.actor_label(key) or key


def _first_alias(aliases: str, fallback: str) -> str:
    for alias in aliases.split("|"):
        alias = alias.strip().lstrip("=")
        if alias:
            return alias
    return fallback
