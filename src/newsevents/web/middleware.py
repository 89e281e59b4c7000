"""What every response of the app goes through: a bounded request body, the Host header check and the
security headers (a Content-Security-Policy on every HTML page, the API docs included).

Each error is JSON of the documented shape `{"detail": "one line"}` (`ErrorBody` in `api.py`).
"""
from __future__ import annotations

import ipaddress

from fastapi import HTTPException
from fastapi.responses import JSONResponse

# The dashboard: scripts and styles from this server only (the page has no inline script).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'")
# Other HTML pages (/docs, /redoc start Swagger UI and ReDoc with an inline script): still nothing from
# another server, no plugins, no framing.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class BodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"request body over {max_bytes:,} bytes")


class BodyLimit:
    """Refuse request bodies over `max_bytes` (by Content-Length, and while reading a body without one)."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            response = JSONResponse({"detail": BodyTooLarge(self.max_bytes).detail}, status_code=413)
            return await response(scope, receive, send)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        return await self.app(scope, limited, send)


class SecurityHeaders:
    """No MIME sniffing, no framing, no referrer to the article sites the evidence links to; and a
    Content-Security-Policy on every HTML response that does not bring its own."""

    HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"no-referrer"))

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DOCS_CONTENT_SECURITY_POLICY.encode()))
                message["headers"] = [*headers, *self.HEADERS]
            await send(message)

        return await self.app(scope, receive, with_headers)


class HostCheck:
    """Answer 400 to a request whose Host header names none of `allowed` (no DNS rebinding). IPv6 hosts are
    compared without their brackets and port (`[::1]:8000` is `::1`); names case-insensitively."""

    def __init__(self, app, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {normal_host(h) for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        host = dict(scope.get("headers") or ()).get(b"host", b"").decode("latin-1")
        if normal_host(host) not in self.allowed:
            response = JSONResponse({"detail": "invalid Host header: this server answers only to "
                                               + ", ".join(sorted(self.allowed))}, status_code=400)
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def normal_host(host: str) -> str:
    """A Host header (or an address) without its port and IPv6 brackets, lower case; '' when malformed."""
    host = host.strip().lower()
    if host.startswith("["):
        inside, sep, rest = host[1:].partition("]")
        if not sep or (rest and not rest[1:].isdigit()) or (rest and rest[0] != ":"):
            return ""
        host = inside
    elif host.count(":") == 1:
        host, _, port = host.partition(":")
        if not port.isdigit():
            return ""
    elif host.count(":") > 1:  # a bare IPv6 address (as a bind address is written)
        pass
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host
