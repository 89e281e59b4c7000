"""A synthetic escalation as Event records (the fixtures in conftest.py store them)."""
from __future__ import annotations

import datetime as dt

from factories import make_event

from newsevents.model import Event

AS_OF = dt.date(2024, 6, 30)
# Quad class 4 (material conflict) base codes with a Goldstein value, for events that must not merge.
CONFLICT = [("180", -9.0), ("181", -9.0), ("182", -9.5), ("183", -10.0), ("184", -8.0), ("185", -8.0),
            ("186", -10.0), ("190", -10.0), ("191", -9.5), ("192", -9.5), ("193", -10.0), ("194", -10.0),
            ("195", -10.0), ("196", -9.5), ("200", -10.0), ("201", -9.5)]


def event(doc: str, index: int, when: dt.date, source: str, target: str, cameo: str, goldstein: float,
          quad: int) -> Event:
    return make_event(doc, index, when, source, target, cameo, goldstein=goldstein, quad_class=quad,
                      sentence=f"{source} {cameo} {target} on {when}", span=(0, 10), rule="test")


def escalation_events() -> list[Event]:
    """RUS-UKR escalates in the last 7 days; USA-IRN is steady; ISR-PSE is new but small; USA-GBR cooperates."""
    out = []
    for k in range(9):    # RUS-UKR baseline: one strike every 10 days before the window
        out.append(event(f"ru-base-{k}", 0, AS_OF - dt.timedelta(days=10 + 10 * k), "RUSMIL", "UKR", "190", -10.0, 4))
    for k in range(12):   # RUS-UKR window: 12 distinct strikes in the last 7 days, both directions
        src, tgt = ("RUSMIL", "UKRMIL") if k % 3 else ("UKRMIL", "RUSMIL")
        code, gold = CONFLICT[k]
        out.append(event(f"ru-win-{k}", 0, AS_OF - dt.timedelta(days=k % 7), src, tgt, code, gold, 4))
    for k in range(50):   # USA-IRN: a strike every other day for 100 days
        out.append(event(f"us-ir-{k}", 1, AS_OF - dt.timedelta(days=2 * k), "USAMIL", "IRNMIL", "190", -10.0, 4))
    for k in range(3):    # ISR-PSE: new, but only 3 events
        code, gold = CONFLICT[k]
        out.append(event(f"il-{k}", 0, AS_OF - dt.timedelta(days=k), "ISRMIL", "PSE", code, gold, 4))
    for k in range(10):   # USA-GBR: lots of cooperation in the window, no conflict
        out.append(event(f"us-gb-{k}", 0, AS_OF - dt.timedelta(days=k % 7), "USAGOV", "GBRGOV",
                         ["036", "042", "043", "046", "051", "057", "061", "070", "071", "081"][k], 5.0, 1))
    return out
