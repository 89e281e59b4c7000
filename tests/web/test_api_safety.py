"""Hostile and malformed requests on every endpoint: a 4xx with a reason, never a 500, and the store unchanged."""
from __future__ import annotations

import duckdb
import pytest
from fastapi.testclient import TestClient
from web_data import INJECTION

from newsevents.store import EventStore, StoreError
from newsevents.web import api as web_api
from newsevents.web.api import create_app

HOSTILE_TEXT = [
    INJECTION,
    "' OR '1'='1",
    "1; SELECT * FROM read_csv('/etc/passwd')",
    "RUS:UKR' --",
    "%_%\\",
    "\x00",
    "<script>alert(1)</script>",
    "ü" * 5_000,
    "A" * 50_000,  # about the longest URL clients send
]
HUGE_NUMBERS = ["10" + "0" * 40, "-1", "0", "1.5", "1e9", "NaN", "abc", ""]
BAD_DATES = ["2024-13-45", "99999-01-01", "0001-01-01", "yesterday", INJECTION, "2024-02-30"]

# Every GET endpoint with its parameters by kind.
FILTER_TEXT = ["actor", "actor_country", "actor_role", "actor_group", "dyad", "cameo", "root",
               "location_country", "text", "side"]
FILTER_DATES = ["from", "to"]
ENDPOINTS = {
    "/api/events": {"text": FILTER_TEXT + ["level"], "number": ["page", "page_size", "quad"],
                    "date": FILTER_DATES, "bool": ["all", "directed"]},
    "/api/timeline": {"text": FILTER_TEXT + ["freq"], "number": ["quad"], "date": FILTER_DATES,
                      "bool": ["directed"]},
    "/api/dyads/top": {"text": FILTER_TEXT, "number": ["limit", "quad"], "date": FILTER_DATES,
                       "bool": ["directed"]},
    "/api/dyads/series": {"text": FILTER_TEXT + ["freq"], "number": ["quad"], "date": FILTER_DATES,
                          "bool": ["directed"]},
    "/api/map": {"text": FILTER_TEXT + ["measure"], "number": ["quad"], "date": FILTER_DATES,
                 "bool": ["directed"]},
    "/api/alerts": {"text": ["measure"], "number": ["window_days", "baseline_days", "min_count", "min_ratio",
                                                    "max_p", "events"],
                    "date": ["since", "as_of"], "bool": ["directed"]},
    "/api/actors": {"text": ["q"], "number": ["limit"], "date": [], "bool": []},
    "/api/codes": {"text": ["q"], "number": ["limit"], "date": [], "bool": []},
    "/api/summary": {"text": [], "number": [], "date": [], "bool": []},
}
BASE = {"/api/dyads/series": {"dyad": "RUS:UKR"}}


def cases():
    for path, kinds in ENDPOINTS.items():
        for name in kinds["text"]:
            for value in HOSTILE_TEXT:
                yield path, name, value
        for name in kinds["number"]:
            for value in HUGE_NUMBERS:
                yield path, name, value
        for name in kinds["date"]:
            for value in BAD_DATES:
                yield path, name, value
        for name in kinds["bool"]:
            yield path, name, "maybe"


def check_refused_or_answered(response) -> None:
    assert response.status_code != 500, response.text
    assert response.status_code in (200, 400, 404, 413, 422), response.text
    if response.status_code != 200:
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail.strip()


@pytest.fixture(scope="module")
def counts_before(synthetic_db):
    with EventStore.open(synthetic_db, read_only=True) as store:
        return store.counts()


def test_every_endpoint_refuses_hostile_values(client, counts_before):
    seen = 0
    for path, name, value in cases():
        params = dict(BASE.get(path, {}))
        params[name] = value
        check_refused_or_answered(client.get(path, params=params))
        seen += 1
    assert seen > 400
    # The injection strings reached no SQL: every table is there, with the same rows.
    summary = client.get("/api/summary").json()
    assert (summary["articles"], summary["mentions"], summary["events"]) == (
        counts_before["articles"], counts_before["mentions"], counts_before["events"])


@pytest.mark.parametrize("path, params, status, words", [
    ("/api/events", {"page_size": 201}, 422, "page_size: Input should be less than or equal to 200"),
    ("/api/events", {"page": 0}, 422, "page: Input should be greater than or equal to 1"),
    ("/api/events", {"quad": 5}, 400, "quad class 5 must be 1, 2, 3 or 4"),
    ("/api/events", {"quad": "x"}, 422, "quad.0: Input should be a valid integer"),
    ("/api/events", {"dyad": "USA"}, 400, "must be two actor codes joined by a colon"),
    ("/api/events", {"actor": "U S A"}, 400, "is not a code"),
    ("/api/events", {"cameo": "19x"}, 400, "must be 2-4 digits"),
    ("/api/events", {"cameo": ["19"] * 25}, 422, "cameo: List should have at most 20 items"),
    ("/api/events", {"text": "x" * 201}, 422, "text: String should have at most 200 characters"),
    ("/api/events", {"from": "2024-06-02", "to": "2024-06-01"}, 400, "the start date is after the end date"),
    ("/api/events", {"from": "1700-01-01"}, 400, "from: 1700-01-01 is outside"),
    ("/api/events", {"level": "articles"}, 422, "level: Input should be 'events' or 'mentions'"),
    ("/api/events", {"quad_class": 4}, 400, "unknown parameter 'quad_class'"),
    ("/api/timeline", {"freq": "year"}, 422, "freq: Input should be 'day', 'week' or 'month'"),
    ("/api/dyads/top", {"limit": 101}, 422, "limit: Input should be less than or equal to 100"),
    ("/api/alerts", {"max_p": 0}, 422, "max_p: Input should be greater than 0"),
    ("/api/alerts", {"since": "2024-06-10", "as_of": "2024-06-01"}, 400, "--since is after the last day"),
    ("/api/alerts", {"since": "2020-01-01", "as_of": "2024-06-01"}, 400, "the window is at most 366 days"),
    ("/api/events/1" + "0" * 25, {}, 422, "event_id: String should match pattern"),
    ("/api/events/" + "9" * 19, {}, 400, "event id out of range"),
    ("/api/events/1%20OR%201=1", {}, 422, "event_id: String should match pattern"),
    ("/api/mentions/x'%20OR%20'1'='1", {}, 422, "mention_id: String should match pattern"),
    ("/api/codes/19%3B", {}, 422, "code: String should match pattern"),
])
def test_malformed_parameters_get_a_clear_4xx(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


@pytest.mark.parametrize("body, words", [
    ({"text": ""}, "text: String should have at least 1 character"),
    ({"text": "x" * 20_001}, "text: String should have at most 20000 characters"),
    ({"text": 5}, "text: Input should be a valid string"),
    ({"text": "Iran fired.", "published": "tomorrow"}, "published: Input should be a valid date"),
    ({"text": "Iran fired.", "published": "0001-01-01"}, "published: 0001-01-01 is outside"),
    ({"text": "Iran fired.", "doc_id": INJECTION}, "doc_id: String should match pattern"),
    ({"text": "Iran fired.", "sql": "DROP TABLE events"}, "sql: Extra inputs are not permitted"),
    ({}, "text: Field required"),
    ([], "Input should be a valid dictionary"),
])
def test_posted_text_is_checked(client, body, words):
    response = client.post("/api/code", json=body)
    assert response.status_code in (400, 422), response.text
    assert words in response.json()["detail"]


def test_posted_body_size_is_limited(client):
    big = b'{"text": "' + b"x" * 300_000 + b'"}'
    response = client.post("/api/code", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "request body over" in response.json()["detail"]

    def chunks():  # no Content-Length: counted while read
        for _ in range(40):
            yield b"x" * 10_000

    response = client.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_posted_body_must_be_json(client):
    response = client.post("/api/code", content=b"text=hello", headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    response = client.post("/api/code", content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert client.get("/api/code").status_code == 405


def test_store_is_read_only_and_sql_cannot_reach_files(client):
    con = client.app.state.store.con
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE intruder (i INTEGER)")
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM events")
    with pytest.raises(duckdb.Error):
        con.execute("SELECT * FROM read_csv('/etc/passwd')")


def test_store_errors_are_503_with_the_reason(client, monkeypatch):
    def timed_out(_store, _plausible=None):
        raise StoreError("query stopped after its time limit of 10 s")

    monkeypatch.setattr(web_api.queries, "summary", timed_out)
    monkeypatch.setattr(client.app.state, "summary", {})  # the summary computed by an earlier test
    response = client.get("/api/summary")
    assert response.status_code == 503
    assert response.json()["detail"] == "query stopped after its time limit of 10 s"


def test_missing_store_is_refused_at_start(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "none.duckdb")


def test_only_local_host_names_when_asked(synthetic_db):
    app = create_app(synthetic_db, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/summary").status_code == 200
        assert local.get("/api/summary", headers={"Host": "evil.example"}).status_code == 400


def test_dashboard_never_inserts_data_as_html():
    """The dashboard puts store text into the page as text only, so stored strings cannot run as script."""
    js = (web_api.STATIC_DIR / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink


def test_dashboard_files_name_no_outside_address():
    """Every script, style and map shape comes from this server: no CDN, no font service, no tiles."""
    import re

    for name in ("index.html", "app.js", "app.css"):
        text = (web_api.STATIC_DIR / name).read_text(encoding="utf-8")
        # An absolute URL, or a protocol-relative one in a quoted attribute or url(...).
        found = re.findall(r"https?://[a-z0-9.-]+|[\"'(]//[a-z0-9.-]+\.[a-z]{2,}", text, flags=re.I)
        assert found == [], name
