"""The `newsevents` command: a thin layer over the package (argparse; one module per command family)."""
from __future__ import annotations

import argparse
import sys

from newsevents import __version__
from newsevents.settings import SETTINGS, add_setting


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="News articles in, dated, located, evidence-backed CAMEO political events out.")
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    from newsevents.cli import code_commands
    code_commands.register(sub)
    try:
        from newsevents.cli import store_commands
    except ImportError:  # the store is optional while it is being built
        store_commands = None
    if store_commands is not None:
        store_commands.register(sub)
    try:
        from newsevents.cli import web_commands
    except ImportError:  # the web layer is optional while it is being built
        web_commands = None
    if web_commands is not None:
        web_commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `newsevents code ... | head`
        return 0


__all__ = ["main", "build_parser", "SETTINGS", "add_setting"]
