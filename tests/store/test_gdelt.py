"""The GDELT 2.0 exports loaded as GDELT users load them: pandas with GDELT's published headers, joined on
GDELT's lookup codes (CAMEO known groups, FIPS countries)."""
from __future__ import annotations

import pandas as pd
import pytest
from gdelt_headers import EVENT_HEADERS, MENTION_HEADERS
from store_factories import actor, make_article, make_event

from newsevents.model import Place
from newsevents.store.export import export
from newsevents.store.ingest import store_coded
from newsevents.store.query import EventQuery

# Rows of GDELT's lookup files (CAMEO.knowngroup.txt; FIPS 10-4 country codes as in the *Geo_CountryCode columns).
KNOWN_GROUPS = pd.DataFrame({"code": ["UNO", "EEC", "NAT", "HMS", "TAL", "HEZ"],
                             "label": ["United Nations", "European Union", "NATO", "Hamas", "Taliban", "Hezbollah"]})
FIPS = pd.DataFrame({"code": ["UP", "RS", "KV", "IS", "GZ", "US", "AF"],
                     "label": ["Ukraine", "Russia", "Kosovo", "Israel", "Gaza Strip", "United States", "Afghanistan"]})

KHARKIV = Place("Kharkiv", "UKR", 49.99, 36.23)
UKRAINE = Place("Ukraine", "UKR", 48.38, 31.17)
GAZA = Place("Gaza", "PSE", 31.5, 34.47)


@pytest.fixture
def filled(store):
    hamas, un, eu, nato, taliban = (actor(g) for g in ("HAMAS", "UN", "EU", "NATO", "TALIBAN"))
    store_coded(store, [
        (make_article("a1", 10, source="Wire A", url="https://example.org/a1"),
         [make_event("a1", 0, 10, actor("RUSMIL", "Russian forces"), "UKR", "190", location=KHARKIV, plover="ASSAULT",
                     sentence="Russian forces shelled Kharkiv on Tuesday.", span=(15, 22)),
          make_event("a1", 2, 10, "USAGOV", "IRNGOV", "042", modality="hypothetical")]),
        (make_article("a2", 11, url="https://example.org/a2"),
         [make_event("a2", 0, 10, "RUSMIL", "UKR", "190", location=KHARKIV),
          make_event("a2", 3, 11, "ISRMIL", hamas, "190", location=GAZA),
          make_event("a2", 4, 11, un, eu, "036"),
          make_event("a2", 5, 11, nato, "XKXGOV", "057", location=UKRAINE),
          make_event("a2", 6, "2024-03-01", "USAGOV", taliban, "112", precision="month")]),
    ])
    return store


def _events(store, tmp_path) -> pd.DataFrame:
    out = tmp_path / "events.export.CSV"
    export(store, EventQuery(limit=None), "gdelt", str(out), header=False)
    return pd.read_csv(out, sep="\t", header=None, names=EVENT_HEADERS, dtype={"GLOBALEVENTID": "int64"},
                       keep_default_na=True)


def test_events_load_with_gdelt_headers_and_join_gdelt_lookups(filled, tmp_path):
    df = _events(filled, tmp_path)
    assert len(df) == 5 and list(df.columns) == EVENT_HEADERS
    groups = set(df.merge(KNOWN_GROUPS, left_on="Actor1KnownGroupCode", right_on="code").label) | \
        set(df.merge(KNOWN_GROUPS, left_on="Actor2KnownGroupCode", right_on="code").label)
    assert groups == {"United Nations", "European Union", "NATO", "Hamas", "Taliban"}
    codes = set(df.Actor1Code) | set(df.Actor2Code)
    assert {"IGOUNO", "IGOEUREEC", "IGOWSTNAT", "PSEREBHMS", "AFGREBTAL", "KSVGOV", "RUSMIL"} <= codes
    assert "KSV" in set(df.Actor2CountryCode)
    by_place = df.merge(FIPS, left_on="ActionGeo_CountryCode", right_on="code")
    assert set(by_place.label) == {"Ukraine", "Gaza Strip"}
    assert df.groupby("ActionGeo_CountryCode").size().to_dict() == {"GZ": 1, "UP": 2}


def test_geography_is_filled_wherever_there_is_a_place(filled, tmp_path):
    df = _events(filled, tmp_path).set_index("EventCode", drop=False)
    strike = df[df.Actor1Code == "RUSMIL"].iloc[0]
    assert (strike.ActionGeo_Type, strike.ActionGeo_FullName, strike.ActionGeo_CountryCode) == \
        (4, "Kharkiv, Ukraine", "UP")
    assert (strike.ActionGeo_Lat, strike.ActionGeo_Long) == (49.99, 36.23)
    assert strike.ActionGeo_ADM1Code == "UP07"   # Kharkiv oblast, as GDELT writes it
    assert strike.ActionGeo_FeatureID.startswith("NE") and strike.Actor1Geo_FeatureID == strike.ActionGeo_FeatureID
    assert strike.IsRootEvent == 1 and strike.NumArticles == 2
    country = df[df.Actor1Code == "IGOWSTNAT"].iloc[0]
    assert (country.ActionGeo_Type, country.ActionGeo_CountryCode, country.ActionGeo_FeatureID) == (1, "UP", "UP")
    # No place: each actor's country, at its representative point; the action has none.
    talks = df[df.Actor1Code == "USAGOV"].iloc[0]
    assert (talks.Actor1Geo_Type, talks.Actor1Geo_CountryCode, talks.Actor2Geo_CountryCode) == (1, "US", "AF")
    assert pd.isna(talks.ActionGeo_Type) and pd.notna(talks.Actor1Geo_Lat)


def test_month_precision_is_the_first_of_the_month_and_said_in_the_mentions(filled, tmp_path):
    df = _events(filled, tmp_path)
    assert df[df.Actor1Code == "USAGOV"].SQLDATE.tolist() == [20240301]
    mentions = _mentions(filled, tmp_path)
    extras = mentions[mentions.GlobalEventID == df[df.Actor1Code == "USAGOV"].GLOBALEVENTID.iloc[0]].Extras
    assert extras.str.contains("<DATE_PRECISION>month</DATE_PRECISION>").all()


def _mentions(store, tmp_path, query: EventQuery | None = None) -> pd.DataFrame:
    out = tmp_path / "mentions.CSV"
    export(store, query or EventQuery(level="mentions", limit=None), "gdelt-mentions", str(out), header=False)
    return pd.read_csv(out, sep="\t", header=None, names=MENTION_HEADERS, dtype={"GlobalEventID": "Int64"})


def test_mentions_load_with_gdelt_headers_and_link_to_events(filled, tmp_path):
    events = _events(filled, tmp_path)
    df = _mentions(filled, tmp_path)
    assert list(df.columns) == MENTION_HEADERS and len(df) == 6
    assert set(df.GlobalEventID) == set(events.GLOBALEVENTID)
    linked = df.merge(events, left_on="GlobalEventID", right_on="GLOBALEVENTID")
    strike = linked[(linked.Actor1Code == "RUSMIL")].sort_values("MentionIdentifier")
    assert strike.MentionIdentifier.tolist() == ["https://example.org/a1", "https://example.org/a2"]
    first = strike.iloc[0]
    assert (first.MentionSourceName, first.SentenceID, first.MentionType, first.InRawText) == ("Wire A", 1, 1, 1)
    assert (first.Actor1CharOffset, first.Actor2CharOffset, first.ActionCharOffset) == (0, -1, 15)
    assert first.Confidence == 80 and first.MentionTimeDate == 20240311000000
    assert first.Extras.startswith("<MODALITY>asserted</MODALITY>") and "<PLOVER>ASSAULT</PLOVER>" in first.Extras


def test_mentions_with_all_carry_the_modality_and_no_event(filled, tmp_path):
    df = _mentions(filled, tmp_path, EventQuery(level="mentions", include_all=True, limit=None))
    assert len(df) == 7
    hypothetical = df[df.Extras.str.contains("<MODALITY>hypothetical</MODALITY>")]
    assert len(hypothetical) == 1 and hypothetical.GlobalEventID.isna().all()
