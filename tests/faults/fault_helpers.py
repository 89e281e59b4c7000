"""Helpers of the fault-injection tests: articles, hostile files, the CLI run in this process, store reads."""
from __future__ import annotations

import json
from pathlib import Path

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
