"""The event store: DuckDB schema, ingest, deduplication, queries and exports (docs/store.md)."""
from newsevents.store.db import DEFAULT_DB_PATH, EventStore, StoreError

__all__ = ["DEFAULT_DB_PATH", "EventStore", "StoreError"]
