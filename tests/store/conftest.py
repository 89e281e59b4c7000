"""Fixtures for the store tests: real DuckDB files in tmp_path."""
from __future__ import annotations

import pytest

from newsevents.store import EventStore


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(db_path):
    with EventStore.open(db_path) as s:
        yield s
