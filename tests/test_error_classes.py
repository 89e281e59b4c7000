"""Error classes of spurious events and misses against a gold item (error_classes.py)."""
from __future__ import annotations

from newsevents.error_classes import classify
from newsevents.evaluate import GoldItem


def _event(src, tgt, cameo, modality="asserted", date="2024-05-15"):
    actor = lambda code: None if code is None else {"code": code, "country": code[:3], "role": None, "group": None}
    return {"doc_id": "g", "source": actor(src), "target": actor(tgt), "cameo": cameo, "root": cameo[:2],
            "modality": modality, "date": date, "location": None}


def test_classes_of_spurious_events_and_misses():
    item = GoldItem.from_dict({
        "id": "g", "published": "2024-05-15", "text": "...", "exhaustive": True,
        "expect": [{"src": "RUS", "tgt": "UKR", "roots": ["19"], "date": ["2024-05-14"], "loc": None},
                   {"src": "USA", "tgt": "UKR", "roots": ["07"], "date": None, "loc": None},
                   {"src": "FRA", "tgt": "RUS", "roots": ["11"], "date": None, "loc": None},
                   {"src": "CHN", "tgt": "RUS", "roots": ["04"], "date": None, "loc": None}],
        "forbid": [{"src": "UKR", "tgt": "RUS", "roots": ["19"]}]})
    events = [_event("RUS", "UKR", "190", date="2024-05-15"),     # expected, wrong date
              _event("UKR", "RUS", "190"),                         # forbidden
              _event("UKR", "USA", "070"),                         # reversed
              _event("FRA", "RUS", "010"),                         # right actors, wrong root
              _event("CHN", None, "040"),                          # target missing
              _event("DEU", "ITA", "040"),                         # nothing of the kind
              _event("USA", "UKR", "070", modality="future")]      # the expected aid, hedged
    found = classify([item], events)
    assert found.spurious == {"not asserted by the text": 1, "source and target reversed": 1,
                              "right actors, wrong root": 1, "target missing": 1,
                              "matches nothing in the article": 1}
    assert found.misses == {"date or place wrong": 1, "coded as not asserted": 1, "pair coded, not this act": 1,
                            "target missing": 1}
    assert "target missing" in found.format()
