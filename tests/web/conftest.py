"""Stores and clients for the web tests: real DuckDB files, the real app, the real Coder.

- `sample_db`: the bundled corpus (samples/news.jsonl) coded by the real Coder through the store's ingest,
  built once per test session (the dashboard's browser tests read it);
- `synthetic_db`: a small store of hand-made events whose every figure the API tests can predict, with an
  escalation for the alerts and SQL-looking text in the evidence;
- `client`: a TestClient over `synthetic_db`, the posted texts coded by the session's Coder.
"""
from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import pytest

from factories import actor as make_actor
from factories import make_event

from newsevents.model import Actor, Article, Event, Place
from newsevents.store import EventStore
from newsevents.store.ingest import ingest_articles, store_coded

# Starlette 1.x asks for httpx2 in its TestClient; httpx 0.28 works and is what the project pins.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

from newsevents.web.api import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
from web_data import AS_OF, INJECTION  # noqa: E402,F401  (shared with the test modules)
CONFLICT_CODES = [("190", -10.0), ("193", -10.0), ("194", -10.0), ("195", -10.0), ("183", -10.0),
                  ("180", -9.0), ("186", -10.0)]


def actor(code: str, text: str = "", group: str | None = None, country: str | None = None) -> Actor:
    return make_actor(code, text, group=group, country=country, text=text or code)


def event(doc: str, index: int, when: dt.date, source: Actor, target: Actor | None, cameo: str,
          goldstein: float, quad: int, sentence: str, verb: str, *,
          modality: str = "asserted", location: Place | None = None) -> Event:
    """An event whose `span` covers the word `verb` of its sentence."""
    start = sentence.index(verb)
    return make_event(doc, index, when, source, target, cameo, goldstein=goldstein, quad_class=quad,
                      sentence=sentence, span=(start, start + len(verb)), modality=modality, location=location)


def synthetic_results() -> list[tuple[Article, list[Event]]]:
    kharkiv = "Russian forces shelled Kharkiv on Friday."
    could = "The United States could strike Iran, officials said."
    gaza = "Israeli jets struck Hamas positions in Gaza."
    out = [
        (Article("k1", "text k1", dt.date(2024, 6, 29), url="https://example.org/k1", source="Wire A",
                 title="Kharkiv shelled"),
         [event("k1", 0, dt.date(2024, 6, 28), actor("RUSMIL", "Russian forces"), actor("UKR", "Kharkiv"), "190",
                -10.0, 4, kharkiv, "shelled", location=Place("Kharkiv", "UKR", 49.99, 36.23)),
          event("k1", 1, AS_OF, actor("USA", "The United States"), actor("IRN", "Iran"), "138", -7.0, 3, could,
                "strike", modality="hypothetical")]),
        (Article("k2", "text k2", dt.date(2024, 6, 29), url="https://example.org/k2", source="Wire B",
                 title="Second report"),
         [event("k2", 0, dt.date(2024, 6, 28), actor("RUSMIL", "Russian forces"), actor("UKR", "Kharkiv"), "190",
                -10.0, 4, kharkiv, "shelled", location=Place("Kharkiv", "UKR", 49.99, 36.23))]),
        (Article("g1", "text g1", dt.date(2024, 5, 2), url="https://example.org/g1", title="Gaza"),
         [event("g1", 0, dt.date(2024, 5, 1), actor("ISRMIL", "Israeli jets"),
                actor("HAMAS", "Hamas", group="HAMAS", country="PSE"), "190", -10.0, 4, gaza, "struck",
                location=Place("Gaza", "PSE", 31.5, 34.47))]),
        (Article("n1", "text n1", dt.date(2024, 4, 10), title=INJECTION),
         [event("n1", 0, dt.date(2024, 4, 10), actor("NATO", "NATO", group="NATO"), actor("RUSGOV", "Moscow"),
                "057", 8.0, 1, INJECTION, "DROP")]),
        (Article("u1", "text u1", dt.date(2024, 3, 5), url="https://example.org/u1"),
         [event("u1", 0, dt.date(2024, 3, 5), actor("USAGOV", "Washington"), actor("IRNGOV", "Tehran"), "112",
                -2.0, 3, "Washington accused Tehran of 100% of the attacks.", "accused")]),
    ]
    # An escalation: RUS-UKR material conflict on six of the last seven days before AS_OF.
    for k, (code, gold) in enumerate(CONFLICT_CODES[1:]):
        doc = f"e{k}"
        when = AS_OF - dt.timedelta(days=k)
        out.append((Article(doc, f"text {doc}", when, url=f"https://example.org/{doc}"),
                    [event(doc, 0, when, actor("UKRMIL", "Ukrainian troops"), actor("RUSMIL", "Russian units"),
                           code, gold, 4, f"Ukrainian troops hit Russian units ({code}).", "hit")]))
    return out


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "synthetic.duckdb"
    with EventStore.open(path) as store:
        store_coded(store, synthetic_results())
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, coder):
    """The bundled sample corpus, coded by the real Coder and stored by the store's ingest (once a session)."""
    path = tmp_path_factory.mktemp("web") / "sample.duckdb"
    articles = []
    with open(ROOT / "samples" / "news.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            articles.append(Article(r["id"], r["text"], dt.date.fromisoformat(r["published"]), url=r.get("url"),
                                    source=r.get("source"), title=r.get("title")))
    with EventStore.open(path) as store:
        report = ingest_articles(store, articles, coder)
    assert report.articles_stored == len(articles)
    return path


class CountingFactory:
    """Hands out the session's Coder and counts the calls (the app must build its Coder once)."""

    def __init__(self, coder) -> None:
        self.coder = coder
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.coder


@pytest.fixture(scope="module")
def coder_factory(coder):
    return CountingFactory(coder)


@pytest.fixture(scope="module")
def client(synthetic_db, coder_factory):
    app = create_app(synthetic_db, coder_factory=coder_factory)
    with TestClient(app) as c:
        assert app.state.rollups.wait(60)  # the figures below come from the rollups where they can
        yield c
