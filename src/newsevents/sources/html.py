"""Read saved web pages (`.html`, `.htm`): main text, title, site and date by trafilatura, comments left
out. `article_from_html` also reads the pages of a web crawl (`sources/warc.py`)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import os

from newsevents.model import Article, RecordError
from newsevents.sources.common import (BINARY_SAMPLE_CHARS, InputError, TextChecks, optional_str,
                                       parse_published, read_bytes)

HTML_SUFFIXES = (".html", ".htm")
HTML_BYTES_PER_CHAR = 10      # markup allowance: an HTML file may be this many times the text limit


def read_html_file(path: str, published: dt.date | None, checks: TextChecks) -> Article | RecordError:
    """Main text, title and date of a saved web page (trafilatura, comments left out)."""
    require_trafilatura(path)
    name = os.path.basename(path)
    byte_limit = HTML_BYTES_PER_CHAR * checks.max_chars
    data = read_bytes(path, byte_limit)
    if data is None:
        return RecordError(name, f"HTML file too large: more than {byte_limit:,} bytes", path)
    return article_from_html(data, name, path, published, checks)


def require_trafilatura(path: str) -> None:
    """InputError for `path` when trafilatura, which reads web pages, is not installed."""
    if importlib.util.find_spec("trafilatura") is None:
        raise InputError(path, "reading web pages needs trafilatura (pip install trafilatura)")


def article_from_html(data: bytes, record_id: str, where: str, published: dt.date | None, checks: TextChecks,
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
    return Article(id=record_id, text=text, published=date, url=optional_str(url) or optional_str(doc.url),
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
