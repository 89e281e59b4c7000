"""Fault injection: hostile files, poisoned records and broken runs, through the real CLI, the real coder and
real DuckDB stores (issue #13: nothing lost, nothing poisoned). Helpers: `fault_helpers.py`."""
from __future__ import annotations

import pytest


@pytest.fixture
def wide_dates(monkeypatch):
    """Accept every publication date, so that a date at the edge of the calendar reaches the coder."""
    monkeypatch.setenv("NEWSEVENTS_EARLIEST_PUBLISHED", "0001-01-01")
    monkeypatch.setenv("NEWSEVENTS_LATEST_PUBLISHED_DAYS", "3000000")


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """rich wraps standard error at 80 columns when it is not a terminal: one message, one line."""
    monkeypatch.setenv("COLUMNS", "1000")
