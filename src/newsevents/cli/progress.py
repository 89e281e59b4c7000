"""The progress bar of `code` and `ingest` on standard error: records done out of a total counted cheaply
from the inputs (`newsevents.sources.count_records`), and a rate and time left shown only once the run has
lasted long enough for them to mean something (never "0/?", never "159,540.5 articles/s" after a blink).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

MIN_RATE_SECONDS = 5.0   # no rate or time left before the run has lasted this long


class CountColumn(ProgressColumn):
    """`1,234/5,000 articles`, or `1,234 articles` when the total is not known."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        done = f"{int(task.completed):,}"
        if task.total is not None:
            done += f"/{int(task.total):,}"
        return Text(f"{done} {self.unit}", style="progress.download")


class RateColumn(ProgressColumn):
    """Records per second over the whole run so far, once it has lasted `MIN_RATE_SECONDS`."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        rate = honest_rate(task)
        return Text(f"{rate:,.1f} {self.unit}/s" if rate is not None else "", style="progress.data.speed")


class LeftColumn(ProgressColumn):
    """Time left at the rate so far, when the total is known and the rate is."""

    def render(self, task: Task) -> Text:
        rate = honest_rate(task)
        if rate is None or task.total is None or rate <= 0:
            return Text("")
        seconds = max(0, int((task.total - task.completed) / rate))
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"{hours}:{minutes:02d}:{seconds:02d} left", style="progress.remaining")


def honest_rate(task: Task) -> float | None:
    """Records per second since the task started, or None while too little time has passed to tell."""
    elapsed = task.finished_time if task.finished else task.elapsed
    if not elapsed or elapsed < MIN_RATE_SECONDS or not task.completed:
        return None
    return task.completed / elapsed


def make_progress(console: Console, unit: str, *, disable: bool = False,
                  get_time: Callable[[], float] | None = None) -> Progress:
    """The bar: description, bar (when the total is known), count, rate, time elapsed, time left."""
    extra = {"get_time": get_time} if get_time is not None else {}
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), CountColumn(unit),
                    RateColumn(unit), TimeElapsedColumn(), LeftColumn(), console=console, disable=disable,
                    transient=False, **extra)


@contextmanager
def progress_bar(description: str, unit: str, total: int | None, *, enabled: bool,
                 console: Console | None = None) -> Iterator[Callable[[int], None]]:
    """A function to call with the number of records just handled; a bar on standard error while it runs
    (none when not `enabled` or standard error is not a terminal)."""
    console = console or Console(stderr=True, highlight=False)
    progress = make_progress(console, unit, disable=not enabled or not console.is_terminal)
    with progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
