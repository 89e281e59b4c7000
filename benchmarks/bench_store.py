"""Store benchmark: 10 million synthetic events, then a dyad series, a filtered query, exports and alerts.

    python benchmarks/bench_store.py [--events 10000000] [--db PATH] [--keep] [--ingest 20000]

The events are generated inside DuckDB with range() straight into the `events` table of a real store (the
schema of newsevents.store), then each operation is timed through the package's own functions, the ones the
CLI calls. `--ingest N` also times the write path: N pre-coded events through `ingest_events` (batches,
dedup and all) into a fresh store. Target: a dyad series over 10M events in under one second.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newsevents.analysis.alerts import AlertParams, find_alerts
from newsevents.analysis.series import dyad_series
from newsevents.store import EventStore
from newsevents.store.export import export
from newsevents.store.ingest import ingest_events
from newsevents.store.query import Dyad, EventQuery, run_query

COUNTRIES = ["USA", "IRN", "RUS", "UKR", "CHN", "ISR", "PSE", "LBN", "SYR", "IRQ", "TUR", "SAU", "YEM", "AFG",
             "PAK", "IND", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "TWN", "EGY", "LBY", "SDN", "ETH", "SOM",
             "NGA", "MLI", "VEN", "COL", "MEX", "BRA", "ARG", "CUB", "POL", "BLR", "GEO", "ARM", "AZE", "KAZ",
             "QAT", "ARE", "JOR", "MAR", "DZA", "TUN", "KEN", "COD"]
ROLES = ["GOV", "MIL", "", "", "REB", "OPP", "CVL", "COP"]
# (CAMEO code, Goldstein, quad class)
CODES = [("010", 0.0, 1), ("012", -0.4, 1), ("020", 3.0, 1), ("036", 4.0, 1), ("042", 1.9, 1), ("043", 2.8, 1),
         ("046", 7.0, 1), ("051", 3.4, 1), ("057", 8.0, 1), ("061", 6.4, 2), ("070", 7.0, 2), ("071", 7.4, 2),
         ("081", 5.0, 2), ("111", -2.0, 3), ("112", -2.0, 3), ("120", -4.0, 3), ("130", -4.4, 3),
         ("138", -7.0, 3), ("141", -6.5, 3), ("163", -8.0, 4), ("172", -5.0, 4), ("173", -5.0, 4),
         ("180", -9.0, 4), ("183", -10.0, 4), ("190", -10.0, 4), ("193", -10.0, 4), ("195", -10.0, 4),
         ("1951", -10.0, 4), ("200", -10.0, 4)]
START = dt.date(2015, 1, 1)
DAYS = 3650


def _sql_list(values) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def load_synthetic(store: EventStore, n: int) -> float:
    """Insert `n` events generated with range(); returns seconds."""
    countries, roles = _sql_list(COUNTRIES), _sql_list(ROLES)
    codes = _sql_list(c for c, _, _ in CODES)
    golds = "[" + ", ".join(str(g) for _, g, _ in CODES) + "]"
    quads = "[" + ", ".join(str(q) for _, _, q in CODES) + "]"
    nc, nr, nk = len(COUNTRIES), len(ROLES), len(CODES)
    started = time.perf_counter()
    store.con.execute(f"""
        INSERT INTO events
        WITH r AS (
            SELECT i, hash(i) AS h,
                   {countries}[(hash(i * 7 + 1) % {nc})::INTEGER + 1] AS sc,
                   {countries}[(hash(i * 7 + 2) % {nc})::INTEGER + 1] AS tc,
                   {roles}[(hash(i * 7 + 3) % {nr})::INTEGER + 1] AS sr,
                   {roles}[(hash(i * 7 + 4) % {nr})::INTEGER + 1] AS tr,
                   (hash(i * 7 + 5) % {nk})::INTEGER + 1 AS k,
                   DATE '{START}' + (hash(i * 7 + 6) % {DAYS})::INTEGER AS d
            FROM range(?) t(i)
        )
        SELECT i + 1, d, d, d,
               sc || sr, sc, nullif(sr, ''), NULL, sc || ' ' || sr,
               tc || tr, tc, nullif(tr, ''), NULL, tc || ' ' || tr,
               {codes}[k], {codes}[k][1:3], {codes}[k][1:2], {golds}[k], {quads}[k],
               NULL, tc, NULL, NULL,
               1 + (h % 20)::INTEGER, 1 + (h % 7)::INTEGER, 1 + (h % 15)::INTEGER, d, d + 1,
               (h % 3) = 0, 'https://example.org/' || i, 'synthetic event ' || i, 'm' || i, NULL
        FROM r""", [n])
    store.con.execute("CHECKPOINT")
    return time.perf_counter() - started


def timed(label: str, fn, repeat: int = 3):
    """Run `fn` `repeat` times; print the first (cold) and best times; return the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    print(f"  {label:<58} first {times[0]:7.3f} s   best {min(times):7.3f} s", flush=True)
    return result


def bench_ingest(n: int, workdir: Path) -> None:
    from newsevents.model import Actor, Event, EventDate

    rng = random.Random(1)
    events = []
    for i in range(n):
        code, gold, quad = rng.choice(CODES)
        src, tgt = rng.choice(COUNTRIES), rng.choice(COUNTRIES[:10])
        events.append(Event(doc_id=f"doc{i // 4:07d}", sentence_index=i % 4,
                            date=EventDate(START + dt.timedelta(days=rng.randrange(365))),
                            source=Actor(src + "GOV", src, "GOV"), target=Actor(tgt, tgt), cameo=code,
                            goldstein=gold, quad_class=quad, location=None, modality="asserted",
                            sentence=f"Synthetic sentence {i}.", span=(0, 10), rule="bench"))
    path = workdir / "ingest.duckdb"
    with EventStore.open(path) as store:
        t0 = time.perf_counter()
        report = ingest_events(store, events, batch_size=100)
        seconds = time.perf_counter() - t0
        counts = store.counts()
    print(f"  ingest_events: {n:,} pre-coded events ({report.batches} transactions of 100 documents) in "
          f"{seconds:.2f} s = {n / seconds:,.0f} events/s -> {counts['events']:,} events after dedup")


def _base_mentions(n: int) -> list:
    """`n` mentions (4 to a document) of busy dyads: 5 sources x 5 targets x 2 CAMEO codes, 50 event groups
    reported on most days of one year (with n = 6,000, about 120 mentions and 65 events a group)."""
    rng = random.Random(2)
    codes = [c for c in CODES if c[0] in ("042", "190")]
    out = []
    for i in range(n):
        code, gold, quad = rng.choice(codes)
        src, tgt = rng.choice(COUNTRIES[:5]), rng.choice(COUNTRIES[5:10])
        out.append((i, code, gold, quad, src, tgt, START + dt.timedelta(days=rng.randrange(365))))
    return out


def _copy_events(base: list, copy: int, same_groups: bool) -> list:
    """Copy `copy` of the base mentions under new document ids: into the same event groups (same actors,
    codes and dates), or into groups of their own (the source actor's code carries the copy number)."""
    from newsevents.model import Actor, Event, EventDate

    role = "GOV" if same_groups or copy == 0 else f"GOV{copy}"
    return [Event(doc_id=f"c{copy}-doc{i // 4:07d}", sentence_index=i % 4, date=EventDate(day),
                  source=Actor(src + role, src, "GOV"), target=Actor(tgt, tgt), cameo=code, goldstein=gold,
                  quad_class=quad, location=None, modality="asserted", sentence=f"Synthetic sentence {i}.",
                  span=(0, 10), rule="bench")
            for i, code, gold, quad, src, tgt, day in base]


def _ingest_cpu(base: list, copies: int, same_groups: bool, workdir: Path) -> tuple[float, float, int]:
    """Ingest `copies` copies of the base mentions, one after the other, into a fresh store:
    (CPU seconds, wall seconds, events after dedup). Generating the events is not timed."""
    path = workdir / "scaling.duckdb"
    if path.exists():
        path.unlink()
    batches = [_copy_events(base, c, same_groups) for c in range(copies)]
    with EventStore.open(path) as store:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for events in batches:
            ingest_events(store, events, batch_size=100)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        n_events = store.counts()["events"]
    path.unlink()
    return cpu, wall, n_events


def bench_scaling(n: int, rounds: int, workdir: Path, factors=(1, 2, 4, 8)) -> dict:
    """Ingest scaling: the same `n` mentions 1x..8x over into the same event groups (each copy joins the
    events of the copies before it) against the control, the copies spread over distinct groups. CPU time,
    min and median of `rounds` rounds; the two kinds alternate within a round so that both see the same
    load. Returns {(kind, factor): [cpu seconds per round]}."""
    base = _base_mentions(n)
    cpu: dict = {}
    events: dict = {}
    for r in range(rounds):
        for factor in factors:
            for kind in (("same", "distinct") if r % 2 == 0 else ("distinct", "same")):
                seconds, _wall, n_events = _ingest_cpu(base, factor, kind == "same", workdir)
                cpu.setdefault((kind, factor), []).append(seconds)
                events[(kind, factor)] = n_events
        print(f"  round {r + 1}/{rounds} done", flush=True)
    print(f"  ingest scaling: {n:,} mentions 1x..{max(factors)}x over, batches of 100 documents, CPU seconds "
          f"(min / median of {rounds})")
    print(f"  {'copies':>6}  {'same groups':>17}  {'distinct groups':>17}  {'same/distinct':>13}  "
          f"{'events same':>11}  {'events distinct':>15}")
    for factor in factors:
        same, dist = cpu[("same", factor)], cpu[("distinct", factor)]
        print(f"  {factor:>5}x  {min(same):7.2f} / {statistics.median(same):7.2f}  "
              f"{min(dist):7.2f} / {statistics.median(dist):7.2f}  "
              f"{statistics.median(same) / statistics.median(dist):13.2f}  "
              f"{events[('same', factor)]:>11,}  {events[('distinct', factor)]:>15,}")
    top = max(factors)
    ratio = statistics.median(cpu[("same", top)]) / statistics.median(cpu[("distinct", top)])
    print(f"  RATIO store {top}x same-group / distinct-group control (median CPU): {ratio:.2f} (target <= 1.2)")
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", help="store file to build (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the store file")
    parser.add_argument("--ingest", type=int, default=20_000, metavar="N",
                        help="also time the ingest of N pre-coded events (0: skip)")
    parser.add_argument("--scaling", type=int, default=0, metavar="N",
                        help="ingest scaling: N mentions 1x/2x/4x/8x over, same groups vs distinct (0: skip)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the scaling benchmark (default 3)")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench_store_"))
    if args.scaling:
        print(f"newsevents store ingest scaling, {os.cpu_count()} CPUs, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        bench_scaling(args.scaling, args.rounds, workdir)
    if not args.events:
        workdir.rmdir()
        return 0
    path = Path(args.db) if args.db else workdir / "bench.duckdb"
    if path.exists():
        path.unlink()
    print(f"newsevents store benchmark: {args.events:,} events, DuckDB file {path}, {os.cpu_count()} CPUs")
    with EventStore.open(path) as store:
        seconds = load_synthetic(store, args.events)
        size = path.stat().st_size / 2**20
        print(f"  load {args.events:,} synthetic events (range() in DuckDB)       {seconds:7.2f} s   "
              f"({size:,.0f} MiB on disk)", flush=True)
    with EventStore.open(path, read_only=True) as store:
        dyad = Dyad.parse("USA:IRN")
        points = timed("dyad series USA:IRN, weekly, both directions",
                       lambda: dyad_series(store, dyad, "week"))
        print(f"    -> {len(points)} weeks, {sum(p.events for p in points):,} events")
        timed("dyad series RUSMIL->UKR, monthly, directed, CAMEO 19",
              lambda: dyad_series(store, Dyad.parse("RUSMIL:UKR", directed=True), "month",
                                  query=EventQuery(cameo=("19",))))
        query = EventQuery(actor="IRN", side="target", quad_class=(4,), date_from=dt.date(2020, 1, 1),
                           date_to=dt.date(2020, 12, 31), limit=1000)
        rows = timed("query: target IRN, quad 4, year 2020, newest 1,000", lambda: run_query(store, query))
        print(f"    -> {len(rows):,} rows")
        timed("query: dyad CHN:TWN, root 19, location TWN, 100 rows",
              lambda: run_query(store, EventQuery(dyad=Dyad.parse("CHN:TWN"), root=("19",),
                                                  location_country="TWN")))
        year = EventQuery(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 12, 31), limit=None)
        n = timed("export gdelt, year 2020", lambda: export(store, year, "gdelt", str(workdir / "y.tsv")),
                  repeat=1)
        print(f"    -> {n:,} rows, {(workdir / 'y.tsv').stat().st_size / 2**20:,.0f} MiB")
        n = timed(f"export parquet, all {args.events:,} events",
                  lambda: export(store, EventQuery(limit=None), "parquet", str(workdir / "all.parquet")),
                  repeat=1)
        print(f"    -> {n:,} rows, {(workdir / 'all.parquet').stat().st_size / 2**20:,.0f} MiB")
        alerts = timed("alerts (7 days against 90, all dyads)",
                       lambda: find_alerts(store, params=AlertParams()), repeat=1)
        print(f"    -> {len(alerts)} alerts (uniform random data: few or none expected)")
    if args.ingest:
        bench_ingest(args.ingest, workdir)
    for f in workdir.iterdir():
        if not (args.keep and f == path):
            f.unlink()
    if not args.keep and not any(workdir.iterdir()):
        workdir.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
