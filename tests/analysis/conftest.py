"""A store with a synthetic escalation, built from Event records through the real ingest."""
from __future__ import annotations

import pytest
from escalation import escalation_events

from newsevents.store import EventStore
from newsevents.store.ingest import ingest_events


@pytest.fixture
def escalation_db(tmp_path):
    path = tmp_path / "escalation.duckdb"
    with EventStore.open(path) as store:
        ingest_events(store, escalation_events(), batch_size=50)
    return path


@pytest.fixture
def escalation_store(escalation_db):
    with EventStore.open(escalation_db, read_only=True) as store:
        yield store
