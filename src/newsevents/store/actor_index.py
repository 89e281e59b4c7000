"""Which actor codes an actor filter stands for, so that the filter reads one column instead of three.

An actor filter (`actor=USA`, either side of `dyad=USA:IRN`) matches a side whose code, country or group is
the token: `(source_code = ? OR source_country = ? OR source_group = ?)`. Over millions of events DuckDB
evaluates that disjunction row by row on three text columns, and a dyad needs it four times. The distinct
(code, country, group) triples of each side of the events are few (hundreds to thousands), so from them the
set of codes whose triples match the token can be listed, and the filter becomes `source_code IN (...)`.

That is exact only where the code decides the match: every triple carrying one of those codes must match the
token, and no matching triple may lack a code. `ActorIndex.codes` checks both and answers None otherwise (the
caller keeps the three-column condition). An index describes the events table as it was when it was read:
it is for a store that cannot change while the index is used (the web API's read-only store, which holds the
file's lock).
"""
from __future__ import annotations

from collections import defaultdict

SIDES = ("source", "target")
MAX_CODES = 256  # a longer IN list is not worth it: the caller keeps the three-column condition


class ActorIndex:
    """The distinct (code, country, group) triples of each side of the events table."""

    def __init__(self, triples: dict[str, list[tuple[str | None, str | None, str | None]]]) -> None:
        self._by_token: dict[str, dict[str, list[tuple]]] = {}
        self._by_code: dict[str, dict[str, list[tuple]]] = {}
        for side in SIDES:
            by_token: dict[str, list[tuple]] = defaultdict(list)
            by_code: dict[str, list[tuple]] = defaultdict(list)
            for triple in triples.get(side, ()):
                for value in set(triple):
                    if value is not None:
                        by_token[value].append(triple)
                by_code[triple[0]].append(triple)
            self._by_token[side] = dict(by_token)
            self._by_code[side] = dict(by_code)
        self.size = sum(len(v) for v in triples.values())

    @classmethod
    def load(cls, con) -> ActorIndex:
        """Read the triples of both sides of `events` through `con` (a DuckDB connection or cursor)."""
        triples = {side: con.execute(f"SELECT DISTINCT {side}_code, {side}_country, {side}_group "  # noqa: S608
                                     f"FROM events").fetchall() for side in SIDES}
        return cls(triples)

    def codes(self, side: str, token: str) -> tuple[str, ...] | None:
        """The codes of `side` whose events are exactly those matching `token` on code, country or group
        (an empty tuple: no event matches); None where the code alone does not decide it."""
        matching = self._by_token[side].get(token, ())
        codes = set()
        for code, _country, _group in matching:
            if code is None:
                return None
            codes.add(code)
        if len(codes) > MAX_CODES:
            return None
        for code in codes:
            if any(token not in triple for triple in self._by_code[side][code]):
                return None
        return tuple(sorted(codes))
