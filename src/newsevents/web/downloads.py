"""The dashboard's "Download CSV": the rows of the current events view (the filters of `/api/events`, the
same cap on rows) as CSV text, written out row by row.

The rows are those of `/api/events` (flat columns, labels included, 60-bit event ids as text), fetched under
the store's time limit and at most `MAX_QUERY_ROWS` of them; the CSV is then streamed from them.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

CSV_CHUNK_ROWS = 500


def csv_chunks(rows: Iterable[dict], columns: list[str]) -> Iterator[str]:
    """The CSV text of `rows` (a header of `columns`, then one line per row), `CSV_CHUNK_ROWS` rows a chunk."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if n % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_columns(rows: list[dict]) -> list[str]:
    """The columns of the rows, in the order of the first (every row of one query has the same keys)."""
    return list(rows[0]) if rows else ["event_id"]


def csv_filename(level: str) -> str:
    return f"newsevents-{level}.csv"


def _cell(value):
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    return value
