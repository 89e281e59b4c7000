"""The CAMEO event code table: label, Goldstein weight, QuadClass and PLOVER category of every code."""
from __future__ import annotations

from dataclasses import dataclass

from newsevents.coding.lexicon.tsv import DataFileError, read_table


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int
    plover: str | None


class CameoTable:
    """Every CAMEO 1.1b3 code, loaded once from the shipped `cameo_codes.tsv`."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    @classmethod
    def load(cls, source: str = "cameo_codes.tsv") -> "CameoTable":
        codes = {}
        for row in read_table(source, required=("code", "root", "label", "goldstein", "quad_class", "plover")):
            try:
                codes[row["code"]] = CameoCode(row["code"], row["root"], row["label"], float(row["goldstein"]),
                                               int(row["quad_class"]), row["plover"] or None)
            except ValueError as exc:
                raise DataFileError(f"{source}:{row['_line']}: {exc}") from exc
        return cls(codes)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> CameoCode:
        """The entry for a code; an unknown sub-code falls back to its parent (e.g. 0234 -> 023)."""
        while code and code not in self.codes:
            code = code[:-1]
        if not code:
            raise KeyError(code)
        return self.codes[code]
