"""The date stage: find time expressions in a sentence and resolve them to event dates.

Pure text in, records out (no spaCy). `find_date_mentions` returns every time expression in the text as a
`DateMention`, in text order and without overlaps:

- kind ``"absolute"``: an explicit date ("Oct. 2", "in March 2017", "in 2019"), or one resolved against the
  publication date ("on Tuesday", "yesterday", "two days ago", "last month") or against the date the
  narrative is at, `reference` ("a day earlier", "the previous evening", "hours later", "the same day").
- kind ``"relative"``: an expression that dates an embedded clause against the main clause ("two days after
  a massive explosion devastated..."). It has no date of its own; `offset_days` is what to add to the main
  clause's date to date the embedded event.

Resolution rules (DESIGN.md, Dates): a weekday is the most recent such day on or before publication (the same
day if publication falls on it; "last Tuesday" is strictly before, "next Tuesday" strictly after); a
month-day without a year takes the publication year unless that puts it more than 60 days after
publication, then the year before (or the year after, for "Jan. 3" in a late-December article); a bare month
("in March") is the most recent such month on or before publication ("last March" strictly before it).

Speed: this runs on every sentence. A sentence is first split into words and checked against a set of anchor
words (weekdays, months, "yesterday", "week"...) and for digits; most sentences stop there. Each anchor then
tries only the few patterns its kind allows, from the word starts just before it. Patterns and tables are
built once at import; there is no mutable module state, and no call to dateparser (month names are parsed
here, which is both faster and deterministic).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsevents.coding.time_words import (EXACT_QUALIFIERS, MONTHS, NUMBER_WORDS, PUBLISHED_PHRASES,
                                          REFERENCE_PHRASES, UNITS, VAGUE_NUMBERS, VAGUE_PLURAL, WEEKDAYS)
from newsevents.model import EventDate

__all__ = ["DateMention", "find_date_mentions", "resolve_weekday"]

_DAY = dt.timedelta(days=1)
_FUTURE_DAYS = 60  # a month-day without a year may lie at most this far after publication


@dataclass(frozen=True, slots=True)
class DateMention:
    """One time expression found in a text."""

    start: int  # char offsets in the given text
    end: int
    text: str
    date: EventDate | None  # resolved date, or None for clause-relative expressions
    kind: str  # "absolute" or "relative"
    offset_days: int = 0  # kind "relative": days to ADD to the main clause's date to date the embedded clause
    approximate: bool = False  # week-level or fuzzy expressions ("last week", "over the weekend", "days after")


def resolve_weekday(weekday: int, published: dt.date) -> dt.date:
    """The most recent `weekday` (Monday = 0) on or before `published`."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


# --- constant tables ---------------------------------------------------------------------------------------

# Words that license a bare month name ("in March", "last November", "mid-August"). "May" needs a strong cue.
_STRONG_MONTH_CUES = frozenset({"in", "during", "since", "until", "till", "through", "last", "this", "next",
                                "early", "late", "mid"})
_ANY_MONTH_CUES = _STRONG_MONTH_CUES | {"from", "by", "of", "the", "end", "start", "beginning", "middle"}
# Words that license a bare year ("in 2019", "since 2014", "the summer of 2019").
_YEAR_CUES = frozenset({"in", "during", "since", "until", "till", "through", "from", "by", "before", "after",
                        "around", "circa", "early", "late", "mid"})
_YEAR_OF_CUES = frozenset({"end", "start", "beginning", "middle", "spring", "summer", "autumn", "fall", "winter"})
# A lower-case word ending in "s" after a year usually means the number counts something ("in 2000 troops").
_NOT_PLURAL_NOUNS = frozenset({"as", "was", "is", "has", "his", "its", "this", "thus", "us", "plus", "less",
                               "unless", "across", "whereas", "perhaps", "always", "afterwards", "towards"})
# Words before "N days after/before/later" that make the phrase a duration ("for two days before ...").
_DURATION_CUES = frozenset({"for", "the", "last", "past", "next", "first", "within", "over", "during", "in",
                            "those", "these", "recent", "few"})
# Weekday names that are part of a name, not a date ("Bloody Sunday", "the Sunday Times").
_WEEKDAY_NAME_BEFORE = frozenset({"bloody", "black", "good", "super", "ash", "palm", "easter", "holy",
                                  "maundy", "shrove", "cyber"})
_TODAY_NAME_BEFORE = frozenset({"usa", "russia"})  # the newspaper "USA Today", the channel "Russia Today"
_WEEKDAY_NAME_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Independent|Tribune|Agreement|"
                                 r"Accord|Post|Sport|Star|People)\b")
# Words after "N days after/before" that do not start a clause ("two days before, and ...").
_NON_CLAUSE_WORDS = frozenset({"and", "but", "or", "when", "while", "that"})


def _phrase_alternation(phrases) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


# --- patterns ----------------------------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d\d"
_NUM = (r"(?:a\s+few|a\s+couple(?:\s+of)?|several|few|\d{1,3}|"
        + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
        + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?")
_QUAL = (r"(?:just|only|barely|nearly|almost|about|around|roughly|some|exactly|precisely|"
         r"more\s+than|less\s+than|fewer\s+than|under|over|at\s+least)")
_UNIT = r"(?:minute|hour|day|night|week|month|year|decade)s?"
_CUE = (r"(?:on|in|during|since|until|till|through|from|by|of|last|this|next|early|late|mid|end|start|"
        r"beginning|middle|the|before|after|around|circa|spring|summer|autumn|fall|winter|between)")

_ISO = rf"""(?P<iso> (?<![\d-]) (?:(?i:on)\s+)? (?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])
    -(?P<iso_d>0[1-9]|[12]\d|3[01]) (?![\d-]) )"""
_PUB = rf"""(?P<pub> (?i: (?:(?:late|early|earlier|later)\s+(?:on\s+)?)?
    (?P<pub_core>{_phrase_alternation(PUBLISHED_PHRASES)}) \b
    (?:['’]s)? (?:\s+(?:morning|afternoon|evening|night)\b)? ) )"""
_REF = rf"""(?P<ref> (?i: (?P<ref_core>{_phrase_alternation(REFERENCE_PHRASES)}) \b ) )"""
_CNT = rf"""(?P<cnt> (?i: (?:(?P<cnt_q>{_QUAL})\s+)? (?:(?<![\d,.])(?P<cnt_n>{_NUM})[\s-]+)? (?P<cnt_u>{_UNIT})\s+
    (?P<cnt_d>ago|after|before|later|earlier|afterwards?)\b ) )"""
_WD = r"""(?P<wd> (?P<wd_pre>(?i:(?:late|early|earlier|later)\s+(?:on\s+)?|on\s+|last\s+|this\s+|next\s+))?
    (?P<wd_name>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b (?:['’]s)?
    (?:\s+(?i:morning|afternoon|evening|night)\b)? )"""
_MON = rf"""(?P<mon> (?P<mon_pre>(?i:{_CUE}[\s-]+)*) (?P<mon_m>{_MONTH})
    (?: \s+(?P<mon_d>{_DAYNUM})(?!,\d|:\d|\s*(?:%|percent)) (?:,?\s+(?P<mon_dy>{_YEAR})\b)?
      | ,?\s+(?P<mon_y>{_YEAR})\b )?
    (?P<mon_pos>['’]s)? )"""
_DMY = rf"""(?P<dmy> (?<![\d.,$£€]) (?:(?i:on)\s+)? (?P<dmy_d>{_DAYNUM}) (?:\s+of)?\s+ (?P<dmy_m>{_MONTH})
    (?:,?\s+(?P<dmy_y>{_YEAR})\b)? )"""
_YRR = rf"""(?P<yrr> (?:(?i:{_CUE})[\s-]+)* (?<![\d.,$£€])(?<!\d-) (?P<yrr_a>{_YEAR})
    (?:\s*[-–—]\s*|\s+(?:to|until|through)\s+|(?<=[Bb]etween\s(?:19|20)\d\d)\s+and\s+)
    (?P<yrr_b>{_YEAR}|\d\d)\b (?![-–—]?\d) )"""
_DEC = rf"""(?P<dec> (?:(?i:{_CUE})[\s-]+)* (?P<dec_y>(?:19|20)\d0)['’]?s\b )"""
_YR = rf"""(?P<yr> (?P<yr_pre>(?:(?i:{_CUE})[\s-]+)+) (?<![\d.,$£€])(?<!\d-) (?P<yr_y>{_YEAR})\b (?![.,]?\d) )"""

# Every expression holds an anchor: a number, a weekday, a month, or a time word ("yesterday", "week"). The
# scan finds the anchors, then tries the expressions their kind allows from each word start a little before
# the anchor (to take in "late on", "in mid-", "two days"), and keeps the first match that covers it.
_EXPRESSIONS = {
    kind: re.compile("|".join(parts), re.VERBOSE)
    for kind, parts in {
        "number": (_ISO, _CNT, _DMY, _YRR, _DEC, _YR),
        "weekday": (_WD,),
        "month": (_MON,),
        "word": (_PUB, _REF, _CNT),
    }.items()
}
_LOOK_BACK = 40  # chars before an anchor where its expression may start ("more than a couple of weeks after")
_TIME_WORDS = ("today", "tonight", "yesterday", "overnight", "tomorrow", "minute", "minutes", "hour", "hours",
               "day", "days", "night", "nights", "week", "weeks", "weekend", "month", "months", "year", "years",
               "decade", "decades", "morning", "afternoon", "evening")
_KEYWORDS = ("today", "tonight", "yesterday", "overnight", "tomorrow")
_ANCHORS = {
    **{f"{name.capitalize()}day": "weekday" for name in WEEKDAYS},
    **{name.capitalize(): "month" for name in MONTHS},
    **{w: "word" if word in _KEYWORDS else "unit" for word in _TIME_WORDS for w in (word, word.capitalize())},
}
_ANCHOR_WORDS = frozenset(_ANCHORS)
# The words that come just before a unit word in the fixed phrases ("last" week, "the previous" evening).
_PHRASE_WORDS_BEFORE_UNIT = frozenset(
    words[i - 1] for phrase in (*PUBLISHED_PHRASES, *REFERENCE_PHRASES) for words in [phrase.split()]
    for i in range(1, len(words)) if _ANCHORS.get(words[i]) == "unit")
_DIRECTION_AFTER = re.compile(r"(?:['’]s)?\s+(?i:ago|after|before|later|earlier|afterwards?)\b")
_AFTER_DAY_OR_COUNT = re.compile(rf"(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?:{_MONTH}|(?i:{_UNIT})\b)")
_NOT_BEFORE_NUMBER = frozenset(",.$£€:/")
_SEPARATORS = str.maketrans({c: " " for c in ".,;:!?()[]{}\"'“”‘’-–—/"})
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_WORD_START = re.compile(r"\b\w")
_WORD = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+|[^\sA-Za-z])?")


# --- calendar helpers --------------------------------------------------------------------------------------

def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_day(month: int, day: int, published: dt.date) -> dt.date | None:
    """A month-day without a year: the latest such date no more than 60 days after `published`."""
    limit = published + dt.timedelta(days=_FUTURE_DAYS)
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= limit:
            return date
    return None


def _bare_month(month: int, published: dt.date, modifier: str) -> dt.date:
    """"in March" (on or before publication), "last March" (strictly before), "next March" (strictly after)."""
    if modifier == "next":
        year = published.year if month > published.month else published.year + 1
    elif modifier == "last":
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def _scaled(base: dt.date, scale: str, step: int) -> tuple[dt.date, str, bool]:
    """`step` units of `scale` from `base`: (date, precision, approximate)."""
    if scale == "day":
        return base + step * _DAY, "day", False
    if scale == "week":
        return base + dt.timedelta(days=7 * step), "day", True
    if scale == "weekend":
        saturday = resolve_weekday(5, base)
        return saturday + dt.timedelta(days=7 * step), "day", True
    if scale == "month":
        return _add_months(base, step), "month", False
    return dt.date(base.year + step, 1, 1), "year", False


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(text: str) -> tuple[int, bool]:
    """The value of a number phrase ("two", "twenty-one", "48", "several") and whether it is vague."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[words], True
    if words.isdigit():
        return int(words), False
    return sum(NUMBER_WORDS.get(w, 0) for w in words.split()), False


# --- the stage ---------------------------------------------------------------------------------------------

def find_date_mentions(text: str, published: dt.date | None,
                       reference: dt.date | None = None) -> list[DateMention]:
    """Every time expression in `text`, in order, resolved against `published` and `reference`.

    `reference` is the date the narrative is at (default `published`): "a day earlier", "the previous
    evening", "hours later", "the same day" resolve against it. With no `published` only explicit dates
    that carry a year resolve; clause-relative mentions ("two days after <clause>") need no date and are
    always returned.
    """
    anchors = _find_anchors(text)
    if not anchors:
        return []
    if reference is None:
        reference = published
    mentions = []
    frontier = 0
    for anchor, kind in anchors:
        if anchor < frontier:
            continue
        expression = _EXPRESSIONS[kind]
        for start in _WORD_START.finditer(text, max(frontier, anchor - _LOOK_BACK), anchor + 1):
            match = expression.match(text, start.start())
            if match is not None and match.end() > anchor:
                frontier = match.end()
                mention = _HANDLERS[match.lastgroup](match, text, published, reference)
                if mention is not None:
                    mentions.append(mention)
                break
    return mentions


def _find_anchors(text: str) -> list[tuple[int, str]]:
    """Positions and kinds of the words and numbers a time expression is built around, in text order.

    Cheap filters drop anchors that cannot take part in one: numbers that are neither a 19xx/20xx year nor
    followed by a month or a time unit ("$95 billion", "13 U.S. service members"), and unit words that are
    neither followed by "ago", "after", "later"... nor preceded by a word of a fixed phrase ("in five years").
    """
    anchors = []
    if _DIGIT.search(text):
        for match in _DIGITS.finditer(text):
            start, end = match.span()
            if text[start - 1:start] in _NOT_BEFORE_NUMBER or text[start - 1:start].isalpha():
                continue
            if ((end - start == 4 and text[start:start + 2] in ("19", "20"))
                    or (end - start <= 2 and _AFTER_DAY_OR_COUNT.match(text, end))):
                anchors.append((start, "number"))
    for word in _ANCHOR_WORDS.intersection(text.translate(_SEPARATORS).split()):
        kind, size = _ANCHORS[word], len(word)
        index = text.find(word)
        while index >= 0:
            end = index + size
            if not text[index - 1:index].isalpha() and not text[end:end + 1].isalpha() and (
                    kind != "unit" or _DIRECTION_AFTER.match(text, end)
                    or _word_before(text, index) in _PHRASE_WORDS_BEFORE_UNIT):
                anchors.append((index, "word" if kind == "unit" else kind))
            index = text.find(word, end)
    anchors.sort()
    return anchors


def _absolute(match: re.Match, group: str, date: dt.date | None, precision: str,
              approximate: bool = False, start: int | None = None) -> DateMention | None:
    if date is None:
        return None
    group_start, end = match.span(group)
    start = group_start if start is None else start
    span = match.string[start:end]
    return DateMention(start, end, span, EventDate(date, precision, span), "absolute", 0, approximate)


def _iso(match, text, published, reference):
    return _absolute(match, "iso", _safe_date(int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"])),
                     "day")


def _published_phrase(match, text, published, reference):
    if published is None:
        return None
    if match["pub_core"] == "Today" and _word_before(text, match.start()) in _TODAY_NAME_BEFORE:
        return None
    scale, step = PUBLISHED_PHRASES[" ".join(match["pub_core"].lower().split())]
    return _absolute(match, "pub", *_scaled(published, scale, step))


def _reference_phrase(match, text, published, reference):
    if reference is None:
        return None
    scale, step = REFERENCE_PHRASES[" ".join(match["ref_core"].lower().split())]
    return _absolute(match, "ref", *_scaled(reference, scale, step))


def _count(match, text, published, reference):
    """"two days ago", "a day earlier", "hours later", "two days after <clause>", "the day before"."""
    direction = match["cnt_d"].lower()
    unit_text = match["cnt_u"].lower()
    unit = unit_text.rstrip("s")
    plural = unit_text.endswith("s")
    qualifier = " ".join(match["cnt_q"].lower().split()) if match["cnt_q"] else ""
    if match["cnt_n"] is None:
        if not plural:
            return None
        value, vague = VAGUE_PLURAL, True
    else:
        number = match["cnt_n"].lower()
        if number == "the" and plural:
            return None
        value, vague = _number(number)
        if value == 0:
            return None
    if direction != "ago" and _word_before(text, match.start()) in _DURATION_CUES:
        return None
    per_unit, precision, coarse = UNITS[unit]
    days = value * per_unit if per_unit else (value // 24 if unit == "hour" else 0)
    approximate = per_unit > 0 and (vague or (bool(qualifier) and qualifier not in EXACT_QUALIFIERS))

    if direction in ("after", "before") and _clause_follows(text, match.end()):
        return DateMention(match.start(), match.end(), match.group(), None, "relative",
                           -days if direction == "after" else days, approximate or coarse)

    base = published if direction == "ago" else reference
    if base is None:
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if precision == "month":
        date = _add_months(base, sign * value)
    elif precision == "year":
        date = dt.date(base.year + sign * value * (10 if unit == "decade" else 1), 1, 1)
    else:
        date = base + dt.timedelta(days=sign * days)
    return _absolute(match, "cnt", date, precision, approximate)


def _word_before(text: str, start: int) -> str:
    """The lower-cased word just before `start` ("" if none within a few characters)."""
    words = _WORD.findall(text, max(0, start - 12), start)
    return words[-1].lower() if words and not text[start - 1:start].isalpha() else ""


def _clause_follows(text: str, end: int) -> bool:
    word = _NEXT_WORD.match(text, end).group(1)
    if word is None:
        return False
    if word[0].isalpha():
        return word.lower() not in _NON_CLAUSE_WORDS
    return word in "\"'‘“$£€" or word.isdigit()


def _weekday(match, text, published, reference):
    if published is None:
        return None
    if (_word_before(text, match.start()) in _WEEKDAY_NAME_BEFORE
            or _WEEKDAY_NAME_AFTER.match(text, match.end())):
        return None
    prefix = (match["wd_pre"] or "").split()
    weekday = WEEKDAYS[match["wd_name"].lower()]
    modifier = prefix[0].lower() if prefix else ""
    if modifier == "next":
        date = published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    elif modifier == "last":
        date = resolve_weekday(weekday, published - _DAY)
    else:
        date = resolve_weekday(weekday, published)
    return _absolute(match, "wd", date, "day")


def _month(match, text, published, reference):
    month = MONTHS[match["mon_m"].rstrip(".").lower()]
    if match["mon_d"]:
        # The span keeps an "on" before the date ("on Oct. 2"), not other cue words ("since the August 13").
        start = match.start("mon_m")
        if match["mon_pre"].split()[-1:] in (["on"], ["On"]):
            start = match.start("mon_pre") + match["mon_pre"].lower().rfind("on")
        day = int(match["mon_d"].rstrip("stndrh"))
        if match["mon_dy"]:
            date = _safe_date(int(match["mon_dy"]), month, day)
        else:
            date = published and _month_day(month, day, published)
        return _absolute(match, "mon", date, "day", start=start)
    if match["mon_y"]:
        return _absolute(match, "mon", dt.date(int(match["mon_y"]), month, 1), "month")
    # A bare month name needs a cue word ("in March", "last November") and a month-like spelling.
    if match["mon_pos"] or published is None or (len(match["mon_m"]) == 3 and match["mon_m"] != "May"):
        return None
    cues = [w.lower() for w in _WORD.findall(match["mon_pre"])]
    licensed = _STRONG_MONTH_CUES if month == 5 else _ANY_MONTH_CUES  # "by May" may be Theresa May
    if not licensed.intersection(cues):
        return None
    modifier = "last" if "last" in cues else "next" if "next" in cues else ""
    return _absolute(match, "mon", _bare_month(month, published, modifier), "month")


def _day_month(match, text, published, reference):
    month = MONTHS[match["dmy_m"].rstrip(".").lower()]
    day = int(match["dmy_d"].rstrip("stndrh"))
    if match["dmy_y"]:
        return _absolute(match, "dmy", _safe_date(int(match["dmy_y"]), month, day), "day")
    return _absolute(match, "dmy", published and _month_day(month, day, published), "day")


def _year_range(match, text, published, reference):
    first, second = match["yrr_a"], match["yrr_b"]
    last = int(second) if len(second) == 4 else int(first[:2] + second)
    if last <= int(first):
        return None
    return _absolute(match, "yrr", dt.date(int(first), 1, 1), "year")


def _decade(match, text, published, reference):
    return _absolute(match, "dec", dt.date(int(match["dec_y"]), 1, 1), "year")


def _year(match, text, published, reference):
    cues = [w.lower() for w in _WORD.findall(match["yr_pre"])]
    licensed = bool(_YEAR_CUES.intersection(cues)) or any(
        a in _YEAR_OF_CUES and b == "of" for a, b in zip(cues, cues[1:]))
    if not licensed:
        return None
    following = _NEXT_WORD.match(text, match.end()).group(1) or ""
    if following in ("%", "percent") or (following.islower() and following.endswith("s")
                                         and following not in _NOT_PLURAL_NOUNS):
        return None
    return _absolute(match, "yr", dt.date(int(match["yr_y"]), 1, 1), "year")


_HANDLERS = {
    "iso": _iso, "pub": _published_phrase, "ref": _reference_phrase, "cnt": _count, "wd": _weekday,
    "mon": _month, "dmy": _day_month, "yrr": _year_range, "dec": _decade, "yr": _year,
}
