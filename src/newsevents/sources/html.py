"""Read saved web pages (`.html`, `.htm`): main text, title, site and date by trafilatura, comments left
out. `article_from_html` also reads the pages of a web crawl (`sources/warc.py`)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import os
from collections.abc import Iterator

from newsevents.model import Article, RecordError
from newsevents.sources.common import (BINARY_SAMPLE_CHARS, InputError, RecordWarning, TextChecks,
                                       optional_str, parse_published, read_bytes)

HTML_SUFFIXES = (".html", ".htm")
HTML_BYTES_PER_CHAR = 10      # markup allowance: an HTML file may be this many times the text limit

Page = Article | RecordError | RecordWarning


def read_html_file(path: str, published: dt.date | None, checks: TextChecks) -> Iterator[Page]:
    """Main text, title and date of a saved web page (trafilatura, comments left out)."""
    require_trafilatura(path)
    name = os.path.basename(path)
    byte_limit = HTML_BYTES_PER_CHAR * checks.max_chars
    data = read_bytes(path, byte_limit)
    if data is None:
        yield RecordError(name, f"HTML file too large: more than {byte_limit:,} bytes", path)
        return
    yield from article_from_html(data, name, path, published, checks)


def require_trafilatura(path: str) -> None:
    """InputError for `path` when trafilatura, which reads web pages, is not installed."""
    if importlib.util.find_spec("trafilatura") is None:
        raise InputError(path, "reading web pages needs trafilatura (pip install trafilatura)")


def article_from_html(data: bytes, record_id: str, where: str, published: dt.date | None, checks: TextChecks,
                      *, url: str | None = None, crawled: dt.date | None = None) -> Iterator[Page]:
    """The Article of one web page's bytes (after a RecordWarning for an implausible date), or the
    RecordError that rejects it: main text, title and site by trafilatura; the date from the page's
    metadata, else `crawled` (a WARC record's date), else `published`. `url` is the page's address when
    known (a WARC record's target); otherwise the page's own canonical URL, if it gives one."""
    import trafilatura

    if b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        yield RecordError(record_id, "binary content (NUL bytes)", where)
        return
    doc = trafilatura.bare_extraction(
        data, url=url, include_comments=False, with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": dt.date.today().isoformat()})
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        yield RecordError(record_id, "empty text (no main text found in the page)", where)
        return
    reason = checks.problem(text)
    if reason:
        yield RecordError(record_id, reason, where)
        return
    date = (parse_published(doc.date) if doc.date else None) or _meta_published(data) or crawled or published
    date, implausible = checks.plausible_date(record_id, date, where)
    if implausible:
        yield implausible
    yield Article(id=record_id, text=text, published=date, url=optional_str(url) or optional_str(doc.url),
                   source=optional_str(doc.sitename) or optional_str(doc.hostname),
                   title=optional_str(doc.title))


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
