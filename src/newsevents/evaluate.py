"""Scoring coded events against a gold file in the `shared/gold` format.

The matching rules are those of the reference scorer `shared/gold/score.py` (see `shared/gold/README.md`),
reproduced here exactly so that `score()` over the coder's output gives the same figures:

- An output actor answers to its country, its group, its full code, the first three letters of its code, the
  group names of `GROUP_ALIASES`, `IGO` (role `IGO`, code prefix `IGO`, or an intergovernmental group), `NGO`
  (role or code prefix) and `IMG` (code prefix `IMG`, or an armed group). `*` in the gold matches any actor,
  a missing one included; `src` and `tgt` may be lists (any one of them matches).
- An expected event is found when actors and root match (either direction where `sym`); strictly found when,
  in addition, its date is one of the gold's dates (where given) and its location country the gold's (where
  given).
- A forbid entry is violated when an output event matches its actors and root in the direction written, on a
  date not in its `except_dates`.
- On `exhaustive` items every output event must match an `expect` or `allow` entry (actors and root);
  precision is right / judged over those items.
- Only events whose `modality` is `asserted` (or missing) are scored.

Everything here works on event dicts (`Event.to_dict()`, or JSON lines from `newsevents code`) and imports no
NLP library; `evaluate_file` is the one function that runs a coder.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from types import MappingProxyType
from typing import Any

GROUP_ALIASES: Mapping[str, frozenset[str]] = MappingProxyType({
    "EU": frozenset({"EU", "EUR", "IGOEUREEC", "EEC"}),
    "NATO": frozenset({"NATO", "IGOWSTNAT", "NAT"}),
    "UN": frozenset({"UN", "IGOUNO", "UNO"}),
    "HAMAS": frozenset({"HAMAS", "HMS"}),
    "HEZBOLLAH": frozenset({"HEZBOLLAH", "HEZ"}),
    "TALIBAN": frozenset({"TALIBAN", "TAL"}),
    "ISIL": frozenset({"ISIL", "ISIS", "IS"}),
    "HOUTHI": frozenset({"HOUTHI", "HOUTHIS", "ANSARALLAH"}),
})
IGO_GROUPS = frozenset({"EU", "NATO", "UN", "AU", "ASEAN", "OPEC", "IAEA", "ARAB_LEAGUE", "OSCE", "WHO", "IMF",
                        "WORLD_BANK"})
ARMED_GROUPS = frozenset({"ISIL", "AL_QAEDA", "HEZBOLLAH", "HAMAS", "HOUTHI", "TALIBAN"})
ASSERTED = "asserted"
ANY_ACTOR = "*"
REQUIRED_ENTRY_KEYS = ("src", "tgt", "roots")


# ---------------------------------------------------------------------------------------------------- gold
@dataclass(frozen=True, slots=True)
class GoldItem:
    """One gold item: a text, the events it must yield (`expect`), may yield (`allow`), must not (`forbid`).

    The entries stay the gold file's dicts (`src`, `tgt`, `roots`, `date`, `loc`, `sym`, `except_dates`).
    """

    id: str
    published: dt.date | None
    text: str
    expect: list[dict] = field(default_factory=list)
    forbid: list[dict] = field(default_factory=list)
    allow: list[dict] = field(default_factory=list)
    exhaustive: bool = False

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> GoldItem:
        """Build and check an item from one gold JSON object; a malformed one raises `ValueError`."""
        if "id" not in d or "text" not in d:
            raise ValueError(f"gold item without id or text: {str(d)[:80]}")
        item_id = str(d["id"])
        entries = {}
        for key in ("expect", "forbid", "allow"):
            value = d.get(key) or []
            if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
                raise ValueError(f"gold item {item_id}: {key!r} must be a list of objects")
            for e in value:
                missing = [k for k in REQUIRED_ENTRY_KEYS if k not in e]
                if missing:
                    raise ValueError(f"gold item {item_id}: {key} entry {e} lacks {', '.join(missing)}")
            entries[key] = [dict(e) for e in value]
        return cls(id=item_id, published=parse_date(d.get("published")), text=d["text"],
                   expect=entries["expect"], forbid=entries["forbid"], allow=entries["allow"],
                   exhaustive=bool(d.get("exhaustive")))


def parse_date(value: Any) -> dt.date | None:
    """`YYYY-MM-DD` or a full ISO timestamp (or a date already) -> date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise ValueError(f"not an ISO date: {value!r}") from err


def load_gold(path: str | PathLike) -> list[GoldItem]:
    """Read a gold JSONL file (one item per non-blank line)."""
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                items.append(GoldItem.from_dict(json.loads(line)))
            except ValueError as err:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"{path}:{n}: {err}") from err
    return items


# ------------------------------------------------------------------------------------------------ matching
def actor_codes(actor: Mapping[str, Any] | str | None) -> set[str]:
    """Every code an output actor answers to: country, group, code, code prefix, aliases, IGO / NGO / IMG."""
    if not actor:
        return set()
    if isinstance(actor, str):
        actor = {"code": actor}
    out = set()
    for key in ("country", "group", "code"):
        value = actor.get(key)
        if isinstance(value, str) and value:
            out.add(value.upper())
    code = (actor.get("code") or "").upper()
    role = (actor.get("role") or "").upper()
    if len(code) >= 3:
        out.add(code[:3])
    for group, names in GROUP_ALIASES.items():
        if out & names:
            out.add(group)
    if role == "IGO" or code.startswith("IGO") or out & IGO_GROUPS:
        out.add("IGO")
    if role == "NGO" or code.startswith("NGO"):
        out.add("NGO")
    if code.startswith("IMG") or out & ARMED_GROUPS:
        out.add("IMG")
    return out


def any_of(want: str | list[str], have: set[str]) -> bool:
    """True when one of the gold's codes (a code or a list of them; `*` is any actor) is among `have`."""
    want = want if isinstance(want, list) else [want]
    return ANY_ACTOR in want or any(w in have for w in want)


def root_of(event: Mapping[str, Any]) -> str:
    """The event's two-digit CAMEO root: its `root` field, else the first two digits of `cameo`."""
    r = event.get("root") or (event.get("cameo") or "")[:2]
    return str(r).zfill(2)[:2] if r else ""


def loc_country(event: Mapping[str, Any]) -> str:
    """The ISO3 country of the event's location, upper case; '' when none."""
    loc = event.get("location") or {}
    return (loc.get("country") or "").upper() if isinstance(loc, dict) else ""


def is_asserted(event: Mapping[str, Any]) -> bool:
    """Only asserted events are scored; an event without a modality counts as asserted."""
    return modality_of(event) == ASSERTED


def modality_of(event: Mapping[str, Any]) -> str:
    return event.get("modality") or ASSERTED


def matches(event: Mapping[str, Any], want: Mapping[str, Any], strict: bool) -> bool:
    """Does the output event match a gold entry? Actors and root; with `strict`, date and location too."""
    s, t = actor_codes(event.get("source")), actor_codes(event.get("target"))
    pairs = [(want["src"], want["tgt"])]
    if want.get("sym"):
        pairs.append((want["tgt"], want["src"]))
    if not any(any_of(ws, s) and any_of(wt, t) for ws, wt in pairs):
        return False
    if root_of(event) not in want["roots"]:
        return False
    if strict and want.get("date") and event.get("date") not in want["date"]:
        return False
    if strict and want.get("loc") and loc_country(event) != want["loc"]:
        return False
    return True


def violates(event: Mapping[str, Any], forbid: Mapping[str, Any]) -> bool:
    """A forbid entry: actors and root in the direction written, on a date not in its `except_dates`."""
    return (matches(event, dict(forbid, sym=False), False)
            and event.get("date") not in forbid.get("except_dates", []))


# -------------------------------------------------------------------------------------------------- report
Output = tuple[str | None, str | None, str | None, str | None, str]  # source, target, cameo, date, modality


@dataclass(frozen=True, slots=True)
class Miss:
    """An expected event not strictly found. `loose`: actors and root were found, date or location wrong."""

    item_id: str
    expect: dict
    loose: bool
    got: tuple[Output, ...]


@dataclass(frozen=True, slots=True)
class Violation:
    """A forbid entry the output tripped, with the first offending event."""

    item_id: str
    forbid: dict
    sentence: str
    event: Output


@dataclass(frozen=True, slots=True)
class Spurious:
    """An asserted event on an exhaustive item that matches no `expect` or `allow` entry."""

    item_id: str
    event: Output
    sentence: str


@dataclass(slots=True)
class RootFigures:
    """Recall for one CAMEO root family (the first root listed in an expect entry)."""

    root: str
    expected: int = 0
    found: int = 0
    found_strict: int = 0

    @property
    def recall(self) -> float:
        return self.found / max(self.expected, 1)

    @property
    def strict_recall(self) -> float:
        return self.found_strict / max(self.expected, 1)


@dataclass(slots=True)
class EvalReport:
    """The figures of `score.py` plus the detail behind them.

    `events` counts the asserted events (what `newsevents code` writes by default, hence what `score.py`
    counts); `by_modality` counts every event given, by modality.
    """

    n_items: int = 0
    n_expected: int = 0
    found: int = 0
    found_strict: int = 0
    dated: int = 0
    dated_ok: int = 0
    located: int = 0
    located_ok: int = 0
    right: int = 0
    judged: int = 0
    events: int = 0
    by_modality: dict[str, int] = field(default_factory=dict)
    per_root: dict[str, RootFigures] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    violated: list[Violation] = field(default_factory=list)
    spurious: list[Spurious] = field(default_factory=list)
    events_coded: list[Mapping[str, Any]] = field(default_factory=list, repr=False)   # every event scored

    @property
    def recall(self) -> float:
        return self.found / max(self.n_expected, 1)

    @property
    def strict_recall(self) -> float:
        return self.found_strict / max(self.n_expected, 1)

    @property
    def violations(self) -> int:
        return len(self.violated)

    @property
    def precision(self) -> float | None:
        """right / judged over the exhaustive items; None when no item is exhaustive (or none had output)."""
        return self.right / self.judged if self.judged else None

    def passes(self, min_recall: float = 0.9, max_violations: int = 0, min_precision: float = 0.0) -> bool:
        """`score.py`'s exit condition."""
        ok_precision = self.precision is None or self.precision >= min_precision
        return self.recall >= min_recall and self.violations <= max_violations and ok_precision

    def summary(self) -> str:
        """The figure line, in `score.py`'s exact format."""
        prec = f", precision {self.precision:.2f} ({self.right}/{self.judged})" if self.judged else ""
        return (f"recall {self.recall:.2f} strict {self.strict_recall:.2f} ({self.found}/{self.n_expected}), "
                f"date {self.dated_ok}/{self.dated}, loc {self.located_ok}/{self.located}, "
                f"violations {self.violations}{prec}, events {self.events} for {self.n_items} items")


def _code(actor: Mapping[str, Any] | str | None) -> str | None:
    if isinstance(actor, str):
        return actor
    return actor.get("code") if actor else None


def _output(event: Mapping[str, Any]) -> Output:
    return (_code(event.get("source")), _code(event.get("target")), event.get("cameo"), event.get("date"),
            modality_of(event))


def score(gold: list[GoldItem], events: Iterable[Mapping[str, Any]]) -> EvalReport:
    """Match output events (contract dicts, grouped by `doc_id`) against the gold items."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    modalities: Counter[str] = Counter()
    for e in events:
        by_doc.setdefault(str(e.get("doc_id")), []).append(e)
        modalities[modality_of(e)] += 1
    report = EvalReport(n_items=len(gold), events=modalities[ASSERTED], by_modality=dict(modalities),
                        events_coded=[e for evs in by_doc.values() for e in evs])
    for g in gold:
        output = by_doc.get(g.id, [])
        asserted = [e for e in output if is_asserted(e)]
        _score_expected(report, g, output, asserted)
        _score_forbidden(report, g, asserted)
        if g.exhaustive:
            _score_precision(report, g, asserted)
    report.per_root = dict(sorted(report.per_root.items()))
    return report


def _score_expected(report: EvalReport, g: GoldItem, output: list, asserted: list) -> None:
    for w in g.expect:
        family = str(w["roots"][0]) if w["roots"] else ""
        fig = report.per_root.setdefault(family, RootFigures(family))
        report.n_expected += 1
        fig.expected += 1
        hit = [e for e in asserted if matches(e, w, False)]
        if hit:
            report.found += 1
            fig.found += 1
            if w.get("date"):
                report.dated += 1
                report.dated_ok += any(e.get("date") in w["date"] for e in hit)
            if w.get("loc"):
                report.located += 1
                report.located_ok += any(loc_country(e) == w["loc"] for e in hit)
        if any(matches(e, w, True) for e in asserted):
            report.found_strict += 1
            fig.found_strict += 1
        else:
            report.misses.append(Miss(g.id, w, bool(hit), tuple(_output(e) for e in output)))


def _score_forbidden(report: EvalReport, g: GoldItem, asserted: list) -> None:
    for fb in g.forbid:
        bad = [e for e in asserted if violates(e, fb)]
        if bad:
            report.violated.append(Violation(g.id, fb, bad[0].get("sentence") or "", _output(bad[0])))


def _score_precision(report: EvalReport, g: GoldItem, asserted: list) -> None:
    ok = g.expect + g.allow
    for e in asserted:
        report.judged += 1
        if any(matches(e, w, False) for w in ok):
            report.right += 1
        else:
            report.spurious.append(Spurious(g.id, _output(e), e.get("sentence") or ""))


# -------------------------------------------------------------------------------------------------- format
def _codes(value: str | list[str]) -> str:
    return "|".join(value) if isinstance(value, list) else str(value)


def _describe_entry(w: Mapping[str, Any]) -> str:
    arrow = "<->" if w.get("sym") else "->"
    text = f"{_codes(w['src'])}{arrow}{_codes(w['tgt'])} roots {'/'.join(w['roots'])}"
    if w.get("date"):
        text += f" date {_codes(w['date'])}" if isinstance(w["date"], list) else f" date {w['date']}"
    if w.get("loc"):
        text += f" loc {w['loc']}"
    if w.get("except_dates"):
        text += f" except {'|'.join(w['except_dates'])}"
    return text


def _describe_output(o: Output) -> str:
    src, tgt, cameo, date, modality = o
    text = f"{src or '?'}->{tgt or '?'} {cameo or '?'} {date or '-'}"
    return text if modality == ASSERTED else f"{text} ({modality})"


def format_report(report: EvalReport, show: bool = True) -> str:
    """Misses, violations and spurious events (with `show`), the per-root table, and the summary line last."""
    lines = []
    if show:
        for m in report.misses:
            got = ", ".join(_describe_output(o) for o in m.got) or "nothing"
            flag = " [actors+root found, date/loc wrong]" if m.loose else ""
            lines.append(f"MISS {m.item_id} {_describe_entry(m.expect)}{flag} | got: {got}")
        for v in report.violated:
            lines.append(f"VIOLATION {v.item_id} {_describe_entry(v.forbid)} | got: {_describe_output(v.event)}"
                         f" | {v.sentence[:120]}")
        for s in report.spurious:
            lines.append(f"SPURIOUS {s.item_id} {_describe_output(s.event)} | {s.sentence[:100]}")
        if lines:
            lines.append("")
    lines.append(f"{'root':<5}{'expected':>9}{'found':>7}{'strict':>8}{'recall':>8}{'strict':>8}")
    for fig in report.per_root.values():
        lines.append(f"{fig.root:<5}{fig.expected:>9}{fig.found:>7}{fig.found_strict:>8}"
                     f"{fig.recall:>8.2f}{fig.strict_recall:>8.2f}")
    lines.append(f"{'all':<5}{report.n_expected:>9}{report.found:>7}{report.found_strict:>8}"
                 f"{report.recall:>8.2f}{report.strict_recall:>8.2f}")
    if report.by_modality:
        counts = ", ".join(f"{m} {n}" for m, n in sorted(report.by_modality.items(), key=lambda kv: -kv[1]))
        lines.append(f"output by modality: {counts}")
    lines.append(report.summary())
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------- running
def evaluate_file(gold_path: str | PathLike, coder: Any = None) -> EvalReport:
    """Code every gold text with `coder` (a `newsevents.coding.pipeline.Coder`; the default one when None) and
    score the output. As `score.py` does, the coder sees only each item's id, text and publication date.
    """
    from newsevents.model import Article

    if coder is None:
        from newsevents.coding.pipeline import Coder  # loads spaCy: only here, never at import

        coder = Coder()
    gold = load_gold(gold_path)
    articles = [Article(id=g.id, text=g.text, published=g.published) for g in gold]
    events = [e.to_dict() for _, evs in coder.code_many(articles) for e in evs]
    return score(gold, events)
