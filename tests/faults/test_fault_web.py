"""The web layer under stored and posted extremes: far-future dates, hot events, floods of events, slow and
queued coding, hostile Host headers and hashes; every error in the documented shape."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import threading
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

from newsevents.cli.web_commands import allowed_hosts  # noqa: E402
from newsevents.model import Actor, Article, Event, EventDate  # noqa: E402
from newsevents.store import EventStore  # noqa: E402
from newsevents.store.ingest import store_coded  # noqa: E402
from newsevents.web.api import MAX_CODE_EVENTS, create_app  # noqa: E402

APP_JS = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "web" / "static" / "app.js"
SENTENCE = "Russian forces shelled Kharkiv."


def shelling(doc: str, when: dt.date, index: int = 0) -> Event:
    return Event(doc_id=doc, sentence_index=index, date=EventDate(when), source=Actor("RUSMIL", "RUS", "MIL"),
                 target=Actor("UKR", "UKR"), cameo="190", goldstein=-10.0, quad_class=4, location=None,
                 modality="asserted", sentence=SENTENCE, span=(15, 22), rule="test.190")


@pytest.fixture(scope="module")
def edge_db(tmp_path_factory):
    """Ordinary news of May 2024, one article dated 9999-12-31 and one event reported by 300 articles."""
    path = tmp_path_factory.mktemp("web") / "edge.duckdb"
    may = dt.date(2024, 5, 10)
    results = [(Article(f"a{i}", f"text {i}", may + dt.timedelta(days=i)), [shelling(f"a{i}", may)])
               for i in range(300)]
    results.append((Article("future", "text f", dt.date(9999, 12, 31)),
                    [shelling("future", dt.date(9999, 12, 31))]))
    with EventStore.open(path) as store:
        store_coded(store, results, batch_size=100)
    return path


class FakeEvent:
    def __init__(self, i: int):
        self.i = i

    def to_dict(self) -> dict:
        return {"sentence_index": self.i, "span": [0, 1], "modality": "asserted", "cameo": "190",
                "quad_class": 4}


class SlowFloodCoder:
    """A coder that answers after `delay` seconds with `events` events (for the limits on the work)."""

    def __init__(self, delay: float = 0.0, events: int = 1):
        self.delay, self.events = delay, events

    def code(self, text, published, doc_id, include_all):
        time.sleep(self.delay)
        return [FakeEvent(i) for i in range(self.events)]


def client(db, **options) -> TestClient:
    coder = options.pop("coder", SlowFloodCoder())
    return TestClient(create_app(db, coder_factory=lambda: coder, **options))


# ---------------------------------------------------------------------------------------------- dates

def test_a_far_future_date_does_not_stretch_the_default_period(edge_db):
    with client(edge_db) as web:
        summary = web.get("/api/summary").json()
        assert summary["published"]["to"] == "9999-12-31"
        period = summary["default_period"]
        assert period["from"] == "2024-05-10" and period["to"] < "2030-01-01"
        for url in ("/api/timeline", "/api/dyads/top", "/api/map"):
            assert web.get(url, params={"from": period["from"], "to": period["to"]}).status_code == 200
        series = web.get("/api/dyads/series", params={"dyad": "RUS:UKR", "freq": "day", **period})
        assert series.status_code == 200 and len(series.json()["points"]) <= 5000


def test_a_daily_series_over_millennia_is_refused_before_it_is_computed(edge_db):
    with client(edge_db) as web:
        response = web.get("/api/dyads/series", params={"dyad": "RUS:UKR", "freq": "day"})
        assert response.status_code == 400
        assert "too many periods" in response.json()["detail"] and "9999-12-31" in response.json()["detail"]


# ---------------------------------------------------------------------------------------------- limits

def test_event_detail_pages_its_mentions(edge_db):
    with client(edge_db) as web:
        event_id = web.get("/api/events", params={"to": "2025-01-01"}).json()["rows"][0]["event_id"]
        first = web.get(f"/api/events/{event_id}").json()
        assert first["mentions_total"] == 300 and len(first["mentions"]) == 50
        last = web.get(f"/api/events/{event_id}", params={"page": 2, "page_size": 200}).json()
        assert len(last["mentions"]) == 100
        assert web.get(f"/api/events/{event_id}", params={"page_size": 5000}).status_code == 422


def test_posted_code_caps_events_and_sentences(edge_db):
    with client(edge_db, coder=SlowFloodCoder(events=5 * MAX_CODE_EVENTS)) as web:
        body = web.post("/api/code", json={"text": "80 countries attacked 80 countries. " * 10}).json()
        assert body["events_capped"] and body["events_total"] == 5 * MAX_CODE_EVENTS
        assert len(body["events"]) == MAX_CODE_EVENTS
        run_on = web.post("/api/code", json={"text": "and they attacked " * 1000})
        assert run_on.status_code == 413 and "per sentence" in run_on.json()["detail"]


def test_posted_code_runs_under_the_time_limit(edge_db):
    with client(edge_db, coder=SlowFloodCoder(delay=1.5), timeout_s=0.3) as web:
        response = web.post("/api/code", json={"text": "Iran attacked Israel."})
        assert response.status_code == 503 and "within 0.3 s" in response.json()["detail"]


def test_posted_code_bounds_its_queue(edge_db):
    with client(edge_db, coder=SlowFloodCoder(delay=1.0), timeout_s=5) as web:
        statuses = []

        def post():
            statuses.append(web.post("/api/code", json={"text": "Iran attacked Israel."}).status_code)

        threads = [threading.Thread(target=post) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert 429 in statuses and 200 in statuses
        assert set(statuses) <= {200, 429, 503}


# ---------------------------------------------------------------------------------------------- headers

def test_every_html_page_has_a_content_security_policy(edge_db):
    with client(edge_db) as web:
        for url in ("/", "/docs", "/redoc"):
            response = web.get(url)
            assert response.status_code == 200 and "text/html" in response.headers["content-type"]
            policy = response.headers["content-security-policy"]
            assert "default-src 'self'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("bind", ["127.0.0.1", "::1", "0.0.0.0", "10.1.2.3"])
def test_the_host_check_holds_for_every_bind_address(edge_db, bind):
    with client(edge_db, allowed_hosts=allowed_hosts(bind)) as web:
        assert web.get("/api/summary", headers={"Host": "localhost:8000"}).status_code == 200
        evil = web.get("/api/summary", headers={"Host": "evil.example"})
        assert evil.status_code == 400 and "Host" in evil.json()["detail"]
        if bind == "::1":
            assert web.get("/api/summary", headers={"Host": "[::1]:8000"}).status_code == 200


def test_errors_match_the_documented_schema(edge_db):
    with client(edge_db) as web:
        schema = web.get("/openapi.json").json()
        responses = schema["paths"]["/api/events"]["get"]["responses"]
        assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
        assert "HTTPValidationError" not in schema["components"]["schemas"]
        required = schema["components"]["schemas"]["ErrorBody"]["required"]
        for response in (web.get("/api/events", params={"page_size": "x"}), web.get("/api/events/123"),
                         web.get("/api/events", params={"quad": 9}), web.get("/api/nothing/here")):
            body = response.json()
            assert response.status_code >= 400 and all(isinstance(body[k], str) for k in required)


# ---------------------------------------------------------------------------------------------- the page

@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the dashboard's script")
def test_a_malformed_hash_does_not_throw():
    script = APP_JS.read_text(encoding="utf-8")
    decode = re.search(r"function safeDecode\(text\) \{.*?\n\}", script, re.S).group(0)
    assert "decodeURIComponent(location.hash" not in script
    check = decode + '\nconsole.log(safeDecode("dyad/%E0%A4%A") + "|" + safeDecode("dyad/USA%3AIRN"));'
    out = subprocess.run(["node", "-e", check], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and out.stdout.strip() == "dyad/%E0%A4%A|dyad/USA:IRN"
