"""Article layout: paragraphs and datelines bound sentences (coding/article.py)."""
from __future__ import annotations

import pytest

from newsevents.coding.article import datelines


@pytest.mark.parametrize("text, place, date, agency", [
    ("KYIV, Ukraine (AP) — Russian forces struck a hypermarket.", "KYIV, Ukraine", None, "AP"),
    ("BRUSSELS/VILNIUS, May 25 (Reuters) - NATO said on Saturday ...", "BRUSSELS/VILNIUS", "May 25", "Reuters"),
    ("MOGADISHU, Aug. 3 - Gunmen stormed a hotel.", "MOGADISHU", "Aug. 3", None),
    ("PORT-AU-PRINCE, Haiti (AP) — The first Kenyan police landed.", "PORT-AU-PRINCE, Haiti", None, "AP"),
    ("Headline here\n\nTEL AVIV, Oct 18 (wire) - Biden said ...", "TEL AVIV", "Oct 18", "wire"),
])
def test_datelines_are_parsed(text, place, date, agency):
    [d] = datelines(text)
    assert (d.place, d.date_text, d.agency) == (place, date, agency)
    assert not text[d.end].isspace()   # the story starts right after it


@pytest.mark.parametrize("text", [
    "Officials - including the minister - met on Monday.",
    "NATO members met in Brussels on Monday.",
    "Russia and Ukraine exchanged prisoners.",
])
def test_ordinary_openings_are_no_datelines(text):
    assert datelines(text) == []


def test_no_sentence_spans_headline_dateline_or_paragraphs(coder):
    text = ("Rebels, Gadhafi forces both make gains in Libya\n\nTRIPOLI, Libya – Government forces in tanks rolled "
            "into the city closest to Tripoli.\n\nThe rebels seized a town in the east")
    sents = [s.text.strip() for s in coder.nlp(text).sents]
    assert sents[0] == "Rebels, Gadhafi forces both make gains in Libya"
    assert "TRIPOLI, Libya –" in sents and sents[-1] == "The rebels seized a town in the east"


def test_dateline_place_is_never_an_actor(code):
    events = code("KYIV, Ukraine (AP) — Russian forces struck a hypermarket in Kharkiv on Saturday.", "2024-05-26")
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {("RUSMIL", "UKR")}
    athens = code("ATHENS, May 3 (Reuters) - Russian forces shelled Kharkiv on Saturday.", "2024-05-04")
    assert [(e.source.country, e.target.country) for e in athens] == [("RUS", "UKR")]
