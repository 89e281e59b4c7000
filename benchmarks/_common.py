"""What the benchmark scripts share: where the checkout is, and running from it without an install."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "samples" / "news.jsonl"


def ensure_importable() -> None:
    """Run from a source checkout without an install: put `src/` on the path (children inherit it)."""
    try:
        import newsevents  # noqa: F401
    except ImportError:
        src = str(ROOT / "src")
        sys.path.insert(0, src)
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
