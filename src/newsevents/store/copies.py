"""Republished copies in the store: a copy has the events of the earliest article it nearly repeats, whatever
the order and the runs the articles came in (issue #13).

The rule, over the articles `ingest` coded with near-duplicates on (docs/store.md, "Republished copies"):

- Each article's text is kept as its MinHash (`sources.dedup.minhash`: 128 values over its word 3-shingles)
  in `near_duplicates.signature`, and the 16 band keys of the LSH index (8 values a band, as the engine's
  index cuts them) in `near_duplicate_bands`: a later run finds it without its text.
- Two articles *match* when they share a band and their estimated Jaccard similarity is at least the
  threshold (0.9, the engine's `--dedup` threshold): the engine's relation, exactly.
- An article's *original* (`near_duplicates.original_id`) is the first of the articles it matches in
  `dedup.article_rank` order (published date, undated last, then id); NULL when that is the article itself.
  Following originals ends at a *root*: a root's mentions are its own parse, every other article's mentions
  are its root's, under its own id (and so its own mention ids).

Both depend only on the set of stored articles. An original that arrives after its copies (later in the run,
or in a later run) takes over and their mentions are written again from it; a copy whose original an earlier
run stored gets its events although the original is not in this run's input.

The engine parses every article that may be a root: it makes an article a copy only of one ranked before it,
which is therefore no root. A stored copy that becomes a root because its original was given a new text (or
failed when it was coded again) has no parse of its own: it is marked failed, to be coded again, and the next
run codes it. Articles stored without a MinHash (by `--no-dedup`, `--coded`, or before schema version 3) are
not matched.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from newsevents.model import Article
from newsevents.sources.dedup import LSH_BANDS, LSH_ROWS, article_rank, minhash, minhash_of
from newsevents.store.dedup import linked_mentions_of_articles, registered
from newsevents.store.rows import STATUS_CODED, STATUS_FAILED, insert_mentions, unique_mentions

STALE = "near-duplicate whose original changed: coded again on the next run"

_BANDS_SCHEMA = pa.schema([("probe_id", pa.string()), ("band_key", pa.int64())])
_SIGNATURES_SCHEMA = pa.schema([("article_id", pa.string()), ("signature", pa.binary())])


@dataclass(slots=True)
class Plan:
    """What a batch changes among the copies: articles whose mentions are their root's (`derive`: article ->
    root) and articles left without events, to be coded again (`stale`)."""

    derive: dict[str, str] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)


def signature_of(text: str) -> np.ndarray | None:
    """The MinHash values of a text (uint32), or None for a text without words."""
    signature = minhash(text)
    return None if signature is None else np.asarray(signature.hashvalues, dtype="<u4")


def band_keys(values: np.ndarray) -> list[int]:
    """One 64-bit key per LSH band: the band's number and its 8 values, hashed."""
    keys = []
    for band in range(LSH_BANDS):
        chunk = values[band * LSH_ROWS:(band + 1) * LSH_ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def settle(con, new: dict[str, Article], removed: Sequence[str], threshold: float) -> Plan:
    """Record the MinHash of the batch's coded articles `new` (their rows are inserted, their mentions not
    yet) and forget the `removed` articles (replaced by a new text or coded again); work out the originals
    and roots this changes. Inside the batch's transaction; `write` then writes the mentions."""
    if not new and not removed:
        return Plan()
    removed = sorted(set(removed))
    orphans: set[str] = set()
    if removed:
        orphans = {a for (a,) in con.execute(
            "SELECT article_id FROM near_duplicates WHERE original_id IN (SELECT unnest(?::VARCHAR[]))",
            [removed]).fetchall()} - set(removed)
        for table in ("near_duplicates", "near_duplicate_bands"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",  # noqa: S608
                        [removed])
    old = _originals(con, orphans)
    signatures = {a: v for a, v in ((a, signature_of(article.text)) for a, article in new.items())
                  if v is not None}
    _insert(con, signatures)
    matches = _matches(con, signatures, threshold)
    touched = {m for found in matches.values() for m in found} - set(signatures)
    old.update(_originals(con, touched))
    orphan_matches = _matches(con, {a: v for a, v in _signatures(con, orphans).items()}, threshold)
    ranks = _ranks(con, set(signatures) | orphans | touched
                   | {m for found in (*matches.values(), *orphan_matches.values()) for m in found}
                   | {o for o in old.values() if o is not None})

    def first(article: str, candidates: Iterable[str]) -> str | None:
        best = min([article, *candidates], key=lambda a: ranks[a])
        return None if best == article else best

    originals: dict[str, str | None] = {}
    for article, found in {**matches, **orphan_matches}.items():
        originals[article] = first(article, found)
    for article in touched - orphans:
        current = old[article]
        newer = [a for a, found in matches.items() if article in found]
        originals[article] = first(article, [current, *newer] if current is not None else newer)
    changed = set(signatures) | orphans | {a for a in touched if originals[a] != old.get(a)}
    _set_originals(con, {a: originals[a] for a in changed
                         if originals[a] != (None if a in signatures else old.get(a))})
    return _plan(con, changed, set(signatures), old)


def write(con, plan: Plan, batch: set[str], removed: list) -> list[dict]:
    """Give each article of `plan.derive` its root's events, read from the root's stored mentions (the
    batch's roots' mentions are inserted before this is called), in place of its own; leave the stale ones
    without events, marked failed. The stored rows this deletes that were linked to an event go to `removed`
    (for `dedup.update`); the batch's own articles have no mention rows yet. Returns the rows written."""
    from newsevents.store.coded import events_by_article

    gone = sorted((set(plan.derive) | plan.stale) - batch)
    if gone:
        removed.extend(linked_mentions_of_articles(con, gone))
        con.execute("DELETE FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    root_events = events_by_article(con, sorted(set(plan.derive.values()))) if plan.derive else {}
    rows = [row for copy, root in plan.derive.items()
            for row in unique_mentions(copy, [dataclasses.replace(e, doc_id=copy) for e in root_events.get(root, [])])]
    insert_mentions(con, rows)
    con.execute("UPDATE articles SET status = ?, error = NULL, num_mentions = 0 "
                "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [STATUS_CODED, sorted(plan.derive)])
    con.execute("UPDATE articles SET status = ?, error = ?, num_mentions = 0 "
                "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [STATUS_FAILED, STALE, sorted(plan.stale)])
    return rows


def stored_originals(con, articles: Sequence[Article], threshold: float) -> dict[str, list[tuple]]:
    """For each article (not stored yet), the coded stored articles ranked before it that it matches, as
    (id, published, MinHash): the engine makes it their copy rather than parse it."""
    signatures = {a.id: v for a, v in ((a, signature_of(a.text)) for a in articles) if v is not None}
    found = _matches(con, signatures, threshold, stored_only=True)
    matched = sorted({m for ms in found.values() for m in ms})
    if not matched:
        return {}
    published = dict(con.execute("SELECT article_id, published FROM articles WHERE status = 'coded' AND "
                                 "article_id IN (SELECT unnest(?::VARCHAR[]))", [matched]).fetchall())
    values = _signatures(con, published)
    ranks = {a.id: article_rank(a.id, a.published) for a in articles}
    out: dict[str, list[tuple]] = {}
    for article_id, ms in found.items():
        for m in sorted(ms):
            if m in published and article_rank(m, published[m]) < ranks[article_id]:
                out.setdefault(article_id, []).append((m, published[m], minhash_of(values[m])))
    return out


# ---------------------------------------------------------------------------------------------- internals

def _plan(con, changed: set[str], new: set[str], old: dict[str, str | None]) -> Plan:
    """Roots of the articles whose root may have changed: the changed ones and every article below them."""
    region = set(changed)
    frontier = sorted(changed)
    while frontier:
        children = {a for (a,) in con.execute(
            "SELECT article_id FROM near_duplicates WHERE original_id IN (SELECT unnest(?::VARCHAR[]))",
            [frontier]).fetchall()} - region
        region |= children
        frontier = sorted(children)
    parents: dict[str, str | None] = {}
    todo = set(region)
    while todo:
        parents.update(_originals(con, todo))
        todo = {p for p in parents.values() if p is not None and p not in parents}
    status = dict(con.execute("SELECT article_id, status FROM articles WHERE article_id IN "
                              "(SELECT unnest(?::VARCHAR[]))", [sorted(set(parents))]).fetchall())

    def root(article: str) -> str:
        while parents.get(article) is not None:
            article = parents[article]
        return article

    def parsed(article: str) -> bool:
        """Is the article's own parse stored (or in this batch)?"""
        if article in new:
            return True
        was_root = article not in old or old[article] is None
        return was_root and article not in changed and status.get(article) == "coded"

    plan = Plan()
    for article in sorted(region):
        top = root(article)
        if not parsed(top):
            plan.stale.add(article)
        elif top != article:
            plan.derive[article] = top
    return plan


def _insert(con, signatures: dict[str, np.ndarray]) -> None:
    if not signatures:
        return
    rows = pa.Table.from_pydict({"article_id": list(signatures),
                                 "signature": [v.tobytes() for v in signatures.values()]}, schema=_SIGNATURES_SCHEMA)
    with registered(con, "_ne_signatures", rows):
        con.execute("INSERT INTO near_duplicates SELECT article_id, signature, NULL FROM _ne_signatures")
    with registered(con, "_ne_bands", _bands_table(signatures)):
        con.execute("INSERT INTO near_duplicate_bands SELECT band_key, probe_id FROM _ne_bands")


def _bands_table(signatures: dict[str, np.ndarray]) -> pa.Table:
    probes, keys = [], []
    for article, values in signatures.items():
        for key in band_keys(values):
            probes.append(article)
            keys.append(key)
    return pa.Table.from_pydict({"probe_id": probes, "band_key": keys}, schema=_BANDS_SCHEMA)


def _matches(con, probes: dict[str, np.ndarray], threshold: float, stored_only: bool = False,
             ) -> dict[str, set[str]]:
    """For each probe, the stored articles it matches (itself excluded). Probes are stored articles too,
    unless `stored_only` (then their ids may be stored with another text: those rows are left out)."""
    if not probes:
        return {}
    with registered(con, "_ne_probe", _bands_table(probes)):
        pairs = con.execute("SELECT DISTINCT p.probe_id, b.article_id FROM _ne_probe p "
                            "JOIN near_duplicate_bands b ON b.band_key = p.band_key "
                            "WHERE b.article_id <> p.probe_id").fetchall()
    if stored_only:
        pairs = [(p, c) for p, c in pairs if c not in probes]
    stored = _signatures(con, {c for _, c in pairs} - set(probes))
    found: dict[str, set[str]] = {p: set() for p in probes}
    for probe, candidate in pairs:
        other = probes.get(candidate)
        if other is None:
            other = stored[candidate]
        if float(np.count_nonzero(probes[probe] == other)) / float(len(other)) >= threshold:
            found[probe].add(candidate)
    return found


def _signatures(con, ids: Iterable[str]) -> dict[str, np.ndarray]:
    ids = sorted(ids)
    if not ids:
        return {}
    rows = con.execute("SELECT article_id, signature FROM near_duplicates WHERE article_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {a: np.frombuffer(blob, dtype="<u4") for a, blob in rows}


def _originals(con, ids: Iterable[str]) -> dict[str, str | None]:
    ids = sorted(ids)
    if not ids:
        return {}
    return dict(con.execute("SELECT article_id, original_id FROM near_duplicates WHERE article_id IN "
                            "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())


def _set_originals(con, originals: dict[str, str | None]) -> None:
    if originals:
        con.executemany("UPDATE near_duplicates SET original_id = ? WHERE article_id = ?",
                        [(o, a) for a, o in sorted(originals.items())])


def _ranks(con, ids: set[str]) -> dict[str, tuple]:
    rows = con.execute("SELECT article_id, published FROM articles WHERE article_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [sorted(ids)]).fetchall()
    return {a: article_rank(a, published) for a, published in rows}
