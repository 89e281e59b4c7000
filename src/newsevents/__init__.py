"""newsevents: news articles in, dated, located, evidence-backed CAMEO political events out."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsevents")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"
