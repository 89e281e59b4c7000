"""The progress bar of `code` and `ingest` (#11): a total from a cheap count of the inputs, and a rate only
once the run has lasted long enough to tell (a fake clock drives it: no timing in tests)."""
from __future__ import annotations

import io
import json

from rich.console import Console

from newsevents.cli.progress import MIN_RATE_SECONDS, make_progress
from newsevents.sources import count_records


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _render(total, steps):
    """The bar's text after each (seconds later, records done) step."""
    clock = Clock()
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    progress = make_progress(console, "articles", get_time=clock)
    task = progress.add_task("coding", total=total)
    shown = []
    for seconds, n in steps:
        clock.now += seconds
        progress.advance(task, n)
        shown.append(" ".join(str(c.render(progress.tasks[0])) for c in progress.columns[2:]))
    return shown


def test_no_rate_in_the_first_seconds_then_the_average_rate():
    early, later = _render(10_000, [(0.0, 1600), (MIN_RATE_SECONDS * 2, 0)])
    assert "1,600/10,000 articles" in early and "/s" not in early and "left" not in early
    assert "160.0 articles/s" in later     # 1,600 articles over 10 s, not 160,000/s after the first blink


def test_count_without_total_shows_no_question_mark():
    [line] = _render(None, [(1.0, 7)])
    assert "7 articles" in line and "?" not in line


def test_time_left_once_the_rate_is_known():
    [line] = _render(100, [(MIN_RATE_SECONDS * 2, 50)])
    assert "5.0 articles/s" in line and "0:00:10 left" in line


def test_count_records_is_cheap_and_honest(tmp_path):
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in range(3)))
    (tmp_path / "b.txt").write_text("text")
    (tmp_path / "c.html").write_text("<p>text</p>")
    assert count_records([tmp_path / "a.jsonl", tmp_path / "b.txt"]) == 4
    assert count_records([tmp_path]) == 5                       # a folder: its files
    assert count_records(["-"]) is None                          # standard input: not known ahead
    assert count_records([tmp_path / "missing.jsonl"]) is None


def test_count_records_of_parquet_from_its_metadata(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["a", "b"]}), tmp_path / "t.parquet")
    assert count_records([tmp_path / "t.parquet"]) == 2
