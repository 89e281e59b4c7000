#!/usr/bin/env python3
"""Derive newsevents' PETRARCH verb table from the PETRARCH2 CAMEO verb dictionary.

Reads ``CAMEO.2.0.txt`` with ``newsevents.coding.lexicon.petrarch_verbs.read_verb_dictionary``, drops rules
whose code is not a CAMEO event code, and writes ``src/newsevents/coding/data/verbs_petrarch.tsv``
(columns ``id lemma particle prep objects code``) headed by a ``#`` comment block with the source
and the MIT licence of the PETRARCH dictionaries. The output is deterministic (no timestamps).

    .venv/bin/python tools/derive_petrarch_verbs.py            # defaults: /work/shared/...
    .venv/bin/python tools/derive_petrarch_verbs.py --check    # exit 1 if the shipped file differs
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from newsevents.coding.lexicon.dictionary_format import ReadReport  # noqa: E402
from newsevents.coding.lexicon.petrarch_verbs import read_verb_dictionary  # noqa: E402
from newsevents.coding.lexicon.verb_table import format_verb_table  # noqa: E402

SHARED = Path("/work/shared")
DEFAULT_VERBS = SHARED / "petrarch" / "CAMEO.2.0.txt"
DEFAULT_LICENSE = SHARED / "petrarch" / "LICENSE"
DEFAULT_CODES = SHARED / "cameo" / "cameo_codes.tsv"
DEFAULT_OUT = ROOT / "src" / "newsevents" / "coding" / "data" / "verbs_petrarch.tsv"


def cameo_codes(path: Path) -> set[str]:
    codes = set()
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        code = line.split("\t", 1)[0].strip()
        if i == 0 and code == "code":
            continue
        codes.add(code)
    return codes


def licence_text(license_path: Path, dictionary_path: Path) -> str:
    """The MIT licence from LICENSE with the dictionary's own copyright line added after LICENSE's."""
    lic = license_path.read_text(encoding="utf-8").strip("\n").splitlines()
    extra = []
    for line in dictionary_path.read_text(encoding="utf-8", errors="replace").splitlines()[:120]:
        m = re.match(r"^#\s*(Copyright \(c\).*?)\s*$", line, re.IGNORECASE)
        if m:
            extra.append(m.group(1))
    out: list[str] = []
    done = False
    for line in lic:
        out.append(line.rstrip())
        if not done and line.strip().lower().startswith("copyright"):
            out.extend(e for e in extra if e.strip() != line.strip())
            done = True
    if not done:  # no copyright line in LICENSE: put the dictionary's after the title
        out[1:1] = ["", *extra]
    return "\n".join(out)


def header(source: Path, licence: str, n_rules: int, n_dropped: int) -> str:
    return f"""verbs_petrarch.tsv: verb rules derived from the PETRARCH2 CAMEO verb dictionary.

Source: {source.name} (PETRARCH2 / Phoenix dictionaries of the Open Event Data Alliance,
https://github.com/openeventdata/petrarch2), a composite of the TABARI CAMEO verb dictionaries
and WordNet synonym sets. Its development was funded by the U.S. National Science Foundation.
Derived by tools/derive_petrarch_verbs.py (newsevents.coding.lexicon.petrarch_verbs.read_verb_dictionary):
patterns with subject constraints, source markers or several constraints, null and passive-only
codes were not converted; {n_dropped} rules whose code is not a CAMEO 1.1b3 event code were dropped.
{n_rules} rules. Rule ids are petrarch:<VERB>:<line in {source.name}>.

Columns: id, lemma (verb lemma), particle, prep (a preposition attached to the verb), objects
(|-separated lemmas of the direct object's head, or of prep's object when prep is set; empty = any),
code (CAMEO event code).

The dictionary is distributed under the MIT licence:

{licence}"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbs", type=Path, default=DEFAULT_VERBS, help="CAMEO.2.0.txt")
    ap.add_argument("--license", type=Path, default=DEFAULT_LICENSE, help="PETRARCH LICENSE file")
    ap.add_argument("--codes", type=Path, default=DEFAULT_CODES, help="cameo_codes.tsv")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs")
    args = ap.parse_args(argv)

    report = ReadReport()
    rules = read_verb_dictionary(args.verbs, report=report)
    valid = cameo_codes(args.codes)
    kept = [r for r in rules if r.code in valid]
    dropped = [r for r in rules if r.code not in valid]
    text = format_verb_table(kept, header(args.verbs, licence_text(args.license, args.verbs), len(kept), len(dropped)))

    print(report.summary(), file=sys.stderr)
    bad = sorted({r.code for r in dropped})
    print(f"rules read: {len(rules)}; dropped (code not in {args.codes.name}): {len(dropped)} {bad}", file=sys.stderr)
    print(f"rules written: {len(kept)}; lemmas: {len({r.lemma for r in kept})}; {len(text.encode())} bytes", file=sys.stderr)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'DIFFERS'}", file=sys.stderr)
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
