"""Read the news pages of a web crawl (WARC / WARC.gz, as Common Crawl, Heritrix, wget and browsertrix write
them) into `Article` records.

Each HTTP `response` record whose status is 200 and whose body is HTML becomes one page (a `resource`
record with an HTML content type too): its main text, title and site come from trafilatura, as for a saved
`.html` file; the URL is the record's `WARC-Target-URI`, which is also the article id; the publication date
is the page's own (its metadata), else the day of `WARC-Date` (when it was crawled), else the fallback date.

Every other record (requests, metadata, revisits, redirects, errors, images, PDFs, scripts) is not an article
and is passed over without a word: a crawl holds many of them. A page that is empty, too large, binary or
not English is a `RecordError`, like any other record. A file that is not a WARC at all is an `InputError`;
one that breaks after its first record ends with a `RecordError` for the rest.
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import zlib
from collections.abc import Iterator

from newsevents.model import Article, RecordError
from newsevents.sources.common import InputError, RecordWarning, TextChecks, parse_published
from newsevents.sources.html import HTML_BYTES_PER_CHAR, article_from_html, require_trafilatura

PAGE_RECORD_TYPES = ("response", "resource")
# What warcio raises on a damaged file (AttributeError and IndexError: headers cut off in a gzip member).
WARCIO_ERRORS = (OSError, EOFError, zlib.error, ValueError, AttributeError, IndexError)
HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def read_warc(path: str, published: dt.date | None, checks: TextChecks,
              ) -> Iterator[Article | RecordError | RecordWarning]:
    """The Articles (and RecordErrors) of the HTML pages in one WARC file, in file order."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise InputError(path, "reading WARC files needs warcio (pip install warcio)") from exc
    require_trafilatura(path)
    name = os.path.basename(path)
    byte_limit = HTML_BYTES_PER_CHAR * checks.max_chars
    try:
        stream = open(path, "rb")
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    with stream:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        seen = 0
        while True:
            number = seen + 1  # the record being read
            try:
                record = next(records, None)
                if record is None:
                    # warcio ends quietly at a record cut off in its headers: bytes left over, or a broken gzip
                    if archive.offset < size or (path.lower().endswith(".gz") and not _gzip_complete(path)):
                        raise _Truncated()
                    return
                if not str(record.format).startswith("warc"):  # junk parses as an old ARC record
                    raise ArchiveLoadFailed(f"a {record.format} record, not a WARC record")
                seen = number
                page = _page_of(record)
                data = record.content_stream().read(byte_limit + 1) if page is not None else b""
                if _read_through(record):
                    raise _Truncated()
            except (_Truncated, ArchiveLoadFailed, *WARCIO_ERRORS) as exc:
                reason = str(exc).strip() or type(exc).__name__
                if seen == 0:
                    raise InputError(path, f"not a readable WARC file ({reason})") from exc
                yield RecordError(f"record {number}", f"input ends early: {reason}", f"{path}:record {number}")
                return
            if page is None:
                continue
            url, crawled = page
            record_id = url or record.rec_headers.get_header("WARC-Record-ID") or f"{name}:{seen}"
            where = f"{path}:record {seen}"
            if len(data) > byte_limit:
                yield RecordError(record_id, f"HTML page too large: more than {byte_limit:,} bytes", where)
                continue
            yield from article_from_html(data, record_id, where, published, checks, url=url, crawled=crawled)


class _Truncated(Exception):
    def __str__(self) -> str:
        return "the file ends inside a record (truncated)"


def _gzip_complete(path: str) -> bool:
    """Does every gzip member of the file end properly? (One more pass of decompression, no parsing.)"""
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def _read_through(record) -> bool:
    """Consume the rest of the record; True when the file ends before the record's declared length (warcio
    itself says nothing about a truncated file)."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return getattr(stream, "limit", 0) > 0


def _page_of(record) -> tuple[str | None, dt.date | None] | None:
    """(target URL, crawl date) of a record that holds an HTML page fetched whole, else None."""
    if record.rec_type not in PAGE_RECORD_TYPES:
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        content_type = record.http_headers.get_header("Content-Type") or ""
        if status != "200":
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip() or None
    warc_date = record.rec_headers.get_header("WARC-Date")
    return url, parse_published(warc_date) if warc_date else None
