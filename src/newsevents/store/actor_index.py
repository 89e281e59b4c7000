"""What an actor filter can test instead of three columns, from the actors the events hold.

An actor filter (`actor=USA`, either side of `dyad=USA:IRN`) matches a side whose code, country or group is
the token: `(source_code = ? OR source_country = ? OR source_group = ?)`. Over millions of events DuckDB
evaluates that disjunction row by row on three text columns, and a dyad needs it four times. The distinct
(code, country, group) triples of each side of the events are few (hundreds to thousands), so from them it
can be known that, in this store, the token matches exactly the sides whose country is the token (every
triple it matches has that country: `USA` for USA, USAGOV, USAMIL), or whose code, or group, is; then the
filter is one equality, which DuckDB tests as it scans and which zone maps can skip row groups with. Failing
that, where the code alone decides (every triple carrying one of the codes matched must match), the filter
can be `source_code IN (...)`, worth it only on a table in code order (the web API's `dyad_events`).
`ActorIndex.condition` answers None where neither is exact (the caller keeps the three-column condition).

An index describes the events table as it was when it was read: it is for a store that cannot change while
the index is used (the web API's read-only store, which holds the file's lock).
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict

SIDES = ("source", "target")
COLUMNS = ("code", "country", "group")  # the order of a triple
MAX_CODES = 256  # a longer IN list is not worth it: the caller keeps the three-column condition


@dataclasses.dataclass(frozen=True)
class ActorIndex:
    """The distinct (code, country, group) triples of each side of the events table, by token and by code;
    `lists` allows `code IN (...)` conditions."""

    by_token: dict[str, dict[str, tuple[tuple, ...]]]
    by_code: dict[str, dict[str | None, tuple[tuple, ...]]]
    lists: bool = False

    @classmethod
    def from_triples(cls, triples: dict[str, list[tuple[str | None, str | None, str | None]]]) -> ActorIndex:
        by_token: dict[str, dict] = {}
        by_code: dict[str, dict] = {}
        for side in SIDES:
            tokens: dict[str, list[tuple]] = defaultdict(list)
            codes: dict[str | None, list[tuple]] = defaultdict(list)
            for triple in triples.get(side, ()):
                for value in set(triple):
                    if value is not None:
                        tokens[value].append(tuple(triple))
                codes[triple[0]].append(tuple(triple))
            by_token[side] = {k: tuple(v) for k, v in tokens.items()}
            by_code[side] = {k: tuple(v) for k, v in codes.items()}
        return cls(by_token, by_code)

    @classmethod
    def load(cls, con) -> ActorIndex:
        """Read the triples of both sides of `events` through `con` (a DuckDB connection or cursor)."""
        return cls.from_triples({side: con.execute(
            f"SELECT DISTINCT {side}_code, {side}_country, {side}_group FROM events").fetchall()  # noqa: S608
            for side in SIDES})

    def with_lists(self) -> ActorIndex:
        return dataclasses.replace(self, lists=True)

    def condition(self, alias: str, side: str, token: str, params: list) -> str | None:
        """SQL over `alias` true for exactly the events whose `side` matches `token` (on code, country or
        group), testing one column; None where no such test is exact."""
        matching = self.by_token[side].get(token, ())
        if not matching:
            return "FALSE"
        for i, column in enumerate(COLUMNS):
            if all(triple[i] == token for triple in matching):
                params.append(token)
                return f"{alias}.{side}_{column} = ?"
        codes = self.codes(side, token) if self.lists else None
        if not codes:
            return None
        params.extend(codes)
        return f"{alias}.{side}_code IN ({', '.join('?' for _ in codes)})"

    def codes(self, side: str, token: str) -> tuple[str, ...] | None:
        """The codes of `side` whose events are exactly those matching `token` on code, country or group
        (an empty tuple: no event matches); None where the code alone does not decide it."""
        codes = set()
        for code, _country, _group in self.by_token[side].get(token, ()):
            if code is None:
                return None
            codes.add(code)
        if len(codes) > MAX_CODES:
            return None
        for code in codes:
            if any(token not in triple for triple in self.by_code[side][code]):
                return None
        return tuple(sorted(codes))
