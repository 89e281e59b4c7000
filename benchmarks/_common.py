"""What the benchmark scripts share: where the checkout is, and running its code rather than an install's."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "samples" / "news.jsonl"


def ensure_importable() -> None:
    """Put this checkout's `src/` first on the path (children inherit it): a benchmark measures the code beside
    it, even where another checkout is installed in the environment."""
    src = str(ROOT / "src")
    if (ROOT / "src" / "newsevents").is_dir() and sys.path[:1] != [src]:
        sys.path.insert(0, src)
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
