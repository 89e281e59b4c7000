"""Read input files into `Article` records, one record at a time: the dispatcher over the format modules.

`read_articles` takes the paths given to `newsevents code` (DESIGN.md) and yields, in input order:

- an `Article` for each good record;
- a `RecordError` for each record it had to reject (malformed JSON, empty, binary, too large, not valid
  UTF-8, not English), after which it goes on with the next record;
- a `RecordWarning` just before an `Article` whose `published` value could not be parsed (the article still
  comes through, with the fallback date or None).

A path that cannot be read at all (missing, permission denied, unsupported type, a folder with nothing to
read) raises `InputError`: the CLI makes that a hard error. Paths are checked when `read_articles` is
called, before the first record is read, so a typo in the last path fails the run at once.

Supported inputs, one module each: `.jsonl` and `.jsonl.gz` (one JSON object per line) and `-` (JSON Lines
on standard input) in `jsonl.py`; `.txt` (one article per file) in `text.py`; `.html` / `.htm` (main text
and metadata via trafilatura) in `html.py`; `.warc` / `.warc.gz` (the HTML pages of a web crawl) in
`warc.py`; `.csv` / `.csv.gz` / `.parquet` (one article per row, columns named by `TableColumns`) in
`tables.py`; and folders (their supported files, sorted by name, not recursive). What they share (the
text checks, the record fields) is in `common.py`.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsevents import settings
from newsevents.model import Article, RecordError
from newsevents.sources.common import FileSkipped, InputError, RecordWarning, TableColumns, TextChecks
from newsevents.sources.html import HTML_SUFFIXES, read_html_file
from newsevents.sources.jsonl import JSONL_SUFFIXES, STDIN, read_jsonl_file, read_stdin
from newsevents.sources.tables import TABLE_SUFFIXES, check_columns, read_table
from newsevents.sources.text import TEXT_SUFFIXES, read_text_file
from newsevents.sources.warc import WARC_SUFFIXES, read_warc

SUPPORTED_SUFFIXES = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + TABLE_SUFFIXES


def read_articles(paths: Iterable[str], *, published: dt.date | None = None, max_chars: int = 1_000_000,
                  stdin: IO | None = None, english_only: bool = True, columns: TableColumns | None = None,
                  published_range: tuple[dt.date, dt.date] | None = None, keep_going: bool = False,
                  ) -> Iterator[Article | RecordError | RecordWarning | FileSkipped]:
    """Yield the records of every input in order: Articles, RecordErrors and RecordWarnings.

    `published` is the fallback publication date for records that carry none (always the date for `.txt`).
    `max_chars` rejects longer texts. `stdin` replaces standard input for `-` (a text or binary stream).
    `english_only=False` turns the language check off. `columns` names the columns of CSV and Parquet
    inputs (default `TableColumns()`). `published_range` is the plausible publication dates (default:
    the settings `earliest_published` and `latest_published_days`); a date outside it is a RecordWarning
    and the article comes without one. Raises InputError, before reading anything, for a path that cannot
    be read (a table without the named columns included). A file that fails later, while being read,
    raises InputError too, unless `keep_going`: then it is yielded as a `FileSkipped` and the next file
    is read.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    columns = columns or TableColumns()
    files = [f for path in paths for f in _expand(str(path))]
    for path in files:
        if path.lower().endswith(TABLE_SUFFIXES):
            check_columns(path, columns)
    checks = TextChecks(max_chars=max_chars, english_only=english_only,
                        dates=published_range or settings.published_range())
    return _read_all(files, published=published, stdin=stdin, checks=checks, columns=columns,
                     keep_going=keep_going)


def _read_all(files: list[str], *, published: dt.date | None, stdin: IO | None, checks: TextChecks,
              columns: TableColumns, keep_going: bool) -> Iterator[Article | RecordError | RecordWarning]:
    for path in files:
        try:
            yield from _read_one(path, published, stdin, checks, columns)
        except InputError as exc:
            if not keep_going:
                raise
            yield FileSkipped(exc.path, exc.reason)


def _read_one(path: str, published: dt.date | None, stdin: IO | None, checks: TextChecks,
              columns: TableColumns) -> Iterator[Article | RecordError | RecordWarning]:
    name = path.lower()
    if path == STDIN:
        yield from read_stdin(stdin, published, checks)
    elif name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl_file(path, published, checks)
    elif name.endswith(TEXT_SUFFIXES):
        yield read_text_file(path, published, checks)
    elif name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, published, checks)
    elif name.endswith(TABLE_SUFFIXES):
        yield from read_table(path, columns, published, checks)
    else:
        yield from read_html_file(path, published, checks)


def count_records(paths: Iterable[str]) -> int | None:
    """The number of records in the inputs, counted cheaply (lines of `.jsonl`, rows of `.parquet` from its
    metadata, one per `.txt` / `.html`), or None when a count would mean reading the inputs as a whole
    (standard input, `.gz`, `.csv`, `.warc`) or a path cannot be read. Blank lines count: it is the total of a
    progress bar, not a promise."""
    total = 0
    try:
        files = [f for path in paths for f in _expand(str(path))]
    except InputError:
        return None
    for path in files:
        name = path.lower()
        try:
            if name.endswith(".jsonl"):
                with open(path, "rb") as fh:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            elif name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
                total += 1
            elif name.endswith(".parquet"):
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            else:
                return None
        except (OSError, ValueError):
            return None
    return total


def _expand(path: str) -> list[str]:
    """The readable files behind one argument, or InputError."""
    if path == STDIN:
        return [path]
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file or directory")
    if not os.access(p, os.R_OK):
        raise InputError(path, "permission denied")
    if p.is_dir():
        if not os.access(p, os.X_OK):
            raise InputError(path, "permission denied")
        found = sorted(str(f) for f in p.iterdir()
                       if f.is_file() and not f.name.startswith(".") and _supported(f.name))
        if not found:
            raise InputError(path, f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
        unreadable = [f for f in found if not os.access(f, os.R_OK)]
        if unreadable:
            raise InputError(unreadable[0], "permission denied")
        return found
    if not _supported(p.name):
        raise InputError(path, f"unsupported file type (expected {', '.join(SUPPORTED_SUFFIXES)})")
    return [path]


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)
