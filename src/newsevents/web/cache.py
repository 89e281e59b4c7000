"""A bounded cache of the API's JSON answers: the same GET asked again is answered from memory.

The served store cannot change while the server runs (it is open read-only, and DuckDB lets no process write
a file another holds open), so an answer stays right for the server's lifetime; nothing needs invalidating.
The key is the path and the query string as sent (its order included: no parsing, nothing to confuse);
only successful JSON answers of the `/api/` GET endpoints named cacheable are kept, each at most
`max_entry_bytes`, all together at most `max_bytes`, the least recently used dropped first. Answers that
depend on more than the store (`/api/summary` says whether the coder is loaded) and `POST /api/code` are
never cached. A hit carries `X-Cache: hit`.
"""
from __future__ import annotations

from collections import OrderedDict

CACHEABLE = ("/api/events", "/api/timeline", "/api/dyads/top", "/api/dyads/series", "/api/map", "/api/alerts",
             "/api/actors")
MAX_ENTRY_BYTES = 2 * 1024 * 1024


class ResponseCache:
    """ASGI middleware: cache the answers of `paths` (and of one level below them, `/api/events/{id}`)."""

    def __init__(self, app, max_bytes: int, paths: tuple[str, ...] = CACHEABLE,
                 max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.paths = paths
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def _cacheable(self, scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0:
            return False
        path = scope["path"]
        return path in self.paths or path.rsplit("/", 1)[0] in self.paths

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""))
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            status, headers, body = found
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return None
        self.misses += 1
        start: dict = {}
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message):
            nonlocal size, keep
            if message["type"] == "http.response.start":
                start.update(message)
                headers = dict(message.get("headers") or ())
                keep = (message["status"] == 200
                        and headers.get(b"content-type", b"").startswith(b"application/json"))
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                if size > self.max_entry_bytes:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(message.get("body", b""))
                if keep and not message.get("more_body", False):
                    self._put(key, start["status"], list(start.get("headers") or ()), b"".join(chunks))
            await send(message)

        return await self.app(scope, receive, capture)

    def _put(self, key, status: int, headers: list, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (status, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes and self.entries:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
