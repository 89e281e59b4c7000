"""The forms of an Event (contract dict, Arrow, flat row) agree with each other and carry PLOVER."""
from __future__ import annotations

import pyarrow as pa
from factories import make_event

from newsevents.model import Place
from newsevents.model_forms import CONTRACT_FIELDS, EVENT_ARROW_SCHEMA, MENTION_ROW_SCHEMA, mention_row
from newsevents.store.coded import event_from_dict


def test_the_contract_dict_has_the_contract_fields_in_order_with_plover_after_quad_class():
    d = make_event("d", 0, 0, plover="ASSAULT").to_dict()
    assert tuple(d) == CONTRACT_FIELDS
    assert d["plover"] == "ASSAULT"
    assert make_event("d", 0, 0).to_dict()["plover"] is None


def test_the_arrow_schema_names_the_contract_fields():
    assert tuple(EVENT_ARROW_SCHEMA.names) == CONTRACT_FIELDS
    table = pa.Table.from_pylist([make_event("d", 0, 0, plover="ASSAULT").to_dict()], schema=EVENT_ARROW_SCHEMA)
    assert table.column("plover").to_pylist() == ["ASSAULT"]


def test_a_dict_reads_back_to_the_same_event_and_old_dicts_without_plover_still_read():
    event = make_event("d", 3, 5, "USAGOV", "IRN", "112", location=Place("Tehran", "IRN", 35.7, 51.4),
                       plover="ACCUSE")
    assert event_from_dict(event.to_dict()) == event
    old = {k: v for k, v in make_event("d", 0, 0).to_dict().items() if k != "plover"}
    assert event_from_dict(old).plover is None


def test_the_flat_row_has_the_store_columns():
    row = mention_row("a1", make_event("a1", 0, 0, plover="ASSAULT"))
    assert tuple(row) == tuple(MENTION_ROW_SCHEMA.names)
    assert row["plover"] == "ASSAULT" and row["source_code"] == "RUSMIL"
