"""The series plot is written as a PNG, with the top events annotated."""
from __future__ import annotations

import pytest
from escalation import AS_OF

from newsevents.analysis.series import dyad_series, top_events
from newsevents.store.query import Dyad

pytest.importorskip("matplotlib")


@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_plot_file_is_written(escalation_store, tmp_path, freq):
    from newsevents.analysis.plot import plot_series
    dyad = Dyad.parse("RUS:UKR")
    points = dyad_series(escalation_store, dyad, freq)
    top = top_events(escalation_store, dyad, n=4)
    out = tmp_path / f"series-{freq}.png"
    plot_series(points, str(out), title=f"{dyad} per {freq}", freq=freq, top=top)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_plot_of_an_empty_series(tmp_path):
    from newsevents.analysis.plot import _period_of, plot_series
    plot_series([], str(tmp_path / "empty.png"), title="nothing")
    assert (tmp_path / "empty.png").exists()
    assert _period_of(AS_OF, []) is None
