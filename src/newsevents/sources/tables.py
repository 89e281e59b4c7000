"""Read articles from tables: CSV (`.csv`, `.csv.gz`) and Parquet (`.parquet`), one article per row.

The columns are named by `TableColumns` (`--text-column`, `--date-column`, `--id-column`); columns called
`url`, `source` and `title` are read when present, every other column is ignored. Each row goes through the
same checks as a JSON Lines record (`common.record_from_object`): a row with an empty, binary, oversized
or non-English text is a `RecordError`, an unparseable date a `RecordWarning`, a missing id becomes
`FILE:ROW` (the row's number, header not counted).

Both formats are streamed: CSV row by row, Parquet in record batches of only the needed columns.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import os
import sys
import zlib
from collections.abc import Iterator

from newsevents.model import Article, RecordError
from newsevents.sources.common import (InputError, RecordWarning, TableColumns, TextChecks,
                                       record_from_object)

OPTIONAL_COLUMNS = ("url", "source", "title")
DEFAULT_DATE_COLUMN = "published"
DEFAULT_ID_COLUMN = "id"
PARQUET_BATCH_ROWS = 256
TABLE_SUFFIXES = (".csv", ".csv.gz", ".parquet")


def check_columns(path: str, columns: TableColumns) -> None:
    """InputError unless the table at `path` has the text column and the columns named explicitly."""
    present = _header(path)
    wanted = [columns.text] + [c for c in (columns.date, columns.id) if c is not None]
    missing = [c for c in wanted if c not in present]
    if missing:
        shown = ", ".join(present) if present else "none"
        raise InputError(path, f"no column {missing[0]!r} (columns: {shown}); name the columns with "
                               f"--text-column, --date-column and --id-column")


def read_table(path: str, columns: TableColumns, published: dt.date | None,
               checks: TextChecks) -> Iterator[Article | RecordError | RecordWarning]:
    """The records of one CSV or Parquet file, row by row."""
    name = os.path.basename(path)
    rows = _parquet_rows(path, columns) if path.lower().endswith(".parquet") else _csv_rows(path, columns)
    for row in rows:
        if isinstance(row, RecordError):
            yield row
            continue
        row_no, where, obj = row
        yield from record_from_object(obj, where, f"{name}:{row_no}", published, checks)


def _mapping(present: list[str], columns: TableColumns) -> dict[str, str]:
    """record field -> table column, for the columns this table has."""
    mapping = {"text": columns.text}
    date = columns.date or (DEFAULT_DATE_COLUMN if DEFAULT_DATE_COLUMN in present else None)
    ident = columns.id or (DEFAULT_ID_COLUMN if DEFAULT_ID_COLUMN in present else None)
    if date:
        mapping["published"] = date
    if ident:
        mapping["id"] = ident
    for field in OPTIONAL_COLUMNS:
        if field in present and field not in mapping.values():
            mapping[field] = field
    return mapping


def _header(path: str) -> list[str]:
    """The column names of a table (InputError when it cannot be read as one)."""
    if path.lower().endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            return list(pq.read_schema(path).names)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(path, f"not a readable Parquet file ({exc})") from exc
    try:
        with _open_csv(path) as fh:
            return next(csv.reader(fh), [])
    except (EOFError, zlib.error, csv.Error, gzip.BadGzipFile) as exc:
        raise InputError(path, f"not a readable CSV file ({exc})") from exc
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc


# ---------------------------------------------------------------------------------------------- CSV

def _open_csv(path: str):
    # surrogateescape: a row that is not valid UTF-8 is rejected by the text checks, not the whole file.
    opener = gzip.open if path.lower().endswith(".gz") else open
    return opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="")


def _csv_rows(path: str, columns: TableColumns) -> Iterator[tuple[int, str, dict] | RecordError]:
    """(row number, where, record fields) per data row; a file that breaks part-way (a truncated .gz, a
    malformed row) ends with one RecordError for the rest of it."""
    csv.field_size_limit(sys.maxsize)  # the text checks reject oversized texts, with a reason
    row_no = 0
    try:
        with _open_csv(path) as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            index = {field: header.index(col) for field, col in _mapping(header, columns).items()}
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                row_no += 1
                yield row_no, f"{path}:{reader.line_num}", {
                    field: (row[i] if i < len(row) else None) for field, i in index.items()}
    except (OSError, EOFError, zlib.error, csv.Error) as exc:
        reason = (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__
        yield RecordError(f"row {row_no + 1}", f"input ends early: {reason}", f"{path}:row {row_no + 1}")


# ---------------------------------------------------------------------------------------------- Parquet

def _parquet_rows(path: str, columns: TableColumns) -> Iterator[tuple[int, str, dict] | RecordError]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    row_no = 0
    try:
        table = pq.ParquetFile(path)
        mapping = _mapping(list(table.schema_arrow.names), columns)
        wanted = list(dict.fromkeys(mapping.values()))
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            for values in batch.to_pylist():
                row_no += 1
                yield row_no, f"{path}:row {row_no}", {field: _plain(values[col])
                                                       for field, col in mapping.items()}
    except (OSError, pa.ArrowException) as exc:
        if row_no == 0:
            raise InputError(path, f"not a readable Parquet file ({exc})") from exc
        yield RecordError(f"row {row_no + 1}", f"input ends early: {exc}", f"{path}:row {row_no + 1}")


def _plain(value):
    """A Parquet value as a JSON Lines record would hold it (dates and timestamps as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
