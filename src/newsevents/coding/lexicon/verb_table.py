"""Our own verb-rule table format (TSV): `verbs.tsv`, `verbs_petrarch.tsv` and users' tables."""
from __future__ import annotations

from typing import Any, Iterable

from newsevents.coding.lexicon.dictionary_format import (
    UNREADABLE,
    DictionaryError,
    ReadReport,
    load_dictionary,
    source_name,
)
from newsevents.coding.lexicon.petrarch_verbs import CODE_PATTERN
from newsevents.coding.lexicon.records import VerbRule

VERB_TABLE_COLUMNS = ("id", "lemma", "particle", "prep", "objects", "code")

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


def read_verb_table(path: Any, *, source: str | None = None, report: ReadReport | None = None,
                    lenient: bool = False) -> list[VerbRule]:
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

    A bad row raises ``DictionaryError``; with ``lenient`` (a user's table) it is counted in ``report``
    under ``UNREADABLE`` and skipped. A bad header is always an error: without it no row can be read.
    """
    name, lines = load_dictionary(path)
    rep = report if report is not None else ReadReport()
    rep.source = rep.source or source_name(name)
    rep.lines += len(lines)
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
        try:
            rules.append(_table_rule(name, no, fields, columns, ids, source))
        except DictionaryError as exc:
            if not lenient:
                raise
            rep.skip(f"{UNREADABLE}: {exc.message}", no)
    rep.entries += len(rules)
    return rules


def _table_rule(name: str, no: int, fields: list[str], columns: list[str], ids: dict[str, int],
                source: str | None) -> VerbRule:
    """The rule of one table row (its id recorded in `ids`), or DictionaryError."""
    if len(fields) > len(columns):
        if any(fields[len(columns):]):
            raise DictionaryError(name, no, f"{len(fields)} fields, expected {len(columns)}")
        fields = fields[: len(columns)]
    row = dict(zip(columns, fields + [""] * (len(columns) - len(fields))))
    lemma, code = row["lemma"].lower(), row["code"]
    if not lemma or not code:
        raise DictionaryError(name, no, "lemma and code are required")
    if not CODE_PATTERN.match(code):
        raise DictionaryError(name, no, f"malformed code {code!r}")
    particle, prep = row.get("particle", "").lower(), row.get("prep", "").lower()
    objects = tuple(o.strip().lower() for o in row.get("objects", "").split("|") if o.strip())
    rid = row.get("id") or verb_rule_id(lemma, particle, prep, objects)
    if rid in ids:
        raise DictionaryError(name, no, f"duplicate rule id {rid!r} (first on line {ids[rid]})")
    ids[rid] = no
    src = source or row.get("source") or ("petrarch" if rid.startswith("petrarch:") else "builtin")
    return VerbRule(id=rid, lemma=lemma, code=code, particle=particle, prep=prep, objects=objects, source=src)


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
