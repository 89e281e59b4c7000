"""Hand memory freed by a parse batch back to the operating system.

spaCy frees a batch's arrays when the batch is done, but glibc's malloc keeps freed memory in its heaps for
reuse, and after a few hundred batches of different sizes the process's resident memory has crept up by
hundreds of MiB of free but fragmented pages (measured in benchmarks/README.md). `malloc_trim(0)` returns
those pages; it takes about a millisecond. Elsewhere (macOS, musl) there is no such call and nothing to do.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):   # not glibc
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Return free heap pages to the operating system; False where the C library cannot."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
