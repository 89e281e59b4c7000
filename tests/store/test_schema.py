"""Schema creation, the version table, and migrations (applied, refused, or impossible)."""
from __future__ import annotations

import duckdb
import pytest
from store_factories import make_article, make_event

from newsevents.store import EventStore, StoreError, schema
from newsevents.store.ingest import store_coded


def test_new_store_has_every_table_and_the_current_version(db_path):
    with EventStore.open(db_path) as store:
        assert set(schema.TABLES) <= schema.existing_tables(store.con)
        assert schema.stored_version(store.con) == schema.SCHEMA_VERSION
        assert store.counts() == {"articles": 0, "mentions": 0, "events": 0}


def test_reopening_keeps_the_data_and_does_not_recreate(db_path):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    with EventStore.open(db_path) as store:
        assert store.counts() == {"articles": 1, "mentions": 1, "events": 1}
        assert store.fetch("SELECT count(*) FROM schema_version")[0][0] == 1


def _set_version(path, version: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    con.close()


def test_older_schema_is_migrated_in_one_transaction_keeping_the_data(db_path, monkeypatch):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    # Pretend this code is one version ahead, with a migration that adds a column.
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {now: ("ALTER TABLE events ADD COLUMN avg_tone DOUBLE",)})
    with EventStore.open(db_path) as store:
        assert schema.stored_version(store.con) == now + 1
        assert store.counts()["events"] == 1
        assert store.fetch("SELECT avg_tone FROM events") == [(None,)]


def test_a_failing_migration_changes_nothing(db_path, monkeypatch):
    with EventStore.open(db_path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {now: ("ALTER TABLE events ADD COLUMN x DOUBLE",
                                                     "ALTER TABLE no_such_table ADD COLUMN y DOUBLE")})
    with pytest.raises(StoreError, match=f"migration from schema version {now} failed, nothing changed"):
        EventStore.open(db_path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now)
    with EventStore.open(db_path) as store:
        assert schema.stored_version(store.con) == now
        assert "x" not in [r[0] for r in store.fetch("DESCRIBE events")]
        assert store.counts()["events"] == 1


def test_older_schema_opened_read_only_says_it_needs_migrating(db_path, monkeypatch):
    EventStore.open(db_path).close()
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {now: ("ALTER TABLE events ADD COLUMN avg_tone DOUBLE",)})
    with pytest.raises(StoreError, match=f"needs migrating to {now + 1}; open it once read-write"):
        EventStore.open(db_path, read_only=True)


def test_schema_without_a_migration_path_is_refused_and_left_alone(db_path):
    EventStore.open(db_path).close()
    _set_version(db_path, 0)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match=f"schema version 0 is older than {schema.SCHEMA_VERSION} and cannot be migrated"):
        EventStore.open(db_path)
    assert db_path.read_bytes() == before


def test_newer_schema_is_refused(db_path):
    EventStore.open(db_path).close()
    _set_version(db_path, schema.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="is newer than this newsevents"):
        EventStore.open(db_path)


def test_a_duckdb_file_of_another_application_is_refused(db_path):
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsevents store"):
        EventStore.open(db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    assert [r[0] for r in con.execute("SHOW TABLES").fetchall()] == ["invoices"]
    con.close()


def _make_version_1_store(path) -> None:
    """A store as version 1 wrote it: no `plover` columns, version 1 recorded."""
    with EventStore.open(path) as store:
        store_coded(store, [(make_article("a1"), [make_event("a1", 0, 0)])])
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE mentions DROP COLUMN plover")
    con.execute("ALTER TABLE events DROP COLUMN plover")
    con.close()
    _set_version(path, 1)


def test_a_version_1_store_is_upgraded_with_plover_columns_matching_a_new_store(db_path, tmp_path):
    _make_version_1_store(db_path)
    with pytest.raises(StoreError, match="needs migrating"):
        EventStore.open(db_path, read_only=True)
    with EventStore.open(db_path) as store:
        assert schema.stored_version(store.con) == schema.SCHEMA_VERSION
        assert store.counts() == {"articles": 1, "mentions": 1, "events": 1}
        assert store.fetch("SELECT plover FROM mentions") == [(None,)]
        migrated = {t: store.fetch(f"DESCRIBE {t}") for t in ("mentions", "events")}
        store_coded(store, [(make_article("a2"), [make_event("a2", 0, 3, plover="ASSAULT")])])
        assert store.fetch("SELECT plover FROM mentions WHERE article_id = 'a2'") == [("ASSAULT",)]
    with EventStore.open(tmp_path / "new.duckdb") as fresh:
        assert {t: fresh.fetch(f"DESCRIBE {t}") for t in ("mentions", "events")} == migrated
