"""The store's commands: `ingest`, `export`, `query`, `series`, `alerts` (a thin layer over newsevents.store
and newsevents.analysis).

`register(subparsers)` adds them to the main parser; each sets `handler` to a function that takes the parsed
arguments and returns the exit code. Results go to standard output (a rich table on a terminal, JSON Lines
otherwise); progress and diagnostics go to standard error; a store problem is one line on standard error
and exit code 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsevents.analysis.alerts import MEASURES, AlertParams, alert_window, find_alerts
from newsevents.analysis.panel import PANEL_FORMATS, write_panel
from newsevents.analysis.series import FREQS, dyad_series, top_events
from newsevents.cli.arguments import date_arg, date_from, date_to, non_negative_int, positive_int
from newsevents.cli.progress import make_progress
from newsevents.model import Article
from newsevents.settings import add_setting
from newsevents.store.db import EventStore, StoreError
from newsevents.store.export import FORMATS, export
from newsevents.store.ingest import (DEFAULT_BATCH_SIZE, IngestReport, ingest_articles, ingest_events,
                                     read_coded_jsonl)
from newsevents.store.names import resolve_actor, resolve_dyad
from newsevents.store.query import (DEFAULT_QUERY_ROWS, MAX_QUERY_ROWS, Dyad, EventQuery, QueryError,
                                    run_query)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `ingest`, `export`, `query`, `series` and `alerts` to the CLI."""
    _register_ingest(subparsers)
    _register_export(subparsers)
    _register_query(subparsers)
    _register_series(subparsers)
    _register_alerts(subparsers)
    _register_panel(subparsers)
    _register_summary(subparsers)


# ---------------------------------------------------------------------------------------------- arguments

def _add_db(parser: argparse.ArgumentParser) -> None:
    add_setting(parser, "db", "--db", metavar="PATH")
    _add_memory_options(parser)


def _add_memory_options(parser: argparse.ArgumentParser) -> None:
    """`--memory-limit` and `--threads`: what DuckDB may use on the store's connection."""
    add_setting(parser, "memory_limit", metavar="SIZE")
    add_setting(parser, "threads", metavar="N")


def _open_store(args: argparse.Namespace, *, read_only: bool = False) -> EventStore:
    return EventStore.open(args.db, read_only=read_only, memory_limit=args.memory_limit, threads=args.threads)


def _add_filters(parser: argparse.ArgumentParser, *, dyad: bool = True, levels: bool = True) -> None:
    g = parser.add_argument_group("filters")
    g.add_argument("--actor", metavar="CODE", help="actor code, country or group (USAGOV, USA, HAMAS), or a "
                                                   "country's name (Russia)")
    g.add_argument("--actor-country", metavar="ISO3", help="actor country (ISO 3166 alpha-3)")
    g.add_argument("--actor-role", metavar="ROLE", help="actor CAMEO role (GOV, MIL, REB, ...)")
    g.add_argument("--actor-group", metavar="GROUP", help="actor group (EU, NATO, HAMAS, ...)")
    g.add_argument("--side", choices=("either", "source", "target"), default="either",
                   help="which actor the actor filters look at (default: either)")
    if dyad:
        g.add_argument("--dyad", metavar="A:B",
                       help="both actors, e.g. USA:IRN or Russia:Ukraine (either direction)")
        g.add_argument("--directed", action="store_true", help="--dyad A:B means source A, target B")
    g.add_argument("--cameo", action="append", default=[], metavar="CODE",
                   help="CAMEO code or prefix (19, 190, 1383); repeatable")
    g.add_argument("--root", action="append", default=[], metavar="RR",
                   help="two-digit CAMEO root code (19); repeatable")
    g.add_argument("--quad", action="append", default=[], type=int, choices=(1, 2, 3, 4),
                   help="quad class; repeatable")
    g.add_argument("--from", dest="date_from", type=date_from, metavar="DATE",
                   help="first event date: YYYY, YYYY-MM or YYYY-MM-DD (its first day)")
    g.add_argument("--to", dest="date_to", type=date_to, metavar="DATE",
                   help="last event date: YYYY, YYYY-MM or YYYY-MM-DD (its last day)")
    g.add_argument("--location-country", metavar="ISO3", help="country of the event location")
    g.add_argument("--text", metavar="WORDS", help="words in the evidence sentence (case-insensitive)")
    if levels:
        g.add_argument("--mentions", action="store_true",
                       help="one row per coded sentence instead of per deduplicated event")
        g.add_argument("--all", dest="include_all", action="store_true",
                       help="include negated, hypothetical and future mentions (implies --mentions)")


def _query_from_args(args: argparse.Namespace, *, limit: int | None, with_dyad: bool = True) -> EventQuery:
    include_all = getattr(args, "include_all", False)
    level = "mentions" if include_all or getattr(args, "mentions", False) else "events"
    dyad = Dyad.parse(resolve_dyad(args.dyad), args.directed) if with_dyad and args.dyad else None
    actor = resolve_actor(args.actor) if args.actor else None
    return EventQuery(level=level, include_all=include_all, actor=actor, actor_country=args.actor_country,
                      actor_role=args.actor_role, actor_group=args.actor_group, side=args.side, dyad=dyad,
                      cameo=tuple(args.cameo), root=tuple(args.root), quad_class=tuple(args.quad),
                      date_from=args.date_from, date_to=args.date_to, location_country=args.location_country,
                      text=args.text, limit=limit)


def _fail(command: str, message: str) -> int:
    print(f"newsevents {command}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _guarded(command: str, handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the store's expected failures into one line on standard error and exit code 1."""
    def run(args: argparse.Namespace) -> int:
        from newsevents.analysis.plot import PlotUnavailable
        try:
            return handler(args)
        except (StoreError, QueryError, PlotUnavailable) as exc:
            return _fail(command, str(exc))
    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


def _wants_table(args: argparse.Namespace) -> bool:
    return not getattr(args, "jsonl", False) and sys.stdout.isatty()


def _print_jsonl(rows) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
    out.flush()


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# ---------------------------------------------------------------------------------------------- ingest

def _register_ingest(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="code articles and store their events in a DuckDB file",
        description="Code articles and store them, their event mentions and the deduplicated events. "
                    "Articles already stored with the same text are skipped, so an interrupted run can "
                    "simply be run again.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files (.jsonl, .txt, .html, folders; - for standard input)")
    _add_db(p)
    p.add_argument("--coded", action="store_true",
                   help="the inputs are events already coded (the JSON Lines output of newsevents code)")
    p.add_argument("--commit-every", type=positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
                   help=f"articles (with --coded: documents) per transaction (default: {DEFAULT_BATCH_SIZE})")
    add_setting(p, "reopen_every", metavar="N")
    add_setting(p, "close_while_coding", metavar="0|1")
    p.add_argument("--tolerance-days", type=non_negative_int, default=None, metavar="DAYS",
                   help="dates this many days apart can be one event (default: the store's, else 1); "
                        "a change re-clusters all events")
    p.add_argument("--published", type=date_arg, metavar="DATE",
                   help="publication date for articles that carry none")
    p.add_argument("--retry-failed", action=argparse.BooleanOptionalAction, default=True,
                   help="code again the articles stored as failed (default: on; --no-retry-failed skips them "
                        "while their text is unchanged)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    from newsevents.cli.code_commands import _coder_options, _scale_options
    _coder_options(p)
    _scale_options(p)
    p.set_defaults(handler=_guarded("ingest", cmd_ingest))


def cmd_ingest(args: argparse.Namespace) -> int:
    """newsevents ingest: code (or load pre-coded) events into the store."""
    console = Console(stderr=True, highlight=False)
    from newsevents.cli.code_commands import UndatedArticles
    from newsevents.sources import count_records

    unit = "events" if args.coded else "articles"
    total = count_records(args.inputs)
    report = IngestReport()
    undated = UndatedArticles()

    def notify(message: str) -> None:
        console.print(message, markup=False, soft_wrap=True)

    with _open_store(args) as store:
        progress = make_progress(console, unit, disable=args.no_progress or not console.is_terminal)
        try:
            with progress:
                task = progress.add_task("ingest", total=total)

                def advance(n: int) -> None:
                    progress.advance(task, n)

                if args.coded:
                    ingest_events(store, read_coded_jsonl(args.inputs), batch_size=args.commit_every,
                                  tolerance_days=args.tolerance_days, advance=advance, notify=notify,
                                  report=report, reopen_every=args.reopen_every)
                else:
                    records, coder = _articles_and_coder(args)
                    records = (undated.check(r) if isinstance(r, Article) else r for r in records)
                    ingest_articles(store, records, coder, batch_size=args.commit_every,
                                    tolerance_days=args.tolerance_days, advance=advance, notify=notify,
                                    report=report, code_batch_size=args.batch_size,
                                    retry_failed=args.retry_failed, reopen_every=args.reopen_every,
                                    close_while_coding=bool(args.close_while_coding))
        except KeyboardInterrupt:
            console.print(f"interrupted: {report.batches} whole batches stored, the batch in progress was "
                          f"rolled back; run the same command again to go on", markup=False)
            return EXIT_INTERRUPTED
        for message in report.messages:
            notify(message)
        if undated.count:
            notify(undated.warning())
        counts = store.counts()
    console.print(f"{report.summary()}; the store holds {counts['articles']} articles, "
                  f"{counts['mentions']} mentions, {counts['events']} events", markup=False, soft_wrap=True)
    return EXIT_ERROR if report.files_skipped else EXIT_OK


def _articles_and_coder(args: argparse.Namespace):
    """The article records and the coder (imported here: the store does not need them otherwise)."""
    try:
        from newsevents.cli.code_commands import make_coder, read_inputs
        from newsevents.sources import InputError
    except ImportError as exc:
        raise StoreError(f"the coder is not available ({exc}); load pre-coded events with --coded") from exc
    try:
        records = read_inputs(args)  # a file that fails while being read is reported and skipped
    except InputError as exc:
        raise StoreError(f"cannot read {exc.path}: {exc.reason}") from exc
    return records, make_coder(args)


# ---------------------------------------------------------------------------------------------- export

def _register_export(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write stored events as JSON Lines, CSV, Parquet or GDELT 2.0 columns",
        description="Write the stored events (deduplicated; --mentions for one row per coded sentence) "
                    "that pass the filters.")
    p.add_argument("--format", required=True, choices=FORMATS, help="file format")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="output file (- for standard output)")
    p.add_argument("--no-header", action="store_true",
                   help="csv / gdelt: no header row (GDELT's own files have none)")
    _add_db(p)
    _add_filters(p)
    p.set_defaults(handler=_guarded("export", cmd_export))


def cmd_export(args: argparse.Namespace) -> int:
    """newsevents export: write the filtered events to a file."""
    query = _query_from_args(args, limit=None)
    with _open_store(args, read_only=True) as store:
        n = export(store, query, args.format, args.output, header=not args.no_header)
    print(f"{n} {'mentions' if query.level == 'mentions' or args.format == 'gdelt-mentions' else 'events'} "
          f"written to {args.output}",
          file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- query

def _register_query(subparsers) -> None:
    p = subparsers.add_parser(
        "query", help="find stored events by actor, dyad, code, date, place or words",
        description="Find stored events. Output: a table on a terminal, JSON Lines otherwise.")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--limit", type=positive_int, default=DEFAULT_QUERY_ROWS, metavar="N",
                   help=f"most rows (default: {DEFAULT_QUERY_ROWS}; at most {MAX_QUERY_ROWS})")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines even on a terminal")
    p.set_defaults(handler=_guarded("query", cmd_query))


def cmd_query(args: argparse.Namespace) -> int:
    """newsevents query: print the matching events (newest first)."""
    query = _query_from_args(args, limit=min(args.limit, MAX_QUERY_ROWS))
    with _open_store(args, read_only=True) as store:
        rows = run_query(store, query)
    if _wants_table(args):
        _print_query_table(rows, query)
    else:
        _print_jsonl(rows)
    return EXIT_OK


def _print_query_table(rows: list[dict], query: EventQuery) -> None:
    table = Table(title=f"{len(rows)} {query.level}", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source → target", max_width=22)
    table.add_column("code", no_wrap=True)
    table.add_column("q", no_wrap=True)
    table.add_column("gold", no_wrap=True, justify="right")
    if query.level == "events":
        table.add_column("m/s/a", no_wrap=True, justify="right")
        table.add_column("where", max_width=14)
        table.add_column("evidence", min_width=24, ratio=1)
    else:
        table.add_column("modality", no_wrap=True)
        table.add_column("doc", max_width=14)
        table.add_column("sentence", min_width=24, ratio=1)
    for r in rows:
        common = [str(r["date"] or ""), f"{r['source_code'] or '?'} → {r['target_code'] or '?'}", r["cameo"],
                  str(r["quad_class"] or ""), "" if r["goldstein"] is None else f"{r['goldstein']:g}"]
        if query.level == "events":
            extra = [f"{r['num_mentions']}/{r['num_sources']}/{r['num_articles']}", r["location_name"] or "",
                     r["evidence"] or ""]
        else:
            extra = [r["modality"], r["article_id"], r["sentence"] or ""]
        table.add_row(*(Text(str(c)) for c in common + extra))
    Console().print(table)


# ---------------------------------------------------------------------------------------------- series

def _register_series(subparsers) -> None:
    p = subparsers.add_parser(
        "series", help="event counts of a dyad over time, optionally plotted",
        description="Per period: events by quad class, Goldstein sum and mean, conflict share, for one dyad "
                    "(both directions unless --directed).")
    p.add_argument("--dyad", required=True, metavar="A:B", help="the two actors, e.g. USA:IRN")
    p.add_argument("--directed", action="store_true", help="only events with source A and target B")
    p.add_argument("--freq", choices=FREQS, default="week", help="period length (default: week)")
    p.add_argument("--plot", metavar="FILE.png", help="also draw the series to this PNG file")
    p.add_argument("--top", type=non_negative_int, default=5, metavar="N",
                   help="events to annotate on the plot (default: 5)")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines even on a terminal")
    _add_db(p)
    _add_filters(p, dyad=False, levels=False)
    p.set_defaults(handler=_guarded("series", cmd_series))


def cmd_series(args: argparse.Namespace) -> int:
    """newsevents series: a dyad's events per day, week or month."""
    dyad = Dyad.parse(resolve_dyad(args.dyad), args.directed)
    query = _query_from_args(args, limit=None, with_dyad=False)
    with _open_store(args, read_only=True) as store:
        points = dyad_series(store, dyad, args.freq, query=query)
        top = top_events(store, dyad, n=args.top, query=query) if args.plot and args.top else []
    if args.plot:
        from newsevents.analysis.plot import plot_series
        plot_series(points, args.plot, title=f"{dyad} events per {args.freq}", freq=args.freq, top=top)
        print(f"plot written to {args.plot}", file=sys.stderr)
    if _wants_table(args):
        table = Table(title=f"{dyad} per {args.freq}")
        for name in ("period", "events", "q1", "q2", "q3", "q4", "goldstein sum", "mean", "conflict share"):
            table.add_column(name, justify="right" if name != "period" else "left")
        for p in points:
            table.add_row(p.period.isoformat(), str(p.events), str(p.verbal_cooperation),
                          str(p.material_cooperation), str(p.verbal_conflict), str(p.material_conflict),
                          f"{p.goldstein_sum:.1f}", "" if p.goldstein_mean is None else f"{p.goldstein_mean:.2f}",
                          "" if p.conflict_share is None else f"{p.conflict_share:.0%}")
        Console().print(table)
    else:
        _print_jsonl(p.to_dict() for p in points)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- alerts

def _register_alerts(subparsers) -> None:
    d = AlertParams()
    p = subparsers.add_parser(
        "alerts", help="dyads whose material conflict rises sharply against their own baseline",
        description="Compare each dyad's conflict in a recent window with its baseline just before "
                    "(a Poisson test; see docs/store.md) and list the sharp rises, with their events.")
    p.add_argument("--since", type=date_arg, metavar="DATE",
                   help=f"first day of the recent window (default: {d.window_days} days up to --as-of)")
    p.add_argument("--as-of", type=date_arg, metavar="DATE",
                   help="last day of the window (default: the latest event date in the store)")
    p.add_argument("--window-days", type=positive_int, default=d.window_days, metavar="N",
                   help=f"window length when --since is not given (default: {d.window_days})")
    p.add_argument("--baseline-days", type=positive_int, default=d.baseline_days, metavar="N",
                   help=f"baseline length before the window (default: {d.baseline_days})")
    p.add_argument("--min-count", type=positive_int, default=d.min_count, metavar="N",
                   help=f"fewest events in the window (default: {d.min_count})")
    p.add_argument("--min-ratio", type=float, default=d.min_ratio, metavar="X",
                   help=f"smallest observed / expected (default: {d.min_ratio:g})")
    p.add_argument("--max-p", type=float, default=d.max_p, metavar="P",
                   help=f"largest Poisson p-value (default: {d.max_p:g})")
    p.add_argument("--measure", choices=MEASURES, default=d.measure,
                   help="count: material-conflict events; goldstein: conflict weighted by -Goldstein")
    p.add_argument("--directed", action="store_true", help="keep source and target apart")
    p.add_argument("--events", type=non_negative_int, default=d.events_per_alert, metavar="N",
                   help=f"events listed per alert (default: {d.events_per_alert})")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines even on a terminal")
    _add_db(p)
    p.set_defaults(handler=_guarded("alerts", cmd_alerts))


def cmd_alerts(args: argparse.Namespace) -> int:
    """newsevents alerts: ranked escalations, each with the events behind it."""
    params = AlertParams(window_days=args.window_days, baseline_days=args.baseline_days,
                         min_count=args.min_count, min_ratio=args.min_ratio, max_p=args.max_p,
                         measure=args.measure, directed=args.directed, events_per_alert=args.events)
    with _open_store(args, read_only=True) as store:
        window = alert_window(store, since=args.since, as_of=args.as_of, params=params)
        alerts = find_alerts(store, since=args.since, as_of=args.as_of, params=params)
    checked = (f"window {window[1]} – {window[2]} ({(window[2] - window[1]).days + 1} days) against the "
               f"{params.baseline_days} days from {window[0]}" if window else "an empty store")
    if not _wants_table(args):
        print(f"checked {checked}: {len(alerts)} alerts", file=sys.stderr)
        _print_jsonl(a.to_dict() for a in alerts)
        return EXIT_OK
    console = Console()
    console.print(f"checked {checked}", markup=False)
    if not alerts:
        console.print("no alerts", markup=False)
    for rank, a in enumerate(alerts, 1):
        console.print(Text(f"{rank}. {a.dyad}  {a.window_from} – {a.window_to}: {a.observed:g} events, "
                           f"expected {a.expected:.2f} (baseline {a.baseline:g}), x{a.ratio:.1f}, "
                           f"p = {a.p_value:.2g}", style="bold"))
        for e in a.events:
            console.print(Text(f"   {e['date']} {e['source_code'] or '?'}→{e['target_code'] or '?'} "
                               f"{e['cameo']} ({e['num_mentions']}×): {e['evidence'] or ''}"))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- panel

def _register_panel(subparsers) -> None:
    p = subparsers.add_parser(
        "panel", help="every dyad x day/week/month: event counts per quad class and Goldstein sums, zero-filled",
        description="Write the dyad panel (docs/store.md, \"Panel\"): one row per dyad and period, periods with "
                    "no events as zeros, for the events that pass the filters.")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="output file (.csv or .parquet)")
    p.add_argument("--format", choices=PANEL_FORMATS, default=None,
                   help="file format (default: from the file name, else csv)")
    p.add_argument("--freq", choices=FREQS, default="week", help="period length (default: week)")
    _add_db(p)
    _add_filters(p, dyad=True, levels=False)
    p.set_defaults(handler=_guarded("panel", cmd_panel))
    # --directed (from the filters) also keeps each dyad's source (actor1) and target (actor2) apart.


def cmd_panel(args: argparse.Namespace) -> int:
    """newsevents panel: write the zero-filled dyad panel."""
    fmt = args.format or ("parquet" if args.output.endswith(".parquet") else "csv")
    query = _query_from_args(args, limit=None)
    with EventStore.open(args.db, read_only=True) as store:
        n = write_panel(store, args.output, fmt, args.freq, query=query, directed=args.directed)
    print(f"{n} panel rows ({args.freq}) written to {args.output}", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- summary

def _register_summary(subparsers) -> None:
    p = subparsers.add_parser(
        "summary", help="a short look at a store: period, counts, top dyads, a series, alerts",
        description="What a store holds: its period and counts, the dyads with most events, the monthly series "
                    "of the top dyad, and the escalation alerts of its last week.")
    p.add_argument("--top", type=positive_int, default=5, metavar="N", help="dyads to list (default: 5)")
    _add_db(p)
    p.set_defaults(handler=_guarded("summary", cmd_summary))


def cmd_summary(args: argparse.Namespace) -> int:
    """newsevents summary: a plain-text look at the store."""
    from newsevents.analysis.summary import store_summary
    with EventStore.open(args.db, read_only=True) as store:
        print(store_summary(store, top=args.top))
    return EXIT_OK
