"""The rows `ingest` writes: article rows and their statuses, mention rows, and the inserts of both."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlsplit

import pyarrow as pa

from newsevents.model import Article, Event
from newsevents.model_forms import MENTION_ROW_SCHEMA, mention_row
from newsevents.store.dedup import registered

STATUS_CODED = "coded"        # coded from its text by this store's ingest
STATUS_FAILED = "failed"      # the coder rejected it; `error` says why
STATUS_IMPORTED = "imported"  # known only from pre-coded events (no text, no hash)

ARTICLE_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("text_hash", pa.string()), ("url", pa.string()), ("source", pa.string()),
     ("outlet", pa.string()), ("title", pa.string()), ("published", pa.date32()),
     ("language", pa.string()), ("status", pa.string()), ("error", pa.string())])


def article_row(article: Article, digest: str | None, status: str, error: str | None) -> dict:
    return {"article_id": article.id, "text_hash": digest, "url": article.url, "source": article.source,
            "outlet": outlet_of(article.source, article.url), "title": article.title,
            "published": article.published, "language": getattr(article, "language", None),
            "status": status, "error": error}


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The news outlet behind an article: its `source` name, else the host of its URL (without www.)."""
    if source and source.strip():
        return source.strip()
    if url:
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        return host or None
    return None


def unique_mentions(article_id: str, events: Sequence[Event]) -> list[dict]:
    """One row per contract event id (the first wins, as `event_id` says they are the same event)."""
    rows: dict[str, dict] = {}
    for event in events:
        row = mention_row(article_id, event)
        rows.setdefault(row["mention_id"], row)
    return list(rows.values())


def insert_articles(con, rows: list[dict]) -> None:
    if not rows:
        return
    with registered(con, "_ne_articles", pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)):
        con.execute(f"INSERT INTO articles ({', '.join(ARTICLE_SCHEMA.names)}, ingested_at) "
                    f"SELECT *, current_timestamp FROM _ne_articles")


def insert_mentions(con, rows: list[dict]) -> None:
    if not rows:
        return
    with registered(con, "_ne_mentions", pa.Table.from_pylist(rows, schema=MENTION_ROW_SCHEMA)):
        con.execute(f"INSERT INTO mentions ({', '.join(MENTION_ROW_SCHEMA.names)}) SELECT * FROM _ne_mentions")


def count_mentions(con, article_ids: list[str]) -> None:
    """Set `articles.num_mentions` of these articles (those with at least one mention)."""
    con.execute("""UPDATE articles a SET num_mentions = n.n
                   FROM (SELECT article_id, count(*) AS n FROM mentions
                         WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY article_id) n
                   WHERE a.article_id = n.article_id""", [article_ids])


def chunks(items: Iterable, size: int) -> Iterator[list]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
