"""Store helpers for the store tests; the events, actors and articles come from tests/factories.py."""
from __future__ import annotations

from factories import actor, day, make_article, make_event  # noqa: F401  (re-exported for the store tests)

from newsevents.store import EventStore


def event_rows(store: EventStore) -> list[tuple]:
    """Every column of every event, in a fixed order (for comparing two stores)."""
    return store.fetch("SELECT * FROM events ORDER BY event_id")


def mention_links(store: EventStore) -> list[tuple]:
    return store.fetch("SELECT mention_id, article_id, modality, event_id FROM mentions ORDER BY mention_id")
