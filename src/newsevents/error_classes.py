"""Why the coder's output differs from a gold file: spurious events and misses counted by error class.

The classes follow the hand judgement that opened the whole-article work: an event asserted although the text
does not assert it, source and target reversed, the right actors with the wrong root, a target missing or wrong,
a source from the wrong phrase, and events that match nothing the article says. Each output or gold entry
falls in the first class that fits, in the order below. `newsevents eval GOLD --classes` prints the counts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from newsevents.evaluate import GoldItem, actor_codes, any_of, is_asserted, matches, root_of, violates

SPURIOUS_CLASSES = ("not asserted by the text", "source and target reversed", "right actors, wrong root",
                    "target missing", "wrong target", "wrong source", "matches nothing in the article")
MISS_CLASSES = ("date or place wrong", "coded as not asserted", "pair coded, not this act", "target missing",
                "wrong target", "wrong source", "not coded at all")


@dataclass
class ErrorClasses:
    spurious: Counter = field(default_factory=Counter)
    misses: Counter = field(default_factory=Counter)

    def format(self) -> str:
        lines = [f"spurious events by class ({sum(self.spurious.values())}):"]
        lines += [f"  {name:<34}{self.spurious[name]:>5}" for name in SPURIOUS_CLASSES]
        lines.append(f"missed events by class ({sum(self.misses.values())}):")
        lines += [f"  {name:<34}{self.misses[name]:>5}" for name in MISS_CLASSES]
        return "\n".join(lines)


def _sides(event: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    return actor_codes(event.get("source")), actor_codes(event.get("target"))


def _directions(want: Mapping[str, Any]) -> list[tuple]:
    pairs = [(want["src"], want["tgt"])]
    if want.get("sym"):
        pairs.append((want["tgt"], want["src"]))
    return pairs


def spurious_class(event: Mapping[str, Any], item: GoldItem) -> str:
    s, t = _sides(event)
    root = root_of(event)
    entries = item.expect + item.allow
    if any(violates(event, fb) for fb in item.forbid):
        return SPURIOUS_CLASSES[0]
    if any(root in w["roots"] and any_of(w["src"], t) and any_of(w["tgt"], s) for w in entries):
        return SPURIOUS_CLASSES[1]
    if any(any(any_of(ws, s) and any_of(wt, t) for ws, wt in _directions(w)) for w in entries):
        return SPURIOUS_CLASSES[2]
    same_source = [w for w in entries if root in w["roots"] and any_of(w["src"], s)]
    if same_source:
        return SPURIOUS_CLASSES[3] if not t else SPURIOUS_CLASSES[4]
    if any(root in w["roots"] and any_of(w["tgt"], t) for w in entries):
        return SPURIOUS_CLASSES[5]
    return SPURIOUS_CLASSES[6]


def miss_class(want: Mapping[str, Any], output: list[Mapping[str, Any]]) -> str:
    asserted = [e for e in output if is_asserted(e)]
    if any(matches(e, want, False) for e in asserted):
        return MISS_CLASSES[0]
    if any(matches(e, want, False) for e in output):
        return MISS_CLASSES[1]
    for cls, test in ((MISS_CLASSES[2], lambda s, t, r, ws, wt: any_of(ws, s) and any_of(wt, t)),
                      (MISS_CLASSES[3], lambda s, t, r, ws, wt: r in want["roots"] and any_of(ws, s) and not t),
                      (MISS_CLASSES[4], lambda s, t, r, ws, wt: r in want["roots"] and any_of(ws, s)),
                      (MISS_CLASSES[5], lambda s, t, r, ws, wt: r in want["roots"] and any_of(wt, t))):
        for e in asserted:
            s, t = _sides(e)
            if any(test(s, t, root_of(e), ws, wt) for ws, wt in _directions(want)):
                return cls
    return MISS_CLASSES[6]


def classify(gold: Iterable[GoldItem], events: Iterable[Mapping[str, Any]]) -> ErrorClasses:
    """Count spurious events (on exhaustive items) and strict misses by class."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for e in events:
        by_doc.setdefault(str(e.get("doc_id")), []).append(e)
    out = ErrorClasses()
    for item in gold:
        output = by_doc.get(item.id, [])
        for w in item.expect:
            if not any(matches(e, w, True) for e in output if is_asserted(e)):
                out.misses[miss_class(w, output)] += 1
        if item.exhaustive:
            ok = item.expect + item.allow
            for e in output:
                if is_asserted(e) and not any(matches(e, w, False) for w in ok):
                    out.spurious[spurious_class(e, item)] += 1
    return out
