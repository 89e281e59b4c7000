"""Merge the mentions of one real-world event, reported by several articles, into one event row.

The rule (docs/store.md, "Deduplication"):

1. Only asserted mentions with a date take part; the others stay in `mentions` with `event_id` NULL.
2. Mentions fall in the same *group* when they have the same source actor code, the same target actor code
   (a missing actor counts as the empty code) and the same CAMEO base code (the first three digits).
3. Within a group, the distinct mention dates are sorted and cut into clusters from the earliest one: a
   cluster starts at its earliest date (its *anchor*) and takes every later date at most `tolerance_days`
   after the anchor; the next date starts the next cluster. A cluster never spans more than
   `tolerance_days`, so a run of daily strikes with tolerance 1 gives one event per two days at most, never
   one event for the whole run; with tolerance 0 only mentions of the same date merge.
4. A cluster is one event. Its id is a hash of the group and the anchor date, so it does not depend on the
   order articles were ingested in; its date is the most often reported date (ties: the earliest;
   `Cluster.event_date`, computed in SQL by `_INSERT_EVENTS` when the event row is built).

The clusters depend only on the set of mentions in a group, never on ingest order.

Each batch updates the clusters incrementally (`update`), inside the batch's transaction, with work that
depends on the mentions it touches, not on the group's history. Because a cluster takes every date within
`tolerance_days` of its anchor, a new date inside an existing cluster's window changes no anchor: the
mention joins that event, and only that event's row is rebuilt. A date outside every window, or a removed
mention, can move the anchors from that date on, never before it: the group's clusters are cut again from
that date only (`_resplit`), and only the events whose mentions change are built again. The result is the
one `rebuild` gives from all the mentions (a property test compares the two on random mention streams in
random orders); `rebuild` is kept for a change of tolerance.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import bisect
import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

GroupKey = tuple[str, str, str]  # (source code or "", target code or "", CAMEO base code)

# SQL expressions for a mention's group, on a table aliased `m`.
GROUP_SQL = "coalesce(m.source_code, ''), coalesce(m.target_code, ''), m.base_code"

_GROUPS_SCHEMA = pa.schema([("skey", pa.string()), ("tkey", pa.string()), ("base", pa.string())])
_CLUSTERS_SCHEMA = pa.schema([("skey", pa.string()), ("tkey", pa.string()), ("base", pa.string()),
                              ("date", pa.date32()), ("event_id", pa.int64())])
_STARTS_SCHEMA = pa.schema([("skey", pa.string()), ("tkey", pa.string()), ("base", pa.string()),
                            ("start", pa.date32())])
_LINKS_SCHEMA = pa.schema([("mention_id", pa.string()), ("event_id", pa.int64())])
_IDS_SCHEMA = pa.schema([("event_id", pa.int64())])


@dataclass(frozen=True, slots=True)
class Cluster:
    """One deduplicated event: the mention dates it covers within its group."""

    anchor: dt.date
    dates: tuple[dt.date, ...]
    event_date: dt.date


@dataclass(frozen=True, slots=True)
class Added:
    """A mention just inserted that takes part in deduplication (asserted, with a date), not yet linked."""

    mention_id: str
    group: GroupKey
    date: dt.date


def cluster_dates(date_counts: Sequence[tuple[dt.date, int]], tolerance_days: int) -> list[Cluster]:
    """Cut one group's (date, mention count) pairs into clusters anchored at their earliest date."""
    if tolerance_days < 0:
        raise ValueError("tolerance_days must be 0 or more")
    clusters: list[Cluster] = []
    ordered = sorted(date_counts)
    i = 0
    while i < len(ordered):
        anchor = ordered[i][0]
        members = []
        while i < len(ordered) and (ordered[i][0] - anchor).days <= tolerance_days:
            members.append(ordered[i])
            i += 1
        # Most often reported date; ties go to the earliest (max over (count, -ordinal)).
        event_date = max(members, key=lambda dc: (dc[1], -dc[0].toordinal()))[0]
        clusters.append(Cluster(anchor, tuple(d for d, _ in members), event_date))
    return clusters


def event_id_for(group: GroupKey, anchor: dt.date) -> int:
    """The stable 60-bit id of the event anchored at `anchor` in `group` (a GDELT-style integer id)."""
    key = "|".join((*group, anchor.isoformat()))
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:15], 16)


def linked_mentions_of_articles(con: duckdb.DuckDBPyConnection,
                                article_ids: Sequence[str]) -> list[tuple[GroupKey, dt.date]]:
    """(group, date) of the mentions stored for these articles that belong to an event (called before they
    are replaced), for `update`'s `removed`."""
    if not article_ids:
        return []
    rows = con.execute(f"SELECT {GROUP_SQL}, m.date FROM mentions m WHERE m.event_id IS NOT NULL "
                       "AND m.article_id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)]).fetchall()
    return [((s, t, b), d) for s, t, b, d in rows]


def added_of_rows(rows: Iterable[dict]) -> list[Added]:
    """The mention rows (`model_forms.mention_row`) that take part in deduplication, as `Added`."""
    return [Added(r["mention_id"], (r["source_code"] or "", r["target_code"] or "", r["base_code"]), r["date"])
            for r in rows if r["modality"] == "asserted" and r["date"] is not None]


def update(con: duckdb.DuckDBPyConnection, added: Sequence[Added],
           removed: Iterable[tuple[GroupKey, dt.date]], tolerance_days: int) -> None:
    """Link the `added` mentions (already inserted) and account for the `removed` ones (already deleted):
    the events they touch are rebuilt, the others are left alone. Inside the caller's transaction.

    `removed` holds the (group, date) of every deleted mention that was linked to an event.
    """
    removed = list(removed)
    groups = sorted({a.group for a in added} | {g for g, _ in removed})
    if not groups:
        return
    anchors = _anchors(con, groups)
    # A group's anchors before `starts[group]` stay; from it on the group is cut again from its mentions.
    starts: dict[GroupKey, dt.date] = {}
    shrunk: set[int] = set()  # the stored events that lost a mention
    for group, day in removed:
        anchor = _anchor_at_or_before(anchors.get(group, ()), day)
        start = anchor if anchor is not None else day
        starts[group] = min(starts.get(group, start), start)
        if anchor is not None:
            shrunk.add(event_id_for(group, anchor))
    joins: list[tuple[Added, dt.date]] = []
    for mention in added:
        anchor = _anchor_at_or_before(anchors.get(mention.group, ()), mention.date)
        if anchor is not None and (mention.date - anchor).days <= tolerance_days:
            joins.append((mention, anchor))
        else:
            starts[mention.group] = min(starts.get(mention.group, mention.date), mention.date)
    links = {m.mention_id: event_id_for(m.group, anchor) for m, anchor in joins
             if m.group not in starts or anchor < starts[m.group]}
    rebuilt = set(links.values())
    delete = set(rebuilt)
    if starts:
        built, gone = _resplit(con, starts, tolerance_days, anchors, shrunk)
        rebuilt |= built
        delete |= built | gone
    if links:
        table = pa.Table.from_pydict({"mention_id": list(links), "event_id": list(links.values())},
                                     schema=_LINKS_SCHEMA)
        with registered(con, "_ne_links", table):
            con.execute("UPDATE mentions m SET event_id = l.event_id FROM _ne_links l "
                        "WHERE m.mention_id = l.mention_id")
    _rebuild_events(con, rebuilt, delete=delete)


def _anchors(con: duckdb.DuckDBPyConnection, groups: Sequence[GroupKey]) -> dict[GroupKey, list[dt.date]]:
    """The sorted anchors (first dates) of the stored events of these groups."""
    table = pa.Table.from_pylist([dict(zip(("skey", "tkey", "base"), g)) for g in groups], schema=_GROUPS_SCHEMA)
    with registered(con, "_ne_affected", table):
        rows = con.execute("""
            SELECT a.skey, a.tkey, a.base, e.first_date FROM events e
            JOIN _ne_affected a ON coalesce(e.source_code, '') = a.skey
                AND coalesce(e.target_code, '') = a.tkey AND e.base_code = a.base
            ORDER BY ALL""").fetchall()
    out: dict[GroupKey, list[dt.date]] = {}
    for skey, tkey, base, first in rows:
        out.setdefault((skey, tkey, base), []).append(first)
    return out


def _anchor_at_or_before(anchors: Sequence[dt.date], day: dt.date) -> dt.date | None:
    i = bisect.bisect_right(anchors, day)
    return anchors[i - 1] if i else None


def _resplit(con: duckdb.DuckDBPyConnection, starts: dict[GroupKey, dt.date], tolerance_days: int,
             anchors: dict[GroupKey, list[dt.date]], shrunk: set[int]) -> tuple[set[int], set[int]]:
    """Cut the groups again from their start date on and link their mentions dated from it; returns the ids
    of the events to build and of the stored events that are gone.

    Only what the new cut changes is written: the mentions of a date whose event changes (or that were not
    linked) and the events that gain or lose a date or a mention (`shrunk`: those that lost one). An event
    that keeps its id and its mentions keeps its row, which is built from them alone. Most of a large
    group's events after the start date stay as they were: rebuilding them all made a batch's work, and
    its memory, grow with the store (issue #13)."""
    table = pa.Table.from_pylist([dict(zip(_STARTS_SCHEMA.names, (*g, d))) for g, d in sorted(starts.items())],
                                 schema=_STARTS_SCHEMA)
    with registered(con, "_ne_starts", table):
        rows = con.execute(f"""
            SELECT {GROUP_SQL}, m.date, m.event_id, count(*)
            FROM mentions m
            JOIN _ne_starts s ON coalesce(m.source_code, '') = s.skey
                AND coalesce(m.target_code, '') = s.tkey AND m.base_code = s.base AND m.date >= s.start
            WHERE m.modality = 'asserted'
            GROUP BY ALL ORDER BY ALL""").fetchall()
    counts: dict[tuple, int] = {}
    linked: dict[tuple, set[int | None]] = {}
    for skey, tkey, base, day, event_id, n in rows:
        key = (skey, tkey, base, day)
        counts[key] = counts.get(key, 0) + n
        linked.setdefault(key, set()).add(event_id)
    clusters = _cluster_rows([(*key, n) for key, n in counts.items()], tolerance_days)
    keys = list(zip(*(clusters.column(name).to_pylist() for name in ("skey", "tkey", "base", "date"))))
    new_ids = clusters.column("event_id").to_pylist()
    kept = set(new_ids)
    moved = [i for i, key in enumerate(keys) if linked[key] != {new_ids[i]}]
    built = {new_ids[i] for i in moved} | ({e for i in moved for e in linked[keys[i]]} & kept) | (shrunk & kept)
    old = {event_id_for(g, a) for g, start in starts.items() for a in anchors.get(g, ()) if a >= start}
    if moved:
        with registered(con, "_ne_clusters", clusters.take(moved)):
            con.execute("""
                UPDATE mentions m SET event_id = c.event_id FROM _ne_clusters c
                WHERE coalesce(m.source_code, '') = c.skey AND coalesce(m.target_code, '') = c.tkey
                  AND m.base_code = c.base AND m.date = c.date AND m.modality = 'asserted'""")
    return built, old - kept


def _rebuild_events(con: duckdb.DuckDBPyConnection, ids: set[int], delete: set[int]) -> None:
    """Build the event rows `ids` from their linked mentions, after deleting the stored rows `delete`."""
    if delete:
        with registered(con, "_ne_delete", pa.Table.from_pydict({"event_id": sorted(delete)}, schema=_IDS_SCHEMA)):
            con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _ne_delete)")
    if ids:
        with registered(con, "_ne_rebuild", pa.Table.from_pydict({"event_id": sorted(ids)}, schema=_IDS_SCHEMA)):
            con.execute(_INSERT_EVENTS)


def rebuild(con: duckdb.DuckDBPyConnection, tolerance_days: int) -> int:
    """Cluster every group again (after a change of tolerance); inside the caller's transaction."""
    rows = con.execute(f"""
        SELECT {GROUP_SQL}, m.date, count(*) FROM mentions m
        WHERE m.modality = 'asserted' AND m.date IS NOT NULL
        GROUP BY ALL ORDER BY ALL""").fetchall()
    con.execute("DELETE FROM events")
    con.execute("UPDATE mentions SET event_id = NULL WHERE event_id IS NOT NULL")
    return _write_clusters(con, rows, tolerance_days)


def _cluster_rows(rows: list[tuple], tolerance_days: int) -> pa.Table:
    """(group..., date, count) rows, sorted, as one (group..., date, event_id) row per date."""
    out: dict[str, list] = {name: [] for name in _CLUSTERS_SCHEMA.names}
    for group, members in itertools.groupby(rows, key=lambda r: (r[0], r[1], r[2])):
        for cluster in cluster_dates([(r[3], r[4]) for r in members], tolerance_days):
            eid = event_id_for(group, cluster.anchor)
            for day in cluster.dates:
                for name, value in zip(_CLUSTERS_SCHEMA.names, (*group, day, eid)):
                    out[name].append(value)
    return pa.Table.from_pydict(out, schema=_CLUSTERS_SCHEMA)


def _write_clusters(con: duckdb.DuckDBPyConnection, rows: list[tuple], tolerance_days: int) -> int:
    """Link mentions to their clusters and insert one event row per cluster."""
    clusters = _cluster_rows(rows, tolerance_days)
    if not clusters.num_rows:
        return 0
    with registered(con, "_ne_clusters", clusters):
        con.execute("""
            UPDATE mentions m SET event_id = c.event_id FROM _ne_clusters c
            WHERE coalesce(m.source_code, '') = c.skey AND coalesce(m.target_code, '') = c.tkey
              AND m.base_code = c.base AND m.date = c.date AND m.modality = 'asserted'""")
    ids = set(clusters.column("event_id").to_pylist())
    _rebuild_events(con, ids, delete=set())
    return len(ids)


# The event rows of the ids in `_ne_rebuild`, from their linked mentions. The event's date is the most often
# reported date (ties: the earliest). The representative mention of an event: the most frequent full CAMEO
# code in the cluster, then the highest confidence, the earliest article, the smallest mention id. Its actors,
# code and evidence describe the event; the location comes from the best-ranked mention that has one.
# The ranking and the counts read narrow columns; the wide ones (actors, sentence) are read for the chosen
# mentions only: carrying every linked mention's wide row through the joins and windows took ~130 MiB for
# 700 events of 87,000 mentions (issue #13).
_INSERT_EVENTS = """
INSERT INTO events
WITH linked AS (
    SELECT m.event_id, m.mention_id, m.article_id, m.date, m.cameo, m.confidence, m.sentence_index,
           (m.location_name IS NOT NULL OR m.location_country IS NOT NULL) AS located,
           a.url, coalesce(a.published, m.date) AS seen, coalesce(a.outlet, a.article_id) AS outlet_key,
           count(*) OVER (PARTITION BY m.event_id, m.cameo) AS cameo_n,
           count(*) OVER (PARTITION BY m.event_id, m.date) AS date_n
    FROM mentions m
    JOIN _ne_rebuild c ON m.event_id = c.event_id
    JOIN articles a ON a.article_id = m.article_id
), ranked AS (
    SELECT *, row_number() OVER (
        PARTITION BY event_id
        ORDER BY cameo_n DESC, confidence DESC NULLS LAST,
                 seen, mention_id) AS rk
    FROM linked
), agg AS (
    SELECT event_id, arg_min(date, (-date_n, date)) AS event_date, min(date) AS first_date, max(date) AS last_date,
           count(*) AS num_mentions, count(DISTINCT outlet_key) AS num_sources,
           count(DISTINCT article_id) AS num_articles, min(seen) AS first_seen, max(seen) AS last_seen,
           bool_or(sentence_index = 0) AS is_root,
           arg_min(url, (seen, article_id)) FILTER (WHERE url IS NOT NULL) AS source_url,
           arg_min(mention_id, rk) AS rep_id,
           arg_min(mention_id, rk) FILTER (WHERE located) AS loc_id
    FROM ranked GROUP BY event_id
), chosen AS (
    SELECT m.* FROM mentions m
    WHERE m.mention_id IN (SELECT rep_id FROM agg UNION ALL SELECT loc_id FROM agg WHERE loc_id IS NOT NULL)
)
SELECT agg.event_id, agg.event_date, agg.first_date, agg.last_date,
       r.source_code, r.source_country, r.source_role, r.source_group, r.source_name,
       r.target_code, r.target_country, r.target_role, r.target_group, r.target_name,
       r.cameo, r.base_code, r.root, r.goldstein, r.quad_class,
       l.location_name, l.location_country, l.location_lat, l.location_lon,
       agg.num_mentions, agg.num_sources, agg.num_articles, agg.first_seen, agg.last_seen,
       agg.is_root, agg.source_url, r.sentence, r.mention_id, r.plover
FROM agg
JOIN chosen r ON r.mention_id = agg.rep_id
LEFT JOIN chosen l ON l.mention_id = agg.loc_id
"""


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """An Arrow table visible to SQL under `name` for the length of a `with` block."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)
