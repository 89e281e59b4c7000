"""Read JSON Lines (`.jsonl`, `.jsonl.gz`, `-` for standard input): one JSON object per line.

Lines are read in binary and decoded one at a time, so one bad line does not sink the file and a large
file is never held in memory (a UTF-16 or UTF-32 file, known by its byte order mark, is decoded as a
stream). A line that is not a JSON object (malformed, nested too deeply, a number too long to read) is one
RecordError, and the next line is read. A line longer than the limit is skipped in chunks, never held whole.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from typing import IO

from newsevents.model import Article, RecordError
from newsevents.sources.common import (JSON_TYPE_NAMES, InputError, RecordWarning, TextChecks, bom_encoding,
                                       describe_read_error, record_from_object)

STDIN = "-"
STDIN_NAME = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
JSON_BYTES_PER_CHAR = 6       # worst case for a JSON-escaped character ("\\uXXXX")
LINE_OVERHEAD = 1 << 20       # room for the other fields of a JSON line

Records = Iterator[Article | RecordError | RecordWarning]


def read_stdin(stdin: IO | None, published: dt.date | None, checks: TextChecks) -> Records:
    """The records of JSON Lines on `stdin` (default: standard input)."""
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)  # bytes where we can: decode errors are then per line
    yield from _read_jsonl_stream(stream, STDIN_NAME, STDIN_NAME, published, checks)


def read_jsonl_file(path: str, published: dt.date | None, checks: TextChecks) -> Records:
    """The records of one `.jsonl` or `.jsonl.gz` file."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    with stream:
        yield from _read_jsonl_stream(_decoded(stream, path), path, os.path.basename(path), published, checks)


def _decoded(stream: IO[bytes], path: str) -> IO:
    """The binary stream itself (UTF-8 is decoded line by line), or a text stream for a UTF-16 or UTF-32
    file (known by its byte order mark; undecodable bytes become U+FFFD and fail the text checks)."""
    try:
        head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, describe_read_error(exc)) from exc
    encoding = bom_encoding(head)
    if encoding is None:
        return stream
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)


def _read_jsonl_stream(stream: IO, where: str, id_prefix: str, published: dt.date | None,
                       checks: TextChecks) -> Records:
    """Records of one JSON Lines stream. A failure before the first line is an InputError; a stream that
    breaks later (a truncated .gz) ends with one RecordError for the line it was reading."""
    line_limit = JSON_BYTES_PER_CHAR * checks.max_chars + LINE_OVERHEAD
    unit = "characters" if isinstance(stream, io.TextIOBase) else "bytes"
    line_no = 0
    try:
        for line_no, line, size in _numbered_lines(stream, line_limit):
            line_where = f"{where}:{line_no}"
            if line is None:
                yield RecordError(f"line {line_no}", f"record too large: line of {size:,} {unit} > limit "
                                                     f"{line_limit:,}", line_where)
                continue
            yield from _jsonl_record(line, line_no, line_where, f"{id_prefix}:{line_no}", published, checks)
    except (OSError, EOFError, zlib.error) as exc:
        reason = describe_read_error(exc)
        if line_no == 0:
            raise InputError(where, reason) from exc
        yield RecordError(f"line {line_no + 1}", f"input ends early: {reason}", f"{where}:{line_no + 1}")


def _numbered_lines(stream: IO, limit: int) -> Iterator[tuple[int, bytes | str | None, int]]:
    """(line number, line, size) for each line; line is None when it is longer than `limit` (it is then
    skipped in chunks, never held whole)."""
    line_no = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        line_no += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):
            yield line_no, line, len(line)
            continue
        size = len(line)
        while True:
            chunk = stream.readline(1 << 20)
            size += len(chunk)
            if not chunk or chunk.endswith(newline):
                break
        yield line_no, None, size


def _jsonl_record(line: bytes | str, line_no: int, where: str, fallback_id: str, published: dt.date | None,
                  checks: TextChecks) -> Records:
    """The records of one line: nothing for a blank line, else an Article (maybe after a RecordWarning)
    or a RecordError."""
    line_id = f"line {line_no}"
    if isinstance(line, bytes):
        if b"\x00" in line:
            yield RecordError(line_id, "binary content (NUL bytes in the line)", where)
            return
        if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(line_id, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at position "
                                       f"{exc.start})", where)
            return
    line = line.lstrip("\ufeff") if line_no == 1 else line
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield RecordError(line_id, f"malformed JSON: {exc.msg} at column {exc.colno}", where)
        return
    except RecursionError:
        yield RecordError(line_id, "malformed JSON: nested too deeply", where)
        return
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        yield RecordError(line_id, f"malformed JSON: {str(exc).splitlines()[0][:200]}", where)
        return
    if not isinstance(obj, dict):
        yield RecordError(line_id, f"not a JSON object (got {JSON_TYPE_NAMES.get(type(obj), 'value')})", where)
        return
    yield from record_from_object(obj, where, fallback_id, published, checks)
