"""newsevents: news articles in, dated, located, evidence-backed CAMEO political events out.

For notebooks: `import newsevents as ne`, then `ne.code(texts)` and `ne.open_store(path)` (see docs/python.md).
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsevents")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"

__all__ = ["__version__", "code", "open_store", "Store"]


def __getattr__(name: str):
    """`ne.code`, `ne.open_store`, `ne.Store`: loaded on first use, so `import newsevents` stays light."""
    if name in ("code", "open_store", "Store", "events_frame"):
        from newsevents import api
        return getattr(api, name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
