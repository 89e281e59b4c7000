"""Freed parse memory goes back to the operating system (issue #13: bounded memory)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsevents.coding.heap import release_free_memory


def _resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_freed_heap_memory_is_handed_back():
    # 48 MiB in blocks small enough for malloc's heap (not mmap), freed but for the last one, which pins the
    # top of the heap: malloc keeps the rest until it is trimmed
    blocks = [bytearray(64 * 1024) for _ in range(768)]
    held = _resident_mib()
    last = blocks[-1]
    del blocks
    before = _resident_mib()
    assert release_free_memory() is True
    after = _resident_mib()
    assert before > held - 8 and after < before - 32, (held, before, after)
    assert len(last) == 64 * 1024
