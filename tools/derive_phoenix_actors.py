"""Derive `actors_phoenix.tsv` (a fallback actor dictionary) from PETRARCH2's Phoenix actor dictionaries.

Keeps multi-word names (people with their terms, organisations) from Phoenix.Countries, Phoenix.International
and Phoenix.MilNonState; single words are left to the curated dictionaries (bare surnames are ambiguous).
usage: python tools/derive_phoenix_actors.py [PETRARCH_DIR]   (default ../shared/petrarch)
"""
from __future__ import annotations

import sys
from pathlib import Path

from newsevents.coding.lexicon.petrarch_actors import read_actor_dictionary

OUT = Path(__file__).resolve().parents[1] / "src/newsevents/coding/data/actors_phoenix.tsv"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


def main() -> int:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/petrarch")
    licence = (src / "LICENSE").read_text(encoding="utf-8")
    rows, seen = [], set()
    for name in FILES:
        for e in read_actor_dictionary(src / name):
            if " " not in e.phrase or len(e.code) < 3 or e.code.upper().startswith("MNC") \
                    or (e.phrase, e.code, e.start) in seen:
                continue
            seen.add((e.phrase, e.code, e.start))
            rows.append((e.phrase, e.code.upper(), e.start.isoformat() if e.start else "",
                         e.end.isoformat() if e.end else ""))
    header = ["# Fallback actor names derived by tools/derive_phoenix_actors.py from the PETRARCH2 Phoenix actor",
              "# dictionaries (Phoenix.Countries/International/MilNonState.actors.txt), Open Event Data Alliance.",
              "# Multi-word entries only; the curated countries/leaders/groups/offices tables take precedence.",
              "#", *("# " + line if line else "#" for line in licence.splitlines()), "#"]
    with OUT.open("w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        f.write("phrase\tcode\tstart\tend\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} entries to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
