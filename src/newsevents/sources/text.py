"""Read plain text files (`.txt`): one article per file, its id the file's name. UTF-8 (with or without a
byte order mark), or UTF-16 / UTF-32 with their byte order mark."""
from __future__ import annotations

import datetime as dt
import os

from newsevents.model import Article, RecordError
from newsevents.sources.common import BINARY_SAMPLE_CHARS, TextChecks, bom_encoding, read_bytes

TEXT_SUFFIXES = (".txt",)


def read_text_file(path: str, published: dt.date | None, checks: TextChecks) -> Article | RecordError:
    """The Article of one text file (dated `published`), or the RecordError that rejects it."""
    name = os.path.basename(path)
    byte_limit = 4 * checks.max_chars + 4  # UTF-8, UTF-16, UTF-32: at most 4 bytes a character (+ a BOM)
    data = read_bytes(path, byte_limit)
    if data is None:
        return RecordError(name, f"text too large: file of more than {byte_limit:,} bytes, over the limit "
                                 f"of {checks.max_chars:,} characters", path)
    encoding = bom_encoding(data[:4])
    if encoding is None and b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        return RecordError(name, "binary content (NUL bytes)", path)
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        return RecordError(name, f"not valid {(encoding or 'UTF-8').upper()} (byte 0x{exc.object[exc.start]:02x} "
                                 f"at position {exc.start})", path)
    text = text.lstrip("\ufeff")
    reason = checks.problem(text)
    if reason:
        return RecordError(name, reason, path)
    return Article(id=name, text=text, published=published)
