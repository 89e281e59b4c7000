"""The API's rollups (newsevents/web/rollups.py) and actor index (store/actor_index.py) give the answers of a
plain SQL over the events table, on a real store of a few thousand varied events."""
from __future__ import annotations

import datetime as dt
import math
import warnings

import pytest

from newsevents.analysis.alerts import AlertParams, find_alerts
from newsevents.analysis.series import dyad_series
from newsevents.store import EventStore
from newsevents.store.actor_index import ActorIndex
from newsevents.store.query import Dyad, EventQuery
from newsevents.web import queries
from newsevents.web import rollups as answers
from newsevents.web.api import TimedStore

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

from newsevents.web.api import create_app  # noqa: E402

N_EVENTS = 4000
# (code, country, role, group, name): groups without a country, a group with one, one code under two groups,
# a token that is one actor's code and another's group (UN: no one column, and IGOWFP is also without the
# group, so no list of codes either), two names for one actor, and no target at all.
ACTORS = [
    ("USA", "USA", None, None, "United States"), ("USAGOV", "USA", "GOV", None, "Washington"),
    ("USAMIL", "USA", "MIL", None, "US forces"), ("IRN", "IRN", None, None, "Iran"),
    ("IRNGOV", "IRN", "GOV", None, "Tehran"), ("RUSMIL", "RUS", "MIL", None, "Russian forces"),
    ("UKR", "UKR", None, None, "Ukraine"), ("NATO", None, None, "NATO", "NATO"),
    ("HAMAS", "PSE", None, "HAMAS", "Hamas"), ("NGO", None, None, "AMNESTY", "Amnesty"),
    ("NGO", None, None, "HRW", "Human Rights Watch"), ("ISRMIL", "ISR", "MIL", None, "Israeli jets"),
    ("ISRMIL", "ISR", "MIL", None, "the IDF"), ("UN", None, None, None, "the UN"),
    ("IGOWFP", "ITA", None, "UN", "World Food Programme"), ("IGOWFP", "ITA", None, None, "WFP"),
    (None, None, None, None, None),
]
CODES = [("010", 0.0, 1), ("042", 1.9, 1), ("057", 8.0, 1), ("061", 6.4, 2), ("071", None, 2), ("112", -2.0, 3),
         ("138", -7.0, 3), ("173", -5.0, 4), ("190", -10.0, 4), ("1951", -10.0, 4)]
PLACES = ["UKR", "IRN", "PSE", None, None]
START = dt.date(2022, 11, 1)
DAYS = 800


def _values(rows) -> str:
    def lit(v):
        return "NULL" if v is None else (repr(v) if isinstance(v, str) else str(v))
    return ", ".join("(" + ", ".join(lit(v) for v in (k, *row)) + ")" for k, row in enumerate(rows))


def fill(store: EventStore, n: int) -> None:
    na, nk, npl = len(ACTORS), len(CODES), len(PLACES)
    store.con.execute(f"""
        INSERT INTO events (event_id, date, first_date, last_date, source_code, source_country, source_role,
            source_group, source_name, target_code, target_country, target_role, target_group, target_name,
            cameo, base_code, root, goldstein, quad_class, location_name, location_country, num_mentions,
            num_sources, num_articles, first_seen, last_seen, is_root, source_url, evidence, rep_mention_id)
        WITH a(k, code, country, role, grp, name) AS (VALUES {_values(ACTORS)}),
             c(k, cameo, gold, quad) AS (VALUES {_values(CODES)}),
             p(k, place) AS (VALUES {_values([(x,) for x in PLACES])}),
             r AS (SELECT i, hash(i) AS h, (hash(i * 7 + 1) % {na - 1})::INTEGER AS sa,
                          (hash(i * 7 + 2) % {na})::INTEGER AS ta, (hash(i * 7 + 3) % {nk})::INTEGER AS ck,
                          (hash(i * 7 + 4) % {npl})::INTEGER AS pk,
                          DATE '{START}' + (hash(i * 7 + 5) % {DAYS})::INTEGER AS d
                   FROM range(?) t(i))
        SELECT 1000 + r.i, r.d, r.d, r.d, s.code, s.country, s.role, s.grp, s.name, t.code, t.country, t.role,
               t.grp, t.name, c.cameo, c.cameo[1:3], c.cameo[1:2], c.gold, c.quad, p.place, p.place,
               1 + (r.h % 4)::INTEGER, 1, 1, r.d, r.d, TRUE, 'https://example.org/' || r.i, 'event ' || r.i,
               'm' || r.i
        FROM r JOIN a s ON s.k = r.sa JOIN a t ON t.k = r.ta JOIN c ON c.k = r.ck JOIN p ON p.k = r.pk""", [n])


@pytest.fixture(scope="module")
def rollup_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("rollups") / "varied.duckdb"
    with EventStore.open(path) as store:
        fill(store, N_EVENTS)
    return path


@pytest.fixture(scope="module")
def served(rollup_db):
    """The app (rollups built, no cache) and a per-request-like view of its store."""
    app = create_app(rollup_db, cache_mb=0)
    with TestClient(app) as client:
        assert app.state.rollups.wait(120), app.state.rollups.status()
        cursor = app.state.store.con.cursor()
        yield client, app.state.rollups, TimedStore(cursor, str(rollup_db), 30.0)
        cursor.close()


def same(a, b) -> bool:
    """Equal rows, floats to 1e-9 (the rollups add Goldstein values in another order)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if hasattr(a, "to_dict") and hasattr(b, "to_dict"):
        return same(a.to_dict(), b.to_dict())
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


D = dt.date
DAY_QUERIES = [
    EventQuery(limit=None),
    EventQuery(limit=None, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31)),
    EventQuery(limit=None, date_from=D(2023, 2, 14), date_to=D(2023, 3, 2)),
    EventQuery(limit=None, date_from=D(2024, 5, 1)),
    EventQuery(limit=None, date_to=D(2022, 12, 1)),
    EventQuery(limit=None, quad_class=(3, 4)),
    EventQuery(limit=None, location_country="ukr", date_from=D(2023, 6, 1)),
    EventQuery(limit=None, date_from=D(2030, 1, 1)),  # nothing
]


@pytest.mark.parametrize("query", DAY_QUERIES)
def test_timeline_map_and_counts_equal_the_events(served, query):
    _, rollups, store = served
    for freq in ("day", "week", "month"):
        fast = answers.timeline(rollups, store, query, freq)
        assert fast is not None and same(fast, queries.timeline(store, query, freq))
    for measure in queries.MAP_MEASURES:
        fast = answers.country_conflict(rollups, store, query, measure)
        assert fast is not None and same(fast, queries.country_conflict(store, query, measure))
    assert answers.count_events(rollups, store, query) == queries.count_rows(store, query, 10**9)


@pytest.mark.parametrize("query", [
    EventQuery(limit=None),
    EventQuery(limit=None, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31)),   # whole months
    EventQuery(limit=None, date_from=D(2023, 1, 15), date_to=D(2023, 11, 20)),  # partial months at both ends
    EventQuery(limit=None, date_from=D(2023, 3, 3), date_to=D(2023, 3, 19)),    # within one month
    EventQuery(limit=None, date_from=D(2023, 3, 31), date_to=D(2023, 4, 1)),    # two partial months
    EventQuery(limit=None, date_from=D(2023, 2, 1), date_to=D(2023, 2, 28)),    # one whole month
    EventQuery(limit=None, date_from=D(2024, 2, 10)),
    EventQuery(limit=None, date_to=D(2023, 7, 4)),
    EventQuery(limit=None, quad_class=(4,), date_from=D(2023, 5, 9), date_to=D(2024, 1, 30)),
])
def test_top_dyads_equal_the_events(served, query):
    _, rollups, store = served
    fast = answers.top_dyads(rollups, store, query, 100)
    assert fast is not None and fast and same(fast, queries.top_dyads(store, query, 100))


@pytest.mark.parametrize("query", [
    EventQuery(limit=None),
    EventQuery(limit=None, quad_class=(2,), date_to=D(2024, 1, 1)),
    EventQuery(limit=None, date_from=D(2023, 8, 1), date_to=D(2023, 8, 3)),
    EventQuery(limit=None, location_country="PSE", quad_class=(3, 4)),
])
@pytest.mark.parametrize("offset, rows", [(0, 51), (50, 51), (3000, 201), (9990, 11)])
def test_pages_from_the_newest_dates_equal_the_events(served, query, offset, rows):
    _, rollups, store = served
    assert answers.newest_first_from(rollups, store, query, offset + rows) is not None
    assert answers.event_page(rollups, store, query, offset, rows) is not None  # from by_date
    plain = store.fetch_dicts(*EventQuery(**_filters(query), limit=offset + rows).sql())[offset:]
    assert queries.page_rows(store, query, offset, rows, rollups) == plain


def test_a_page_of_no_events(served):
    _, rollups, store = served
    for query in (EventQuery(limit=None, date_from=D(2030, 1, 1)), EventQuery(limit=None, dyad=Dyad("XXX", "USA"))):
        assert answers.event_page(rollups, store, query, 0, 51) == [] == queries.page_rows(store, query, 0, 51)


DYADS = [Dyad("USA", "IRN"), Dyad("IRN", "USA", directed=True), Dyad("USA", "USA"), Dyad("NATO", "RUS"),
         Dyad("PSE", "ISR"), Dyad("HAMAS", "UKR", directed=True), Dyad("NGO", "USA"), Dyad("XXX", "USA"),
         Dyad("AMNESTY", "IGOWFP")]


@pytest.mark.parametrize("dyad", DYADS, ids=str)
@pytest.mark.parametrize("extra", [{}, {"date_from": D(2023, 3, 1), "date_to": D(2023, 9, 30)},
                                   {"cameo": ("19", "042"), "quad_class": (1, 4)},
                                   {"root": ("17",), "location_country": "UKR"}], ids=str)
def test_a_dyads_page_count_and_series_equal_the_events(served, dyad, extra):
    _, rollups, store = served
    query = EventQuery(dyad=dyad, limit=None, **extra)
    assert answers.dyad_table(rollups, query) is not None
    for offset, rows in ((0, 51), (20, 101)):
        plain = store.fetch_dicts(*EventQuery(dyad=dyad, limit=offset + rows, **extra).sql())[offset:]
        assert queries.page_rows(store, query, offset, rows, rollups) == plain
    assert queries.count_rows(store, query, 10**9, rollups) == queries.count_rows(store, query, 10**9)
    base = EventQuery(limit=None, **{k: v for k, v in extra.items() if not k.startswith("date")})
    for freq in ("week", "month"):
        fast = dyad_series(store, dyad, freq, query=rollups.with_index(base), date_from=extra.get("date_from"),
                           date_to=extra.get("date_to"), table=answers.dyad_table(rollups, query))
        assert same(fast, dyad_series(store, dyad, freq, query=base, date_from=extra.get("date_from"),
                                      date_to=extra.get("date_to")))


@pytest.mark.parametrize("filters", [
    {"actor": "USA"}, {"actor": "USA", "side": "source"}, {"actor": "HAMAS", "side": "target"}, {"actor": "NATO"},
    {"actor": "ISRMIL", "dyad": Dyad("ISR", "NATO"), "quad_class": (4,)}, {"actor": "XXX"},
    {"actor": "USA", "date_from": D(2024, 1, 1), "cameo": ("19", "112")}, {"actor": "PSE", "root": ("19",)},
], ids=str)
def test_an_actors_page_and_count_equal_the_events(served, filters):
    """From `dyad_events`, with the actor index (one column tested per side)."""
    _, rollups, store = served
    query = rollups.with_index(EventQuery(limit=None, **filters))
    assert query.actors is not None and answers.dyad_table(rollups, query) is not None
    for offset, rows in ((0, 51), (30, 101), (900, 201)):
        plain = store.fetch_dicts(*EventQuery(limit=offset + rows, **filters).sql())[offset:]
        assert queries.page_rows(store, query, offset, rows, rollups) == plain
    assert queries.count_rows(store, query, 10**9, rollups) == queries.count_rows(store, query, 10**9)


@pytest.mark.parametrize("filters", [{"dyad": Dyad("UN", "USA")}, {"dyad": Dyad("USA", "UN", directed=True)},
                                     {"actor": "UN"}], ids=str)
def test_a_dyad_or_actor_the_index_cannot_resolve_reads_the_events(served, filters):
    _, rollups, store = served
    query = rollups.with_index(EventQuery(limit=None, **filters))
    assert answers.dyad_table(rollups, query) is None
    plain = store.fetch_dicts(*EventQuery(limit=51, **filters).sql())
    assert plain and queries.page_rows(store, query, 0, 51, rollups) == plain
    assert queries.count_rows(store, query, 10**9, rollups) == queries.count_rows(store, EventQuery(**filters), 10**9)


def test_the_actor_index_tests_one_column_where_that_is_exact(served):
    _, rollups, store = served
    index = ActorIndex.load(store.con)

    def condition(side, token, lists=False):
        params = []
        found = (index.with_lists() if lists else index).condition("e", side, token, params)
        return found, params

    assert condition("source", "USA") == ("e.source_country = ?", ["USA"])   # USA, USAGOV, USAMIL
    assert condition("target", "PSE") == ("e.target_country = ?", ["PSE"])   # PSE is HAMAS's country
    assert condition("target", "HAMAS") == ("e.target_code = ?", ["HAMAS"])
    assert condition("source", "AMNESTY") == ("e.source_group = ?", ["AMNESTY"])
    assert condition("source", "XXX") == ("FALSE", [])
    assert condition("source", "UN") == condition("source", "UN", lists=True) == (None, [])
    assert index.codes("source", "NGO") == ("NGO",) and index.codes("source", "AMNESTY") is None
    # T is one actor's code and another's group: no one column; the codes T and C2, only where lists are
    # allowed, and only while C2 stands for nothing else.
    lists = ActorIndex.from_triples({"source": [("T", None, None), ("C2", None, "T"), ("C3", "AAA", None)],
                                     "target": []})
    assert lists.condition("e", "source", "T", []) is None
    params = []
    assert lists.with_lists().condition("e", "source", "T", params) == "e.source_code IN (?, ?)"
    assert params == ["C2", "T"]
    other = ActorIndex.from_triples({"source": [("T", None, None), ("C2", None, "T"), ("C2", None, None)],
                                     "target": []})
    assert other.with_lists().condition("e", "source", "T", []) is None
    for side in ("source", "target"):
        for token in ("USA", "HAMAS", "PSE", "NATO", "NGO", "AMNESTY", "RUSMIL", "UN", "IGOWFP", "XXX"):
            for q in (EventQuery(actor=token, side=side, limit=None), EventQuery(actor=token, limit=None),
                      EventQuery(dyad=Dyad(token, "IRN"), limit=None)):
                for idx in (index, index.with_lists()):
                    with_index = EventQuery(**_filters(q), actors=idx, limit=10**6)
                    plain = EventQuery(**_filters(q), limit=10**6)
                    assert store.fetch(*with_index.sql()) == store.fetch(*plain.sql())


@pytest.mark.parametrize("text", [None, "usa", "NGO", "amnesty", "forces", "i", "nothing such"])
def test_actors_equal_the_events(served, text):
    _, rollups, store = served
    fast, plain = queries.find_actors(store, text, 100, rollups), queries.find_actors(store, text, 100)
    # Code NGO stands for two groups: each query gives one of them (`any_value`, as the events' query does).
    for rows in (fast, plain):
        for row in rows:
            if row["code"] == "NGO":
                assert row.pop("group") in ("AMNESTY", "HRW")
    assert fast == plain


@pytest.mark.parametrize("params", [
    AlertParams(), AlertParams(min_count=1, min_ratio=0.0, max_p=1.0),
    AlertParams(min_count=1, min_ratio=0.5, max_p=1.0, measure="goldstein", directed=True, window_days=30),
    AlertParams(min_count=2, min_ratio=0.0, max_p=1.0, measure="goldstein", baseline_days=400),
], ids=str)
def test_alerts_from_the_dyad_events_equal_the_events(served, params):
    _, rollups, store = served
    for as_of in (None, D(2023, 6, 30)):
        fast = find_alerts(store, as_of=as_of, params=params, dyad_day=f"{rollups.db}.dyad_day",
                           dyad_events=f"{rollups.db}.dyad_events")
        plain = find_alerts(store, as_of=as_of, params=params)
        assert same([a.to_dict() for a in fast], [a.to_dict() for a in plain])
        assert fast or params == AlertParams()


URLS = [
    ("/api/events", {}), ("/api/events", {"page": "7", "page_size": "200", "count": "true"}),
    ("/api/events", {"dyad": "USA:IRN", "from": "2023-01-01", "to": "2023-12-31", "count": "true"}),
    ("/api/events", {"dyad": "IRN:USA", "directed": "true", "page": "2", "page_size": "10"}),
    ("/api/events", {"actor": "USA", "count": "true"}), ("/api/events", {"quad": "4", "location_country": "IRN"}),
    ("/api/events", {"level": "mentions"}),
    ("/api/timeline", {"freq": "week"}), ("/api/timeline", {"from": "2023-02-14", "to": "2023-05-01"}),
    ("/api/dyads/top", {}), ("/api/dyads/top", {"from": "2023-01-15", "to": "2023-11-20", "limit": "30"}),
    ("/api/dyads/top", {"cameo": "19"}), ("/api/map", {}), ("/api/map", {"measure": "goldstein", "quad": "3"}),
    ("/api/dyads/series", {"dyad": "USA:IRN"}), ("/api/dyads/series", {"dyad": "PSE:ISR", "freq": "month"}),
    ("/api/dyads/series", {"dyad": "USA:RUS", "from": "2023-01-01", "to": "2023-03-31", "freq": "day"}),
    ("/api/actors", {}), ("/api/actors", {"q": "us"}), ("/api/alerts", {"as_of": "2024-06-30"}),
    ("/api/alerts", {"min_count": "1", "min_ratio": "0", "max_p": "1", "measure": "goldstein"}),
]


def test_the_api_with_rollups_answers_as_without(served, rollup_db):
    client, _, _ = served
    plain_app = create_app(rollup_db, cache_mb=0, rollups=False)
    with TestClient(plain_app) as plain:
        assert plain.get("/api/summary").json()["rollups"] == {"state": "off", "seconds": None}
        for url, params in URLS:
            fast, slow = client.get(url, params=params), plain.get(url, params=params)
            assert fast.status_code == slow.status_code == 200, (url, params, fast.text)
            assert same(_one_ngo(fast.json()), _one_ngo(slow.json())), (url, params)
    assert client.get("/api/summary").json()["rollups"]["state"] == "ready"


def _one_ngo(answer: dict) -> dict:
    """Code NGO stands for two groups, and either query names one of them (`any_value`): leave it out."""
    for row in answer.get("actors", ()):
        if row["code"] == "NGO":
            row.pop("group"), row.pop("label")
    return answer


def test_a_series_over_a_period_without_events_is_zero_filled(served):
    _, rollups, store = served
    points = dyad_series(store, Dyad("XXX", "USA"), "month", date_from=D(2023, 1, 10), date_to=D(2023, 4, 2))
    assert [(p.period, p.events) for p in points] == [(D(2023, m, 1), 0) for m in (1, 2, 3, 4)]
    assert dyad_series(store, Dyad("XXX", "USA"), "month") == []


def test_rollups_that_cannot_be_built_leave_the_answers_to_the_events(rollup_db, monkeypatch):
    monkeypatch.setattr(answers, "_BUILD", (("day", "CREATE TABLE {db}.day AS SELECT nonsense"),))
    with TestClient(create_app(rollup_db, cache_mb=0)) as client:
        assert not client.app.state.rollups.wait(60)
        status = client.get("/api/summary").json()["rollups"]
        assert status["state"] == "failed" and "nonsense" in status["error"]
        assert client.get("/api/timeline").json()["periods"]
        assert client.get("/api/events", params={"dyad": "USA:IRN"}).json()["rows"]


def test_an_app_closed_while_building_stops_cleanly(rollup_db):
    app = create_app(rollup_db, cache_mb=0)
    with TestClient(app):
        pass
    assert app.state.rollups.wait(30) in (True, False)
    assert app.state.rollups.state in ("ready", "failed")


def _filters(query: EventQuery) -> dict:
    names = ("actor", "actor_country", "actor_role", "actor_group", "side", "dyad", "cameo", "root", "quad_class",
             "date_from", "date_to", "location_country", "text")
    return {n: getattr(query, n) for n in names}


# ---------------------------------------------------------------------------------------------- the cache

def test_a_repeated_request_is_answered_from_the_cache(rollup_db):
    with TestClient(create_app(rollup_db, cache_mb=1)) as client:
        first = client.get("/api/dyads/top", params={"limit": "5"})
        again = client.get("/api/dyads/top", params={"limit": "5"})
        assert "x-cache" not in first.headers and again.headers["x-cache"] == "hit"
        assert again.content == first.content and again.headers["content-type"] == "application/json"
        assert again.headers["x-content-type-options"] == "nosniff"  # the security headers wrap the cache
        assert "x-cache" not in client.get("/api/dyads/top", params={"limit": "6"}).headers
        for _ in range(2):  # never cached: the summary (whether the coder is loaded), errors, other methods
            assert "x-cache" not in client.get("/api/summary").headers
            assert client.get("/api/dyads/top", params={"limit": "0"}).status_code == 422
            assert client.get("/api/timeline", params={"quad_class": "4"}).status_code == 400
            assert "x-cache" not in client.get("/api/events.csv").headers
        cache = _cache(client.app)
        assert cache.hits == 1 and all(status == 200 for status, _, _ in cache.entries.values())


def test_the_cache_holds_at_most_its_size(rollup_db):
    with TestClient(create_app(rollup_db, cache_mb=1)) as client:
        cache = _cache(client.app)
        cache.max_bytes = cache.max_entry_bytes = 40_000
        for limit in range(1, 101):
            assert client.get("/api/actors", params={"limit": str(limit)}).status_code == 200
        assert 0 < cache.size <= 40_000 and len(cache.entries) < 100
        assert ("/api/actors", b"limit=100") in cache.entries and ("/api/actors", b"limit=1") not in cache.entries
        big = client.get("/api/timeline", params={"freq": "day"})  # over max_entry_bytes: not kept
        assert len(big.content) > 40_000 and ("/api/timeline", b"freq=day") not in cache.entries


def test_no_cache_when_its_size_is_zero(rollup_db):
    app = create_app(rollup_db, cache_mb=0, rollups=False)
    with TestClient(app) as client:
        assert _cache(app) is None
        assert all("x-cache" not in client.get("/api/map").headers for _ in range(2))


def _cache(app):
    from newsevents.web.cache import ResponseCache

    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, ResponseCache):
        layer = getattr(layer, "app", None)
    return layer
