"""Write events (or mentions) out as JSON Lines, CSV, Parquet, or the GDELT 2.0 events table layout.

DuckDB writes the files itself (`COPY (query) TO path`), with the filters of an `EventQuery` as bound
parameters, so an export of millions of rows streams without passing through Python.

- `jsonl`: events with nested actors and location and the ids of their mentions; at the mentions level,
  exactly the objects of the `newsevents code` contract, so `newsevents ingest --coded` reads them back.
- `csv`, `parquet`: the flat columns of the `events` (or `mentions`) table.
- `gdelt`: the 61 columns of the GDELT 2.0 events table (`GDELT_COLUMNS`), tab-separated, in GDELT's
  order, with CAMEO/Phoenix actor codes and FIPS geography; columns newsevents does not know are left empty
  (`gdelt.py`; docs/store.md lists what fills each column).
- `gdelt-mentions`: the 16 columns of the GDELT 2.0 mentions table, one row per coded sentence of a stored event
  (`--all` adds the non-asserted ones, with an empty GlobalEventID), our modality in Extras.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import duckdb

from newsevents.store import gdelt
from newsevents.store.db import EventStore, StoreError
from newsevents.store.query import EventQuery

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "gdelt-mentions")
GDELT_COLUMNS = gdelt.EVENT_COLUMNS
GDELT_MENTION_COLUMNS = gdelt.MENTION_COLUMNS
STDOUT = "-"

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
    if fmt == "gdelt-mentions":
        query = replace(query, level="mentions")
    cond, params = query.where("e")
    source = f"{query.table} e"
    if fmt == "gdelt":
        columns, source = gdelt.events_select(), gdelt.EVENTS_FROM
    elif fmt == "gdelt-mentions":
        columns, source = gdelt.mentions_select(), gdelt.MENTIONS_FROM
    elif fmt == "jsonl":
        columns = _EVENT_JSON_SELECT if query.level == "events" else _MENTION_JSON_SELECT
    else:
        columns = "e.*"
    order = "e.date, e.event_id" if query.level == "events" else "e.article_id, e.sentence_index, e.mention_id"
    sql = f"SELECT {columns} FROM {source} WHERE {cond} ORDER BY {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(int(query.limit))
    return sql, params


def export(store: EventStore, query: EventQuery, fmt: str, path: str, *, header: bool = True) -> int:
    """Write the rows of `query` to `path` (`-`: standard output) in `fmt`; returns the number of rows.

    `header` applies to csv, gdelt and gdelt-mentions (GDELT's own files have no header row: pass False to match them).
    """
    select, params = export_sql(query, fmt)
    options = {
        "jsonl": "FORMAT json",
        "csv": f"FORMAT csv, HEADER {str(header).lower()}",
        "parquet": "FORMAT parquet, COMPRESSION zstd",
        "gdelt": f"FORMAT csv, DELIMITER '\\t', HEADER {str(header).lower()}, QUOTE ''",
    }[fmt.removesuffix("-mentions")]
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
        with store.damage_reported(), store.con.cursor() as cur, gdelt.lookups_registered(cur):
            row = cur.execute(f"COPY ({select}) TO ? ({options})", [*params, target]).fetchone()
    except duckdb.IOException as exc:
        raise StoreError(f"{path}: cannot write the export: {str(exc).splitlines()[0]}") from exc
    return int(row[0]) if row else 0


def unlimited(query: EventQuery) -> EventQuery:
    """Exports take every matching row."""
    return replace(query, limit=None)
