"""The read-only SQL behind the dashboard: counts, timelines, top dyads, the map, evidence, actor look-ups.

Every filter comes from `EventQuery.where()` (newsevents/store/query.py), so user values are only ever bound
parameters; the SQL text here is fixed. Series and alerts come from `newsevents.analysis` as they are. Given
the app's `rollups` (rollups.py), the timeline, map, top dyads, counts and actors are read from them where
they hold the query's filters, and from the events otherwise.
A dyad side is named as the alerts name it: the actor's country, else its group, else its code.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsevents.settings import published_range
from newsevents.store.db import EventStore
from newsevents.store.query import MENTION_COLUMNS, EventQuery, like_escape
from newsevents.web import rollups as rollup_answers
from newsevents.web.rollups import Rollups

FREQS = ("day", "week", "month")
MAP_MEASURES = ("conflict", "material", "goldstein")

_SIDE_KEY = "coalesce(e.{side}_country, e.{side}_group, e.{side}_code)"
_SOURCE_KEY = _SIDE_KEY.format(side="source")
_TARGET_KEY = _SIDE_KEY.format(side="target")
# Where an event counts on the map: the country of its location (events without a named place are not mapped).
_MAP_COUNTRY = "e.location_country"
_MAP_VALUE = {
    "conflict": "count(*) FILTER (WHERE e.quad_class IN (3, 4))",
    "material": "count(*) FILTER (WHERE e.quad_class = 4)",
    "goldstein": "coalesce(sum(-e.goldstein) FILTER (WHERE e.goldstein < 0), 0)",
}
_ARTICLE_COLUMNS = "a.article_id, a.url, a.title, a.outlet, a.published"
_DETAIL_MENTION_COLUMNS = (*MENTION_COLUMNS, "source_text", "target_text", "source_country", "target_country",
                           "source_role", "target_role", "source_group", "target_group", "span_start",
                           "span_end", "location_lat", "location_lon")


def summary(store: EventStore, plausible: tuple[dt.date, dt.date] | None = None) -> dict:
    """Row counts and date ranges of the store, and the default period of the dashboard: the publication
    dates (else the event dates) within the `plausible` range, so that one far-future or ancient date
    stored by mistake cannot stretch every chart over centuries (default: `settings.published_range()`)."""
    low, high = plausible or published_range()
    counts = store.fetch("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
                         "(SELECT count(*) FROM events), (SELECT min(date) FROM events), "
                         "(SELECT max(date) FROM events), (SELECT min(published) FROM articles), "
                         "(SELECT max(published) FROM articles), "
                         "(SELECT min(published) FROM articles WHERE published BETWEEN ? AND ?), "
                         "(SELECT max(published) FROM articles WHERE published BETWEEN ? AND ?), "
                         "(SELECT min(date) FROM events WHERE date BETWEEN ? AND ?), "
                         "(SELECT max(date) FROM events WHERE date BETWEEN ? AND ?)", [low, high] * 4)[0]
    articles, mentions, events, first, last, pub_first, pub_last, p_lo, p_hi, e_lo, e_hi = counts
    default = {"from": p_lo, "to": p_hi} if p_lo else {"from": e_lo, "to": e_hi}
    return {"articles": articles, "mentions": mentions, "events": events,
            "event_dates": {"from": first, "to": last}, "published": {"from": pub_first, "to": pub_last},
            "default_period": default}


def page_rows(store: EventStore, query: EventQuery, offset: int, rows: int,
              rollups: Rollups | None = None) -> list[dict]:
    """Rows `offset` to `offset + rows` of the query (`EventQuery.sql()`'s columns and order). With the
    rollups: a dyad's page is found in `dyad_events`; a page filtered on dates, quad classes and location
    only reads the dates its rows can have (the newest, which the `day` rollup tells)."""
    page = rollup_answers.event_page(rollups, store, query, offset, rows)
    if page is not None:
        return page
    query = replace(query, limit=offset + rows)
    start = rollup_answers.newest_first_from(rollups, store, query, offset + rows)
    if start is not None:
        query = replace(query, date_from=max(start, query.date_from or start))
    return store.fetch_dicts(*query.sql())[offset:]


def count_rows(store: EventStore, query: EventQuery, cap: int, rollups: Rollups | None = None) -> int:
    """How many rows the query matches, counting no further than `cap` + 1."""
    counted = rollup_answers.count_events(rollups, store, query)
    if counted is not None:
        return min(counted, cap + 1)
    cond, params = query.where("e")
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {query.table} e WHERE {cond} LIMIT ?)"
    return store.fetch(sql, [*params, cap + 1])[0][0]


def timeline(store: EventStore, query: EventQuery, freq: str, rollups: Rollups | None = None) -> list[dict]:
    """Events per period (day, week from Monday, month) by quad class; periods without events are left out."""
    answer = rollup_answers.timeline(rollups, store, query, freq)
    if answer is not None:
        return answer
    cond, params = replace(query, level="events", include_all=False, limit=None).where("e")
    sql = f"""
        SELECT date_trunc(?, e.date)::DATE AS period, count(*) AS events,
               count(*) FILTER (WHERE e.quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE e.quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
               coalesce(sum(e.goldstein), 0) AS goldstein_sum
        FROM events e WHERE {cond} GROUP BY 1 ORDER BY 1"""
    return store.fetch_dicts(sql, [freq, *params])


def top_dyads(store: EventStore, query: EventQuery, limit: int, rollups: Rollups | None = None) -> list[dict]:
    """The dyads (unordered pairs of countries / groups / codes) with the most events.

    Grouped first by (source, target) as stored, then the two directions of a pair are added up: the
    unordered pair is computed once per directed pair, not once per event."""
    answer = rollup_answers.top_dyads(rollups, store, query, limit)
    if answer is not None:
        return answer
    cond, params = replace(query, level="events", include_all=False, limit=None).where("e")
    sql = f"""
        WITH directed AS (
            SELECT {_SOURCE_KEY} AS s, {_TARGET_KEY} AS t, count(*) AS events,
                   count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
                   sum(e.goldstein) AS goldstein_sum, max(e.date) AS last_date
            FROM events e
            WHERE {cond} AND {_SOURCE_KEY} IS NOT NULL AND {_TARGET_KEY} IS NOT NULL
            GROUP BY 1, 2)
        SELECT least(s, t) AS actor1, greatest(s, t) AS actor2, sum(events)::BIGINT AS events,
               sum(cooperation)::BIGINT AS cooperation, sum(conflict)::BIGINT AS conflict,
               sum(material_conflict)::BIGINT AS material_conflict,
               coalesce(sum(goldstein_sum), 0) AS goldstein_sum, max(last_date) AS last_date
        FROM directed
        GROUP BY 1, 2 ORDER BY events DESC, conflict DESC, actor1, actor2 LIMIT ?"""
    return store.fetch_dicts(sql, [*params, int(limit)])


def country_conflict(store: EventStore, query: EventQuery, measure: str,
                     rollups: Rollups | None = None) -> list[dict]:
    """Per country where events happened: events, conflict counts and the chosen measure as `value`."""
    answer = rollup_answers.country_conflict(rollups, store, query, measure)
    if answer is not None:
        return answer
    cond, params = replace(query, level="events", include_all=False, limit=None).where("e")
    sql = f"""
        SELECT {_MAP_COUNTRY} AS country, count(*) AS events,
               count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
               count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
               {_MAP_VALUE[measure]} AS value
        FROM events e WHERE {cond} AND {_MAP_COUNTRY} IS NOT NULL
        GROUP BY 1 ORDER BY value DESC, country"""
    return store.fetch_dicts(sql, params)


def event_detail(store: EventStore, event_id: int, *, limit: int, offset: int = 0) -> dict | None:
    """One event (every column) with a page of its mentions (`limit` from `offset`), each with its article,
    and their total; None when there is no such event."""
    rows = store.fetch_dicts("SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    columns = ", ".join(f"m.{c}" for c in _DETAIL_MENTION_COLUMNS)
    mentions = store.fetch_dicts(
        f"SELECT {columns}, {_ARTICLE_COLUMNS} FROM mentions m LEFT JOIN articles a USING (article_id) "
        "WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.sentence_index, m.mention_id "
        "LIMIT ? OFFSET ?", [event_id, limit, offset])
    total = store.fetch("SELECT count(*) FROM mentions WHERE event_id = ?", [event_id])[0][0]
    return {"event": rows[0], "mentions": mentions, "total": total}


def mention_detail(store: EventStore, mention_id: str) -> dict | None:
    """One mention (a coded sentence, any modality) with its article; None when there is none."""
    columns = ", ".join(f"m.{c}" for c in _DETAIL_MENTION_COLUMNS)
    rows = store.fetch_dicts(
        f"SELECT {columns}, {_ARTICLE_COLUMNS} FROM mentions m LEFT JOIN articles a USING (article_id) "
        "WHERE m.mention_id = ?", [mention_id])
    return rows[0] if rows else None


def find_actors(store: EventStore, text: str | None, limit: int, rollups: Rollups | None = None) -> list[dict]:
    """Actors seen in events whose code, country, group or name contains `text` (all when None), most used first."""
    params: list = []
    cond = "TRUE"
    if text:
        pattern = "%" + like_escape(text) + "%"
        cond = ("(a.code ILIKE ? ESCAPE '\\' OR a.country ILIKE ? ESCAPE '\\' OR a.grp ILIKE ? ESCAPE '\\' "
                "OR a.name ILIKE ? ESCAPE '\\')")
        params.extend([pattern] * 4)
    answer = rollup_answers.find_actors(rollups, store, cond, params, limit)
    if answer is not None:
        return answer
    sides = " UNION ALL ".join(
        f"SELECT e.{s}_code AS code, e.{s}_country AS country, e.{s}_role AS role, e.{s}_group AS grp, "
        f"e.{s}_name AS name FROM events e WHERE e.{s}_code IS NOT NULL" for s in ("source", "target"))
    sql = f"""
        SELECT a.code, any_value(a.country) AS country, any_value(a.role) AS role, any_value(a.grp) AS "group",
               mode(a.name) AS name, count(*) AS events
        FROM ({sides}) a WHERE {cond}
        GROUP BY a.code ORDER BY events DESC, a.code LIMIT ?"""
    return store.fetch_dicts(sql, [*params, int(limit)])


def period_count(date_from: dt.date, date_to: dt.date, freq: str) -> int:
    """How many periods of `freq` the range spans (an upper bound for weeks and months)."""
    days = (date_to - date_from).days + 1
    return {"day": days, "week": days // 7 + 2, "month": days // 28 + 2}[freq]
