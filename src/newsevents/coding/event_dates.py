"""When an event happened: the date expressions of a sentence (from `dates.py`) attached to its triggers.

A date belongs to the event whose trigger it hangs from ("struck ... on Saturday"); "two days after <clause>"
shifts the events inside the clause; a lead sentence's one date dates its events; otherwise the publication
date, labelled `published`. A deadline ("until the end of Tuesday") dates nothing.
"""
from __future__ import annotations

import datetime as dt
import re

from newsevents.coding.dates import DateMention, find_date_mentions
from newsevents.coding.english import SETTING_NOUNS
from newsevents.coding.parse_facts import children, sentence_columns, span_text
from newsevents.coding.time_words import MONTHS, WEEKDAYS
from newsevents.model import EventDate

DEADLINE = re.compile(r"\b(until|till|by|before|deadline of)( the end of| the close of)?\s*$", re.I)


def sentence_dates(sent, published, reference=None) -> list[tuple[DateMention, object]]:
    """Date mentions of the sentence with the token each attaches to. `reference` is where the story
    is ("a day earlier" after an event dated Tuesday is Monday)."""
    out = []
    text = span_text(sent.doc, sent.start, sent.end)
    for m in find_date_mentions(text, published, reference):
        if DEADLINE.search(text[max(0, m.start - 20):m.start]):
            continue   # "until the end of Tuesday" is a deadline, not when the event happened
        span = sent.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span) and not _names_a_thing(span):
            out.append((m, span.root))
    return out


TIME_NOUNS = frozenset({"year", "month", "week", "day", "season", "spring", "summer", "autumn", "fall", "winter",
                        "quarter", "decade", "century"})


def _names_a_thing(span) -> bool:
    """A year that is part of a name or a description ("the 1973 war", "the 1961 Vienna Convention", "the 2019
    elections") dates that thing, not the act the sentence reports."""
    years = [t for t in span if t.like_num and len(t.text) == 4 and t.text.isdigit()]
    return bool(years) and all(t.dep_ in ("nummod", "compound", "amod") and t.head.pos_ in ("NOUN", "PROPN")
                               and t.head.lemma_.lower() not in TIME_NOUNS and t.head not in span for t in years)


def event_date(trigger, dates, published) -> EventDate | None:
    """The date attached nearest the trigger along its chain of heads; else the publication date."""
    if dates:
        chain = []
        t = trigger
        for _ in range(10):
            chain.append(t)
            if t.head == t:
                break
            t = t.head
        chain_ids = {c.i: n for n, c in enumerate(chain)}
        best = shifted = None
        for m, root in dates:
            # Walk from the date's root up to the first verb or event noun: that is what it dates.
            r, anchor = root, None
            for _ in range(8):
                if r.i in chain_ids:
                    anchor = r
                    break
                if r.head == r or (r.pos_ == "VERB" and r.i != root.i and not _describes_setting(r)):
                    break   # the date belongs to another clause's verb
                if r.dep_ == "appos":
                    break   # "India, the island's largest creditor this year, said": it dates the description
                r = r.head
            if anchor is None:
                continue
            rank = chain_ids[anchor.i]
            if m.kind == "relative":
                # "two days after <clause>": only events inside the clause shift (unless the clause gives its own
                # date: "two days after Biden hosted Zelensky on Tuesday").
                if _inside(trigger, root) and m.date is None and shifted is None:
                    base = event_date(root.head, [d for d in dates if d[0] is not m], published)
                    if base is not None:
                        day = base.date + dt.timedelta(days=m.offset_days)
                        shifted = (rank, EventDate(day, base.precision if base.precision != "published" else "day",
                                                   m.text))
                continue
            if m.date is not None and (best is None or rank < best[0]):
                best = (rank, m.date)
        if best is not None and (shifted is None or best[0] <= shifted[0]):
            return best[1]
        if shifted is not None:
            return shifted[1]
        # (a date after publication is another act's, still to come: "promised to hold elections in July 2023")
        absolute = [m for m, root in dates if m.kind != "relative" and m.date is not None
                    and not _describes_another_noun(root, trigger) and not _dates_a_thing(m, root, trigger)
                    and not _in_apposition(root, trigger) and not _dates_what_will_be(root)
                    and (published is None or m.date.date <= published)]
        relative = [root for m, root in dates if m.kind == "relative"]
        if len(absolute) == 1 and not any(_inside(trigger, r) for r in relative):
            return absolute[0].date   # a lead sentence's one date ("... on Saturday that killed ...")
    if published is None:
        return None
    return EventDate(published, "published", None)


FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})


def _dates_what_will_be(root) -> bool:
    """"condemned the offensive and said it would hold a meeting on Saturday": a date in a clause that looks
    ahead dates the act to come, never the sentence's other acts."""
    t = root
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in children(t))
        if t.head == t:
            return False
        t = t.head
    return False


def main_clause_date(dates) -> dt.date | None:
    """The day-precise date attached nearest the sentence's root ("Israel was weighing on Wednesday ..."); of
    conjoined clauses, the last one's ("who on Thursday called ... and who said on Friday": Friday, what "a day
    later" in the next sentence counts from)."""
    best = None
    for m, root in dates:
        if m.date is None or m.kind == "relative" or m.date.precision != "day":
            continue
        steps, t = 0, root
        for _ in range(12):
            if t.head == t:
                break
            steps += t.dep_ != "conj"   # (a conjunct stands where its head does)
            t = t.head
        if best is None or steps < best[0] or (steps == best[0] and m.date.date > best[1]):
            best = (steps, m.date.date)
    return best[1] if best else None


def _describes_another_noun(root, trigger) -> bool:
    """"its Minsk Group, the body created in the 1990s": a date in a clause that describes a noun dates that
    clause's act, not the sentence's other acts (nor does one in a clause joined to it: "the association,
    which led the uprising, and groups have called for marches on Oct. 30"); nor does a clause with its own
    subject date an act that neither contains it nor is inside it."""
    t = root
    for _ in range(8):
        if t.head == t:
            return False
        t = t.head
        if _names_another_time(t) and trigger not in t.subtree:
            return True   # "agreed to keep lines open ahead of a meeting on Aug. 4": the meeting's date
        if t.pos_ != "VERB":
            continue
        if trigger in t.subtree:
            return False
        if t.dep_ in ("relcl", "acl"):
            return True
        if t.dep_ != "conj" and t not in trigger.subtree:   # (a conjoined clause is read with the one it joins)
            return any(c.dep_ in ("nsubj", "nsubjpass") for c in children(t))
        # a clause inside the act's own subtree may still sit in a relative clause further up: "the warrant for
        # Deif, whom Israel says it killed in July"
    return False


def _in_apposition(root, trigger) -> bool:
    """"India, the island's largest creditor this year, said ...": a date inside an appositive dates the
    description of the noun, not what the noun's clause reports."""
    t = root
    for _ in range(8):
        if t.dep_ == "appos":
            return trigger not in t.subtree
        if t.head == t or t.pos_ == "VERB":
            return False
        t = t.head
    return False


def _dates_a_thing(m: DateMention, root, trigger) -> bool:
    """"citing fraud in the November election", "a July 10 meeting": a date that modifies a noun dates what the
    noun names, not the sentence's other acts (unless the act's clause follows that noun: "Trump's July 25 call
    when he asked ...")."""
    span = root.sent.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if (t.head.i < span.start or t.head.i >= span.end) and t.dep_ not in ("prep", "det")]
    if len(words) != 1 or words[0].dep_ not in ("compound", "nmod", "amod", "nummod"):
        return False
    noun = words[0].head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() in TIME_NOUNS or trigger in noun.subtree:
        return False
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return clause.left_edge.i != noun.right_edge.i + 1


def _describes_setting(verb) -> bool:
    """"agreed in a call lasting two hours on Monday": a participle describing the call or talks an act was
    done in dates that act."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and verb.head.lemma_.lower() in SETTING_NOUNS


def _names_another_time(t) -> bool:
    """A phrase that places the act against another one: "ahead of", "prior to", "in the run-up to"."""
    return t.dep_ == "prep" and ((t.lower_ == "of" and t.head.lower_ == "ahead") or
                                 (t.lower_ == "to" and t.head.lower_ in ("prior", "run-up")))


def _inside(token, anchor) -> bool:
    """Is `token` inside the clause that `anchor` ("after"/"before" phrase) governs?"""
    head = anchor.head if anchor.dep_ != "prep" else anchor
    for t in head.subtree:
        if t == token:
            return t != head.head
    return False


# "The fighting broke out on Thursday": what began when, for "on the first day of fighting" later on.
ONSET_NOUNS = frozenset({"fighting", "war", "conflict", "clash", "offensive", "invasion", "protest", "talk",
                         "summit", "uprising", "siege", "strike", "battle", "unrest", "violence", "crisis"})
ONSET_VERBS = frozenset({"begin", "start", "break", "erupt", "flare", "open", "launch"})
# Lemmas that name a day ("on Tuesday", "on Sept. 30"): a sentence with one may move the narrative's day on.
DAY_WORDS = frozenset({f"{d}day" for d in WEEKDAYS} | set(MONTHS) | {f"{m}." for m in MONTHS if len(m) <= 4})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}


def note_onsets(sent, dates, published, onsets: dict) -> None:
    """Record the day an event noun began ("the fighting broke out on Thursday") in `onsets` (lemma -> date)."""
    for t, _, dep, lemma in zip(*sentence_columns(sent)):
        if dep in ("nsubj", "nsubjpass") and lemma in ONSET_NOUNS and t.head.lemma_.lower() in ONSET_VERBS:
            when = event_date(t.head, dates, None)
            if when is not None and when.precision == "day":
                onsets.setdefault(lemma, when)


def day_of_onset(trigger, onsets: dict) -> EventDate | None:
    """"on the first day of fighting", "on the second day of talks": that day, counted from when the article
    said the fighting or the talks began. A conjoined clause shares its first clause's day."""
    heads = [trigger] + ([trigger.head] if trigger.dep_ == "conj" else [])
    for prep in (p for h in heads for p in children(h)):
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "during"):
            continue
        for day in children(prep):
            nth = next((ORDINALS[a.lower_] for a in children(day) if a.lower_ in ORDINALS), None)
            if day.lemma_.lower() != "day" or nth is None:
                continue
            for of in children(day):
                for noun in children(of) if of.dep_ == "prep" and of.lower_ == "of" else ():
                    began = onsets.get(noun.lemma_.lower())
                    if began is not None:
                        text = trigger.doc[prep.i:noun.i + 1].text
                        return EventDate(began.date + dt.timedelta(days=nth - 1), "day", text)
    return None
