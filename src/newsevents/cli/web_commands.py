"""`newsevents serve`: the HTTP API and the dashboard over a store (a thin layer over newsevents.web).

`register(subparsers)` adds the command. The store is opened read-only; the server binds to 127.0.0.1
unless told otherwise. Whatever the bind address, it accepts only requests addressed to a name or address of
this machine (no DNS rebinding); `--allow-host` adds names.
"""
from __future__ import annotations

import argparse
import socket
import sys

from newsevents.settings import add_setting
from newsevents.store.db import StoreError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD = ("0.0.0.0", "::", "")
EXIT_ERROR = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the HTTP API and the dashboard over a store (read-only)",
        description="Serve the JSON API (/api/..., docs at /docs) and the dashboard (/) over the store, "
                    "read-only. Works without internet access: every script, style and map is in the package.")
    add_setting(p, "db", "--db", metavar="PATH")
    add_setting(p, "memory_limit", metavar="SIZE")
    add_setting(p, "threads", metavar="N")
    add_setting(p, "api_cache_mb", metavar="MIB")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 opens it to "
                        "the network)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a further host name the server may be addressed by (its DNS name behind a network "
                        "bind; repeatable; * turns the Host check off)")
    p.set_defaults(handler=cmd_serve)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is 1-65535")
    return value


def allowed_hosts(host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str] | None:
    """Host names a request may be addressed to (no DNS rebinding), for every bind address: the loopback
    names on a loopback bind (IPv6 `::1` included); else the bind address (or, on a wildcard bind, this
    machine's addresses), this machine's names and the loopback names; plus `extra` (`--allow-host`).
    None (no check) only when `extra` holds `*`."""
    if "*" in extra:
        return None
    names = list(LOOPBACK)
    if host not in LOOPBACK:
        names += _machine_names()
        names += _machine_addresses() if host in WILDCARD else [host]
    return list(dict.fromkeys([*names, *extra]))


def _machine_names() -> list[str]:
    return [n for n in {socket.gethostname(), socket.getfqdn()} if n]


def _machine_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        return []
    return sorted({info[4][0] for info in infos})


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
        app = create_app(args.db, allowed_hosts=allowed_hosts(args.host, args.allow_host),
                         memory_limit=args.memory_limit, threads=args.threads, cache_mb=args.api_cache_mb)
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
