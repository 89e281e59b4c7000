"""Draw a dyad series to a PNG: events by quad class (stacked bars), Goldstein sum, top events annotated.

matplotlib is optional (the `plot` extra); it is imported when a plot is drawn, with the Agg backend, so no
display is ever needed.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsevents.analysis.series import SeriesPoint

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#4c9be8", "#1f5fa8", "#f0a04b", "#c8382c")
_WIDTH_DAYS = {"day": 0.8, "week": 5.6, "month": 24.0}


class PlotUnavailable(RuntimeError):
    """matplotlib is not installed."""


def plot_series(points: Sequence[SeriesPoint], path: str, *, title: str, freq: str = "week",
                top: Sequence[dict] = ()) -> None:
    """Write the series plot to `path` (PNG). `top` are events to annotate (date, cameo, actors, mentions)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib import pyplot as plt
    except ImportError as exc:
        raise PlotUnavailable("plots need matplotlib: pip install 'newsevents[plot]'") from exc

    fig, (ax_counts, ax_gold) = plt.subplots(2, 1, figsize=(11, 6.5), sharex=True,
                                              gridspec_kw={"height_ratios": [3, 1.4]})
    try:
        periods = [p.period for p in points]
        width = _WIDTH_DAYS.get(freq, 0.8)
        bottom = [0] * len(points)
        counts = [[p.verbal_cooperation for p in points], [p.material_cooperation for p in points],
                  [p.verbal_conflict for p in points], [p.material_conflict for p in points]]
        for values, label, colour in zip(counts, QUAD_LABELS, QUAD_COLOURS):
            ax_counts.bar(periods, values, width=width, bottom=bottom, label=label, color=colour,
                          align="edge")
            bottom = [b + v for b, v in zip(bottom, values)]
        ax_counts.set_ylabel(f"events per {freq}")
        ax_counts.set_title(title)
        ax_counts.legend(loc="upper left", fontsize=8, frameon=False)
        _annotate(ax_counts, points, top, width)

        sums = [p.goldstein_sum for p in points]
        ax_gold.bar(periods, sums, width=width, align="edge",
                    color=[QUAD_COLOURS[3] if v < 0 else QUAD_COLOURS[0] for v in sums])
        ax_gold.axhline(0, color="#999999", linewidth=0.6)
        ax_gold.set_ylabel("Goldstein sum")
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(path, dpi=110)
    finally:
        plt.close(fig)


def _annotate(ax, points: Sequence[SeriesPoint], top: Sequence[dict], width: float) -> None:
    """One label per period holding top events: their lines stacked above the bar, in rank order."""
    if not points:
        return
    heights = {p.period: p.events for p in points}
    starts = [p.period for p in points]
    by_period: dict[dt.date, list[str]] = {}
    for event in top:
        period = _period_of(event["date"], starts)
        if period is not None:
            by_period.setdefault(period, []).append(
                f"{event['date']:%d %b}: {event.get('source_code') or '?'}→{event.get('target_code') or '?'} "
                f"{event['cameo']} ({event['num_mentions']}×)")
    peak = max(heights.values()) or 1
    most_lines = max((len(v) for v in by_period.values()), default=0)
    ax.set_ylim(0, peak * (1.15 + 0.08 * most_lines) + 1)
    for n, (period, lines) in enumerate(sorted(by_period.items())):
        right_side = starts.index(period) > len(starts) * 2 / 3  # labels lean inwards near the right edge
        ax.annotate("\n".join(lines), xy=(period + dt.timedelta(days=width / 2), heights.get(period, 0)),
                    xytext=(-4 if right_side else 4, 12 + 10 * (n % 2)), textcoords="offset points",
                    ha="right" if right_side else "left", va="bottom",
                    fontsize=7, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.6})


def _period_of(day: dt.date, starts: Sequence[dt.date]) -> dt.date | None:
    """The period (its first day) that holds `day`."""
    found = None
    for start in starts:
        if start <= day:
            found = start
        else:
            break
    return found
