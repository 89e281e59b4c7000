"""Where the tests find things: the project root and the shared folder beside it (absent on a user's clone:
tests that need it skip)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
