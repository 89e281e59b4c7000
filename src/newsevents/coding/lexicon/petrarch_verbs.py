"""The PETRARCH / TABARI verb dictionary (`CAMEO.2.0.txt`) -> `VerbRule`s.

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from newsevents.coding.lexicon.dictionary_format import (
    CONJUNCTIONS,
    COPULAS,
    PARTICLES,
    PREPOSITIONS,
    UNREADABLE,
    DictionaryError,
    ReadReport,
    clean_lines,
    dedupe,
    load_dictionary,
    noun_forms,
    phrase_text,
    source_name,
)
from newsevents.coding.lexicon.records import VerbRule

CODE_PATTERN = re.compile(r"^[0-9A-Za-z.]+$")
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
    if first.endswith("!") and CODE_PATTERN.match(first[:-1]):  # "[080!]" in CAMEO.2.0.txt
        first = first[:-1]
        if report is not None:
            report.skip("stray '!' after a code (tolerated, code kept)", line_no)
    for part in (first, rest):
        if part and part != "---" and not CODE_PATTERN.match(part):
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
    if any(w in CONJUNCTIONS for w in tail):
        raise _Skip("conjoined verbs (VERB_AND...)")
    if lemma in COPULAS:
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
        objects = noun_forms(tail[i])
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
        return dedupe(f for alt in it[1] for f in noun_forms(alt.replace("_", " ").split()[-1]))
    if kind == "set":
        members = synsets.get(it[1][1:].upper().rstrip("_"))
        if members is None:
            raise _Skip("undefined synonym set")
        return dedupe(f for m in members for f in noun_forms(m.split()[-1]))
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
    path_or_text: Any, *, source: str = "petrarch", report: ReadReport | None = None, lenient: bool = False
) -> list[VerbRule]:
    """Read a PETRARCH (CAMEO.2.0.txt-format) verb dictionary into ``VerbRule`` records.

    See the module docstring for the mapping. ``source`` is stored in each rule's ``source``.
    A line the format does not allow raises ``DictionaryError``; with ``lenient`` (a user's file) it is
    counted in the report under ``UNREADABLE`` instead, and the rest of the file is read.
    """
    name, lines = load_dictionary(path_or_text)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or source_name(name)
    rep.lines += len(lines)

    synsets: dict[str, list[str]] = {}
    current_set: str | None = None
    block: _Block | None = None
    blocks: list[_Block] = []

    for no, line, _raw in clean_lines(lines, semicolon=True):
        try:
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
                member = phrase_text(s[1:])
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
        except DictionaryError as exc:
            if not lenient:
                raise
            rep.skip(f"{UNREADABLE}: {exc.message}", no)
            if s.startswith("---"):   # the lines of an unreadable block are not read into the one before
                block = None

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
