"""Read input files into `Article` records, one record at a time.

`read_articles` takes the paths given to `newsevents code` (DESIGN.md) and yields, in input order:

- an `Article` for each good record;
- a `RecordError` for each record it had to reject (malformed JSON, empty, binary, too large, not valid
  UTF-8, not English), after which it goes on with the next record;
- a `RecordWarning` just before an `Article` whose `published` value could not be parsed (the article still
  comes through, with the fallback date or None).

A path that cannot be read at all (missing, permission denied, unsupported type, a folder with nothing to
read) raises `InputError`: the CLI makes that a hard error. Paths are checked when `read_articles` is
called, before the first record is read, so a typo in the last path fails the run at once.

Supported inputs: `.jsonl` and `.jsonl.gz` (one JSON object per line), `-` (JSON Lines on standard input),
`.txt` (one article per file), `.html` / `.htm` (main text and metadata via trafilatura), `.warc` /
`.warc.gz` (the HTML pages of a web crawl, `sources/warc.py`), `.csv` / `.csv.gz` / `.parquet` (one article
per row, columns named by `TableColumns`, `sources/tables.py`), and folders (their supported files, sorted by
name, not recursive). JSON Lines are read line by line in binary and
decoded per line, so one bad line does not sink the file and a large file is never held in memory.
"""
from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import io
import json
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

from newsevents.model import Article, RecordError

STDIN = "-"
STDIN_NAME = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
TABLE_SUFFIXES = (".csv", ".csv.gz", ".parquet")
SUPPORTED_SUFFIXES = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + TABLE_SUFFIXES

MIN_WORDS_FOR_LANGUAGE = 12   # shorter texts (headlines) are not judged
LANGUAGE_SAMPLE_WORDS = 400   # only the first words are counted
MIN_ENGLISH_RATIO = 0.12      # English news scores 0.3-0.45, name-heavy captions ~0.17, others < 0.1
BINARY_SAMPLE_CHARS = 8192
MAX_CONTROL_RATIO = 0.10      # share of control characters (NUL included) that makes a text "binary"
JSON_BYTES_PER_CHAR = 6       # worst case for a JSON-escaped character ("\\uXXXX")
LINE_OVERHEAD = 1 << 20       # room for the other fields of a JSON line
HTML_BYTES_PER_CHAR = 10      # markup allowance: an HTML file may be this many times the text limit

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_JSON_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
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
class TableColumns:
    """Which columns of a CSV or Parquet input hold what (`--text-column`, `--date-column`, `--id-column`).

    `text` must exist. `date` and `id` default to the columns `published` and `id` when the table has them
    (else the fallback date and `FILE:ROW` ids); named explicitly, they must exist. Columns called `url`,
    `source` and `title` are read when present.
    """

    text: str = "text"
    date: str | None = None
    id: str | None = None


# ---------------------------------------------------------------------------------------------- entry point

def read_articles(paths: Iterable[str], *, published: dt.date | None = None, max_chars: int = 1_000_000,
                  stdin: IO | None = None, english_only: bool = True, columns: TableColumns | None = None,
                  ) -> Iterator[Article | RecordError | RecordWarning]:
    """Yield the records of every input in order: Articles, RecordErrors and RecordWarnings.

    `published` is the fallback publication date for records that carry none (always the date for `.txt`).
    `max_chars` rejects longer texts. `stdin` replaces standard input for `-` (a text or binary stream).
    `english_only=False` turns the language check off. `columns` names the columns of CSV and Parquet
    inputs (default `TableColumns()`). Raises InputError, before reading anything, for a path that cannot
    be read (a table without the named columns included); later read failures of a whole file raise
    InputError too.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    columns = columns or TableColumns()
    files = [f for path in paths for f in _expand(str(path))]
    for path in files:
        if path.lower().endswith(TABLE_SUFFIXES):
            from newsevents.sources.tables import check_columns
            check_columns(path, columns)
    return _read_all(files, published=published, max_chars=max_chars, stdin=stdin, english_only=english_only,
                     columns=columns)


def _read_all(files: list[str], *, published: dt.date | None, max_chars: int, stdin: IO | None,
              english_only: bool, columns: TableColumns) -> Iterator[Article | RecordError | RecordWarning]:
    checks = _TextChecks(max_chars=max_chars, english_only=english_only)
    for path in files:
        name = path.lower()
        if path == STDIN:
            yield from _read_stdin(stdin, published, checks)
        elif name.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl_file(path, published, checks)
        elif name.endswith(TEXT_SUFFIXES):
            yield _read_text_file(path, published, checks)
        elif name.endswith(WARC_SUFFIXES):
            from newsevents.sources.warc import read_warc
            yield from read_warc(path, published, checks)
        elif name.endswith(TABLE_SUFFIXES):
            from newsevents.sources.tables import read_table
            yield from read_table(path, columns, published, checks)
        else:
            yield _read_html_file(path, published, checks)


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


# ---------------------------------------------------------------------------------------------- JSON Lines

def _read_stdin(stdin: IO | None, published: dt.date | None, checks: _TextChecks) -> Iterator:
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)  # bytes where we can: decode errors are then per line
    yield from _read_jsonl_stream(stream, STDIN_NAME, STDIN_NAME, published, checks)


def _read_jsonl_file(path: str, published: dt.date | None, checks: _TextChecks) -> Iterator:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    with stream:
        yield from _read_jsonl_stream(stream, path, os.path.basename(path), published, checks)


def _read_jsonl_stream(stream: IO, where: str, id_prefix: str, published: dt.date | None,
                       checks: _TextChecks) -> Iterator:
    """Records of one JSON Lines stream. A failure before the first line is an InputError; a stream that
    breaks later (a truncated .gz) ends with one RecordError for the line it was reading."""
    line_limit = JSON_BYTES_PER_CHAR * checks.max_chars + LINE_OVERHEAD
    unit = "characters" if isinstance(stream, io.TextIOBase) else "bytes"
    line_no = 0
    try:
        for line_no, line, size in _numbered_lines(stream, line_limit):
            line_where = f"{where}:{line_no}"
            if line is None:
                yield RecordError(f"line {line_no}", f"record too large: line of {size:,} {unit} > limit "
                                                     f"{line_limit:,}", line_where)
                continue
            yield from _jsonl_record(line, line_no, line_where, f"{id_prefix}:{line_no}", published, checks)
    except (OSError, EOFError, zlib.error) as exc:
        reason = _describe_read_error(exc)
        if line_no == 0:
            raise InputError(where, reason) from exc
        yield RecordError(f"line {line_no + 1}", f"input ends early: {reason}", f"{where}:{line_no + 1}")


def _numbered_lines(stream: IO, limit: int) -> Iterator[tuple[int, bytes | str | None, int]]:
    """(line number, line, size) for each line; line is None when it is longer than `limit` (it is then
    skipped in chunks, never held whole)."""
    line_no = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        line_no += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):
            yield line_no, line, len(line)
            continue
        size = len(line)
        while True:
            chunk = stream.readline(1 << 20)
            size += len(chunk)
            if not chunk or chunk.endswith(newline):
                break
        yield line_no, None, size


def _jsonl_record(line: bytes | str, line_no: int, where: str, fallback_id: str, published: dt.date | None,
                  checks: _TextChecks) -> Iterator:
    """The records of one line: nothing for a blank line, else an Article (maybe after a RecordWarning)
    or a RecordError."""
    line_id = f"line {line_no}"
    if isinstance(line, bytes):
        if b"\x00" in line:
            yield RecordError(line_id, "binary content (NUL bytes in the line)", where)
            return
        if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(line_id, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at position "
                                       f"{exc.start})", where)
            return
    line = line.lstrip("\ufeff") if line_no == 1 else line
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield RecordError(line_id, f"malformed JSON: {exc.msg} at column {exc.colno}", where)
        return
    if not isinstance(obj, dict):
        yield RecordError(line_id, f"not a JSON object (got {_JSON_TYPE_NAMES.get(type(obj), 'value')})", where)
        return
    yield from _record_from_object(obj, where, fallback_id, published, checks)


def _record_from_object(obj: dict, where: str, fallback_id: str, published: dt.date | None,
                        checks: _TextChecks) -> Iterator:
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        record_id = fallback_id
    elif isinstance(raw_id, str) and not _SURROGATE.search(raw_id):
        record_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        record_id = str(raw_id)
    else:
        yield RecordError(fallback_id, f"id must be a string (got {_JSON_TYPE_NAMES.get(type(raw_id), 'value')})",
                          where)
        return
    text = obj.get("text")
    if text is None:
        reason = "empty text (no \"text\" field)"
    elif not isinstance(text, str):
        reason = f"empty text (\"text\" is a {_JSON_TYPE_NAMES.get(type(text), 'value')}, not a string)"
    else:
        reason = checks.problem(text)
    if reason:
        yield RecordError(record_id, reason, where)
        return
    date, warning = _published_of(obj.get("published"), published)
    if warning:
        yield RecordWarning(record_id, warning, where)
    yield Article(id=record_id, text=text, published=date, url=_optional_str(obj.get("url")),
                  source=_optional_str(obj.get("source")), title=_optional_str(obj.get("title")))


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
    """`YYYY-MM-DD` or a full ISO 8601 timestamp (`Z` or an offset allowed) -> its date, else None.

    A timestamp keeps the calendar date it was written with (the publisher's local date), not UTC's.
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _optional_str(value) -> str | None:
    if isinstance(value, str) and value.strip() and not _SURROGATE.search(value):
        return value.strip()
    return None


# ---------------------------------------------------------------------------------------------- plain text

def _read_text_file(path: str, published: dt.date | None, checks: _TextChecks) -> Article | RecordError:
    name = os.path.basename(path)
    byte_limit = 4 * checks.max_chars + 3  # UTF-8: at most 4 bytes a character (+ a BOM)
    data = _read_bytes(path, byte_limit)
    if data is None:
        return RecordError(name, f"text too large: file of more than {byte_limit:,} bytes, over the limit "
                                 f"of {checks.max_chars:,} characters", path)
    if b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        return RecordError(name, "binary content (NUL bytes)", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RecordError(name, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at position "
                                 f"{exc.start})", path)
    reason = checks.problem(text)
    if reason:
        return RecordError(name, reason, path)
    return Article(id=name, text=text, published=published)


def _read_bytes(path: str, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit`; InputError when it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    return None if len(data) > limit else data


# ---------------------------------------------------------------------------------------------- HTML

def _read_html_file(path: str, published: dt.date | None, checks: _TextChecks) -> Article | RecordError:
    """Main text, title and date of a saved web page (trafilatura, comments left out)."""
    require_trafilatura(path)
    name = os.path.basename(path)
    byte_limit = HTML_BYTES_PER_CHAR * checks.max_chars
    data = _read_bytes(path, byte_limit)
    if data is None:
        return RecordError(name, f"HTML file too large: more than {byte_limit:,} bytes", path)
    return article_from_html(data, name, path, published, checks)


def require_trafilatura(path: str) -> None:
    """InputError for `path` when trafilatura, which reads web pages, is not installed."""
    if importlib.util.find_spec("trafilatura") is None:
        raise InputError(path, "reading web pages needs trafilatura (pip install trafilatura)")


def article_from_html(data: bytes, record_id: str, where: str, published: dt.date | None, checks: _TextChecks,
                      *, url: str | None = None, crawled: dt.date | None = None) -> Article | RecordError:
    """The Article of one web page's bytes: main text, title and site by trafilatura; the date from the
    page's metadata, else `crawled` (a WARC record's date), else `published`. `url` is the page's address
    when known (a WARC record's target); otherwise the page's own canonical URL, if it gives one."""
    import trafilatura

    if b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        return RecordError(record_id, "binary content (NUL bytes)", where)
    doc = trafilatura.bare_extraction(
        data, url=url, include_comments=False, with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": dt.date.today().isoformat()})
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        return RecordError(record_id, "empty text (no main text found in the page)", where)
    reason = checks.problem(text)
    if reason:
        return RecordError(record_id, reason, where)
    date = (parse_published(doc.date) if doc.date else None) or _meta_published(data) or crawled or published
    return Article(id=record_id, text=text, published=date, url=_optional_str(url) or _optional_str(doc.url),
                   source=_optional_str(doc.sitename) or _optional_str(doc.hostname),
                   title=_optional_str(doc.title))


def _meta_published(data: bytes) -> dt.date | None:
    """`<meta property="article:published_time">`, when trafilatura found no date."""
    import lxml.html  # a dependency of trafilatura

    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None
    for content in tree.xpath('//meta[@property="article:published_time" or @name="article:published_time"]'
                              '/@content'):
        date = parse_published(str(content))
        if date:
            return date
    return None


# ---------------------------------------------------------------------------------------------- text checks

@dataclass(frozen=True, slots=True)
class _TextChecks:
    """The checks every text passes, whatever file it came from."""

    max_chars: int
    english_only: bool

    def problem(self, text: str) -> str | None:
        """Why the text must be rejected, or None."""
        if not text.strip():
            return "empty text"
        if len(text) > self.max_chars:
            return f"text too large: {len(text):,} characters > limit {self.max_chars:,}"
        if _SURROGATE.search(text):
            return "not valid Unicode (unpaired surrogate escape in the text)"
        if _looks_binary(text):
            return "binary content"
        if self.english_only:
            ratio = english_stopword_ratio(text)
            if ratio is not None and ratio < MIN_ENGLISH_RATIO:
                return f"not English (stopword ratio {ratio:.2f})"
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:BINARY_SAMPLE_CHARS]
    bad = sum(1 for ch in sample
              if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"))
    return bad / len(sample) > MAX_CONTROL_RATIO


@cache
def english_stopwords() -> frozenset[str]:
    """The stopword list shipped in `data/english_stopwords.txt` (read once)."""
    text = resources.files("newsevents.sources").joinpath("data/english_stopwords.txt").read_text("utf-8")
    words = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    if not words or any(not w.isalpha() or w != w.lower() for w in words):
        raise ValueError("data/english_stopwords.txt: expected one lower-case word per line")
    return words


def english_stopword_ratio(text: str) -> float | None:
    """Share of English stopwords among the first words of `text`; None when there are too few words.

    Words are runs of letters; each Chinese or Japanese character counts as one word.
    """
    words = []
    for match in _WORD.finditer(text):
        words.append(match.group().lower())
        if len(words) >= LANGUAGE_SAMPLE_WORDS:
            break
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    stopwords = english_stopwords()
    return sum(1 for w in words if w in stopwords) / len(words)


def looks_english(text: str) -> bool:
    """True unless the text has enough words to judge and too few of them are English stopwords."""
    ratio = english_stopword_ratio(text)
    return ratio is None or ratio >= MIN_ENGLISH_RATIO


def _describe_read_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "compressed stream ended early (truncated .gz)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
