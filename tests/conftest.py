"""Shared fixtures: one real Coder (spaCy + dictionaries) per test session."""
from __future__ import annotations

import datetime as dt

import pytest
from project_paths import ROOT, SHARED  # noqa: F401  (the shared folder beside the project root)


@pytest.fixture(scope="session")
def coder():
    from newsevents.coding.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """Code one text; returns asserted events unless include_all=True."""

    def run(text: str, published: str = "2024-05-15", include_all: bool = False):
        return coder.code(text, published=dt.date.fromisoformat(published), doc_id="t", include_all=include_all)

    return run

