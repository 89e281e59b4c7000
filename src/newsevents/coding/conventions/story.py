"""Conventions over a whole article's events, once every sentence is coded (the `article` phase)."""
from __future__ import annotations

from dataclasses import replace

from newsevents.coding.article import Context
from newsevents.model import Event

HEADLINE_DATE = "date.headline-from-lead.v1"


def headline_from_lead(events: list[Event], context: Context) -> list[Event]:
    """"Peru's Congress ousts Castillo" (a headline, undated) reports the lead's "Peru's Congress removed
    President Pedro Castillo from office on Wednesday": a headline act with no date of its own takes the day of
    the same act (the same two sides, the same root) in the lead paragraph, the first after the headline."""
    if context.headline is None:
        return events
    lead = next((n for i, n in sorted(context.paragraphs.items()) if n > context.paragraphs[context.headline]),
                None)
    dated = {}
    for e in events:
        if context.paragraphs.get(e.sentence_index) == lead and e.modality == "asserted" and \
                e.date is not None and e.date.precision == "day":
            dated.setdefault(_act(e), e.date)
    if not dated:
        return events
    out = []
    for e in events:
        day = dated.get(_act(e)) if e.sentence_index == context.headline and e.modality == "asserted" and \
            e.date is not None and e.date.precision == "published" else None
        if day is not None:
            e = replace(e, date=day, rule=_cite(e.rule, HEADLINE_DATE),
                        extra={**e.extra, "trail": (*e.extra.get("trail", ()), HEADLINE_DATE)})
        out.append(e)
    return out


def _act(e: Event) -> tuple:
    sides = frozenset(a.group or a.country for a in (e.source, e.target) if a is not None)
    return sides, e.root


def _cite(rule: str, convention: str) -> str:
    """The rule with one more convention cited, before its modality note ("... +x.v1 [governor:fear]")."""
    head, bracket, note = rule.partition(" [")
    return f"{head} +{convention}{bracket}{note}"
