"""Rollups: summaries of the served store, built once the API has opened it, that answer the dashboard's
queries without reading every event.

The API's store is opened read-only, and DuckDB lets no process write a file that another holds open: while
the server runs, the events cannot change, so what is computed from them once stays true until the server
stops. `Rollups.start()` builds, in a background thread, into a DuckDB file in a temporary folder attached
to the store's connection (`newsevents_rollups_N`, visible to every request's cursor; compressed on disk and
read through DuckDB's buffer cache, so it counts against `--memory-limit` only as a cache; removed when the
server stops; in memory where no temporary file can be written):

- the actor index (`store/actor_index.py`), which turns the actor and dyad filters of events queries into
  tests of one column where that is exact; built first, from `actor_rows`: per side, the events of each
  (code, country, role, group, name) (also what `/api/actors` reads);
- `dyad_events`: the columns of the events that a dyad's page, count and series read, with the dyad keys `s`
  and `t` (country, else group, else code), in the order of those keys, so that DuckDB skips the row groups
  of other dyads (`/api/events?dyad=` and `?actor=`, `/api/dyads/series`, the alerts and their events);
- `day`: per date, quad class and location country, the events and their Goldstein sums (`/api/timeline`,
  `/api/map`, counts, and the date where the newest page of `/api/events` begins);
- `by_date`: the columns of the events that a page filtered on dates, quad classes and location reads, newest
  first, so that the page reads the row groups of its dates only;
- `dyad_day`, `dyad_month`, `dyad_all`: per day, month and over all time, dyad keys and quad class, the
  events, Goldstein sum and last date (`/api/dyads/top`; per day also the events with a negative Goldstein
  value and their sum, for `/api/alerts`).

Each function below answers None where the rollups are not ready or cannot answer the query (a filter they
do not hold): the caller then reads the events as before. The answers are those of the events: the same
rows, counts and dates; Goldstein sums are added in another order, so they may differ in the last bits, as
DuckDB's own parallel sums do between two runs.
"""
from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import itertools
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

from newsevents.store.actor_index import SIDES, ActorIndex
from newsevents.store.query import EVENT_COLUMNS, EventQuery

_SERIAL = itertools.count(1)  # two apps over one store in a process share its DuckDB instance
_SOURCE_KEY = "coalesce(e.source_country, e.source_group, e.source_code)"
_TARGET_KEY = "coalesce(e.target_country, e.target_group, e.target_code)"
# The filters each rollup holds (every other filter of EventQuery must be unset).
DAY_FILTERS = frozenset({"quad_class", "date_from", "date_to", "location_country"})
DYAD_FILTERS = frozenset({"quad_class", "date_from", "date_to"})
DYAD_EVENT_FILTERS = frozenset({"dyad", "actor", "quad_class", "date_from", "date_to", "cameo", "root",
                                "location_country"})
EVENT_ORDER = "e.date DESC NULLS LAST, e.num_mentions DESC, e.event_id"  # EventQuery.sql()'s, for events
_FILTERS = ("actor", "actor_country", "actor_role", "actor_group", "dyad", "cameo", "root", "quad_class",
            "date_from", "date_to", "location_country", "text")

_BUILD = (
    ("actor_rows", """CREATE TABLE {db}.actor_rows AS
        SELECT side, code, country, role, grp, name, count(*) AS n FROM (
            SELECT 'source' AS side, source_code AS code, source_country AS country, source_role AS role,
                   source_group AS grp, source_name AS name FROM events
            UNION ALL
            SELECT 'target', target_code, target_country, target_role, target_group, target_name FROM events)
        GROUP BY ALL"""),
    ("dyad_events", f"""CREATE TABLE {{db}}.dyad_events AS
        SELECT {_SOURCE_KEY} AS s, {_TARGET_KEY} AS t, e.source_country, e.source_group, e.source_code,
               e.target_country, e.target_group, e.target_code, e.date, e.cameo, e.root, e.quad_class,
               e.goldstein, e.location_country, e.num_mentions, e.event_id
        FROM events e ORDER BY s, t"""),
    ("day", """CREATE TABLE {db}.day AS
        SELECT e.date, e.quad_class, e.location_country, count(*) AS n, sum(e.goldstein) AS g,
               sum(-e.goldstein) FILTER (WHERE e.goldstein < 0) AS ng
        FROM events e GROUP BY ALL ORDER BY e.date"""),
    ("by_date", """CREATE TABLE {db}.by_date AS
        SELECT e.date, e.num_mentions, e.event_id, e.quad_class, e.location_country
        FROM events e ORDER BY e.date DESC, e.num_mentions DESC, e.event_id"""),
    ("dyad_day", """CREATE TABLE {db}.dyad_day AS
        SELECT e.date, e.s, e.t, e.quad_class, count(*) AS n, sum(e.goldstein) AS g,
               count(*) FILTER (WHERE e.goldstein < 0) AS n_neg, sum(-e.goldstein) FILTER (WHERE e.goldstein < 0) AS ng
        FROM {db}.dyad_events e WHERE e.s IS NOT NULL AND e.t IS NOT NULL GROUP BY ALL ORDER BY e.date"""),
    ("dyad_month", """CREATE TABLE {db}.dyad_month AS
        SELECT date_trunc('month', date)::DATE AS month_start, s, t, quad_class, sum(n)::BIGINT AS n,
               sum(g) AS g, max(date) AS last_date
        FROM {db}.dyad_day GROUP BY ALL ORDER BY month_start"""),
    ("dyad_all", """CREATE TABLE {db}.dyad_all AS
        SELECT s, t, quad_class, sum(n)::BIGINT AS n, sum(g) AS g, max(last_date) AS last_date
        FROM {db}.dyad_month GROUP BY ALL"""),
)

log = logging.getLogger(__name__)


class Rollups:
    """The rollups of one read-only store connection: `attach()` (before the connection's file access is
    turned off), then `start()`; `state` is off, attached, building, ready or failed."""

    def __init__(self) -> None:
        self.db = f"newsevents_rollups_{next(_SERIAL)}"
        self.state = "off"
        self.error: str | None = None
        self.actors: ActorIndex | None = None
        self.seconds: float | None = None
        self._tables: set[str] = set()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._cursor = None
        self._stopping = False
        self._folder: Path | None = None

    def attach(self, con) -> bool:
        """Attach the database the rollups go to (a file in a new temporary folder, else memory); False
        (rollups off) where this DuckDB cannot."""
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="newsevents-rollups-"))
            atexit.register(self._remove_folder)  # a server stopped without its shutdown
            targets = [(str(self._folder / "rollups.duckdb"), "READ_WRITE")]
        except OSError:
            targets = []
        targets += [(":memory:", "READ_WRITE, COMPRESS"), (":memory:", "READ_WRITE")]
        for target, options in targets:
            try:
                con.execute(f"ATTACH '{target}' AS {self.db} ({options})")  # noqa: S608 (our own path)
                self.state = "attached"
                return True
            except Exception:  # noqa: BLE001 (an older DuckDB without the option, no room: try the next)
                continue
        self._remove_folder()
        return False

    def start(self, con) -> None:
        """Build in a background thread, through a cursor of `con`."""
        if self.state != "attached":
            self._done.set()
            return
        self.state = "building"
        self._cursor = con.cursor()
        self._thread = threading.Thread(target=self._build, args=(self._cursor,), name="newsevents-rollups",
                                        daemon=True)
        self._thread.start()

    def stop(self, con, timeout: float = 10.0) -> None:
        """Interrupt a build still running (the app is closing), wait for its thread, detach the database
        (through `con`: another connection to the same store in this process keeps the DuckDB instance) and
        remove its folder."""
        self._stopping = True
        if self._thread is not None and self._thread.is_alive():
            try:
                self._cursor.interrupt()
            except Exception:  # noqa: BLE001 (it finished meanwhile)
                pass
            self._thread.join(timeout)
        if self.state != "off":
            self._tables.clear()
            try:
                con.execute(f"DETACH {self.db}")
            except Exception:  # noqa: BLE001 (closing anyway)
                pass
        self._remove_folder()

    def _remove_folder(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _build(self, cursor) -> None:
        started = time.perf_counter()
        try:
            for name, sql in _BUILD:
                if self._stopping:
                    raise RuntimeError("stopped")
                cursor.execute(sql.format(db=self.db))
                self._tables.add(name)
                if name == "actor_rows":
                    self.actors = ActorIndex.from_triples({side: cursor.execute(
                        f"SELECT DISTINCT code, country, grp FROM {self.db}.actor_rows WHERE side = ?",  # noqa: S608
                        [side]).fetchall() for side in SIDES})
            self.seconds = time.perf_counter() - started
            self.state = "ready"
        except Exception as exc:  # noqa: BLE001 (the API keeps answering from the events)
            self.state, self.error = "failed", str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if not self._stopping:
                log.warning("newsevents: the rollups could not be built (%s); queries read the events",
                            self.error)
        finally:
            self._done.set()
            try:
                cursor.close()
            except Exception:  # noqa: BLE001 (the connection closed under it at shutdown)
                pass

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the build to end; True when the rollups are ready."""
        self._done.wait(timeout)
        return self.state == "ready"

    def has(self, table: str) -> bool:
        return table in self._tables

    def with_index(self, query: EventQuery, lists: bool = False) -> EventQuery:
        """`query` with the actor index, where it is built (`lists`: allowing `code IN (...)`, for a table in
        code order)."""
        if self.actors is None:
            return query
        return dataclasses.replace(query, actors=self.actors.with_lists() if lists else self.actors)

    def status(self) -> dict:
        return {"state": self.state, "seconds": None if self.seconds is None else round(self.seconds, 1),
                **({"error": self.error} if self.error else {})}


def only(query: EventQuery, allowed: frozenset[str]) -> bool:
    """Does the events query use no filter but those in `allowed`?"""
    if query.level != "events" or query.include_all:
        return False
    return all(name in allowed or getattr(query, name) in (None, ()) for name in _FILTERS)


# ---------------------------------------------------------------------------------------------- answers

def _day_where(query: EventQuery) -> tuple[str, list]:
    return dataclasses.replace(query, actors=None, limit=None).where("r")


def timeline(rollups: Rollups | None, store, query: EventQuery, freq: str) -> list[dict] | None:
    if rollups is None or not rollups.has("day") or not only(query, DAY_FILTERS):
        return None
    cond, params = _day_where(query)
    sql = f"""
        SELECT date_trunc(?, r.date)::DATE AS period, sum(r.n)::BIGINT AS events,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class = 1), 0)::BIGINT AS verbal_cooperation,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class = 2), 0)::BIGINT AS material_cooperation,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class = 3), 0)::BIGINT AS verbal_conflict,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class = 4), 0)::BIGINT AS material_conflict,
               coalesce(sum(r.g), 0) AS goldstein_sum
        FROM {rollups.db}.day r WHERE {cond} GROUP BY 1 ORDER BY 1"""
    return store.fetch_dicts(sql, [freq, *params])


_MAP_VALUE = {
    "conflict": "coalesce(sum(r.n) FILTER (WHERE r.quad_class IN (3, 4)), 0)::BIGINT",
    "material": "coalesce(sum(r.n) FILTER (WHERE r.quad_class = 4), 0)::BIGINT",
    "goldstein": "coalesce(sum(r.ng), 0)",
}


def country_conflict(rollups: Rollups | None, store, query: EventQuery, measure: str) -> list[dict] | None:
    if rollups is None or not rollups.has("day") or not only(query, DAY_FILTERS):
        return None
    cond, params = _day_where(query)
    sql = f"""
        SELECT r.location_country AS country, sum(r.n)::BIGINT AS events,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class IN (3, 4)), 0)::BIGINT AS conflict,
               coalesce(sum(r.n) FILTER (WHERE r.quad_class = 4), 0)::BIGINT AS material_conflict,
               {_MAP_VALUE[measure]} AS value
        FROM {rollups.db}.day r WHERE {cond} AND r.location_country IS NOT NULL
        GROUP BY 1 ORDER BY value DESC, country"""
    return store.fetch_dicts(sql, params)


def count_events(rollups: Rollups | None, store, query: EventQuery) -> int | None:
    """How many events the query matches (all of them: the caller caps)."""
    table = dyad_table(rollups, query)
    if table is not None:
        cond, params = rollups.with_index(query, lists=True).where("e")
        return int(store.fetch(f"SELECT count(*) FROM {table} e WHERE {cond}", params)[0][0])
    if rollups is None or not rollups.has("day") or not only(query, DAY_FILTERS):
        return None
    cond, params = _day_where(query)
    return int(store.fetch(f"SELECT coalesce(sum(r.n), 0) FROM {rollups.db}.day r WHERE {cond}", params)[0][0])


def newest_first_from(rollups: Rollups | None, store, query: EventQuery, rows: int) -> dt.date | None:
    """A date on or before that of the `rows`-th newest event the query matches (the oldest matching date
    when it matches fewer): the first `rows` rows of the query, newest first, all lie on or after it, so a
    page can read only those dates. None where the rollups cannot say."""
    if rollups is None or not rollups.has("day") or not only(query, DAY_FILTERS):
        return None
    cond, params = _day_where(query)
    sql = f"""
        SELECT min(date) FROM (
            SELECT r.date, sum(sum(r.n)) OVER (ORDER BY r.date DESC ROWS BETWEEN UNBOUNDED PRECEDING
                                                AND 1 PRECEDING) AS newer
            FROM {rollups.db}.day r WHERE {cond} GROUP BY r.date)
        WHERE coalesce(newer, 0) < ?"""
    return store.fetch(sql, [*params, rows])[0][0]


def top_dyads(rollups: Rollups | None, store, query: EventQuery, limit: int) -> list[dict] | None:
    """The top dyads as `queries.top_dyads` ranks them: whole months from `dyad_month` (all time from
    `dyad_all`), the days of a partial month at either end of the period from `dyad_day`."""
    if rollups is None or not rollups.has("dyad_all") or not only(query, DYAD_FILTERS):
        return None
    parts, params = [], []
    quad, quad_params = dataclasses.replace(query, actors=None, limit=None, date_from=None,
                                            date_to=None).where("r")
    lo, hi = query.date_from, query.date_to
    if lo is None and hi is None:
        parts.append(f"SELECT s, t, quad_class, n, g, last_date FROM {rollups.db}.dyad_all r WHERE {quad}")
        params += quad_params
    else:
        day = dt.timedelta(days=1)
        # The whole months of the period: from the first day of the first to the last day of the last.
        first_full = lo if lo is None or lo.day == 1 else _next_month(lo)
        end_full = hi if hi is None or (hi + day).day == 1 else hi.replace(day=1) - day
        if first_full is not None and end_full is not None and first_full > end_full:
            edges = [(lo, hi)]
        else:
            conds, month_params = [quad], list(quad_params)
            if first_full is not None:
                conds.append("r.month_start >= ?")
                month_params.append(first_full)
            if end_full is not None:
                conds.append("r.month_start <= ?")
                month_params.append(end_full.replace(day=1))
            parts.append(f"SELECT s, t, quad_class, n, g, last_date FROM {rollups.db}.dyad_month r "
                         f"WHERE {' AND '.join(conds)}")
            params += month_params
            edges = []
            if lo is not None and lo < first_full:
                edges.append((lo, first_full - day))
            if hi is not None and end_full < hi:
                edges.append((end_full + day, hi))
        for a, b in edges:
            cond, edge_params = dataclasses.replace(query, actors=None, limit=None, date_from=a,
                                                    date_to=b).where("r")
            parts.append(f"SELECT s, t, quad_class, n, g, date AS last_date FROM {rollups.db}.dyad_day r "
                         f"WHERE {cond}")
            params += edge_params
    sql = f"""
        WITH parts AS ({' UNION ALL '.join(parts)})
        SELECT least(s, t) AS actor1, greatest(s, t) AS actor2, sum(n)::BIGINT AS events,
               coalesce(sum(n) FILTER (WHERE quad_class IN (1, 2)), 0)::BIGINT AS cooperation,
               coalesce(sum(n) FILTER (WHERE quad_class IN (3, 4)), 0)::BIGINT AS conflict,
               coalesce(sum(n) FILTER (WHERE quad_class = 4), 0)::BIGINT AS material_conflict,
               coalesce(sum(g), 0) AS goldstein_sum, max(last_date) AS last_date
        FROM parts GROUP BY 1, 2 ORDER BY events DESC, conflict DESC, actor1, actor2 LIMIT ?"""
    return store.fetch_dicts(sql, [*params, int(limit)])


def dyad_table(rollups: Rollups | None, query: EventQuery) -> str | None:
    """`dyad_events` where it can answer the events query: a dyad or an actor whose tokens the index resolves
    to tests of one column, and no filter but those the table holds. The query, with the index
    (`Rollups.with_index(q, lists=True)`), then reads only columns that table has, under the names they have
    in `events`. (An actor's target side is not in the table's order, but its columns are narrower.)"""
    if (rollups is None or not rollups.has("dyad_events") or rollups.actors is None
            or (query.dyad is None and query.actor is None) or not only(query, DYAD_EVENT_FILTERS)):
        return None
    d, index, pairs = query.dyad, rollups.actors.with_lists(), []
    if d is not None:
        pairs += [("source", d.a), ("target", d.b)] + ([] if d.directed else [("source", d.b), ("target", d.a)])
    if query.actor is not None:
        pairs += [(side, query.actor) for side in ("source", "target") if query.side in ("either", side)]
    if any(index.condition("e", side, token.upper(), []) is None for side, token in pairs):
        return None
    return f"{rollups.db}.dyad_events"


def event_page(rollups: Rollups | None, store, query: EventQuery, offset: int, rows: int) -> list[dict] | None:
    """Rows `offset` to `offset + rows` of an events query, as `EventQuery.sql()` gives them: a dyad's page
    found in `dyad_events`, a page filtered on dates, quad classes and location only in `by_date` from the
    date `newest_first_from` gives; then its rows read from `events` by id. None where neither can."""
    table = dyad_table(rollups, query)
    if table is not None and query.dyad is None and query.actor is not None and query.side == "either":
        # An actor on either side: the newest rows of each side (the source side in the table's order),
        # then the newest of both; an event with the actor on both sides comes once.
        indexed, selects, params = rollups.with_index(query, lists=True), [], []
        for side in ("source", "target"):
            cond, side_params = dataclasses.replace(indexed, side=side).where("e")
            selects.append(f"(SELECT e.event_id, e.date, e.num_mentions FROM {table} e WHERE {cond} "
                           f"ORDER BY {EVENT_ORDER} LIMIT ?)")
            params += [*side_params, int(offset + rows)]
        table, cond = f"({' UNION '.join(selects)})", "TRUE"
    elif table is not None:
        cond, params = rollups.with_index(query, lists=True).where("e")
    elif rollups is not None and rollups.has("by_date") and only(query, DAY_FILTERS):
        start = newest_first_from(rollups, store, query, offset + rows)
        if start is None:  # no events match
            return []
        table = f"{rollups.db}.by_date"
        cond, params = dataclasses.replace(query, actors=None, limit=None,
                                           date_from=max(start, query.date_from or start)).where("e")
    else:
        return None
    ids = [r[0] for r in store.fetch(f"SELECT e.event_id FROM {table} e WHERE {cond} ORDER BY {EVENT_ORDER} "
                                     "LIMIT ? OFFSET ?", [*params, int(rows), int(offset)])]
    if not ids:
        return []
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return store.fetch_dicts(f"SELECT {columns} FROM events e WHERE e.event_id IN ({', '.join('?' for _ in ids)}) "
                             f"ORDER BY {EVENT_ORDER}", ids)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def find_actors(rollups: Rollups | None, store, cond: str, params: list, limit: int) -> list[dict] | None:
    """`queries.find_actors` over `actor_rows`: `cond` is its condition on code, country, grp and name (alias
    `a`); the name is the most frequent among the rows matched, as `mode` gives it."""
    if rollups is None or not rollups.has("actor_rows"):
        return None
    sql = f"""
        WITH f AS (SELECT a.code, a.country, a.role, a.grp, a.name, a.n FROM {rollups.db}.actor_rows a
                   WHERE a.code IS NOT NULL AND {cond}),
             names AS (SELECT code, name, sum(n) AS k FROM f WHERE name IS NOT NULL GROUP BY 1, 2),
             best AS (SELECT code, arg_max(name, k) AS name FROM names GROUP BY 1)
        SELECT f.code, any_value(f.country) AS country, any_value(f.role) AS role, any_value(f.grp) AS "group",
               any_value(b.name) AS name, sum(f.n)::BIGINT AS events
        FROM f LEFT JOIN best b USING (code) GROUP BY f.code ORDER BY events DESC, f.code LIMIT ?"""
    return store.fetch_dicts(sql, [*params, int(limit)])
