"""The formats researchers have: WARC / WARC.gz crawls, CSV and Parquet tables, and near-duplicate detection.

Every test builds its own small real file: WARCs with warcio's WARCWriter, tables with pyarrow and csv.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsevents.model import Article, RecordError
from newsevents.sources import InputError, RecordWarning, TableColumns, read_articles
from newsevents.sources.dedup import NearDuplicates

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [json.loads(line) for line in (ROOT / "samples" / "news.jsonl").read_text("utf-8").splitlines()]

ENGLISH = ("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing at least three civilians and "
           "wounding a dozen more, regional officials said. The governor told reporters that the attack hit a "
           "residential district and a school, and that rescue crews were still searching the rubble.")
FRENCH = ("Le président de la République a reçu mardi à l'Élysée le chef du gouvernement ukrainien pour évoquer "
          "la situation militaire dans l'est du pays. Selon un communiqué publié à l'issue de la rencontre, les "
          "deux dirigeants ont convenu de renforcer leur coopération en matière de défense.")


def page(title: str, text: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
            f"<body><header><p>Site menu</p></header><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer><p>Copyright</p></footer></body></html>").encode("utf-8")


def records(*paths, **kwargs):
    return list(read_articles([str(p) for p in paths], **kwargs))


def articles(out):
    return [r for r in out if isinstance(r, Article)]


# ---------------------------------------------------------------------------------------------- WARC

def write_warc(path: Path, items, gz: bool = True) -> None:
    """items: (kind, url, warc_date, http status, content type, body) with kind response|request|resource."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for kind, url, warc_date, status, content_type, body in items:
            headers = {"WARC-Date": warc_date}
            if kind == "response":
                http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                   http_headers=http, warc_headers_dict=headers)
            elif kind == "resource":
                record = writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                   warc_content_type=content_type, warc_headers_dict=headers)
            else:
                http = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                record = writer.create_warc_record(url, "request", http_headers=http, warc_headers_dict=headers)
            writer.write_record(record)


def crawl(path: Path, gz: bool = True) -> Path:
    s1, s2 = SAMPLES[0], SAMPLES[1]
    write_warc(path, [
        ("request", s1["url"], "2024-04-15T08:00:00Z", None, None, b""),
        ("response", s1["url"], "2024-04-15T08:00:01Z", "200 OK", "text/html; charset=utf-8",
         page(s1["title"], s1["text"], published=s1["published"] + "T21:00:00Z")),
        ("response", "https://example.org/logo.png", "2024-04-15T08:00:02Z", "200 OK", "image/png",
         b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("response", "https://example.org/gone", "2024-04-15T08:00:03Z", "404 Not Found", "text/html",
         page("Not found", ENGLISH)),
        ("response", s2["url"], "2024-05-02T10:00:00Z", "200 OK", "text/html", page(s2["title"], s2["text"])),
        ("response", "https://example.fr/politique", "2024-05-02T11:00:00Z", "200 OK", "text/html",
         page("Politique", FRENCH)),
        ("resource", "https://example.org/saved", "2024-05-03T12:00:00Z", None, "text/html",
         page("Kharkiv shelled", ENGLISH)),
    ], gz=gz)
    return path


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses_become_articles(tmp_path, name, gz):
    out = records(crawl(tmp_path / name, gz=gz))
    got = articles(out)
    s1, s2 = SAMPLES[0], SAMPLES[1]
    assert [a.id for a in got] == [s1["url"], s2["url"], "https://example.org/saved"]
    first = got[0]
    assert first.url == s1["url"] and first.title == s1["title"]
    assert first.published == dt.date.fromisoformat(s1["published"])          # the page's own date
    assert "300 drones and missiles" in first.text
    assert got[1].published == dt.date(2024, 5, 2)                             # no page date: WARC-Date
    assert got[2].published == dt.date(2024, 5, 3)
    # the request, the image and the 404 are passed over; the French page is rejected, with its URL
    errors = [r for r in out if isinstance(r, RecordError)]
    assert [(e.record_id, e.reason.split(" (")[0]) for e in errors] == [("https://example.fr/politique",
                                                                        "not English")]


def test_warc_fallback_date_comes_last(tmp_path):
    path = tmp_path / "undated.warc.gz"
    write_warc(path, [("resource", "https://example.org/a", "not a date", None, "text/html",
                       page("Kharkiv shelled", ENGLISH))])
    [article] = articles(records(path, published=dt.date(2020, 1, 2)))
    assert article.published == dt.date(2020, 1, 2)


def test_warc_that_is_not_a_warc_is_an_input_error(tmp_path):
    path = tmp_path / "fake.warc.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"this is not a web archive\n" * 20)
    with pytest.raises(InputError, match="fake.warc.gz"):
        records(path)


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.95, 0.99])
def test_truncated_warc_keeps_the_records_before_the_break(tmp_path, gz, keep):
    path = crawl(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)
    data = path.read_bytes()
    whole = [r.id if isinstance(r, Article) else r.record_id for r in records(path)]
    path.write_bytes(data[: int(len(data) * keep)])
    out = records(path)
    assert isinstance(out[-1], RecordError) and out[-1].reason.startswith("input ends early")
    assert [r.id if isinstance(r, Article) else r.record_id for r in out[:-1]] == whole[:len(out) - 1]


def test_folder_of_warcs_is_read_in_name_order(tmp_path):
    crawl(tmp_path / "b.warc.gz")
    write_warc(tmp_path / "a.warc.gz", [("resource", "https://example.org/first", "2024-05-03T12:00:00Z", None,
                                         "text/html", page("Kharkiv shelled", ENGLISH))])
    ids = [a.id for a in articles(records(tmp_path))]
    assert ids[0] == "https://example.org/first" and len(ids) == 4


# ---------------------------------------------------------------------------------------------- tables

ROWS = [
    {"doc": "A1", "body": SAMPLES[0]["text"], "day": "2024-04-14", "url": SAMPLES[0]["url"], "source": "Wire"},
    {"doc": "A2", "body": SAMPLES[1]["text"], "day": "2024-05-02T09:30:00+02:00", "url": "", "source": ""},
    {"doc": "", "body": ENGLISH, "day": "", "url": "", "source": ""},
    {"doc": "A4", "body": FRENCH, "day": "2024-05-03", "url": "", "source": ""},
    {"doc": "A5", "body": ENGLISH, "day": "last Tuesday", "url": "", "source": ""},
    {"doc": "A6", "body": "", "day": "2024-05-03", "url": "", "source": ""},
]
COLUMNS = TableColumns(text="body", date="day", id="doc")


def write_csv(path: Path, rows=ROWS) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows=ROWS) -> Path:
    table = pa.Table.from_pylist([{**r, "day": r["day"] or None, "doc": r["doc"] or None} for r in rows])
    pq.write_table(table, path)
    return path


def check_table_records(out, name: str) -> None:
    got = articles(out)
    assert [a.id for a in got] == ["A1", "A2", f"{name}:3", "A5"]
    assert got[0].published == dt.date(2024, 4, 14) and got[0].url == SAMPLES[0]["url"] and got[0].source == "Wire"
    assert got[1].published == dt.date(2024, 5, 2) and got[1].url is None
    assert got[2].published == dt.date(2024, 1, 1)                      # the fallback date
    assert got[3].published == dt.date(2024, 1, 1)                      # unparseable: fallback + warning
    warnings = [r for r in out if isinstance(r, RecordWarning)]
    assert [w.record_id for w in warnings] == ["A5"]
    errors = {r.record_id: r.reason for r in out if isinstance(r, RecordError)}
    assert errors["A4"].startswith("not English") and errors["A6"] == "empty text"


@pytest.mark.parametrize("name", ["news.csv", "news.csv.gz"])
def test_csv_rows_become_articles(tmp_path, name):
    out = records(write_csv(tmp_path / name), columns=COLUMNS, published=dt.date(2024, 1, 1))
    check_table_records(out, name)


def test_parquet_rows_become_articles(tmp_path):
    out = records(write_parquet(tmp_path / "news.parquet"), columns=COLUMNS, published=dt.date(2024, 1, 1))
    check_table_records(out, "news.parquet")


def test_parquet_date_and_timestamp_columns(tmp_path):
    path = tmp_path / "typed.parquet"
    table = pa.table({"id": [7, 8], "text": [ENGLISH, SAMPLES[1]["text"]],
                      "published": pa.array([dt.date(2024, 3, 1), None], pa.date32()),
                      "seen": pa.array([dt.datetime(2024, 3, 2, 23, 0), dt.datetime(2024, 3, 3, 1, 0)],
                                       pa.timestamp("s"))})
    pq.write_table(table, path)
    got = articles(records(path))                         # default columns: id, text, published
    assert [(a.id, a.published) for a in got] == [("7", dt.date(2024, 3, 1)), ("8", None)]
    got = articles(records(path, columns=TableColumns(date="seen")))
    assert [a.published for a in got] == [dt.date(2024, 3, 2), dt.date(2024, 3, 3)]


def test_csv_default_columns(tmp_path):
    path = write_csv(tmp_path / "plain.csv", [{"id": "x1", "text": ENGLISH, "published": "2024-02-03",
                                               "title": "Kharkiv", "extra": "ignored"}])
    [article] = articles(records(path))
    assert (article.id, article.published, article.title) == ("x1", dt.date(2024, 2, 3), "Kharkiv")


@pytest.mark.parametrize("writer", [write_csv, write_parquet])
def test_missing_named_column_fails_before_reading(tmp_path, writer):
    path = writer(tmp_path / ("t.csv" if writer is write_csv else "t.parquet"))
    with pytest.raises(InputError, match="no column 'text'"):
        read_articles([str(path)])                       # the text column is "body"
    with pytest.raises(InputError, match="no column 'when'"):
        read_articles([str(path)], columns=TableColumns(text="body", date="when"))


def test_csv_with_bad_utf8_rejects_only_that_row(tmp_path):
    path = tmp_path / "mixed.csv"
    good = ENGLISH.encode("utf-8")
    path.write_bytes(b"id,text\nok," + good + b"\nbad,\"" + good[:40] + b"\xff\xfe" + good[40:] + b"\"\n")
    out = records(path)
    assert [a.id for a in articles(out)] == ["ok"]
    assert [r.record_id for r in out if isinstance(r, RecordError)] == ["bad"]


def test_not_a_parquet_file_is_an_input_error(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 but not really")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        read_articles([str(path)])


# ---------------------------------------------------------------------------------------------- near-duplicates

def wire_copy(text: str) -> str:
    """The same story as another site runs it: its own dateline and a sign-off."""
    return "LONDON (Meridian) - " + text + " Reporting by staff; editing by the desk."


def test_near_duplicates_point_at_the_first_copy():
    finder = NearDuplicates()
    texts = [SAMPLES[0]["text"], SAMPLES[1]["text"], wire_copy(SAMPLES[0]["text"]), SAMPLES[2]["text"],
             SAMPLES[0]["text"], wire_copy(SAMPLES[1]["text"])]
    assert [finder.add(i, t) for i, t in enumerate(texts)] == [None, None, 0, None, 0, 1]
    assert (finder.stats.copies, finder.stats.originals_with_copies) == (3, 2)


def test_related_but_different_stories_are_not_duplicates():
    finder = NearDuplicates()
    base = SAMPLES[0]["text"]
    paragraphs = base.split("\n\n")
    rewritten = "\n\n".join(paragraphs[:len(paragraphs) // 2])     # half the story: Jaccard ~0.5
    assert finder.add(0, base) is None
    assert finder.add(1, rewritten) is None
    assert all(finder.add(i + 2, s["text"]) is None for i, s in enumerate(SAMPLES[1:]))


def test_near_duplicates_are_deterministic():
    texts = [s["text"] for s in SAMPLES] + [wire_copy(s["text"]) for s in SAMPLES[::7]]
    first, again = NearDuplicates(), NearDuplicates()
    answers = [first.add(i, t) for i, t in enumerate(texts)]
    assert [again.add(i, t) for i, t in enumerate(texts)] == answers
    assert answers[len(SAMPLES):] == list(range(0, len(SAMPLES), 7))


def test_window_forgets_old_originals():
    finder = NearDuplicates(window=2)
    texts = [SAMPLES[0]["text"], SAMPLES[1]["text"], SAMPLES[2]["text"], SAMPLES[0]["text"]]
    assert [finder.add(i, t) for i, t in enumerate(texts)] == [None, None, None, None]
    assert finder.evicted() == [0, 1]



@pytest.mark.parametrize("threshold", [0.9, 0.5])
def test_the_index_finds_what_datasketch_lsh_finds(threshold):
    """The compact index answers as datasketch's MinHashLSH (16 bands of 8 rows) would, window included."""
    from datasketch import MinHashLSH

    from newsevents.sources.dedup import LSH_BANDS, LSH_ROWS, NUM_PERM, minhash

    texts = [s["text"] for s in SAMPLES] + [wire_copy(s["text"]) for s in SAMPLES[::5]]
    texts += ["\n\n".join(s["text"].split("\n\n")[:-1]) for s in SAMPLES[1::6]]   # the last paragraph cut
    finder = NearDuplicates(threshold=threshold, window=30)
    lsh, kept = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS)), {}
    answers = []
    for i, text in enumerate(texts):
        signature = minhash(text)
        best = None
        for key in lsh.query(signature):
            similarity = signature.jaccard(kept[key])
            if similarity >= threshold and (best is None or (-similarity, key) < (-best[0], best[1])):
                best = (similarity, key)
        answers.append(best[1] if best else None)
        assert finder.add(i, text) == answers[-1]
        if best is None:
            lsh.insert(i, signature)
            kept[i] = signature
            if len(kept) > 30:
                oldest = min(kept)
                lsh.remove(oldest)
                del kept[oldest]
    assert any(a is not None for a in answers)
