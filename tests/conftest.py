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


def dyads(events):
    """(source country-or-group, target country-or-group, root) triples of events."""
    return {(_who(e.source), _who(e.target), e.root) for e in events}


def _who(actor):
    if actor is None:
        return None   # a one-sided event ("Protesters rallied in Manila") has no target
    return actor.group or actor.country
