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
import os
import zlib
from collections.abc import Iterator

from newsevents.model import Article, RecordError
from newsevents.sources.readers import (HTML_BYTES_PER_CHAR, InputError, _TextChecks, article_from_html,
                                        parse_published)

PAGE_RECORD_TYPES = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, published: dt.date | None, checks: _TextChecks) -> Iterator[Article | RecordError]:
    """The Articles (and RecordErrors) of the HTML pages in one WARC file, in file order."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise InputError(path, "reading WARC files needs warcio (pip install warcio)") from exc
    name = os.path.basename(path)
    byte_limit = HTML_BYTES_PER_CHAR * checks.max_chars
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    seen = 0
    with stream:
        try:
            for record in ArchiveIterator(stream):
                seen += 1
                page = _page_of(record)
                if page is None:
                    continue
                url, crawled = page
                record_id = url or record.rec_headers.get_header("WARC-Record-ID") or f"{name}:{seen}"
                where = f"{path}:record {seen}"
                data = record.content_stream().read(byte_limit + 1)
                if len(data) > byte_limit:
                    yield RecordError(record_id, f"HTML page too large: more than {byte_limit:,} bytes", where)
                    continue
                yield article_from_html(data, record_id, where, published, checks, url=url, crawled=crawled)
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            reason = str(exc).strip() or type(exc).__name__
            if seen <= 1:
                raise InputError(path, f"not a readable WARC file ({reason})") from exc
            yield RecordError(f"record {seen}", f"input ends early: {reason}", f"{path}:record {seen}")


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
    if not content_type.split(";")[0].strip().lower() in HTML_TYPES:
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip() or None
    warc_date = record.rec_headers.get_header("WARC-Date")
    return url, parse_published(warc_date) if warc_date else None
