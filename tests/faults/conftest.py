"""Fault injection: hostile files, poisoned records and broken runs, through the real CLI, the real coder and
real DuckDB stores (issue #13: nothing lost, nothing poisoned)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.store import EventStore

GOOD_TEXTS = [
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three people, officials said.",
    "Israeli troops raided the West Bank city of Jenin on Monday and arrested twelve people, the army said.",
    "Iran condemned the United States on Wednesday for new sanctions on its oil exports, the ministry said.",
    "China and Russia signed a trade agreement in Beijing on Thursday, the two governments said.",
    "Protesters clashed with police in Nairobi on Friday as the government raised taxes, witnesses said.",
    "Turkey accused Greece on Sunday of violating its airspace over the Aegean Sea, the ministry said.",
]
POISONED_TEXT = "Russian forces shelled the Ukrainian city of Kharkiv on Saturday, officials said."


def article(i: int, **fields) -> dict:
    return {"id": f"good-{i}", "text": GOOD_TEXTS[i % len(GOOD_TEXTS)], "published": "2024-05-15"} | fields


def write_jsonl(path: Path, records: list) -> Path:
    """One line per record: dicts as JSON, strings and bytes as they are."""
    with open(path, "wb") as fh:
        for record in records:
            if isinstance(record, dict):
                record = json.dumps(record)
            fh.write(record if isinstance(record, bytes) else record.encode("utf-8"))
            fh.write(b"\n")
    return path


def cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run `newsevents ARGV` in this process: (exit code, stdout, stderr); a usage error is its exit code."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def stored(db: Path, sql: str) -> list[tuple]:
    with EventStore.open(db, read_only=True) as store:
        return store.fetch(sql)


@pytest.fixture
def wide_dates(monkeypatch):
    """Accept every publication date, so that a date at the edge of the calendar reaches the coder."""
    monkeypatch.setenv("NEWSEVENTS_EARLIEST_PUBLISHED", "0001-01-01")
    monkeypatch.setenv("NEWSEVENTS_LATEST_PUBLISHED_DAYS", "3000000")


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """rich wraps standard error at 80 columns when it is not a terminal: one message, one line."""
    monkeypatch.setenv("COLUMNS", "1000")
