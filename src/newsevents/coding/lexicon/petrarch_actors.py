"""The PETRARCH / Phoenix actor and agent dictionaries -> `PetrarchActor`s and role words.

Actor dates: YYMMDD with 00-30 -> 20YY and 31-99 -> 19YY (the PETRARCH/TABARI rule; the Phoenix
files have hundreds of 1931-1949 dates), or YYYYMMDD.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from newsevents.coding.lexicon.dictionary_format import (
    UNREADABLE,
    DictionaryError,
    ReadReport,
    clean_lines,
    load_dictionary,
    phrase_text,
    source_name,
)


@dataclass(frozen=True, slots=True)
class PetrarchActor:
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
    lenient: bool = False,
) -> list[PetrarchActor]:
    """Read a PETRARCH/TABARI actor dictionary (``Phoenix.*.actors.txt``).

    A record is a name line (``NAME_WITH_UNDERSCORES [CODE]`` with optional codes, several
    allowed), then ``+SYNONYM`` lines, then indented ``[CODE restriction]`` lines; every phrase of
    the record gets every code of the record. Restrictions: ``>YYMMDD`` (from), ``<YYMMDD``
    (until), ``YYMMDD-YYMMDD``; YYYYMMDD is accepted too. ``source`` defaults to the file name.
    Null codes ``[---]`` (phrases that must not be coded) are skipped unless ``keep_null``.
    A line the format does not allow raises ``DictionaryError``; with ``lenient`` (a user's file) it is
    skipped and counted in the report as an unreadable line, and the record it belonged to is left out.
    """
    name, lines = load_dictionary(path_or_text)
    src = source if source is not None else source_name(name)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or src
    rep.lines += len(lines)

    out: list[PetrarchActor] = []
    seen: set[PetrarchActor] = set()
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
                e = PetrarchActor(ph, code, start, end, src)
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

    def read_line(s: str, no: int) -> None:
        if s[0] == "[":
            if not phrases:
                raise DictionaryError(name, no, "code restriction before any actor name")
            head, contents = _split_brackets(s, name, no, rep)
            add_codes(contents, no)
            return
        if s[0] == "+":
            if not phrases:
                raise DictionaryError(name, no, "synonym before any actor name")
            head, contents = _split_brackets(s[1:], name, no, rep)
            ph = phrase_text(head)
            if not ph:
                raise DictionaryError(name, no, "empty synonym")
            phrases.append((no, ph))
            add_codes(contents, no)
            return
        flush()
        head, contents = _split_brackets(s, name, no, rep)
        ph = phrase_text(head)
        if not ph:
            raise DictionaryError(name, no, "empty actor name")
        phrases.append((no, ph))
        add_codes(contents, no)

    for no, line, _raw in clean_lines(lines):
        s = line.strip()
        if not s:
            continue
        try:
            read_line(s, no)
        except DictionaryError as exc:
            if not lenient:
                raise
            rep.skip(f"{UNREADABLE}: {exc.message}", no)
            phrases.clear()   # the record the bad line belonged to is left out whole
            codes.clear()
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
    name, lines = load_dictionary(path_or_text)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or source_name(name)
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

    for no, line, _raw in clean_lines(lines):
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
                term = phrase_text(t)
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


