"""What every reader shares: the records a reader yields besides `Article`s (`InputError`, `RecordWarning`),
the checks every text passes (`TextChecks`), and the turning of one record's fields into an `Article`
(`record_from_object`), whatever file format they came from.

The format modules (`jsonl`, `text`, `html`, `tables`, `warc`) import from here and from nothing else in
`sources/` but `html` (which `warc` uses for its pages); `readers.read_articles` dispatches to them.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from newsevents.model import Article, RecordError
from newsevents.sources.language import MIN_ENGLISH_RATIO, english_stopword_ratio

BINARY_SAMPLE_CHARS = 8192
MAX_CONTROL_RATIO = 0.10      # share of control characters (NUL included) that makes a text "binary"

SURROGATE = re.compile(r"[\ud800-\udfff]")
JSON_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
                   bool: "boolean", type(None): "null"}


class InputError(Exception):
    """An input path that cannot be read at all; the run cannot go on as asked."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RecordWarning:
    """Something odd about a record that is still accepted (it is yielded just before its Article)."""

    record_id: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        loc = f" ({self.where})" if self.where else ""
        return f"record {self.record_id!r}{loc}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FileSkipped:
    """A whole input file that failed while being read (`read_articles(keep_going=True)`): it is reported,
    and the next file is read."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"cannot read {self.path}: {self.reason} (file skipped)"


@dataclass(frozen=True, slots=True)
class TableColumns:
    """Which columns of a CSV or Parquet input hold what (`--text-column`, `--date-column`, `--id-column`).

    `text` must exist. `date` and `id` default to the columns `published` and `id` when the table has them
    (else the fallback date and `FILE:ROW` ids); named explicitly, they must exist. Columns called `url`,
    `source` and `title` are read when present.
    """

    text: str = "text"
    date: str | None = None
    id: str | None = None


# ---------------------------------------------------------------------------------------------- text checks

@dataclass(frozen=True, slots=True)
class TextChecks:
    """The checks every text passes, whatever file it came from."""

    max_chars: int
    english_only: bool
    dates: tuple[dt.date, dt.date] = (dt.date.min, dt.date.max)   # plausible publication dates

    def plausible_date(self, record_id: str, date: dt.date | None, where: str = "",
                       ) -> tuple[dt.date | None, RecordWarning | None]:
        """The date, or None and a warning when it lies outside the plausible range (`dates`): relative
        dates ("on Saturday") are then left unresolved rather than counted from 9999-12-31."""
        earliest, latest = self.dates
        if date is None or earliest <= date <= latest:
            return date, None
        return None, RecordWarning(record_id, f"implausible published date {date.isoformat()} (outside "
                                              f"{earliest.isoformat()} .. {latest.isoformat()}); coded "
                                              f"without a publication date", where)

    def problem(self, text: str) -> str | None:
        """Why the text must be rejected, or None."""
        if not text.strip():
            return "empty text"
        if len(text) > self.max_chars:
            return f"text too large: {len(text):,} characters > limit {self.max_chars:,}"
        if SURROGATE.search(text):
            return "not valid Unicode (unpaired surrogate escape in the text)"
        if looks_binary(text):
            return "binary content"
        if self.english_only:
            ratio = english_stopword_ratio(text)
            if ratio is not None and ratio < MIN_ENGLISH_RATIO:
                return f"not English (stopword ratio {ratio:.2f})"
        return None


def looks_binary(text: str) -> bool:
    """Too many control or replacement characters among the first characters of `text`."""
    sample = text[:BINARY_SAMPLE_CHARS]
    bad = sum(1 for ch in sample
              if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"))
    return bad / len(sample) > MAX_CONTROL_RATIO


# ---------------------------------------------------------------------------------------------- records

def record_from_object(obj: dict, where: str, fallback_id: str, published: dt.date | None,
                       checks: TextChecks) -> Iterator[Article | RecordError | RecordWarning]:
    """The records of one JSON-like object (a JSON line, a table row): an Article (maybe after a
    RecordWarning about its date) or a RecordError."""
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        record_id = fallback_id
    elif isinstance(raw_id, str) and not SURROGATE.search(raw_id):
        record_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        record_id = str(raw_id)
    else:
        yield RecordError(fallback_id, f"id must be a string (got {JSON_TYPE_NAMES.get(type(raw_id), 'value')})",
                          where)
        return
    text = obj.get("text")
    if text is None:
        reason = "empty text (no \"text\" field)"
    elif not isinstance(text, str):
        reason = f"empty text (\"text\" is a {JSON_TYPE_NAMES.get(type(text), 'value')}, not a string)"
    else:
        reason = checks.problem(text)
    if reason:
        yield RecordError(record_id, reason, where)
        return
    date, warning = _published_of(obj.get("published"), published)
    if warning:
        yield RecordWarning(record_id, warning, where)
    date, implausible = checks.plausible_date(record_id, date, where)
    if implausible:
        yield implausible
    yield Article(id=record_id, text=text, published=date, url=optional_str(obj.get("url")),
                  source=optional_str(obj.get("source")), title=optional_str(obj.get("title")))


def _published_of(value, fallback: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The record's date (or the fallback) and, for a value that is present but unusable, a warning."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback, None
    date = parse_published(value) if isinstance(value, str) else None
    if date is not None:
        return date, None
    shown = value if isinstance(value, str) else json.dumps(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    using = f"; using {fallback.isoformat()}" if fallback else ""
    return fallback, f"unparseable published date {shown!r}{using}"


def parse_published(value: str) -> dt.date | None:
    """The date of a publication date as feeds and sites write it, else None (never a guess):

    - `YYYY-MM-DD` and ISO 8601 timestamps (`Z` or an offset allowed);
    - RFC 2822, as RSS writes it: `Sun, 26 May 2024 10:00:00 +0000`;
    - a written date with day, month and year, in any order `dateparser` reads strictly: `May 26, 2024`,
      `26 May 2024`, `2024-05-26 10:00:00 +0200`. A month or a year alone, relative words ("yesterday"),
      bare numbers and all-numeric dates whose day and month could be swapped (`05/06/2024`) are refused.

    A timestamp keeps the calendar date it was written with (the publisher's local date), not UTC's.
    """
    value = value.strip()
    if not value or len(value) > MAX_DATE_CHARS:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    numeric = AMBIGUOUS_NUMERIC_DATE.match(value)
    if numeric and numeric["a"] != numeric["b"] and int(numeric["a"]) <= 12 and int(numeric["b"]) <= 12:
        return None
    date = _dateparser_date(value)
    iso = ISO_DATE_PREFIX.match(value)   # "2024-13-01 ..." is no date, not the 13th of January
    if date is not None and iso and date.isoformat() != iso[0]:
        return None
    return date


MAX_DATE_CHARS = 80
ISO_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
AMBIGUOUS_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]\d{2,4}$")
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                        "PARSERS": ["custom-formats", "absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False}


def _dateparser_date(value: str) -> dt.date | None:
    import dateparser   # imported on first use: most inputs carry ISO dates

    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed is not None else None


def optional_str(value) -> str | None:
    """A non-empty, valid string field stripped, else None."""
    if isinstance(value, str) and value.strip() and not SURROGATE.search(value):
        return value.strip()
    return None


# ---------------------------------------------------------------------------------------------- file access

def read_bytes(path: str, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit`; InputError when it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    return None if len(data) > limit else data


# Byte order marks of the Unicode encodings other than UTF-8 (UTF-32 first: its LE mark starts as UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def bom_encoding(head: bytes) -> str | None:
    """`utf-16` or `utf-32` when `head` (a file's first bytes) starts with their byte order mark, else None
    (the file is read as UTF-8, with or without its BOM)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def describe_read_error(exc: BaseException) -> str:
    """A short reason for an error raised while reading a file."""
    if isinstance(exc, EOFError):
        return "compressed stream ended early (truncated .gz)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
