"""Actor names where codes are expected: `Russia` -> `RUS`, `united states` -> `USA`, `Hamas` -> `HAMAS`.

Codes pass through: a known country code or group in any case (`rus`, `Hamas`), and any all-capitals token
(`RUSMIL`, `M23`), as the store's own codes are written. Anything else is looked up among country names
(the English short names of `data/iso3_fips.tsv`, and pycountry's names, official and common names); a name
that is not found is an error that names the codes to use.
"""
from __future__ import annotations

import difflib
import re
from functools import cache

import pycountry

from newsevents.store.gdelt import lookup_tables
from newsevents.store.query import QueryError

_TOKEN = re.compile(r"^[A-Za-z0-9_]{2,32}$")


@cache
def _tables() -> tuple[frozenset[str], dict[str, str]]:
    """Known codes (countries and groups) and lower-case country name -> ISO3."""
    names: dict[str, str] = {}
    codes: set[str] = set()
    for country in pycountry.countries:
        codes.add(country.alpha_3)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(value.lower(), country.alpha_3)
    for row in lookup_tables()["_ne_fips"].to_pylist():
        codes.add(row["iso3"])
        names[row["name"].lower()] = row["iso3"]
    codes.update(g.upper() for g in lookup_tables()["_ne_groups"].column("group").to_pylist())
    codes.update(("XKX", "PSE", "TWN", "HOUTHI", "ISIL", "AL_QAEDA"))
    names.update({"kosovo": "XKX", "palestine": "PSE", "gaza": "PSE", "west bank": "PSE", "taiwan": "TWN",
                  "russia": "RUS", "iran": "IRN", "syria": "SYR", "north korea": "PRK", "south korea": "KOR",
                  "united states": "USA", "us": "USA", "america": "USA", "uk": "GBR", "britain": "GBR"})
    return frozenset(codes), names


def resolve_actor(text: str) -> str:
    """The actor code for a code or a country name; QueryError naming the codes to use when unknown."""
    token = text.strip()
    codes, names = _tables()
    if token.upper() in codes:
        return token.upper()
    if _TOKEN.match(token) and token.isupper():
        return token
    found = names.get(" ".join(token.lower().replace("_", " ").split()))
    if found:
        return found
    close = difflib.get_close_matches(token.lower(), list(names), n=3, cutoff=0.75)
    hint = f" (did you mean {', '.join(f'{n.title()} = {names[n]}' for n in close)}?)" if close else ""
    raise QueryError(f"unknown actor {token!r}{hint}: give a code: a country (RUS, UKR), a country and role "
                     f"(USAGOV, RUSMIL) or a group (HAMAS, NATO), or a country's name")


def resolve_dyad(text: str) -> str:
    """`Russia:Ukraine` -> `RUS:UKR` (codes pass through)."""
    parts = text.split(":")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise QueryError(f"dyad {text!r} must be two actors joined by a colon, e.g. USA:IRN or Russia:Ukraine")
    return ":".join(resolve_actor(p) for p in parts)
