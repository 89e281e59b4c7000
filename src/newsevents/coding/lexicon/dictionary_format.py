"""What the PETRARCH / TABARI dictionary readers share: loading a file or text, cleaning its lines,
phrases and noun forms, the error type and the read report.

Readers for PETRARCH / TABARI-format dictionaries, and the verb-rule table format.

The open PETRARCH2 coder ships its dictionaries in a line-oriented format inherited from
TABARI (MIT licence, Open Event Data Alliance). newsevents reads them so that users can bring
their own dictionaries, and derives its built-in PETRARCH verb table from ``CAMEO.2.0.txt``
(``tools/derive_petrarch_verbs.py``). The readers here are pure Python and need no file outside
the one they are given.

Public API
----------
``read_verb_dictionary(path_or_text)`` -> ``list[VerbRule]``
    Verb dictionary (``CAMEO.2.0.txt``): synonym sets, verb blocks, patterns.
``read_actor_dictionary(path_or_text)`` -> ``list[ActorEntry]``
    Actor dictionaries (``Phoenix.*.actors.txt``) with date-restricted codes.
``read_agent_dictionary(path_or_text)`` -> ``list[tuple[str, str]]``
    Agent dictionary (``Phoenix.agents.txt``): role words -> role codes (``GOV``, ``MIL``...).
``read_verb_table(path)`` / ``format_verb_table(rules)``
    The TSV table of verb rules (columns ``id lemma particle prep objects code``; ``id`` is
    optional, as in the built-in ``verbs.tsv``).

``path_or_text`` is a path (``str``, ``os.PathLike`` or an ``importlib.resources``
``Traversable``) or the dictionary text itself: a ``str`` is taken as text when it contains a
newline, as a path otherwise. Every reader takes an optional ``report=ReadReport()`` that is
filled with what was read and what was skipped, and why.

Errors: a line the format does not allow (a pattern without ``*`` or without a ``[code]``, a
verb line outside a verb block, an unclosed bracket, a date restriction before any actor...)
raises ``DictionaryError(path, line_no, message)``. Content that is well-formed but cannot be
expressed as a ``VerbRule`` or ``ActorEntry`` (subject constraints, source markers, several
constraints in one pattern, null codes, impossible dates...) is skipped and counted in the
report: the real PETRARCH2 files load without error.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

#: Words read as verb particles ("shoot down", "call off"); the last five are also prepositions.
PARTICLES = frozenset(
    "up down out off away back forward forth together apart aside behind along around in over".split()
)
#: Words read as prepositions attached to the verb ("ask for", "abide by", "set in motion").
PREPOSITIONS = frozenset(
    (
        "about above across after against along amid amidst among around as at before behind below "
        "beneath beside besides between beyond by concerning despite during except for from in inside "
        "into like near of on onto opposite outside over past per regarding since than through "
        "throughout to toward towards under until upon via with within without"
    ).split()
)
COPULAS = frozenset("be is are am was were been being seem seems seemed".split())
CONJUNCTIONS = frozenset("and or".split())



# ============================================================ errors and reports


UNREADABLE = "unreadable line"   # the report's reason prefix for the lines a lenient read skipped


class DictionaryError(ValueError):
    """A line that the dictionary format does not allow."""

    def __init__(self, path: str, line_no: int, message: str) -> None:
        self.path = str(path)
        self.line_no = line_no
        self.message = message
        super().__init__(f"{self.path}:{line_no}: {message}")

    def __reduce__(self):  # keep it picklable (multiprocessing)
        return (type(self), (self.path, self.line_no, self.message))


@dataclass
class ReadReport:
    """What a reader read and what it skipped: ``skipped[reason]`` counts, ``examples[reason]``
    holds the first few line numbers (pattern x verb combinations count once per combination)."""

    source: str = ""
    lines: int = 0
    entries: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: dict[str, list[int]] = field(default_factory=dict)

    def skip(self, reason: str, line_no: int, count: int = 1) -> None:
        self.skipped[reason] += count
        ex = self.examples.setdefault(reason, [])
        if len(ex) < 5 and line_no not in ex:
            ex.append(line_no)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        out = [f"{self.source}: {self.lines} lines, {self.entries} entries"]
        for reason, n in self.skipped.most_common():
            out.append(f"  skipped {n:6d}  {reason}  (e.g. lines {', '.join(map(str, self.examples.get(reason, [])))})")
        return "\n".join(out)


# ============================================================ input helpers


def load_dictionary(path_or_text: Any) -> tuple[str, list[str]]:
    """(name, lines) of a path, Traversable, or the text itself."""
    if isinstance(path_or_text, str) and ("\n" in path_or_text or "\r" in path_or_text):
        return "<text>", path_or_text.splitlines()
    if isinstance(path_or_text, (str, os.PathLike)):
        p = Path(path_or_text)
        data = p.read_bytes()
        name = str(p)
    elif hasattr(path_or_text, "read_bytes"):  # importlib.resources Traversable
        data = path_or_text.read_bytes()
        name = str(getattr(path_or_text, "name", path_or_text))
    else:
        raise TypeError(f"expected a path or the dictionary text, got {type(path_or_text).__name__}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return name, text.splitlines()


def source_name(name: str) -> str:
    return name if name == "<text>" else os.path.basename(name)


def clean_lines(lines: list[str], *, semicolon: bool = False) -> Iterator[tuple[int, str, str]]:
    """Yield (line_no, content without comments, raw line) for every line.

    Comments: ``#`` to end of line, XML ``<!-- ... -->`` (also over several lines) and, with
    ``semicolon``, the KEDS/TABARI ``;`` comment."""
    in_xml = False
    for no, raw in enumerate(lines, 1):
        line = raw
        if in_xml:
            end = line.find("-->")
            if end < 0:
                yield no, "", raw
                continue
            line = line[end + 3 :]
            in_xml = False
        while "<!--" in line:
            start = line.find("<!--")
            end = line.find("-->", start + 4)
            if end < 0:
                line = line[:start]
                in_xml = True
                break
            line = line[:start] + " " + line[end + 3 :]
        if "#" in line:
            line = line[: line.find("#")]
        if semicolon and ";" in line:
            line = line[: line.find(";")]
        yield no, line.rstrip(), raw


def phrase_text(text: str) -> str:
    """PETRARCH phrase -> lowercase words separated by single spaces (``_`` = space, stop ``_`` dropped)."""
    return " ".join(text.replace("_", " ").split()).lower()


IRREGULAR_PLURALS = {
    "men": "man", "women": "woman", "children": "child", "crises": "crisis", "analyses": "analysis",
    "theses": "thesis", "thieves": "thief", "lives": "life", "wives": "wife", "knives": "knife",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "datum", "criteria": "criterion",
    "gunmen": "gunman", "policemen": "policeman", "spokesmen": "spokesman", "servicemen": "serviceman",
    "tribesmen": "tribesman", "militiamen": "militiaman", "countrymen": "countryman",
}


def noun_forms(word: str) -> tuple[str, ...]:
    """The word (lowercase, stop ``_`` dropped) and, when it looks like a regular plural, its singular."""
    w = word.strip("_").lower()
    if not w:
        return ()
    forms = [w]
    sing = IRREGULAR_PLURALS.get(w)
    if sing is None and w.endswith("men") and len(w) > 5:
        sing = w[:-3] + "man"
    if sing is None and len(w) > 3 and w.isalpha():
        if w.endswith("ies") and len(w) > 4:
            sing = w[:-3] + "y"
        elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
            sing = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
            sing = w[:-1]
    if sing and sing != w:
        forms.append(sing)
    return tuple(forms)


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# ============================================================ verb dictionary

