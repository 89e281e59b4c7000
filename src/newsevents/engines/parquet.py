"""Events as a Parquet dataset partitioned by event date (`--parquet DIR`).

Layout (Hive style, as DuckDB, pyarrow, Spark and pandas read it):

    DIR/date=2024-04-14/part-00000.parquet
    DIR/date=2024-04-15/part-00000.parquet
    DIR/date=__HIVE_DEFAULT_PARTITION__/part-00000.parquet     (events without a date)

Each row is one event of the `newsevents code` contract (DESIGN.md) with the same fields, nested ones as
structs (`source`, `target`, `location`) and `span` as a list; `date` lives in the folder name. Two more
columns give the order of the JSON Lines stream: `input_index` (the article's position among the coded
articles) and `event_index` (the event's position in that article). `read_events(DIR)` gives back the
contract dicts in that order; in DuckDB:

    SELECT * FROM read_parquet('DIR/*/*.parquet', hive_partitioning = true)
    ORDER BY input_index, event_index

The driver writes the files as the ordered results come in, `rows_per_file` events at a time (one file per
date among them, numbered by flush), so the files too are the same whatever the engine and the number of
workers.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.model import Event
from newsevents.model_forms import CONTRACT_FIELDS as CONTRACT_ORDER, event_arrow_schema

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
DEFAULT_ROWS_PER_FILE = 100_000

EVENT_SCHEMA = event_arrow_schema(without=("date",), extra=(("input_index", pa.int64()), ("event_index", pa.int32())))


class ParquetSink:
    """Writes (input index, events) in input order to a new dataset folder."""

    def __init__(self, folder: str | Path, *, include_all: bool = True,
                 rows_per_file: int = DEFAULT_ROWS_PER_FILE):
        self.folder = Path(folder)
        if self.folder.exists() and (not self.folder.is_dir() or any(self.folder.iterdir())):
            raise FileExistsError(f"--parquet {folder}: exists and is not an empty folder (give a new one)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.include_all = include_all
        self.rows_per_file = rows_per_file
        self.rows_written = 0
        self.files_written = 0
        self._rows: list[tuple[str, dict]] = []
        self._flushes = 0

    def add(self, input_index: int, events: Sequence[Event]) -> None:
        kept = [e for e in events if self.include_all or e.modality == "asserted"]
        for event_index, event in enumerate(kept):
            row = event.to_dict()
            date = row.pop("date") or NULL_PARTITION
            row["input_index"] = input_index
            row["event_index"] = event_index
            self._rows.append((date, row))
        if len(self._rows) >= self.rows_per_file:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        by_date: dict[str, list[dict]] = {}
        for date, row in self._rows:
            by_date.setdefault(date, []).append(row)
        for date in sorted(by_date):
            part = self.folder / f"date={date}"
            part.mkdir(exist_ok=True)
            table = pa.Table.from_pylist(by_date[date], schema=EVENT_SCHEMA)
            pq.write_table(table, part / f"part-{self._flushes:05d}.parquet")
            self.files_written += 1
        self.rows_written += len(self._rows)
        self._rows = []
        self._flushes += 1

    def close(self) -> None:
        self.flush()


def read_events(folder: str | Path) -> Iterator[dict]:
    """The events of a dataset written by `ParquetSink`, as contract dicts, in input order."""
    files = sorted(Path(folder).glob("date=*/part-*.parquet"))
    rows: list[tuple[int, int, dict]] = []
    for path in files:
        date = path.parent.name.removeprefix("date=")
        for row in pq.read_table(path, schema=EVENT_SCHEMA).to_pylist():
            row["date"] = None if date == NULL_PARTITION else dt.date.fromisoformat(date).isoformat()
            rows.append((row.pop("input_index"), row.pop("event_index"), row))
    rows.sort(key=lambda r: (r[0], r[1]))
    for _, _, row in rows:
        yield {name: row[name] for name in CONTRACT_ORDER}
