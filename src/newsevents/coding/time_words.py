"""English time words the date finder reads: weekdays, months, number words, units, and the fixed phrases
resolved against the publication date ("yesterday", "last week") or against the story's date ("the same
day", "the following week")."""
from __future__ import annotations

WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Vague quantities: the value used, and the expression is marked approximate.
VAGUE_NUMBERS = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "a couple": 2}
VAGUE_PLURAL = 2  # "days after", "weeks ago": a bare plural unit counts as two, approximately

# unit -> (days per unit, precision of an absolute result, always approximate as an offset)
UNITS = {
    "minute": (0, "day", False), "hour": (0, "day", False), "day": (1, "day", False),
    "night": (1, "day", False), "week": (7, "day", False), "month": (30, "month", True),
    "year": (365, "year", True), "decade": (3650, "year", True),
}
EXACT_QUALIFIERS = frozenset({"just", "only", "barely", "exactly", "precisely"})

# Fixed phrases resolved against the publication date: phrase -> (scale, step).
PUBLISHED_PHRASES = {
    "today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0),
    "this evening": ("day", 0), "yesterday": ("day", -1), "last night": ("day", -1),
    "overnight": ("day", -1), "the day before yesterday": ("day", -2), "tomorrow": ("day", 1),
    "the day after tomorrow": ("day", 2),
    "this week": ("week", 0), "last week": ("week", -1), "next week": ("week", 1),
    "this weekend": ("weekend", 0), "last weekend": ("weekend", 0), "past weekend": ("weekend", 0),
    "over the weekend": ("weekend", 0), "at the weekend": ("weekend", 0), "on the weekend": ("weekend", 0),
    "during the weekend": ("weekend", 0), "next weekend": ("weekend", 1),
    "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1),
    "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1),
}
# Fixed phrases resolved against the reference date (where the narrative is): phrase -> (scale, step).
REFERENCE_PHRASES = {
    **{f"the {w} {p}": ("day", -1) for w in ("previous", "preceding")
       for p in ("day", "morning", "afternoon", "evening", "night")},
    **{f"the {w} {p}": ("day", 1) for w in ("next", "following")
       for p in ("day", "morning", "afternoon", "evening", "night")},
    **{p: ("day", 0) for p in (
        "the same day", "that same day", "the same evening", "the same night", "later that day",
        "earlier that day", "later in the day", "earlier in the day", "later that night", "later that evening",
        "earlier that evening", "that day", "that night", "that evening", "that morning", "that afternoon",
        "the same morning", "the same afternoon")},
    "that week": ("week", 0), "the same week": ("week", 0),
    "the previous week": ("week", -1), "the preceding week": ("week", -1),
    "the following week": ("week", 1), "the next week": ("week", 1),
    "the previous month": ("month", -1), "the preceding month": ("month", -1),
    "the following month": ("month", 1), "the next month": ("month", 1),
    "the previous year": ("year", -1), "the preceding year": ("year", -1),
    "the following year": ("year", 1), "the next year": ("year", 1),
}


def names_a_time(token) -> bool:
    """"on Monday", "on Aug. 4", "in 2020": a spaCy token naming a day, a month or a number."""
    word = token.lower_.rstrip(".")
    return word.removesuffix("day") in WEEKDAYS or word in MONTHS or token.like_num
