"""The JSON API over a real store: every endpoint, its figures, and its agreement with the store's own queries."""
from __future__ import annotations

import datetime as dt

import pytest
from web_data import AS_OF, INJECTION

from newsevents.store import EventStore
from newsevents.store.query import Dyad, EventQuery, run_query

KHARKIV = "Russian forces shelled Kharkiv on Friday."


def get(client, path, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def cameos(client, **params) -> list[str]:
    return sorted(r["cameo"] for r in get(client, "/api/events", page_size=200, **params)["rows"])


def test_summary_counts_and_ranges(client):
    s = get(client, "/api/summary")
    assert (s["articles"], s["mentions"], s["events"]) == (11, 12, 10)
    assert s["event_dates"] == {"from": "2024-03-05", "to": "2024-06-30"}
    assert s["published"] == {"from": "2024-03-05", "to": "2024-06-30"}
    assert s["store"] == "synthetic.duckdb"


def test_events_newest_first_with_labels_and_string_ids(client):
    page = get(client, "/api/events")
    assert page["total"] == 10 and not page["total_is_capped"]
    dates = [r["date"] for r in page["rows"]]
    assert dates == sorted(dates, reverse=True)
    kharkiv = next(r for r in page["rows"] if r["evidence"] == KHARKIV)
    # 60-bit ids travel as strings: a JavaScript number would round them.
    assert isinstance(kharkiv["event_id"], str) and kharkiv["event_id"].isdigit()
    assert kharkiv["label"] == "Use conventional military force, not specified below"
    assert kharkiv["quad_label"] == "material conflict"
    assert (kharkiv["source_label"], kharkiv["target_label"]) == ("Russia, military", "Ukraine")
    assert (kharkiv["num_mentions"], kharkiv["num_sources"]) == (2, 2)


@pytest.mark.parametrize("params, expected", [
    ({"actor": "USA"}, ["112"]),
    ({"actor": "UKRMIL", "side": "source"}, ["180", "183", "186", "193", "194", "195"]),
    ({"actor_country": "IRN"}, ["112"]),
    ({"actor_role": "GOV", "side": "target"}, ["057", "112"]),
    ({"actor_group": "NATO"}, ["057"]),
    ({"dyad": "ISR:HAMAS"}, ["190"]),
    ({"dyad": "rus:ukr"}, ["180", "183", "186", "190", "193", "194", "195"]),
    ({"dyad": "RUS:UKR", "directed": "true"}, ["190"]),
    ({"cameo": ["19"]}, ["190", "190", "193", "194", "195"]),
    ({"cameo": ["057", "112"]}, ["057", "112"]),
    ({"root": ["18"]}, ["180", "183", "186"]),
    ({"quad": [1, 3]}, ["057", "112"]),
    ({"from": "2024-06-28", "to": "2024-06-29"}, ["190", "194", "195"]),
    ({"location_country": "PSE"}, ["190"]),
    ({"text": "kharkiv"}, ["190"]),
    ({"text": "100%"}, ["112"]),
    ({"text": "%"}, ["112"]),  # a literal percent sign, not a wildcard
    ({"text": INJECTION}, ["057"]),
])
def test_event_filters(client, params, expected):
    assert cameos(client, **params) == expected


@pytest.mark.parametrize("params, query", [
    ({"dyad": "RUS:UKR"}, EventQuery(dyad=Dyad.parse("RUS:UKR"))),
    ({"quad": 4, "from": "2024-06-01"}, EventQuery(quad_class=(4,), date_from=dt.date(2024, 6, 1))),
    ({"level": "mentions", "all": "true"}, EventQuery(level="mentions", include_all=True)),
])
def test_same_rows_as_the_store_query(client, synthetic_db, params, query):
    api_rows = get(client, "/api/events", page_size=200, **params)["rows"]
    with EventStore.open(synthetic_db, read_only=True) as store:
        store_rows = run_query(store, query)
    key = "event_id" if query.level == "events" else "mention_id"
    assert [str(r[key]) for r in api_rows] == [str(r[key]) for r in store_rows]


def test_mentions_and_every_modality(client):
    asserted = get(client, "/api/events", level="mentions", page_size=200)
    every = get(client, "/api/events", all="true", page_size=200)
    assert asserted["level"] == every["level"] == "mentions"
    assert (asserted["total"], every["total"]) == (11, 12)
    assert {r["modality"] for r in asserted["rows"]} == {"asserted"}
    hypothetical = [r for r in every["rows"] if r["modality"] != "asserted"]
    assert [(r["modality"], r["cameo"], r["event_id"]) for r in hypothetical] == [("hypothetical", "138", None)]


def test_pages_cover_the_result_once(client):
    full = [r["event_id"] for r in get(client, "/api/events", page_size=200)["rows"]]
    paged = []
    for page in (1, 2, 3, 4):
        data = get(client, "/api/events", page=page, page_size=3, count="true")
        assert data["total"] == 10 and data["has_more"] == (page < 4)
        paged += [r["event_id"] for r in data["rows"]]
    assert paged == full
    assert get(client, "/api/events", page=5, page_size=3)["rows"] == []


def test_events_are_counted_only_when_asked_or_when_the_page_shows_the_end(client):
    """One pass over the store per page: `total` without `count=true` only where the page holds the last row."""
    first = get(client, "/api/events", page=1, page_size=3)
    assert (first["total"], first["total_is_capped"], first["has_more"]) == (None, False, True)
    last = get(client, "/api/events", page=4, page_size=3)
    assert (last["total"], last["has_more"], len(last["rows"])) == (10, False, 1)
    assert get(client, "/api/events", page=5, page_size=3)["total"] is None
    assert get(client, "/api/events", page=5, page_size=3, count="true")["total"] == 10


def test_paging_stops_at_the_row_cap(client):
    response = client.get("/api/events", params={"page": 51, "page_size": 200})
    assert response.status_code == 400
    assert "first 10,000 rows" in response.json()["detail"]


def test_event_with_all_mentions_and_evidence(client):
    event_id = next(r["event_id"] for r in get(client, "/api/events", text="kharkiv")["rows"])
    data = get(client, f"/api/events/{event_id}")
    assert data["event"]["event_id"] == event_id
    assert data["event"]["location_name"] == "Kharkiv"
    assert [m["article"]["url"] for m in data["mentions"]] == ["https://example.org/k1", "https://example.org/k2"]
    for m in data["mentions"]:
        assert m["span"] == [15, 22] and m["sentence"][15:22] == "shelled"
        assert (m["source_text"], m["target_text"]) == ("Russian forces", "Kharkiv")
        assert m["event_id"] == event_id
    assert data["mentions"][0]["article"]["title"] == "Kharkiv shelled"
    assert data["mentions"][0]["article"]["outlet"] == "Wire A"


def test_unknown_event_is_404(client):
    response = client.get("/api/events/12345")
    assert response.status_code == 404
    assert response.json()["detail"] == "no event 12345"


def test_mention_of_any_modality(client):
    rows = get(client, "/api/events", all="true", text="could")["rows"]
    data = get(client, f"/api/mentions/{rows[0]['mention_id']}")["mention"]
    assert data["modality"] == "hypothetical"
    start, end = data["span"]
    assert data["sentence"][start:end] == "strike"
    assert data["article"]["url"] == "https://example.org/k1"
    assert client.get("/api/mentions/nosuchmention").status_code == 404


def test_timeline_by_month_and_week(client):
    months = get(client, "/api/timeline", freq="month")["periods"]
    assert [p["period"] for p in months] == ["2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"]
    assert sum(p["events"] for p in months) == 10
    june = months[-1]
    assert (june["material_conflict"], june["verbal_conflict"], june["events"]) == (7, 0, 7)
    weeks = get(client, "/api/timeline", freq="week", dyad="RUS:UKR")["periods"]
    assert [(p["period"], p["events"]) for p in weeks] == [("2024-06-24", 7)]  # a Monday
    assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in weeks)


def test_top_dyads(client):
    dyads = get(client, "/api/dyads/top", limit=2)["dyads"]
    assert len(dyads) == 2
    first = dyads[0]
    assert (first["dyad"], first["events"], first["material_conflict"]) == ("RUS:UKR", 7, 7)
    assert first["label"] == "Russia – Ukraine"
    every = get(client, "/api/dyads/top", limit=100)["dyads"]
    assert {d["dyad"] for d in every} == {"RUS:UKR", "IRN:USA", "ISR:PSE", "NATO:RUS"}


def test_dyad_series(client):
    data = get(client, "/api/dyads/series", dyad="RUS:UKR", freq="day", **{"from": "2024-06-24", "to": "2024-06-30"})
    assert data["label"] == "Russia – Ukraine"
    assert [p["period"] for p in data["points"]] == [f"2024-06-{d}" for d in range(24, 31)]
    assert sum(p["events"] for p in data["points"]) == 7
    assert all(p["conflict_share"] == 1.0 for p in data["points"] if p["events"])
    directed = get(client, "/api/dyads/series", dyad="UKR:RUS", directed="true", freq="month")
    assert [(p["period"], p["material_conflict"]) for p in directed["points"]] == [("2024-06-01", 6)]


def test_dyad_series_needs_a_dyad_and_few_periods(client):
    response = client.get("/api/dyads/series")
    assert response.status_code == 400 and "dyad is required" in response.json()["detail"]
    response = client.get("/api/dyads/series", params={"dyad": "RUS:UKR", "freq": "day", "from": "1800-01-01",
                                                       "to": "2200-12-31"})
    assert response.status_code == 400 and "too many periods" in response.json()["detail"]


def test_map_by_country(client):
    data = get(client, "/api/map")
    assert {c["country"]: c["value"] for c in data["countries"]} == {"UKR": 1, "PSE": 1}
    assert {c["country"]: c["name"] for c in data["countries"]}["PSE"] == "Palestinian Territories"
    severity = get(client, "/api/map", measure="goldstein", **{"from": "2024-06-01"})
    assert [(c["country"], c["value"]) for c in severity["countries"]] == [("UKR", 10.0)]


def test_alerts(client):
    data = get(client, "/api/alerts")
    assert [a["dyad"] for a in data["alerts"]] == ["RUS:UKR"]
    alert = data["alerts"][0]
    assert (alert["window_from"], alert["window_to"]) == ("2024-06-24", AS_OF.isoformat())
    assert alert["observed"] == 7 and alert["p_value"] < 1e-6
    assert len(alert["events"]) == 5 and all(e["event_id"].isdigit() for e in alert["events"])
    assert get(client, "/api/alerts", min_count=8)["alerts"] == []
    assert get(client, "/api/alerts", as_of="2024-06-20")["alerts"] == []


def test_actor_lookup(client):
    actors = get(client, "/api/actors", q="rus")["actors"]
    assert {a["code"] for a in actors} == {"RUSMIL", "RUSGOV"}
    assert next(a for a in actors if a["code"] == "RUSGOV")["label"] == "Russia, government"
    assert get(client, "/api/actors", q="hamas")["actors"][0]["label"] == "Hamas"
    assert get(client, "/api/actors", q="%")["actors"] == []
    assert len(get(client, "/api/actors", limit=3)["actors"]) == 3


def test_code_lookup(client):
    codes = get(client, "/api/codes", q="19")["codes"]
    assert codes and all(c["code"].startswith("19") for c in codes)
    assert [c["code"] for c in get(client, "/api/codes", q="artillery")["codes"]] == ["194"]
    one = get(client, "/api/codes/190")
    assert (one["root"], one["goldstein"], one["quad_class"]) == ("19", -10.0, 4)
    assert client.get("/api/codes/999").status_code == 404


def test_code_a_text_with_every_modality(client, coder_factory):
    text = ("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three people. "
            "Officials said Iran could strike Israel if provoked. China did not send troops to Taiwan.")
    data = client.post("/api/code", json={"text": text, "published": "2024-05-15"}).json()
    modalities = {e["modality"] for e in data["events"]}
    assert "asserted" in modalities and modalities & {"hypothetical", "negated"}
    assert sum(data["counts"].values()) == len(data["events"])
    shelling = next(e for e in data["events"] if e["modality"] == "asserted")
    assert shelling["source"]["country"] == "RUS" and shelling["date"] == "2024-05-14"  # "on Tuesday"
    assert shelling["label"] and shelling["quad_label"] == "material conflict"
    assert set(shelling) >= {"event_id", "span", "sentence", "rule", "confidence", "location"}
    again = client.post("/api/code", json={"text": "Iran could strike Israel."}).json()
    assert again["published"] == dt.date.today().isoformat()
    assert coder_factory.calls == 1  # loaded once, on the first text
    assert get(client, "/api/summary")["coder_loaded"] is True


def test_dashboard_page_and_its_files(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    html = page.text
    assert "{{" not in html
    plotly_url = next(part.split('"')[0] for part in html.split('src="')[1:] if "plotly" in part)
    assert plotly_url.startswith("/vendor/plotly-") and plotly_url.endswith(".min.js")
    plotly_js = client.get(plotly_url)
    assert plotly_js.status_code == 200 and "javascript" in plotly_js.headers["content-type"]
    assert "immutable" in plotly_js.headers["cache-control"]
    for path in ("/static/app.js", "/static/app.css", "/static/world-110m.geojson"):
        assert client.get(path).status_code == 200, path


def test_api_docs_need_no_internet(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    for asset in ("/static-offline-docs/swagger-ui-bundle.js", "/static-offline-docs/swagger-ui.css"):
        assert asset in docs.text and client.get(asset).status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads/top", "/api/dyads/series", "/api/alerts",
            "/api/actors", "/api/codes", "/api/code", "/api/map", "/api/timeline"} <= set(paths)


# ---------------------------------------------------------------------------------------------- CSV download (#11)

def _csv(client, **params):
    import io

    import pandas as pd

    response = client.get("/api/events.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return pd.read_csv(io.StringIO(response.text), dtype={"event_id": str, "cameo": str}), response.headers


def test_csv_download_has_the_rows_of_the_view(client):
    """The same filters as /api/events; every row (not a page), loaded by pandas as it is."""
    frame, headers = _csv(client, dyad="rus:ukr")
    assert sorted(frame["cameo"]) == cameos(client, dyad="rus:ukr")
    assert headers["x-rows"] == str(len(frame)) and headers["x-rows-capped"] == "false"
    page = get(client, "/api/events", dyad="rus:ukr", page_size=200)["rows"]
    assert list(frame["event_id"]) == [r["event_id"] for r in page]         # newest first, ids intact
    assert {"date", "source_code", "target_code", "cameo", "goldstein", "evidence", "label"} <= set(frame.columns)
    everything, _ = _csv(client)
    assert len(everything) == 10


def test_csv_download_of_every_mention_and_bad_filters(client):
    frame, _ = _csv(client, all="true")
    assert set(frame["modality"]) > {"asserted"}
    assert len(frame) == get(client, "/api/events", all="true", page_size=200)["total"]
    assert client.get("/api/events.csv", params={"page_size": 5}).status_code == 400   # not a parameter here
    assert client.get("/api/events.csv", params={"dyad": "USA-IRN"}).status_code == 400


def test_csv_download_is_capped_like_the_events(client, monkeypatch):
    from newsevents.web import api

    monkeypatch.setattr(api, "MAX_QUERY_ROWS", 3)
    frame, headers = _csv(client)
    assert len(frame) == 3 and headers["x-rows-capped"] == "true"
