"""The HTTP API and the dashboard over a read-only event store (docs/web.md).

`create_app(db_path)` opens the store read-only and returns a FastAPI app with:

- JSON endpoints under `/api/`: events (the filters of `newsevents query`, paged), one event or mention with
  its evidence, top dyads, a dyad's series, the timeline, the map, alerts, actor and CAMEO code look-ups,
  and `POST /api/code`, which codes a posted text with the real Coder (loaded on first use);
- the dashboard at `/`: plain HTML, JS and CSS from `static/`, plotly.js served from the installed `plotly`
  package at a versioned URL, the world map from `static/world-110m.geojson`: nothing is fetched from the
  internet, and the page's Content-Security-Policy forbids it;
- OpenAPI docs at `/docs` and `/redoc` (Swagger UI and ReDoc files from the `fastapi-offline` package).

Safety in layers: a read-only DuckDB connection with file access from SQL turned off; every filter a bound
parameter (`EventQuery`); every query under a time limit; page size, paging depth, date ranges, periods and
posted text bounded; malformed parameters answered with a 4xx and a one-line reason.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field

from newsevents import __version__
from newsevents.analysis.alerts import MEASURES, AlertParams, find_alerts
from newsevents.analysis.series import dyad_series
from newsevents.model import MODALITIES
from newsevents.settings import SETTINGS, published_range
from newsevents.store.db import EventStore, StoreError
from newsevents.store.query import MAX_QUERY_ROWS, Dyad, EventQuery, QueryError
from newsevents.web import downloads, queries
from newsevents.web import rollups as rollup_answers
from newsevents.web.cache import ResponseCache
from newsevents.web.dashboard import STATIC_DIR, dashboard_routes, plotly_file  # noqa: F401 (STATIC_DIR: tests)
from newsevents.web.labels import QUAD_LABELS, Labels
from newsevents.web.middleware import BodyLimit, HostCheck, SecurityHeaders
from newsevents.web.rollups import Rollups
from newsevents.web.errors import (ERROR_RESPONSES, coder_unavailable, invalid_parameters,
                                   status_handler, store_unavailable)
from newsevents.web.textcoding import (MAX_TEXT_CHARS, CoderBusy, CoderTimeout, CoderUnavailable, LazyCoder,
                                       TextTooLong, default_coder_factory)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_LOOKUP_ROWS = 100
MAX_PERIODS = 5_000
MAX_CODE_EVENTS = 500          # events in one /api/code response (the counts cover them all)
DEFAULT_MENTIONS_PAGE = 50     # mentions per page of /api/events/{id}
MAX_MENTIONS_PAGE = 200
MAX_BODY_BYTES = 256 * 1024  # a posted text of MAX_TEXT_CHARS characters, JSON-escaped, fits
QUERY_TIMEOUT_S = 10.0
MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)

_ID = r"^[A-Za-z0-9_.:-]{1,64}$"
_ALERT_DEFAULTS = AlertParams()


class TimedStore(EventStore):
    """A per-request view of the read-only store: its own cursor, and a time limit on every query."""

    def __init__(self, con, path: str, timeout_s: float) -> None:
        super().__init__(con, path, read_only=True)
        self.timeout_s = timeout_s

    def fetch(self, sql, params=(), *, timeout_s=None):
        return super().fetch(sql, params, timeout_s=timeout_s or self.timeout_s)

    def fetch_dicts(self, sql, params=(), *, timeout_s=None):
        return super().fetch_dicts(sql, params, timeout_s=timeout_s or self.timeout_s)


# ---------------------------------------------------------------------------------------------- the app

def create_app(db_path: str | Path, *, coder_factory: Callable[[], object] = default_coder_factory,
               allowed_hosts: list[str] | None = None, timeout_s: float = QUERY_TIMEOUT_S,
               memory_limit: str | None = None, threads: int | None = None, cache_mb: int | None = None,
               rollups: bool = True) -> FastAPI:
    """The app over the store at `db_path` (opened read-only now: a StoreError says why it cannot be);
    `memory_limit` and `threads` bound DuckDB, `cache_mb` the cache of answers (default: the settings of
    those names; 0: no cache); `rollups` builds the in-memory summaries (rollups.py) in the background."""
    store = EventStore.open(db_path, read_only=True, memory_limit=memory_limit, threads=threads)
    summaries = Rollups()
    if rollups:
        summaries.attach(store.con)  # a temporary database: before file access is turned off
    store.con.execute("SET enable_external_access = false")  # no file or network access from SQL
    summaries.start(store.con)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        app.state.coder.close()
        summaries.stop(store.con)
        store.close()

    app = FastAPIOffline(
        title="newsevents", version=__version__, lifespan=lifespan,
        description="Coded CAMEO political events from the news: query the store, follow dyads and "
                    "alerts, read the evidence, and code a text on the fly. The dashboard is at `/`.",
        dependencies=[Depends(_reject_unknown_parameters)])
    app.state.store = store
    app.state.rollups = summaries
    app.state.summary = {}  # the store's summary, once computed (it cannot change while served)
    app.state.cursor_lock = threading.Lock()
    app.state.timeout_s = timeout_s
    app.state.labels = Labels.load()
    app.state.coder = LazyCoder(coder_factory, timeout_s=timeout_s)
    app.state.plotly = plotly_file()

    cache_mb = SETTINGS["api_cache_mb"].value if cache_mb is None else cache_mb
    if cache_mb > 0:
        app.add_middleware(ResponseCache, max_bytes=cache_mb * 1024 * 1024)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.add_exception_handler(QueryError, _bad_request)
    app.add_exception_handler(StoreError, store_unavailable)
    app.add_exception_handler(RequestValidationError, invalid_parameters)
    app.add_exception_handler(CoderUnavailable, coder_unavailable)
    app.add_exception_handler(CoderBusy, status_handler(429))
    app.add_exception_handler(CoderTimeout, status_handler(503))
    app.add_exception_handler(TextTooLong, status_handler(413))

    dashboard_routes(app)
    app.include_router(_api_router())
    return app


def _store(request: Request) -> Iterator[TimedStore]:
    state = request.app.state
    with state.cursor_lock:
        cursor = state.store.con.cursor()
    try:
        yield TimedStore(cursor, state.store.path, state.timeout_s)
    finally:
        cursor.close()


def _labels(request: Request) -> Labels:
    return request.app.state.labels


def _rollups(request: Request) -> Rollups:
    return request.app.state.rollups


StoreDep = Annotated[TimedStore, Depends(_store)]
LabelsDep = Annotated[Labels, Depends(_labels)]
RollupsDep = Annotated[Rollups, Depends(_rollups)]


# ---------------------------------------------------------------------------------------------- errors

async def _bad_request(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _reject_unknown_parameters(request: Request) -> None:
    """A misspelt parameter (`quad_class=4` for `quad=4`) is an error, not a silently ignored filter."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.url.path.startswith("/api/"):
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise HTTPException(400, f"unknown parameter {unknown[0]!r}; this endpoint takes: "
                                 f"{', '.join(sorted(known)) or 'no parameters'}")


def _query_names(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


# ---------------------------------------------------------------------------------------------- parameters

def _code_param(description: str):
    return Query(max_length=32, description=description)


def event_filters(
    request: Request,
    actor: Annotated[str | None, _code_param("actor code, country or group on either side (USAGOV, USA, "
                                             "HAMAS)")] = None,
    actor_country: Annotated[str | None, _code_param("actor country, ISO 3166 alpha-3")] = None,
    actor_role: Annotated[str | None, _code_param("actor CAMEO role (GOV, MIL, REB, ...)")] = None,
    actor_group: Annotated[str | None, _code_param("actor group (EU, NATO, HAMAS, ...)")] = None,
    side: Annotated[Literal["either", "source", "target"],
                    Query(description="which actor the actor filters look at")] = "either",
    dyad: Annotated[str | None, Query(max_length=70, description="both actors, e.g. USA:IRN")] = None,
    directed: Annotated[bool, Query(description="dyad A:B means source A, target B")] = False,
    cameo: Annotated[list[str], Query(max_length=20, description="CAMEO code or prefix (19, 190, 1383); "
                                                                 "repeatable")] = [],  # noqa: B006
    root: Annotated[list[str], Query(max_length=20, description="CAMEO root; repeatable")] = [],  # noqa: B006
    quad: Annotated[list[int], Query(max_length=4, description="quad class 1-4; repeatable")] = [],  # noqa: B006
    date_from: Annotated[dt.date | None, Query(alias="from", description="first event date")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="last event date")] = None,
    location_country: Annotated[str | None, _code_param("country of the event location (ISO3)")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the evidence (case-insensitive)")
                    ] = None,
) -> dict:
    """The filters of `newsevents query`, checked; `EventQuery(**filters)` builds the query (with the store's
    actor index once the rollups have built it: the same rows, found with fewer tests)."""
    for name, value in (("from", date_from), ("to", date_to)):
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise QueryError(f"{name}: {value} is outside {MIN_DATE} .. {MAX_DATE}")
    return {"actor": actor, "actor_country": actor_country, "actor_role": actor_role, "actor_group": actor_group,
            "side": side, "dyad": Dyad.parse(dyad, directed) if dyad else None, "cameo": tuple(cameo),
            "root": tuple(root), "quad_class": tuple(quad), "date_from": date_from, "date_to": date_to,
            "location_country": location_country, "text": text or None,
            "actors": request.app.state.rollups.actors}


Filters = Annotated[dict, Depends(event_filters)]
Freq = Annotated[Literal["day", "week", "month"], Query(description="period length (weeks start on Monday)")]


class CodeRequest(BaseModel):
    """A text to code, as `newsevents code` would code an article."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="the text (plain English)")
    published: dt.date | None = Field(None, description="publication date that relative dates resolve "
                                                        "against (default: today)")
    doc_id: str = Field("pasted", pattern=_ID, description="document id used in the event ids")


# ---------------------------------------------------------------------------------------------- the API

def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

    @api.get("/summary", summary="Row counts and date ranges of the store")
    def get_summary(store: StoreDep, request: Request) -> dict:
        state = request.app.state
        plausible = published_range()  # moves with today's date
        if plausible not in state.summary:  # the store cannot change while served: computed once
            state.summary = {plausible: queries.summary(store, plausible)}
        out = dict(state.summary[plausible])
        out["version"] = __version__
        out["store"] = Path(store.path).name
        out["coder_loaded"] = state.coder.loaded
        out["rollups"] = state.rollups.status()
        return out

    @api.get("/events", summary="Events (or mentions) matching the filters, newest first, paged")
    def list_events(
        store: StoreDep, labels: LabelsDep, rollups: RollupsDep, filters: Filters,
        level: Annotated[Literal["events", "mentions"], Query(
            description="events: deduplicated; mentions: one row per coded sentence")] = "events",
        include_all: Annotated[bool, Query(alias="all", description="mentions of every modality (negated, "
                                                                    "hypothetical, future too)")] = False,
        page: Annotated[int, Query(ge=1, le=MAX_QUERY_ROWS)] = 1,
        page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
        count: Annotated[bool, Query(description=f"count the matching rows (up to {MAX_QUERY_ROWS:,}): a "
                                                 "second pass over the store; without it `total` is given "
                                                 "only when this page shows where the rows end")] = False,
    ) -> dict:
        if include_all:
            level = "mentions"
        offset = (page - 1) * page_size
        if offset + page_size > MAX_QUERY_ROWS:
            raise QueryError(f"only the first {MAX_QUERY_ROWS:,} rows can be paged through; narrow the filters")
        # One row past the page says whether there is more, in the same pass.
        query = EventQuery(level=level, include_all=include_all, limit=offset + page_size + 1, **filters)
        rows = queries.page_rows(store, query, offset, page_size + 1, rollups)
        has_more = len(rows) > page_size
        rows = rows[:page_size]
        if count:
            total: int | None = queries.count_rows(store, query, MAX_QUERY_ROWS, rollups)
        elif not has_more and (rows or offset == 0):
            total = offset + len(rows)  # this page holds the last rows
        else:
            total = None
        return {"level": level, "page": page, "page_size": page_size,
                "total": None if total is None else min(total, MAX_QUERY_ROWS),
                "total_is_capped": total is not None and total > MAX_QUERY_ROWS, "has_more": has_more,
                "rows": [_row_out(r, labels) for r in rows]}

    @api.get("/events.csv", summary="The events (or mentions) matching the filters as CSV, newest first, at "
                                     f"most {MAX_QUERY_ROWS:,} rows", response_class=StreamingResponse)
    def download_events(
        store: StoreDep, labels: LabelsDep, filters: Filters,
        level: Annotated[Literal["events", "mentions"], Query()] = "events",
        include_all: Annotated[bool, Query(alias="all")] = False,
    ) -> StreamingResponse:
        level = "mentions" if include_all else level
        query = EventQuery(level=level, include_all=include_all, limit=MAX_QUERY_ROWS, **filters)
        rows = [_row_out(r, labels) for r in store.fetch_dicts(*query.sql())]
        capped = len(rows) == MAX_QUERY_ROWS and queries.count_rows(store, query, MAX_QUERY_ROWS) > MAX_QUERY_ROWS
        return StreamingResponse(downloads.csv_chunks(rows, downloads.csv_columns(rows)), media_type="text/csv",
                                 headers={"Content-Disposition": f'attachment; filename="{downloads.csv_filename(level)}"',
                                          "X-Rows": str(len(rows)), "X-Rows-Capped": str(capped).lower()})

    @api.get("/events/{event_id}", summary="One event with its mentions (paged), their evidence and articles")
    def get_event(store: StoreDep, labels: LabelsDep,
                  event_id: Annotated[str, PathParam(pattern=r"^-?\d{1,19}$",
                                                     description="the event id (a 64-bit integer)")],
                  page: Annotated[int, Query(ge=1, le=MAX_QUERY_ROWS, description="page of mentions")] = 1,
                  page_size: Annotated[int, Query(ge=1, le=MAX_MENTIONS_PAGE, description="mentions per page")
                                       ] = DEFAULT_MENTIONS_PAGE) -> dict:
        number = int(event_id)
        if not -2**63 <= number < 2**63:
            raise QueryError("event id out of range (a 64-bit integer)")
        found = queries.event_detail(store, number, limit=page_size, offset=(page - 1) * page_size)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return {"event": _row_out(found["event"], labels), "page": page, "page_size": page_size,
                "mentions_total": found["total"],
                "mentions": [_mention_out(m, labels) for m in found["mentions"]]}

    @api.get("/mentions/{mention_id}", summary="One coded sentence (any modality) with its article")
    def get_mention(store: StoreDep, labels: LabelsDep,
                    mention_id: Annotated[str, PathParam(pattern=_ID, description="a mention id (the "
                                                                                  "contract event_id)")]) -> dict:
        found = queries.mention_detail(store, mention_id)
        if found is None:
            raise HTTPException(404, f"no mention {mention_id}")
        return {"mention": _mention_out(found, labels)}

    @api.get("/timeline", summary="Events per day, week or month by quad class")
    def get_timeline(store: StoreDep, rollups: RollupsDep, filters: Filters, freq: Freq = "day") -> dict:
        rows = queries.timeline(store, EventQuery(**filters, limit=None), freq, rollups)
        return {"freq": freq, "periods": rows}

    @api.get("/dyads/top", summary="The dyads with the most events")
    def get_top_dyads(store: StoreDep, labels: LabelsDep, rollups: RollupsDep, filters: Filters,
                      limit: Annotated[int, Query(ge=1, le=MAX_LOOKUP_ROWS)] = 10) -> dict:
        rows = queries.top_dyads(store, EventQuery(**filters, limit=None), limit, rollups)
        for r in rows:
            r["dyad"] = f"{r['actor1']}:{r['actor2']}"
            r["label"] = f"{labels.key_label(r['actor1'])} – {labels.key_label(r['actor2'])}"
        return {"dyads": rows}

    @api.get("/dyads/series", summary="A dyad's events per period: quad classes, Goldstein, conflict share")
    def get_dyad_series(
        store: StoreDep, labels: LabelsDep, rollups: RollupsDep, filters: Filters, freq: Freq = "week",
    ) -> dict:
        dyad = filters.pop("dyad")
        if dyad is None:
            raise QueryError("dyad is required, e.g. dyad=USA:IRN")
        first, last = filters.pop("date_from"), filters.pop("date_to")
        if first and last:  # refused before any work; without both, the dyad's own dates say (one pass)
            n = queries.period_count(first, last, freq)
            if n > MAX_PERIODS:
                raise QueryError(f"{n:,} {freq}s from {first} to {last} is too many periods (at most "
                                 f"{MAX_PERIODS:,}): give from/to or choose a longer period")
        query = EventQuery(**filters, limit=None)
        table = rollup_answers.dyad_table(rollups, replace(query, dyad=dyad, date_from=first, date_to=last))
        query = rollups.with_index(query, lists=True) if table else query
        points = dyad_series(store, dyad, freq, date_from=first, date_to=last, query=query,
                             max_periods=MAX_PERIODS, table=table or "events")
        return {"dyad": str(dyad), "directed": dyad.directed, "freq": freq,
                "label": f"{labels.key_label(dyad.a)} {'→' if dyad.directed else '–'} {labels.key_label(dyad.b)}",
                "points": [p.to_dict() for p in points]}

    @api.get("/map", summary="Per country: events that happened there and their conflict intensity")
    def get_map(store: StoreDep, labels: LabelsDep, rollups: RollupsDep, filters: Filters,
                measure: Annotated[Literal[queries.MAP_MEASURES], Query(
                    description="conflict: verbal + material conflict events; material: material conflict "
                                "events; goldstein: sum of -Goldstein over conflictual events")] = "conflict",
                ) -> dict:
        rows = queries.country_conflict(store, EventQuery(**filters, limit=None), measure, rollups)
        for r in rows:
            r["name"] = labels.countries.get(r["country"], r["country"])
        return {"measure": measure, "countries": rows}

    @api.get("/alerts", summary="Dyads whose conflict rises sharply against their own baseline")
    def get_alerts(
        store: StoreDep, request: Request,
        since: Annotated[dt.date | None, Query(description="first day of the window")] = None,
        as_of: Annotated[dt.date | None, Query(description="last day of the window (default: latest event)")
                         ] = None,
        window_days: Annotated[int, Query(ge=1, le=366)] = _ALERT_DEFAULTS.window_days,
        baseline_days: Annotated[int, Query(ge=1, le=3660)] = _ALERT_DEFAULTS.baseline_days,
        min_count: Annotated[int, Query(ge=1, le=1_000_000)] = _ALERT_DEFAULTS.min_count,
        min_ratio: Annotated[float, Query(ge=0, le=1e6)] = _ALERT_DEFAULTS.min_ratio,
        max_p: Annotated[float, Query(gt=0, le=1)] = _ALERT_DEFAULTS.max_p,
        measure: Annotated[Literal[MEASURES], Query()] = _ALERT_DEFAULTS.measure,
        directed: bool = False,
        events: Annotated[int, Query(ge=0, le=20, description="events listed per alert")] = 5,
    ) -> dict:
        for name, value in (("since", since), ("as_of", as_of)):
            if value is not None and not MIN_DATE <= value <= MAX_DATE:
                raise QueryError(f"{name}: {value} is outside {MIN_DATE} .. {MAX_DATE}")
        if since and as_of and (as_of - since).days > 366:
            raise QueryError("the window is at most 366 days")
        params = AlertParams(window_days=window_days, baseline_days=baseline_days, min_count=min_count,
                             min_ratio=min_ratio, max_p=max_p, measure=measure, directed=directed,
                             events_per_alert=events)
        rollups = request.app.state.rollups
        alerts = find_alerts(store, since=since, as_of=as_of, params=params,
                             dyad_day=f"{rollups.db}.dyad_day" if rollups.has("dyad_day") else None,
                             dyad_events=f"{rollups.db}.dyad_events" if rollups.has("dyad_events") else None)
        out = []
        for alert in alerts:
            d = alert.to_dict()
            for e in d["events"]:
                e["event_id"] = str(e["event_id"])
            out.append(d)
        return {"alerts": out, "params": {"window_days": window_days, "baseline_days": baseline_days,
                                          "min_count": min_count, "min_ratio": min_ratio, "max_p": max_p,
                                          "measure": measure, "directed": directed}}

    @api.get("/actors", summary="Actors seen in the events, by code, country, group or name")
    def get_actors(store: StoreDep, labels: LabelsDep, rollups: RollupsDep,
                   q: Annotated[str | None, Query(max_length=100, description="part of a code or name")] = None,
                   limit: Annotated[int, Query(ge=1, le=MAX_LOOKUP_ROWS)] = 20) -> dict:
        rows = queries.find_actors(store, q or None, limit, rollups)
        for r in rows:
            r["label"] = labels.actor_label(r["code"], r["country"], r["role"], r["group"])
        return {"actors": rows}

    @api.get("/codes", summary="CAMEO event codes with labels, Goldstein value and quad class")
    def get_codes(labels: LabelsDep,
                  q: Annotated[str | None, Query(max_length=100, description="code prefix or words of the "
                                                                             "label")] = None,
                  limit: Annotated[int, Query(ge=1, le=400)] = 400) -> dict:
        needle = (q or "").strip().lower()
        out = [_code_out(c) for c in labels.cameo.codes.values()
               if not needle or c.code.startswith(needle) or needle in c.label.lower()]
        return {"codes": out[:limit]}

    @api.get("/codes/{code}", summary="One CAMEO event code")
    def get_code(labels: LabelsDep, code: Annotated[str, PathParam(pattern=r"^\d{2,4}$")]) -> dict:
        if code not in labels.cameo:
            raise HTTPException(404, f"no CAMEO code {code}")
        return _code_out(labels.cameo.codes[code])

    @api.post("/code", summary="Code a text now: every event found, asserted or not, labelled by modality")
    def post_code(body: CodeRequest, labels: LabelsDep, request: Request) -> dict:
        published = body.published or dt.date.today()
        if not MIN_DATE <= published <= MAX_DATE:
            raise QueryError(f"published: {published} is outside {MIN_DATE} .. {MAX_DATE}")
        rows = request.app.state.coder.code(body.text, published, body.doc_id)
        counts = {m: sum(1 for r in rows if r["modality"] == m) for m in MODALITIES}
        shown = rows[:MAX_CODE_EVENTS]
        for r in shown:
            r["label"] = labels.code_label(r["cameo"])
            r["quad_label"] = QUAD_LABELS.get(r["quad_class"])
        return {"published": published, "chars": len(body.text), "counts": counts, "events_total": len(rows),
                "events_capped": len(rows) > MAX_CODE_EVENTS, "events": shown}

    return api


def _row_out(row: dict, labels: Labels) -> dict:
    out = dict(row)
    if out.get("event_id") is not None:
        out["event_id"] = str(out["event_id"])  # 60-bit ids: a JS number would round them
    out["label"] = labels.code_label(out.get("cameo"))
    out["quad_label"] = QUAD_LABELS.get(out.get("quad_class"))
    for side in ("source", "target"):
        code = out.get(f"{side}_code")
        out[f"{side}_label"] = labels.actor_label(code, out.get(f"{side}_country"), out.get(f"{side}_role"),
                                                  out.get(f"{side}_group"))
    return out


def _mention_out(row: dict, labels: Labels) -> dict:
    out = _row_out(row, labels)
    out["span"] = ([row["span_start"], row["span_end"]] if row.get("span_start") is not None
                   and row.get("span_end") is not None else None)
    out["article"] = {"id": row.get("article_id"), "url": row.get("url"), "title": row.get("title"),
                      "outlet": row.get("outlet"), "published": row.get("published")}
    for key in ("url", "title", "outlet", "published", "span_start", "span_end"):
        out.pop(key, None)
    return out


def _code_out(entry) -> dict:
    return {"code": entry.code, "root": entry.root, "label": entry.label, "goldstein": entry.goldstein,
            "quad_class": entry.quad_class, "quad_label": QUAD_LABELS.get(entry.quad_class),
            "plover": entry.plover}
