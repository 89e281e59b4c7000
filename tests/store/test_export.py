"""Exports: JSON Lines, CSV, Parquet and the GDELT 2.0 event table layout."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from gdelt_headers import EVENT_HEADERS as GDELT_2_COLUMNS
from store_factories import day, make_article, make_event

from newsevents.model import Place
from newsevents.store import StoreError
from newsevents.store.export import GDELT_COLUMNS, export
from newsevents.store.query import Dyad, EventQuery

KHARKIV = Place("Kharkiv", "UKR", 49.99, 36.23)


@pytest.fixture
def filled(store):
    from newsevents.store.ingest import store_coded
    store_coded(store, [
        (make_article("a1", 10, source="Reuters", url="https://reuters.com/a1"),
         [make_event("a1", 0, 10, "RUSMIL", "UKR", "190", location=KHARKIV,
                     sentence="Russian forces shelled\tKharkiv\non Tuesday."),
          make_event("a1", 1, 10, "USAGOV", "IRNGOV", "042", modality="negated")]),
        (make_article("a2", 11, url="https://bbc.com/a2"),
         [make_event("a2", 2, 10, "RUSMIL", "UKR", "190"), make_event("a2", 0, 40, "USAGOV", "IRNGOV", "042")]),
    ])
    return store


def test_gdelt_columns_are_the_61_of_gdelt_2_in_order():
    assert len(GDELT_COLUMNS) == 61
    assert list(GDELT_COLUMNS) == GDELT_2_COLUMNS


def test_gdelt_export(filled, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    assert export(filled, EventQuery(limit=None), "gdelt", str(out)) == 2
    lines = out.read_text().splitlines()
    assert lines[0].split("\t") == GDELT_2_COLUMNS
    rows = [dict(zip(GDELT_2_COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == 61 for line in lines)
    strike = rows[0]
    assert strike["SQLDATE"] == day(10).strftime("%Y%m%d")
    assert strike["MonthYear"] == day(10).strftime("%Y%m") and strike["Year"] == str(day(10).year)
    assert strike["FractionDate"] == f"{day(10).year + day(10).timetuple().tm_yday / 365:.4f}"
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == ("RUSMIL", "RUS", "MIL")
    assert (strike["Actor2Code"], strike["Actor2CountryCode"], strike["Actor2Type1Code"]) == ("UKR", "UKR", "")
    assert (strike["EventCode"], strike["EventBaseCode"], strike["EventRootCode"]) == ("190", "190", "19")
    assert (strike["QuadClass"], float(strike["GoldsteinScale"])) == ("4", -10.0)
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"]) == ("2", "2", "2")
    assert strike["IsRootEvent"] == "1"
    assert (strike["ActionGeo_FullName"], float(strike["ActionGeo_Lat"])) == ("Kharkiv, Ukraine", 49.99)
    assert (strike["ActionGeo_Type"], strike["ActionGeo_CountryCode"]) == ("4", "UP")
    assert strike["Actor1Geo_FullName"] == strike["Actor2Geo_FullName"] == "Kharkiv, Ukraine"
    assert strike["DATEADDED"] == day(10).strftime("%Y%m%d") + "000000"
    assert strike["SOURCEURL"] == "https://reuters.com/a1"
    for unknown in ("AvgTone", "Actor1EthnicCode", "ActionGeo_ADM2Code"):
        assert strike[unknown] == ""
    assert int(strike["GLOBALEVENTID"]) > 0


def test_gdelt_without_header_and_with_filters(filled, tmp_path):
    out = tmp_path / "e.tsv"
    n = export(filled, EventQuery(dyad=Dyad.parse("IRN:USA"), limit=None), "gdelt", str(out), header=False)
    assert n == 1
    (line,) = out.read_text().splitlines()
    assert line.split("\t")[26] == "042"


def test_gdelt_is_for_events_only(filled, tmp_path):
    with pytest.raises(StoreError, match="GDELT layout holds deduplicated events"):
        export(filled, EventQuery(level="mentions", limit=None), "gdelt", str(tmp_path / "x"))


def test_jsonl_events(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    export(filled, EventQuery(limit=None), "jsonl", str(out))
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["cameo"] for e in events] == ["190", "042"]
    strike = events[0]
    assert strike["source"] == {"code": "RUSMIL", "country": "RUS", "role": "MIL", "group": None, "name": "RUSMIL"}
    assert strike["location"] == {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23}
    assert len(strike["mention_ids"]) == 2 and strike["num_mentions"] == 2
    assert strike["date"] == day(10).isoformat()
    assert events[1]["location"] is None


def test_jsonl_mentions_with_and_without_all(filled, tmp_path):
    out = tmp_path / "m.jsonl"
    assert export(filled, EventQuery(level="mentions", limit=None), "jsonl", str(out)) == 3
    assert export(filled, EventQuery(level="mentions", include_all=True, limit=None), "jsonl", str(out)) == 4
    modalities = sorted(json.loads(line)["modality"] for line in out.read_text().splitlines())
    assert modalities == ["asserted", "asserted", "asserted", "negated"]


def test_csv_and_parquet(filled, tmp_path):
    export(filled, EventQuery(date_from=day(10), date_to=day(10), limit=None), "csv", str(tmp_path / "e.csv"))
    rows = list(csv.DictReader(open(tmp_path / "e.csv", newline="")))
    assert len(rows) == 1 and rows[0]["cameo"] == "190" and rows[0]["num_mentions"] == "2"
    assert rows[0]["evidence"] == "Russian forces shelled\tKharkiv\non Tuesday."  # CSV quotes it intact
    export(filled, EventQuery(limit=None), "parquet", str(tmp_path / "e.parquet"))
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 2
    assert "num_sources" in table.column_names and "event_id" in table.column_names
    export(filled, EventQuery(level="mentions", include_all=True, limit=None), "parquet", str(tmp_path / "m.parquet"))
    assert pq.read_table(tmp_path / "m.parquet").num_rows == 4


def test_gdelt_flattens_tabs_and_newlines(filled, tmp_path):
    out = tmp_path / "e.tsv"
    filled.con.execute("UPDATE events SET location_name = 'Khar\tkiv\nCity' WHERE cameo = '190'")
    export(filled, EventQuery(limit=None), "gdelt", str(out), header=False)
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)
    assert lines[0].split("\t")[52] == "Khar kiv City, Ukraine"


def test_export_to_a_missing_folder(filled, tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        export(filled, EventQuery(limit=None), "csv", str(tmp_path / "no" / "e.csv"))
