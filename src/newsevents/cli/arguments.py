"""Argument types shared by the store commands: dates given as YYYY, YYYY-MM or YYYY-MM-DD, counts."""
from __future__ import annotations

import argparse
import datetime as dt

from newsevents.store.query import QueryError, parse_date_bound


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def date_from(text: str) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD: the first day it names."""
    try:
        return parse_date_bound(text)
    except QueryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def date_to(text: str) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD: the last day it names."""
    try:
        return parse_date_bound(text, end=True)
    except QueryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value
