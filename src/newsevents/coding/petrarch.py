"""Readers for PETRARCH / TABARI-format dictionaries, and the verb-rule table format.

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

Verb dictionary mapping (one ``VerbRule`` per verb and pattern):

* a verb line ``WORD [code]`` gives the verb's default rule; without its own code it takes
  the block's code (``--- NAME [code] ---``); null codes ``---`` give no rule.
* a multi-word verb ``+ASK_FOR``/``+SHOOT_DOWN``/``+WAGE_WAR``/``+LIVE_UP_TO`` gives the
  lemma plus a particle (``down``), a preposition (``for``) and/or an object (``war``).
* every pattern ``- * <after> [code]`` of a block applies to every verb of the block (as in
  PETRARCH2): ``(FOR HELP)`` -> prep ``for``, objects ``("help",)``; ``{AIR RAID}`` -> the
  phrase's head noun ``raid``; a bare word -> the object; ``&SET`` -> the set's members (their
  head nouns); a leading particle word (``- * OFF ROW``) -> particle + object. Object words
  are lowercased and, when they look plural, the singular is added (``sanctions`` ->
  ``("sanctions", "sanction")``) because the coder compares them with spaCy lemmas.
* codes ``[062:062]`` take the first (active) code; ``[:173]`` (passive meaning only) and
  ``[---]`` give no rule.
* irregular forms in ``{...}`` are ignored (spaCy lemmatises).
* rule ids are ``petrarch:<VERB>:<line number>`` (the line of the verb, or of the pattern).
* conflicts are resolved like PETRARCH2's dictionary storage: a verb listed again in a later
  block keeps its first block; within a block a later pattern with the same
  lemma/particle/prep/objects replaces an earlier one; across blocks the first such rule wins.
  So (lemma, particle, prep, objects) is unique in the result.
* particle or preposition: ``PARTICLES`` and ``PREPOSITIONS`` decide; ``in``, ``over``,
  ``along``, ``around`` and ``behind`` are in both (``TAKE_OVER`` -> particle, ``(OVER X)`` ->
  prep), so a matcher should accept either dependency for those words.

Actor dates: YYMMDD with 00-30 -> 20YY and 31-99 -> 19YY (the PETRARCH/TABARI rule; the Phoenix
files have hundreds of 1931-1949 dates), or YYYYMMDD.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .rules import VerbRule

__all__ = [
    "ActorEntry",
    "DictionaryError",
    "PARTICLES",
    "PREPOSITIONS",
    "ReadReport",
    "format_verb_table",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "read_verb_dictionary",
    "read_verb_table",
    "verb_rule_id",
    "VERB_TABLE_COLUMNS",
]

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
_COPULAS = frozenset("be is are am was were been being seem seems seemed".split())
_CONJUNCTIONS = frozenset("and or".split())

VERB_TABLE_COLUMNS = ("id", "lemma", "particle", "prep", "objects", "code")


# ============================================================ errors and reports


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


def _load(path_or_text: Any) -> tuple[str, list[str]]:
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


def _source_name(name: str) -> str:
    return name if name == "<text>" else os.path.basename(name)


def _clean_lines(lines: list[str], *, semicolon: bool = False) -> Iterator[tuple[int, str, str]]:
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


def _phrase(text: str) -> str:
    """PETRARCH phrase -> lowercase words separated by single spaces (``_`` = space, stop ``_`` dropped)."""
    return " ".join(text.replace("_", " ").split()).lower()


_IRREGULAR_PLURALS = {
    "men": "man", "women": "woman", "children": "child", "crises": "crisis", "analyses": "analysis",
    "theses": "thesis", "thieves": "thief", "lives": "life", "wives": "wife", "knives": "knife",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "datum", "criteria": "criterion",
    "gunmen": "gunman", "policemen": "policeman", "spokesmen": "spokesman", "servicemen": "serviceman",
    "tribesmen": "tribesman", "militiamen": "militiaman", "countrymen": "countryman",
}


def _noun_forms(word: str) -> tuple[str, ...]:
    """The word (lowercase, stop ``_`` dropped) and, when it looks like a regular plural, its singular."""
    w = word.strip("_").lower()
    if not w:
        return ()
    forms = [w]
    sing = _IRREGULAR_PLURALS.get(w)
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


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# ============================================================ verb dictionary

_CODE_RE = re.compile(r"^[0-9A-Za-z.]+$")
_BLOCK_RE = re.compile(r"^---+\s*(?P<name>[^\[\s-][^\[\s]*)?[^\[]*?(?:\[(?P<code>[^\]]*)\])?[\s-]*$")
_VERB_RE = re.compile(
    r"^(?P<verb>\+?[A-Za-z][A-Za-z0-9'\-]*(?:_\+?[A-Za-z0-9'\-]+)*)"
    r"\s*(?P<forms>\{[^{}]*\})?\s*(?:\[(?P<code>[^\[\]]*)\])?\s*$"
)
_PATTERN_CODE_RE = re.compile(r"\[(?P<code>[^\[\]]*)\]\s*$")
_SYNSET_LABEL_RE = re.compile(r"^&[A-Za-z0-9_'\-]+$")
_TOKEN_RE = re.compile(r"[(){}]|[^\s(){}]+")


def _parse_code(
    raw: str, path: str, line_no: int, report: ReadReport | None = None
) -> tuple[str | None, str | None]:
    """``[a:b]`` content -> (code, None) or (None, why-no-rule). Raises on a malformed code."""
    first = raw.split(":", 1)[0].strip()
    rest = raw.split(":", 1)[1].strip() if ":" in raw else ""
    if first.endswith("!") and _CODE_RE.match(first[:-1]):  # "[080!]" in CAMEO.2.0.txt
        first = first[:-1]
        if report is not None:
            report.skip("stray '!' after a code (tolerated, code kept)", line_no)
    for part in (first, rest):
        if part and part != "---" and not _CODE_RE.match(part):
            raise DictionaryError(path, line_no, f"malformed code [{raw}]")
    if first == "---":
        return None, "null code [---]"
    if not first:
        if rest:
            return None, "passive-only code [:code]"
        return None, "empty code []"
    return first, None


@dataclass(frozen=True, slots=True)
class _Constraint:
    particle: str = ""
    prep: str = ""
    objects: tuple[str, ...] = ()


@dataclass
class _Verb:
    name: str  # as written, without '+', uppercase: "ASK_FOR"
    line: int
    lemma: str
    constraint: _Constraint
    code: str | None


@dataclass
class _Pattern:
    line: int
    code: str
    constraint: _Constraint


@dataclass
class _Block:
    name: str
    line: int
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[_Pattern] = field(default_factory=list)


class _Skip(Exception):
    """A well-formed line that gives no rule; the message is the reason."""


def _parse_verb_words(verb: str) -> tuple[str, _Constraint]:
    """``+ASK_FOR`` -> ("ask", prep "for"); raise _Skip when it cannot be a VerbRule."""
    words = verb.split("_")
    plus = [i for i, w in enumerate(words) if w.startswith("+")]
    words = [w.lstrip("+").lower() for w in words]
    if any(not w for w in words):
        raise _Skip("malformed multi-word verb")
    head = plus[0] if plus else 0
    if head != 0:
        raise _Skip("multi-word verb with words before the verb (X_+VERB)")
    lemma, tail = words[0], words[1:]
    if not tail:
        return lemma, _Constraint()
    if any(w in _CONJUNCTIONS for w in tail):
        raise _Skip("conjoined verbs (VERB_AND...)")
    if lemma in _COPULAS:
        raise _Skip("copula phrase (IS_/SEEM_ + complement)")
    particle = prep = ""
    objects: tuple[str, ...] = ()
    i = 0
    if tail[i] in PARTICLES and (i + 1 == len(tail) or tail[i + 1] in PREPOSITIONS or tail[i] not in PREPOSITIONS):
        particle = tail[i]
        i += 1
    if i < len(tail) and tail[i] in PREPOSITIONS:
        prep = tail[i]
        i += 1
    if i < len(tail) and tail[i] not in PREPOSITIONS and tail[i] not in PARTICLES:
        objects = _noun_forms(tail[i])
        i += 1
    if i != len(tail):
        raise _Skip("unsupported multi-word verb (e.g. VERB_NOUN_PREP)")
    return lemma, _Constraint(particle, prep, objects)


def _tokenize_pattern(text: str) -> list[tuple]:
    """Post-``*`` text -> items: ("word", alts) ("set", name) ("np", items) ("prep", word, items) ("marker", c)."""
    tokens = _TOKEN_RE.findall(text)
    pos = 0

    def atom(tok: str) -> tuple:
        if tok in ("+", "$", "^", "%"):
            return ("marker", tok)
        if tok.startswith("&"):
            return ("set", tok)
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9'\-./_]*$", tok):
            raise _Skip("unparseable pattern")
        alts = tuple(a for a in tok.split("/") if a)
        return ("word", alts)

    def group(close: str) -> list[tuple]:
        nonlocal pos
        items: list[tuple] = []
        while pos < len(tokens):
            tok = tokens[pos]
            pos += 1
            if tok == close:
                return items
            if tok in (")", "}"):
                raise _Skip("unparseable pattern")
            if tok == "{":
                items.append(("np", group("}")))
            elif tok == "(":
                if close == ")":
                    raise _Skip("unparseable pattern")
                inner = group(")")
                if not inner or inner[0][0] != "word":
                    raise _Skip("unparseable pattern")
                items.append(("prep", inner[0][1], inner[1:]))
            else:
                items.append(atom(tok))
        if close:
            raise _Skip("unparseable pattern")
        return items

    return group("")


def _walk(items: list[tuple]) -> Iterator[tuple]:
    for it in items:
        yield it
        if it[0] == "np":
            yield from _walk(it[1])
        elif it[0] == "prep":
            yield from _walk(it[2])


def _strip_markers(items: list[tuple]) -> list[tuple]:
    out = []
    for it in items:
        if it[0] == "marker":
            continue
        if it[0] == "np":
            it = ("np", _strip_markers(it[1]))
        elif it[0] == "prep":
            it = ("prep", it[1], _strip_markers(it[2]))
        out.append(it)
    return out


def _is_nominal(it: tuple) -> bool:
    return it[0] in ("word", "set", "np")


def _head_objects(it: tuple, synsets: dict[str, list[str]]) -> tuple[str, ...]:
    """Object lemmas of a nominal item: a word, a set (members' head nouns), a {phrase} (its head)."""
    kind = it[0]
    if kind == "word":
        return _dedupe(f for alt in it[1] for f in _noun_forms(alt.replace("_", " ").split()[-1]))
    if kind == "set":
        members = synsets.get(it[1][1:].upper().rstrip("_"))
        if members is None:
            raise _Skip("undefined synonym set")
        return _dedupe(f for m in members for f in _noun_forms(m.split()[-1]))
    if kind == "np":
        inner = [x for x in it[1] if x[0] != "marker"]
        if not inner or not _is_nominal(inner[-1]) or inner[-1][0] == "np":
            raise _Skip("unparseable pattern")
        return _head_objects(inner[-1], synsets)
    raise _Skip("unparseable pattern")


def _single_word(it: tuple) -> str | None:
    if it[0] == "word" and len(it[1]) == 1 and "_" not in it[1][0]:
        return it[1][0].lower()
    return None


def _parse_pattern(text: str, synsets: dict[str, list[str]]) -> _Constraint:
    """The part of a pattern line between ``-`` and ``[code]`` -> constraint, or raise _Skip."""
    pre, _, post = text.replace("**", "*").partition("*")
    if pre.strip():
        raise _Skip("subject constraint before * (not supported)")
    items = _tokenize_pattern(post)
    for it in _walk(items):
        if it[0] == "marker" and it[1] == "$":
            raise _Skip("source marker $ after the verb (role reversal)")
        if it[0] == "marker" and it[1] == "%":
            raise _Skip("compound marker % (not supported)")
    items = _strip_markers(items)
    particle = ""
    if items:
        w = _single_word(items[0])
        if w in PARTICLES:
            ambiguous = w in PREPOSITIONS
            if not (ambiguous and len(items) == 2 and _is_nominal(items[1])):
                particle = w
                items = items[1:]
    if not items:
        return _Constraint(particle)
    if len(items) == 1 and _single_word(items[0]) in PREPOSITIONS:
        return _Constraint(particle, _single_word(items[0]) or "")
    if len(items) == 1 and _is_nominal(items[0]):
        return _Constraint(particle, "", _head_objects(items[0], synsets))
    if len(items) == 1 and items[0][0] == "prep":
        alts, inner = items[0][1], items[0][2]
        if len(alts) != 1:
            raise _Skip("disjunctive preposition (BY/WITH)")
        prep = alts[0].lower()
        if prep not in PREPOSITIONS and prep not in PARTICLES:
            raise _Skip("(group) that does not start with a preposition")
        if prep in PARTICLES and prep not in PREPOSITIONS and not particle:
            # "(ASIDE RIFT)": a particle written as a group -> particle + object
            if not inner:
                return _Constraint(prep)
            if all(x[0] == "word" for x in inner) or (len(inner) == 1 and _is_nominal(inner[0])):
                return _Constraint(prep, "", _head_objects(inner[-1], synsets))
            raise _Skip("several constraints in one pattern")
        if not inner:
            return _Constraint(particle, prep)
        if all(x[0] == "word" for x in inner) or (len(inner) == 1 and _is_nominal(inner[0])):
            # "(IN AIR ATTACK)" reads as one phrase: its head is the last word
            return _Constraint(particle, prep, _head_objects(inner[-1], synsets))
        raise _Skip("several constraints in one pattern")
    if len(items) <= 2 and _single_word(items[0]) in PREPOSITIONS and all(_is_nominal(x) for x in items[1:]):
        prep = _single_word(items[0]) or ""
        objects = _head_objects(items[1], synsets) if len(items) == 2 else ()
        return _Constraint(particle, prep, objects)
    raise _Skip("several constraints in one pattern (e.g. object + prepositional phrase)")


def _merge(verb: _Constraint, pat: _Constraint) -> _Constraint:
    """Combine a multi-word verb's own particle/prep/object with a pattern's."""
    if verb.particle and pat.particle and verb.particle != pat.particle:
        raise _Skip("multi-word verb and pattern disagree (particle)")
    particle = verb.particle or pat.particle
    if verb.objects:
        if pat.objects or pat.prep or pat.particle:
            raise _Skip("multi-word verb with an object and a pattern constraint")
        return _Constraint(particle, verb.prep, verb.objects)
    if verb.prep:
        if pat.prep and pat.prep != verb.prep:
            raise _Skip("multi-word verb and pattern disagree (preposition)")
        # "+ASK_FOR" with "- * HELP": help is the object of "for"
        return _Constraint(particle, verb.prep, pat.objects)
    return _Constraint(particle, pat.prep, pat.objects)


def read_verb_dictionary(
    path_or_text: Any, *, source: str = "petrarch", report: ReadReport | None = None
) -> list[VerbRule]:
    """Read a PETRARCH (CAMEO.2.0.txt-format) verb dictionary into ``VerbRule`` records.

    See the module docstring for the mapping. ``source`` is stored in each rule's ``source``.
    """
    name, lines = _load(path_or_text)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or _source_name(name)
    rep.lines += len(lines)

    synsets: dict[str, list[str]] = {}
    current_set: str | None = None
    block: _Block | None = None
    blocks: list[_Block] = []

    for no, line, _raw in _clean_lines(lines, semicolon=True):
        s = line.strip()
        if not s:
            continue
        c = s[0]
        if c == "&":
            if not _SYNSET_LABEL_RE.match(s):
                raise DictionaryError(name, no, f"malformed synonym-set label {s!r}")
            current_set = s[1:].upper().rstrip("_")
            if current_set in synsets:
                rep.skip("synonym set defined twice (members merged)", no)
            synsets.setdefault(current_set, [])
            continue
        if c == "+" and current_set is not None:
            member = _phrase(s[1:])
            if not member:
                raise DictionaryError(name, no, "empty synonym-set member")
            synsets[current_set].append(member)
            continue
        current_set = None
        if s.startswith("---"):
            m = _BLOCK_RE.match(s)
            if not m or not m.group("name"):
                raise DictionaryError(name, no, f"malformed verb-block header {s!r}")
            code, why = (None, "null code [---]")
            if m.group("code") is not None:
                code, why = _parse_code(m.group("code"), name, no, rep)
            block = _Block(m.group("name").upper(), no, code)
            blocks.append(block)
            continue
        if c == "~":
            rep.skip("verb transformation (~ line, not supported)", no)
            continue
        if c == "-":
            if block is None:
                raise DictionaryError(name, no, "pattern outside a verb block")
            body = s[1:]
            m = _PATTERN_CODE_RE.search(body)
            if not m:
                raise DictionaryError(name, no, "pattern without a [code]")
            text = body[: m.start()]
            if text.replace("**", "*").count("*") != 1:
                raise DictionaryError(name, no, "pattern must contain exactly one '*'")
            code, why = _parse_code(m.group("code"), name, no, rep)
            if code is None:
                rep.skip(f"pattern with {why}", no)
                continue
            try:
                block.patterns.append(_Pattern(no, code, _parse_pattern(text, synsets)))
            except _Skip as e:
                rep.skip(f"pattern: {e}", no)
            continue
        # a verb line (a '+' line outside a synonym set is a multi-word verb)
        if block is None:
            raise DictionaryError(name, no, f"verb line outside a verb block: {s!r}")
        m = _VERB_RE.match(s)
        if not m:
            raise DictionaryError(name, no, f"malformed verb line {s!r}")
        verb = m.group("verb")
        vname = verb.replace("+", "").upper()
        if m.group("code") is not None:
            code, why = _parse_code(m.group("code"), name, no, rep)
        else:
            code, why = block.code, ("null code [---]" if block.code is None else None)
        forms = m.group("forms")
        try:
            if forms is not None and not forms.strip("{} "):
                raise _Skip("inflected form only ({} = no other forms)")
            lemma, constraint = _parse_verb_words(verb)
        except _Skip as e:
            rep.skip(f"verb: {e}", no)
            continue
        block.verbs.append(_Verb(vname, no, lemma, constraint, code))
        if code is None:
            rep.skip(f"verb default with {why} (patterns still apply)", no)

    # ---- emit rules: patterns apply to every verb of their block (PETRARCH2)
    rules: dict[tuple, VerbRule] = {}
    verb_block: dict[str, str] = {}
    for blk in blocks:
        block_rules: dict[tuple, VerbRule] = {}
        seen_in_block: set[str] = set()
        for v in blk.verbs:
            if v.name in seen_in_block:
                rep.skip("verb listed twice in a block", v.line)
                continue
            seen_in_block.add(v.name)
            first = verb_block.setdefault(v.name, blk.name + f"@{blk.line}")
            if first != blk.name + f"@{blk.line}":
                rep.skip("verb listed again in a later block (its first block is used)", v.line)
                continue
            cands: list[tuple[int, str, _Constraint]] = []
            if v.code is not None:
                cands.append((v.line, v.code, v.constraint))
            for p in blk.patterns:
                try:
                    cands.append((p.line, p.code, _merge(v.constraint, p.constraint)))
                except _Skip as e:
                    rep.skip(f"combination: {e}", p.line)
            for line_no, code, cons in cands:
                key = (v.lemma, cons.particle, cons.prep, cons.objects)
                rule = VerbRule(
                    id=f"petrarch:{v.name}:{line_no}",
                    lemma=v.lemma,
                    code=code,
                    particle=cons.particle,
                    prep=cons.prep,
                    objects=cons.objects,
                    source=source,
                )
                old = block_rules.get(key)
                if old is not None:
                    rep.skip(
                        "combination: same lemma+constraint again in the block (the later line wins)"
                        if old.code != code
                        else "combination: duplicate rule (same lemma+constraint+code)",
                        int(old.id.rsplit(":", 1)[1]),
                    )
                    del block_rules[key]  # re-insert: keep file order of the winning line
                block_rules[key] = rule
        for key, rule in block_rules.items():
            old = rules.get(key)
            if old is not None:
                rep.skip(
                    "combination: same lemma+constraint in an earlier block (the earlier wins)"
                    if old.code != rule.code
                    else "combination: duplicate rule (same lemma+constraint+code)",
                    int(rule.id.rsplit(":", 1)[1]),
                )
                continue
            rules[key] = rule
    out = list(rules.values())
    rep.entries += len(out)
    return out


# ============================================================ actor dictionaries


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor phrase with one code.

    ``start``/``end`` restrict the code to a period (both limits inclusive; ``None`` = open).
    An entry with neither is the phrase's default code: it applies when none of the phrase's
    dated entries covers the date (PETRARCH semantics).
    """

    phrase: str  # lowercase words separated by spaces
    code: str
    start: _dt.date | None
    end: _dt.date | None
    source: str


_DATE_SPEC_RE = re.compile(r"^(?:(?P<op>[<>])\s*(?P<d1>\d+)|(?P<a>\d+)\s*-\s*(?P<b>\d+)|(?P<lone>\d+))$")
_ACTOR_CODE_RE = re.compile(r"^(?:---|[A-Za-z0-9~]+)$")


class _BadDate(Exception):
    pass


def _parse_date(s: str) -> _dt.date:
    """YYMMDD (00-30 -> 20YY, 31-99 -> 19YY, as PETRARCH/TABARI) or YYYYMMDD."""
    if len(s) == 8:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    elif len(s) == 6:
        yy = int(s[:2])
        y = 2000 + yy if yy <= 30 else 1900 + yy
        m, d = int(s[2:4]), int(s[4:])
    else:
        raise _BadDate(f"date {s!r} is neither YYMMDD nor YYYYMMDD")
    try:
        return _dt.date(y, m, d)
    except ValueError as e:
        raise _BadDate(f"invalid date {s!r}") from e


def _parse_code_restriction(content: str, path: str, no: int) -> tuple[str, _dt.date | None, _dt.date | None]:
    """``CODE``, ``CODE >YYMMDD``, ``CODE <YYMMDD``, ``CODE YYMMDD-YYMMDD``, ``CODE YYMMDD`` (from then on).

    Raises DictionaryError for a malformed restriction, _BadDate for an impossible date."""
    parts = content.split(None, 1)
    if not parts:
        raise DictionaryError(path, no, "empty code []")
    code = parts[0]
    if not _ACTOR_CODE_RE.match(code):
        raise DictionaryError(path, no, f"malformed code [{content}]")
    if len(parts) == 1:
        return code, None, None
    m = _DATE_SPEC_RE.match(parts[1].strip())
    if not m:
        raise DictionaryError(path, no, f"malformed date restriction [{content}]")
    if m.group("op") == "<":
        return code, None, _parse_date(m.group("d1"))
    if m.group("op") == ">":
        return code, _parse_date(m.group("d1")), None
    if m.group("lone"):
        # PETRARCH2 treats a lone date like ">date"
        return code, _parse_date(m.group("lone")), None
    a, b = _parse_date(m.group("a")), _parse_date(m.group("b"))
    if b < a:
        raise _BadDate(f"date range ends before it starts [{content}]")
    return code, a, b


def _split_brackets(text: str, path: str, no: int, report: ReadReport | None = None) -> tuple[str, list[str]]:
    """``NAME [A][B 1-2]`` -> ("NAME", ["A", "B 1-2"]); raises on an unclosed bracket."""
    head, sep, rest = text.partition("[")
    contents: list[str] = []
    while sep:
        inner, close, after = rest.partition("]")
        if not close:
            raise DictionaryError(path, no, "unclosed '['")
        if "[" in inner:
            raise DictionaryError(path, no, "nested '['")
        contents.append(inner.strip())
        between, sep, rest = after.partition("[")
        if between.strip():
            if report is None:
                raise DictionaryError(path, no, f"text after a code: {between.strip()!r}")
            # "A.H._BELO_CORPORATION_ [MNCMED] Newspapers/Magazines $137,000,000" (comment without '#')
            report.skip("text after a code without '#' (ignored as a comment)", no)
            break
    if "]" in head:
        if report is None:
            raise DictionaryError(path, no, "']' without '['")
        report.skip("stray ']' in a name (removed)", no)
        head = head.replace("]", "")
    return head.strip(), contents


def read_actor_dictionary(
    path_or_text: Any,
    *,
    source: str | None = None,
    keep_null: bool = False,
    report: ReadReport | None = None,
) -> list[ActorEntry]:
    """Read a PETRARCH/TABARI actor dictionary (``Phoenix.*.actors.txt``).

    A record is a name line (``NAME_WITH_UNDERSCORES [CODE]`` with optional codes, several
    allowed), then ``+SYNONYM`` lines, then indented ``[CODE restriction]`` lines; every phrase of
    the record gets every code of the record. Restrictions: ``>YYMMDD`` (from), ``<YYMMDD``
    (until), ``YYMMDD-YYMMDD``; YYYYMMDD is accepted too. ``source`` defaults to the file name.
    Null codes ``[---]`` (phrases that must not be coded) are skipped unless ``keep_null``.
    """
    name, lines = _load(path_or_text)
    src = source if source is not None else _source_name(name)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or src
    rep.lines += len(lines)

    out: list[ActorEntry] = []
    seen: set[ActorEntry] = set()
    phrases: list[tuple[int, str]] = []
    codes: list[tuple[int, str, _dt.date | None, _dt.date | None]] = []

    def flush() -> None:
        if not phrases:
            return
        if not codes:
            rep.skip("record without any code", phrases[0][0], len(phrases))
        for _pno, ph in phrases:
            for cno, code, start, end in codes:
                if code == "---" and not keep_null:
                    rep.skip("null code [---]", cno)
                    continue
                e = ActorEntry(ph, code, start, end, src)
                if e in seen:
                    rep.skip("duplicate entry", cno)
                    continue
                seen.add(e)
                out.append(e)
        phrases.clear()
        codes.clear()

    def add_codes(contents: list[str], no: int) -> None:
        for content in contents:
            try:
                code, start, end = _parse_code_restriction(content, name, no)
            except _BadDate as e:
                rep.skip(f"code with an unusable date ({e})" if "neither" not in str(e) else "code with a malformed date (not YYMMDD/YYYYMMDD)", no)
                continue
            codes.append((no, code, start, end))

    for no, line, _raw in _clean_lines(lines):
        s = line.strip()
        if not s:
            continue
        if s[0] == "[":
            if not phrases:
                raise DictionaryError(name, no, "code restriction before any actor name")
            head, contents = _split_brackets(s, name, no, rep)
            add_codes(contents, no)
            continue
        if s[0] == "+":
            if not phrases:
                raise DictionaryError(name, no, "synonym before any actor name")
            head, contents = _split_brackets(s[1:], name, no, rep)
            ph = _phrase(head)
            if not ph:
                raise DictionaryError(name, no, "empty synonym")
            phrases.append((no, ph))
            add_codes(contents, no)
            continue
        flush()
        head, contents = _split_brackets(s, name, no, rep)
        ph = _phrase(head)
        if not ph:
            raise DictionaryError(name, no, "empty actor name")
        phrases.append((no, ph))
        add_codes(contents, no)
    flush()
    rep.entries += len(out)
    return out


# ============================================================ agent dictionary

_SUBST_DEF_RE = re.compile(r"^!(?P<name>[A-Za-z0-9_]+)!\s*=\s*(?P<items>.*)$")
_MARKER_RE = re.compile(r"!([A-Za-z0-9_]+)!")


def read_agent_dictionary(path_or_text: Any, *, report: ReadReport | None = None) -> list[tuple[str, str]]:
    """Read a PETRARCH agent dictionary (``Phoenix.agents.txt``) -> ``[(term, role), ...]``.

    Lines are ``TERM {PLURALS} [~CODE]`` (or ``[CODE~]``); terms are lowercased with ``_`` as
    spaces; plurals listed in ``{...}`` become terms too (regular plurals are not generated: the
    coder lemmatises). ``!NAME! = A, B`` defines a substitution set and every ``!NAME!`` in a term
    is replaced by each item. The ``~`` is dropped from the code: ``[~MIL]`` -> ``"MIL"``.
    A marker glued inside a word (``AD!MINIST!RATIVE``, a search-and-replace accident in the
    Phoenix file) is read as the plain word.
    """
    name, lines = _load(path_or_text)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or _source_name(name)
    rep.lines += len(lines)
    subst: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def literal_in_words(term: str, no: int) -> str:
        # "AD!MINIST!RATIVE": a marker with letters on both sides is the plain word
        new = re.sub(r"(?<=[A-Za-z])!([A-Za-z0-9_]+)!(?=[A-Za-z])", r"\1", term)
        if new != term:
            rep.skip("substitution marker inside a word (read literally)", no)
        return new

    def expand(term: str, no: int) -> list[str]:
        m = _MARKER_RE.search(term)
        if not m:
            return [term]
        key = m.group(1).upper()
        before, after = term[: m.start()], term[m.end() :]
        if key not in subst:
            raise DictionaryError(name, no, f"undefined substitution set !{m.group(1)}!")
        res: list[str] = []
        for item in subst[key]:
            res.extend(expand(before + item + after, no))
        return res

    for no, line, _raw in _clean_lines(lines):
        s = line.strip()
        if not s:
            continue
        m = _SUBST_DEF_RE.match(s)
        if m:
            items = [i.strip() for i in m.group("items").split(",") if i.strip()]
            if not items:
                raise DictionaryError(name, no, "empty substitution set")
            subst[m.group("name").upper()] = items
            continue
        # the code: the last [...] ("[~ENV}" with a brace is tolerated)
        cm = re.search(r"\[([^\[\]{}]*)[\]}]\s*$", s)
        if not cm:
            if "[" in s or "]" in s:
                raise DictionaryError(name, no, "malformed agent code")
            rep.skip("agent without a code", no)
            continue
        if not s[cm.end() - 1 :].startswith("]"):
            rep.skip("code closed with '}' (tolerated)", no)
        raw_code = cm.group(1).strip()
        code = raw_code.strip("~")
        if not code or not re.match(r"^[A-Za-z0-9]+$", code) or "~" not in raw_code:
            raise DictionaryError(name, no, f"malformed agent code [{raw_code}]")
        body = s[: cm.start()]
        plurals: list[str] = []
        if "{" in body or "}" in body:
            bm = re.match(r"^(?P<term>[^{}]*)\{(?P<pl>[^{}]*)\}\s*$", body)
            if not bm:
                raise DictionaryError(name, no, "malformed {plurals}")
            body, plurals = bm.group("term"), bm.group("pl").split()
        if not body.strip():
            raise DictionaryError(name, no, "empty agent term")
        for raw_term in [body, *plurals]:
            for t in expand(literal_in_words(raw_term.strip(), no), no):
                term = _phrase(t)
                if not term:
                    continue
                if (term, code) in seen:
                    rep.skip("duplicate entry", no)
                    continue
                seen.add((term, code))
                out.append((term, code))
    rep.entries += len(out)
    return out


# ============================================================ the verb table (TSV)


_TABLE_FIELDS = ("id", "lemma", "particle", "prep", "objects", "code", "source")


def verb_rule_id(lemma: str, particle: str = "", prep: str = "", objects: tuple[str, ...] = ()) -> str:
    """The id of a table row without an ``id`` column: ``lemma[ particle][ +prep][ :first object]``."""
    rid = lemma
    if particle:
        rid += f" {particle}"
    if prep:
        rid += f" +{prep}"
    if objects:
        rid += f" :{objects[0]}"
    return rid


def read_verb_table(path: Any, *, source: str | None = None) -> list[VerbRule]:
    """Read a TSV table of verb rules (``verbs_petrarch.tsv``, the built-in ``verbs.tsv``, a user's).

    ``#`` lines are comments; blank lines are skipped. A first row whose fields are column names
    (it contains ``lemma``) is a header: ``lemma`` and ``code`` are required; ``id``, ``particle``,
    ``prep``, ``objects`` and ``source`` are optional, in any order. Without a header the columns
    are ``id lemma particle prep objects code`` (6 fields) or ``lemma particle prep objects code``
    (5 fields). ``objects`` is a ``|``-separated list. Without an ``id`` column the id is
    ``lemma[ particle][ +prep][ :first object]`` (``verb_rule_id``). Ids must be unique.
    ``source`` defaults to the row's ``source`` column, else ``"petrarch"`` for ids starting
    with ``petrarch:``, else ``"builtin"``. ``path`` may be a ``Traversable``
    (``importlib.resources.files("newsevents.coding") / "data" / "verbs.tsv"``).
    """
    name, lines = _load(path)
    columns: list[str] | None = None
    rules: list[VerbRule] = []
    ids: dict[str, int] = {}
    for no, raw in enumerate(lines, 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if columns is None:
            names = [f.lower() for f in fields]
            if "lemma" in names:
                missing = {"lemma", "code"} - set(names)
                unknown = set(names) - set(_TABLE_FIELDS)
                if missing or unknown or len(set(names)) != len(names):
                    raise DictionaryError(
                        name, no, f"bad header (missing {sorted(missing)}, unknown {sorted(unknown)}, or repeated)"
                    )
                columns = names
                continue
            if len(fields) == 6:
                columns = list(VERB_TABLE_COLUMNS)
            elif len(fields) == 5:
                columns = list(VERB_TABLE_COLUMNS[1:])
            else:
                raise DictionaryError(name, no, f"no header and {len(fields)} fields (expected 5 or 6)")
        if len(fields) > len(columns):
            if any(fields[len(columns):]):
                raise DictionaryError(name, no, f"{len(fields)} fields, expected {len(columns)}")
            fields = fields[: len(columns)]
        row = dict(zip(columns, fields + [""] * (len(columns) - len(fields))))
        lemma, code = row["lemma"].lower(), row["code"]
        if not lemma or not code:
            raise DictionaryError(name, no, "lemma and code are required")
        if not _CODE_RE.match(code):
            raise DictionaryError(name, no, f"malformed code {code!r}")
        particle, prep = row.get("particle", "").lower(), row.get("prep", "").lower()
        objects = tuple(o.strip().lower() for o in row.get("objects", "").split("|") if o.strip())
        rid = row.get("id") or verb_rule_id(lemma, particle, prep, objects)
        if rid in ids:
            raise DictionaryError(name, no, f"duplicate rule id {rid!r} (first on line {ids[rid]})")
        ids[rid] = no
        src = source or row.get("source") or ("petrarch" if rid.startswith("petrarch:") else "builtin")
        rules.append(
            VerbRule(id=rid, lemma=lemma, code=code, particle=particle, prep=prep, objects=objects, source=src)
        )
    return rules


def format_verb_table(rules: Iterable[VerbRule], comment: str = "") -> str:
    """The TSV text of ``rules`` (``#``-prefixed ``comment`` lines, a header, one row per rule)."""
    out = []
    for c in comment.splitlines():
        out.append(("# " + c).rstrip())
    out.append("\t".join(VERB_TABLE_COLUMNS))
    for r in rules:
        fields = (r.id, r.lemma, r.particle, r.prep, "|".join(r.objects), r.code)
        for f in fields:
            if "\t" in f or "\n" in f:
                raise ValueError(f"rule {r.id}: a field contains a tab or newline")
        if any("|" in o for o in r.objects):
            raise ValueError(f"rule {r.id}: an object contains '|'")
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"
