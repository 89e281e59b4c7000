"""The store's tables, its schema version, and the migrations between versions.

The tables (docs/store.md describes every column):

- `articles`: one row per article seen, with its identity (`article_id` + `text_hash`) and status;
- `mentions`: one row per coded sentence event, every field of the `newsevents code` contract, all
  modalities (non-asserted ones are kept and flagged by `modality`), and `event_id`, the link to the
  deduplicated event (NULL for mentions that are not asserted or have no date);
- `events`: the deduplicated events (see `dedup.py`), with mention / source / article counts;
- `near_duplicates` and `near_duplicate_bands`: each article's MinHash and the article whose events it
  repeats (see `copies.py`);
- `schema_version` and `store_settings`: bookkeeping.

A store records its schema version. Opening an older store read-write applies the migrations in
`MIGRATIONS` in one transaction; opening it read-only, or a store with no migration path, or one newer than
this code, is refused with a `StoreError` that says why. Nothing is dropped by a migration.
"""
from __future__ import annotations

import duckdb

from newsevents.model_forms import ACTOR_FIELDS, PLACE_FIELDS

SCHEMA_VERSION = 3

# Per-actor columns, repeated for the source and the target side: the Event's flat form (model_forms.py).
__all__ = ["ACTOR_FIELDS", "PLACE_FIELDS", "SCHEMA_VERSION", "DDL", "TABLES", "MIGRATIONS"]

_ACTOR_DDL = ",\n".join(
    f"    {side}_{f} VARCHAR" for side in ("source", "target") for f in ACTOR_FIELDS)

# Republished copies (`copies.py`): each article ingested with near-duplicates on, by its MinHash.
_NEAR_DUPLICATES_DDL = """CREATE TABLE IF NOT EXISTS near_duplicates (
    article_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL,
    original_id VARCHAR
)"""
_NEAR_DUPLICATE_BANDS_DDL = """CREATE TABLE IF NOT EXISTS near_duplicate_bands (
    band_key BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
)"""

DDL: tuple[str, ...] = (
    """CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)""",
    """CREATE TABLE store_settings (
    name VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
)""",
    """CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    text_hash VARCHAR,
    url VARCHAR,
    source VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    status VARCHAR NOT NULL,
    error VARCHAR,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    ingested_at TIMESTAMP NOT NULL
)""",
    f"""CREATE TABLE mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    date DATE,
    date_precision VARCHAR,
{_ACTOR_DDL},
    cameo VARCHAR NOT NULL,
    base_code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    goldstein DOUBLE,
    quad_class TINYINT,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    modality VARCHAR NOT NULL,
    sentence VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    rule VARCHAR,
    confidence DOUBLE,
    event_id BIGINT,
    plover VARCHAR
)""",
    """CREATE TABLE events (
    event_id BIGINT PRIMARY KEY,
    date DATE NOT NULL,
    first_date DATE NOT NULL,
    last_date DATE NOT NULL,
    source_code VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    source_group VARCHAR,
    source_name VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    target_group VARCHAR,
    target_name VARCHAR,
    cameo VARCHAR NOT NULL,
    base_code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    goldstein DOUBLE,
    quad_class TINYINT,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    first_seen DATE NOT NULL,
    last_seen DATE NOT NULL,
    is_root BOOLEAN NOT NULL,
    source_url VARCHAR,
    evidence VARCHAR,
    rep_mention_id VARCHAR NOT NULL,
    plover VARCHAR
)""",
    _NEAR_DUPLICATES_DDL,
    _NEAR_DUPLICATE_BANDS_DDL,
)

TABLES = ("schema_version", "store_settings", "articles", "mentions", "events", "near_duplicates",
          "near_duplicate_bands")

# MIGRATIONS[v] takes a store from version v to v + 1: a tuple of SQL statements, run in one transaction
# together with the version bump. New columns go at the end of their table, so a migrated store has exactly
# the columns, in the same order, of a store created by this version.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: the PLOVER category of each mention and event (NULL for mentions stored before).
    1: ("ALTER TABLE mentions ADD COLUMN plover VARCHAR",
        "ALTER TABLE events ADD COLUMN plover VARCHAR"),
    # 2 -> 3: the MinHash of each article, so that a copy finds its original in a later run (articles stored
    # before have none: they are not matched).
    2: (_NEAR_DUPLICATES_DDL, _NEAR_DUPLICATE_BANDS_DDL),
}


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {name for (name,) in rows}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version recorded in the store, or None when there is no version table."""
    if "schema_version" not in existing_tables(con):
        return None
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] if row and row[0] is not None else 0


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the current schema in an empty database, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in DDL:
            con.execute(statement)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def missing_migrations(version: int, target: int | None = None,
                       migrations: dict[int, tuple[str, ...]] | None = None) -> list[int]:
    """The steps between `version` and `target` (default: the current version) that have no migration."""
    target = SCHEMA_VERSION if target is None else target
    migrations = MIGRATIONS if migrations is None else migrations
    return [v for v in range(version, target) if v not in migrations]


def migrate(con: duckdb.DuckDBPyConnection, version: int, target: int | None = None,
            migrations: dict[int, tuple[str, ...]] | None = None) -> None:
    """Apply the migrations from `version` up to `target` (default: current) in one transaction."""
    target = SCHEMA_VERSION if target is None else target
    migrations = MIGRATIONS if migrations is None else migrations
    missing = missing_migrations(version, target, migrations)
    if missing:
        raise ValueError(f"no migration from schema version {missing[0]}")
    con.execute("BEGIN TRANSACTION")
    try:
        for v in range(version, target):
            for statement in migrations[v]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [v + 1])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
