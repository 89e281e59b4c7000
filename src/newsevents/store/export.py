"""Write events (or mentions) out as JSON Lines, CSV, Parquet, or the GDELT 2.0 events table layout.

DuckDB writes the files itself (`COPY (query) TO path`), with the filters of an `EventQuery` as bound
parameters, so an export of millions of rows streams without passing through Python.

- `jsonl`: events with nested actors and location and the ids of their mentions; at the mentions level,
  exactly the objects of the `newsevents code` contract, so `newsevents ingest --coded` reads them back.
- `csv`, `parquet`: the flat columns of the `events` (or `mentions`) table.
- `gdelt`: the 61 columns of the GDELT 2.0 events table (`GDELT_COLUMNS`), tab-separated, in GDELT's
  order; columns newsevents does not know are left empty (docs/store.md lists what fills each column).
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import duckdb

from newsevents.store.db import EventStore, StoreError
from newsevents.store.query import EventQuery

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
STDOUT = "-"

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# The GDELT 2.0 event table, in its order (GDELT Event Codebook V2.0): 61 columns.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLUMNS)
    + tuple(f"Actor2{c}" for c in _ACTOR_COLUMNS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"Actor2Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLUMNS)
    + ("DATEADDED", "SOURCEURL"))


def _clean(expr: str) -> str:
    """A text column with tabs and line breaks replaced by spaces (GDELT files have no quoting)."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _actor_exprs(side: str) -> dict[str, str]:
    return {"Code": f"e.{side}_code", "Name": f"upper({_clean(f'e.{side}_name')})",
            "CountryCode": f"e.{side}_country", "KnownGroupCode": f"e.{side}_group",
            "Type1Code": f"e.{side}_role"}


# What fills each GDELT column; any column not named here is written empty.
_GDELT_EXPRS: dict[str, str] = {
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
    "ActionGeo_FullName": _clean("e.location_name"),
    "ActionGeo_Lat": "e.location_lat",
    "ActionGeo_Long": "e.location_lon",
    "DATEADDED": "strftime(e.first_seen, '%Y%m%d') || '000000'",
    "SOURCEURL": _clean("e.source_url"),
}


def _struct(fields: dict[str, str], present: str) -> str:
    packed = ", ".join(f'"{k}" := {v}' for k, v in fields.items())
    return f"CASE WHEN {present} THEN struct_pack({packed}) END"


def _actor_struct(side: str, with_text: bool) -> str:
    fields = {f: f"e.{side}_{f}" for f in ("code", "country", "role", "group", "name")}
    if with_text:
        fields["text"] = f"e.{side}_text"
    return _struct(fields, f"e.{side}_code IS NOT NULL")


_LOCATION_STRUCT = _struct({"name": "e.location_name", "country": "e.location_country",
                            "lat": "e.location_lat", "lon": "e.location_lon"},
                           "e.location_name IS NOT NULL OR e.location_country IS NOT NULL")

_EVENT_JSON_SELECT = f"""
    e.event_id, e.date, e.first_date, e.last_date,
    {_actor_struct('source', False)} AS source, {_actor_struct('target', False)} AS target,
    e.cameo, e.base_code, e.root, e.goldstein, e.quad_class, e.plover, {_LOCATION_STRUCT} AS location,
    e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen, e.is_root, e.source_url,
    e.evidence,
    coalesce((SELECT list(m.mention_id ORDER BY m.mention_id) FROM mentions m
              WHERE m.event_id = e.event_id), []) AS mention_ids"""

# The `newsevents code` contract object, key for key (DESIGN.md).
_MENTION_JSON_SELECT = f"""
    e.mention_id AS event_id, e.article_id AS doc_id, e.sentence_index, e.date, e.date_precision,
    {_actor_struct('source', True)} AS source, {_actor_struct('target', True)} AS target,
    e.cameo, e.root, e.goldstein, e.quad_class, e.plover, {_LOCATION_STRUCT} AS location, e.modality,
    e.sentence,
    [e.span_start, e.span_end] AS span, e.rule, e.confidence"""


def export_sql(query: EventQuery, fmt: str) -> tuple[str, list]:
    """The SELECT an export runs, and its parameters."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "gdelt" and query.level != "events":
        raise StoreError("the GDELT layout holds deduplicated events: export mentions as jsonl, csv or parquet")
    cond, params = query.where("e")
    if fmt == "gdelt":
        columns = ", ".join(f"{_GDELT_EXPRS.get(c, 'NULL')} AS {c}" for c in GDELT_COLUMNS)
    elif fmt == "jsonl":
        columns = _EVENT_JSON_SELECT if query.level == "events" else _MENTION_JSON_SELECT
    else:
        columns = "e.*"
    order = "e.date, e.event_id" if query.level == "events" else "e.article_id, e.sentence_index, e.mention_id"
    sql = f"SELECT {columns} FROM {query.table} e WHERE {cond} ORDER BY {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(int(query.limit))
    return sql, params


def export(store: EventStore, query: EventQuery, fmt: str, path: str, *, header: bool = True) -> int:
    """Write the rows of `query` to `path` (`-`: standard output) in `fmt`; returns the number of rows.

    `header` applies to csv and gdelt (GDELT's own files have no header row: pass False to match them).
    """
    select, params = export_sql(query, fmt)
    options = {
        "jsonl": "FORMAT json",
        "csv": f"FORMAT csv, HEADER {str(header).lower()}",
        "parquet": "FORMAT parquet, COMPRESSION zstd",
        "gdelt": f"FORMAT csv, DELIMITER '\\t', HEADER {str(header).lower()}, QUOTE ''",
    }[fmt]
    if path == STDOUT:
        if fmt == "parquet":
            raise StoreError("parquet cannot go to standard output; give a file name with -o")
        sys.stdout.flush()
        target = "/dev/stdout"
    else:
        target = path
        if not Path(path).parent.is_dir():
            raise StoreError(f"{path}: folder {Path(path).parent} does not exist")
    try:
        with store.damage_reported():
            row = store.con.execute(f"COPY ({select}) TO ? ({options})", [*params, target]).fetchone()
    except duckdb.IOException as exc:
        raise StoreError(f"{path}: cannot write the export: {str(exc).splitlines()[0]}") from exc
    return int(row[0]) if row else 0


def unlimited(query: EventQuery) -> EventQuery:
    """Exports take every matching row."""
    return replace(query, limit=None)
