"""Near-duplicate articles: the same wire story republished by many sites, found before coding.

`NearDuplicates.add(key, text)` is called for each article in input order. It answers with the key of an
earlier *representative* article whose text the new one nearly repeats, or None, in which case the new
article becomes a representative itself. The engine then parses each representative once and gives every
copy the representative's events under the copy's own id, URL and source, so each copy still counts as a
source of those events in the store.

How texts are compared (datasketch): the set of word 3-shingles of the lower-cased text (words are runs of
letters and digits), summarised by a MinHash of 128 permutations (seed 1, the `affine32` scheme). Candidates
come from an LSH index of 16 bands x 8 rows (an S-curve centred near Jaccard 0.71; a pair at 0.9 or more
differs in at most 12 of the 128 values, so it shares at least 4 whole bands and is never missed); a
candidate is a match when its estimated Jaccard similarity is at least `threshold` (0.9). Among several
matches the most similar wins, then the earliest. Only representatives are indexed, so a copy of a copy
points at the original. Everything is seeded and done in input order: the same input gives the same
answers, whatever the engine.

With a `rank` (the engine passes `article_rank`: the publication date, undated last, then the id), an
article is a copy only of a representative ranked before it: an earlier-published original that turns up
after its copy is parsed itself rather than given the copy's events. The store relies on this
(`store/copies.py`): every article that is the earliest of those it nearly repeats is parsed.

Memory is bounded by `window`: only the last `window` representatives (default 20,000) are kept in the
index, each ~2 KB (its 128 values and 16 band entries; the index is this module's own: datasketch's
MinHashLSH proposes the same candidates but kept ~6 KB a representative). A copy that turns up later than
that is coded again, as a new representative. The `evicted()` keys tell the caller which representatives
can no longer be matched.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DEFAULT_THRESHOLD = 0.9
DEFAULT_WINDOW = 20_000
NUM_PERM = 128
LSH_BANDS, LSH_ROWS = 16, 8
SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"
_CHUNK = 16_384   # shingles hashed at a time: a 900,000-character article in bounded memory

_WORD = re.compile(r"\w+")

Rank = tuple  # (undated, published, id): see `article_rank`


def article_rank(article_id: str, published: dt.date | None) -> Rank:
    """The order in which near-duplicates are originals: the earliest published first (undated last), then
    the smallest id. It depends on the article only, never on the order articles arrive in."""
    return (published is None, published or dt.date.min, article_id)


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


class _Recent:
    """The MinHashes of the last texts asked for (at most `chars` characters of text kept, `size` texts):
    `ingest` asks for an article's MinHash up to three times (its stored originals, the engine's index, the
    store's), with the same string object each time."""

    def __init__(self, size: int = 1024, chars: int = 4_000_000):
        self.size, self.chars, self.held = size, chars, 0
        self.items: OrderedDict[str, object] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, text: str):
        with self.lock:
            found = self.items.get(text, _MISSING)
            if found is not _MISSING:
                self.items.move_to_end(text)
            return found

    def put(self, text: str, signature) -> None:
        if len(text) > self.chars // 4:
            return
        with self.lock:
            if text not in self.items:
                self.items[text] = signature
                self.held += len(text)
            while self.items and (len(self.items) > self.size or self.held > self.chars):
                old, _ = self.items.popitem(last=False)
                self.held -= len(old)


_MISSING = object()
_RECENT = _Recent()


def minhash(text: str):
    """The MinHash of the text's word 3-shingles (a datasketch `MinHash`), or None for a text without words.
    The shingles are hashed in chunks: the result is the same, the memory bounded for very long texts. The
    result is shared (recent texts are remembered): do not update it."""
    found = _RECENT.get(text)
    if found is _MISSING:
        found = _minhash(text)
        _RECENT.put(text, found)
    return found


def _minhash(text: str):
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    if not words:
        return None
    n = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = sorted({" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass") for i in range(n)})
    del words
    signature = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    for start in range(0, len(shingles), _CHUNK):
        signature.update_batch(shingles[start:start + _CHUNK])
    return signature


def minhash_of(values):
    """The `MinHash` of stored values (`minhash(text).hashvalues`)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME,
                   hashvalues=values)


@dataclass(slots=True)
class DedupStats:
    """What near-duplicate detection found in one run."""

    articles: int = 0
    copies: int = 0
    originals_with_copies: int = 0

    def line(self) -> str:
        return (f"near-duplicates: {self.copies} of {self.articles} articles repeat "
                f"{self.originals_with_copies} others (each parsed once)")


class NearDuplicates:
    """Finds, for each text in input order, an earlier representative text that it nearly repeats."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, window: int = DEFAULT_WINDOW):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("the near-duplicate threshold must be in (0, 1]")
        if window < 1:
            raise ValueError("the near-duplicate window must be at least 1")
        self.threshold = threshold
        self.window = window
        self.stats = DedupStats()
        self._bands: dict[int, int | list[int]] = {}   # hash of (band, its values) -> representative(s)
        self._signatures: dict[int, np.ndarray] = {}
        self._ranks: dict[int, Rank | None] = {}
        self._order: deque[int] = deque()
        self._copied: set[int] = set()
        self._evicted: list[int] = []

    def add(self, key: int, text: str, rank: Rank | None = None) -> int | None:
        """The key of the representative `text` nearly repeats, else None (`key` then represents it). With
        `rank`, only a representative ranked before it counts (one added without a rank counts always)."""
        return self.add_signature(key, self.signature(text), rank)

    def add_signature(self, key: int, signature, rank: Rank | None = None) -> int | None:
        """`add` for a text whose MinHash is already known (`minhash`, or its values; None for a text without
        words)."""
        self.stats.articles += 1
        if signature is None:
            return None
        signature = np.asarray(getattr(signature, "hashvalues", signature), dtype=np.uint32)
        match = self._best_match(signature, rank)
        if match is not None:
            self.stats.copies += 1
            if match not in self._copied:
                self._copied.add(match)
                self.stats.originals_with_copies += 1
            return match
        for band in _band_keys(signature):
            found = self._bands.get(band)
            self._bands[band] = key if found is None else (found + [key] if isinstance(found, list) else [found, key])
        self._signatures[key] = signature
        self._ranks[key] = rank
        self._order.append(key)
        if len(self._order) > self.window:
            old = self._order.popleft()
            for band in _band_keys(self._signatures[old]):
                found = self._bands.pop(band)
                if isinstance(found, list):
                    rest = [k for k in found if k != old]
                    self._bands[band] = rest[0] if len(rest) == 1 else rest
            del self._signatures[old]
            del self._ranks[old]
            self._copied.discard(old)
            self._evicted.append(old)
        return None

    def evicted(self) -> list[int]:
        """Representatives dropped from the window since the last call (they match nothing any more)."""
        out, self._evicted = self._evicted, []
        return out

    def signature(self, text: str):
        """The MinHash of the text's word 3-shingles, or None for a text without words (`minhash`)."""
        return minhash(text)

    def _best_match(self, signature: np.ndarray, rank: Rank | None = None) -> int | None:
        best: tuple[float, int] | None = None
        for key in self._candidates(signature):
            other = self._ranks[key]
            if rank is not None and other is not None and not other < rank:
                continue
            similarity = float(np.count_nonzero(signature == self._signatures[key])) / float(NUM_PERM)
            if similarity >= self.threshold and (best is None or (-similarity, key) < (-best[0], best[1])):
                best = (similarity, key)
        return best[1] if best else None

    def _candidates(self, signature: np.ndarray) -> set[int]:
        """The representatives that share a whole band with the signature (MinHashLSH's candidates)."""
        found: set[int] = set()
        for band, hashed in enumerate(_band_keys(signature)):
            keys = self._bands.get(hashed)
            if keys is None:
                continue
            part = slice(band * LSH_ROWS, (band + 1) * LSH_ROWS)
            for key in keys if isinstance(keys, list) else (keys,):
                if key not in found and np.array_equal(self._signatures[key][part], signature[part]):
                    found.add(key)
        return found


def _band_keys(values: np.ndarray) -> list[int]:
    return [hash((band, values[band * LSH_ROWS:(band + 1) * LSH_ROWS].tobytes())) for band in range(LSH_BANDS)]
