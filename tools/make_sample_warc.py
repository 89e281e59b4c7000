"""Write samples/news.warc.gz: the sample articles as a small web crawl (one HTML page per article).

The WARC holds HTTP response records the way news crawls distribute them, so the README's scale-out example
(`newsevents ingest samples/news.warc.gz --engine dask --workers 2`) runs on a fresh clone.
usage: python tools/make_sample_warc.py
"""
from __future__ import annotations

import html
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]


def page(article: dict) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n\n") if p.strip())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article["title"])}</title>
<meta property="article:published_time" content="{article["published"]}T08:00:00Z">
<meta property="og:site_name" content="{html.escape(article.get("source", ""))}">
</head><body><header><nav>Home | World | Politics</nav></header>
<article><h1>{html.escape(article["title"])}</h1>
{paragraphs}
</article><footer>Sample page written for newsevents.</footer></body></html>
""".encode("utf-8")


def main() -> int:
    out = ROOT / "samples" / "news.warc.gz"
    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for line in (ROOT / "samples" / "news.jsonl").read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            body = page(article)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(article["url"], "response", payload=io.BytesIO(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": f"{article['published']}T09:00:00Z"})
            writer.write_record(record)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
