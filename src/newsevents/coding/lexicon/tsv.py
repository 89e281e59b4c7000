"""Reading the package's data tables: tab-separated, `#` comment lines, a header row, `|` lists."""
from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path


class DataFileError(ValueError):
    """A data table is malformed (bad header, bad value); names the file and line."""


def data_text(name: str) -> str:
    """The text of a file shipped in `newsevents/coding/data/`."""
    return resources.files("newsevents.coding").joinpath("data", name).read_text(encoding="utf-8")


def read_table(source: str | Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a TSV table as dicts, from a package data file name or a filesystem path.

    Each row dict also carries `_line` (1-based line number) so errors and rule ids can cite it.
    """
    path = Path(source)
    if path.is_absolute() or path.exists():
        text, label = path.read_text(encoding="utf-8"), str(path)
    else:
        text, label = data_text(str(source)), f"newsevents/coding/data/{source}"
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise DataFileError(f"{label}: no header row")
    header_line, header = lines[0]
    columns = next(csv.reader(io.StringIO(header), delimiter="\t"))
    missing = [c for c in required if c not in columns]
    if missing:
        raise DataFileError(f"{label}:{header_line}: missing columns {missing}")
    rows = []
    for line_no, line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(columns) - len(cells))
        row = {c: cells[i].strip() for i, c in enumerate(columns)}
        row["_line"] = str(line_no)
        rows.append(row)
    return rows


def split_list(cell: str) -> list[str]:
    """A `|`-separated cell as a list of non-empty, stripped values."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def read_word_list(name: str) -> list[str]:
    """A one-word-a-line data file (comments allowed)."""
    return [line.strip() for line in data_text(name).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
