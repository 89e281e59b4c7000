"""A line or a file that cannot be read costs only itself: the run goes on with the next one and says what it
skipped. Tried on `code`, `ingest` and `ingest --coded`."""
from __future__ import annotations

import json

import pytest
from fault_helpers import article, cli, stored, write_jsonl

DEEP = "[" * 100_000 + "]" * 100_000
LONG_NUMBER = '{"id": "n", "text": "x", "count": ' + "9" * 5000 + "}"


@pytest.fixture
def hostile(tmp_path):
    """Good records around lines that break a JSON parser: depth, a 5,000-digit number, an oversized line."""
    return write_jsonl(tmp_path / "hostile.jsonl", [article(0), DEEP, LONG_NUMBER, "{" + "x" * 1_200_000,
                                                    article(1)])


def test_code_goes_on_after_lines_that_break_the_parser(hostile, capsys):
    code, out, err = cli(["code", str(hostile), "--no-progress", "--max-chars", "1000"], capsys)
    assert code == 0
    assert "line 2" in err and "nested too deeply" in err
    assert "line 3" in err and "4300" in err
    assert "line 4" in err and "record too large" in err
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"good-0", "good-1"}
    assert "coded 2 articles" in err and "3 records rejected" in err


def test_ingest_goes_on_after_lines_that_break_the_parser(tmp_path, hostile, capsys):
    db = tmp_path / "store.duckdb"
    code, _, err = cli(["ingest", str(hostile), "--db", str(db), "--no-progress", "--max-chars", "1000"], capsys)
    assert code == 0 and "3 records rejected" in err
    assert stored(db, "SELECT article_id FROM articles ORDER BY 1") == [("good-0",), ("good-1",)]


def test_ingest_coded_goes_on_after_hostile_lines_and_rejects_bad_values(tmp_path, capsys):
    good = {"event_id": "e1", "doc_id": "d1", "sentence_index": 0, "date": "2024-05-14", "cameo": "190",
            "source": {"code": "RUSMIL", "country": "RUS", "role": "MIL"}, "target": {"code": "UKR"},
            "goldstein": -10.0, "quad_class": 4, "modality": "asserted", "sentence": "Shelled."}
    html = good | {"event_id": "e2", "source": {"code": "<img src=x onerror=alert(1)>"}}
    nan = json.dumps(good | {"event_id": "e3"}).replace("-10.0", "NaN")
    inf = json.dumps(good | {"event_id": "e4"}).replace("-10.0", "Infinity")
    country = good | {"event_id": "e5", "source": {"code": "RUSMIL", "country": "<b>RUS</b>"}}
    last = good | {"event_id": "e6", "doc_id": "d2"}
    path = write_jsonl(tmp_path / "coded.jsonl", [good, DEEP, LONG_NUMBER, html, nan, inf, country, last])
    db = tmp_path / "store.duckdb"
    code, _, err = cli(["ingest", "--coded", str(path), "--db", str(db), "--no-progress"], capsys)
    assert code == 0
    assert "nested too deeply" in err and "4300" in err and "is not a code" in err and "not a number" in err
    assert "7 records rejected" not in err and "6 records rejected" in err
    assert stored(db, "SELECT article_id FROM mentions ORDER BY 1") == [("d1",), ("d2",)]
    assert stored(db, "SELECT count(*) FROM mentions WHERE isnan(goldstein) OR isinf(goldstein)")[0][0] == 0


def test_an_unreadable_file_is_skipped_and_the_next_ones_are_read(tmp_path, capsys):
    first = write_jsonl(tmp_path / "a.jsonl", [article(0)])
    broken = tmp_path / "bad.jsonl.gz"
    broken.write_bytes(b"this is not gzip at all\n")
    last = write_jsonl(tmp_path / "b.jsonl", [article(1, id="b-1")])
    code, out, err = cli(["code", str(first), str(broken), str(last), "--no-progress"], capsys)
    assert code == 1
    assert f"cannot read {broken}" in err and "file skipped" in err
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"good-0", "b-1"}
    assert "1 input files skipped" in err

    db = tmp_path / "store.duckdb"
    code, _, err = cli(["ingest", str(first), str(broken), str(last), "--db", str(db), "--no-progress"], capsys)
    assert code == 1 and "1 input files skipped" in err
    assert stored(db, "SELECT article_id FROM articles ORDER BY 1") == [("b-1",), ("good-0",)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_decoded(tmp_path, capsys, encoding):
    record = article(0)
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    jsonl = tmp_path / "wide.jsonl"
    jsonl.write_bytes(data)
    text = tmp_path / "wide.txt"
    text.write_bytes(record["text"].encode("utf-16" if encoding == "utf-16-be" else encoding))
    code, out, err = cli(["code", str(jsonl), str(text), "--published", "2024-05-15", "--no-progress"], capsys)
    assert code == 0 and "binary" not in err
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"good-0", "wide.txt"}
