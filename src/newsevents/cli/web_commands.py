"""`newsevents serve`: the HTTP API and the dashboard over a store (a thin layer over newsevents.web).

`register(subparsers)` adds the command. The store is opened read-only; the server binds to 127.0.0.1
unless told otherwise, and then accepts only requests addressed to a local host name (no DNS rebinding).
"""
from __future__ import annotations

import argparse
import sys

from newsevents.settings import add_setting
from newsevents.store.db import StoreError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
EXIT_ERROR = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the HTTP API and the dashboard over a store (read-only)",
        description="Serve the JSON API (/api/..., docs at /docs) and the dashboard (/) over the store, "
                    "read-only. Works without internet access: every script, style and map is in the package.")
    add_setting(p, "db", "--db", metavar="PATH")
    add_setting(p, "memory_limit", metavar="SIZE")
    add_setting(p, "threads", metavar="N")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 opens it to "
                        "the network)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    p.set_defaults(handler=cmd_serve)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is 1-65535")
    return value


def allowed_hosts(host: str) -> list[str] | None:
    """Host names a request may be addressed to: local names on a loopback bind, any otherwise."""
    if host in ("127.0.0.1", "localhost"):
        return ["127.0.0.1", "localhost"]
    return None  # an IPv6 or network address: no check


def cmd_serve(args: argparse.Namespace) -> int:
    """newsevents serve: run uvicorn until interrupted."""
    try:
        import uvicorn

        from newsevents.web.api import create_app
    except ImportError as exc:
        print(f"newsevents serve: error: the web extras are missing ({exc.name}): pip install fastapi uvicorn "
              "fastapi-offline plotly", file=sys.stderr)
        return EXIT_ERROR
    try:
        app = create_app(args.db, allowed_hosts=allowed_hosts(args.host), memory_limit=args.memory_limit,
                         threads=args.threads)
    except StoreError as exc:
        print(f"newsevents serve: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.host not in LOOPBACK:
        print(f"newsevents serve: warning: listening on {args.host}: anyone who can reach this machine can read "
              "the store and make it code texts", file=sys.stderr)
    print(f"newsevents: dashboard at http://{_url_host(args.host)}:{args.port}/ (API docs at /docs); "
          f"Ctrl-C stops it", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
