"""`newsevents code` (the fixed contract in DESIGN.md) and `newsevents eval`."""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import sys
import time

from newsevents.model import Article, RecordError
from newsevents.settings import add_setting, published_range


def register(sub) -> None:
    p = sub.add_parser("code", help="code articles into CAMEO events (JSON Lines on standard output)",
                       description="Code news articles (.jsonl, .jsonl.gz, .txt, .html, a folder, or - for "
                                   "standard input) into JSON Lines events, one per line.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", metavar="OUT", help="write events here instead of standard output")
    p.add_argument("--all", action="store_true", dest="include_all",
                   help="also output negated / hypothetical / future mentions, labelled by `modality`")
    p.add_argument("--published", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (.txt files)")
    p.add_argument("--summary", action="store_true",
                   help="print a summary (articles, events by root and dyad, modality counts, time) on stderr")
    p.add_argument("--no-progress", action="store_true", help="no progress display on standard error")
    _coder_options(p)
    _scale_options(p)
    p.set_defaults(handler=run_code)

    e = sub.add_parser("eval", help="score the coder against a gold file (shared/gold format)",
                       description="Code the gold texts and report recall, strict recall, forbidden "
                                   "violations, date and place accuracy, per-root figures and the misses.")
    e.add_argument("gold", metavar="GOLD")
    e.add_argument("--quiet", action="store_true", help="figures only, not every miss")
    e.add_argument("--classes", action="store_true",
                   help="also count spurious events and misses by error class (wrong root, target missing, ...)")
    e.add_argument("--min-recall", type=float, default=0.0, help="exit 1 when recall is below this")
    e.add_argument("--max-violations", type=int, default=None, help="exit 1 when violations exceed this")
    _coder_options(e)
    e.set_defaults(handler=run_eval)

    c = sub.add_parser("conventions", help="list the coding conventions (ids for --disable-rules)",
                       description="The coding conventions the coder applies, in order: id, phase, reason. An "
                                   "event's `rule` cites the ids of those that shaped it.")
    c.add_argument("--markdown", action="store_true", help="as a Markdown table (the README's list)")
    c.set_defaults(handler=run_conventions)


def _coder_options(p) -> None:
    add_setting(p, "model")
    add_setting(p, "verbs", action="append")
    add_setting(p, "actors", action="append")
    add_setting(p, "batch_size", metavar="N")
    add_setting(p, "max_chars", metavar="N")
    add_setting(p, "disable_rules", metavar="ID[,ID...]")


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return _whole(text, 1)


def non_negative(text: str) -> int:
    """An argparse type: a whole number of at least 0."""
    return _whole(text, 0)


def _whole(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum} (got {value})")
    return value


def _scale_options(p) -> None:
    """The engine options of `code` and `ingest` (docs/scale.md) and the columns of CSV / Parquet inputs."""
    from newsevents.engines import DEFAULT_FACTORY, DEFAULT_PARTITION_SIZE, DEFAULT_RETRIES, ENGINES

    g = p.add_argument_group("engine (see docs/scale.md)")
    g.add_argument("--engine", choices=ENGINES, help="code in this process (local, the default), in a local "
                   "process pool (processes) or on a Dask cluster (dask; the default with --scheduler)")
    g.add_argument("--workers", type=positive, metavar="N", help="worker processes for processes / dask "
                   "(default: one per CPU)")
    g.add_argument("--scheduler", metavar="ADDRESS", help="dask: the scheduler of a running cluster "
                   "(tcp://host:8786, e.g. a dask-jobqueue SLURMCluster's); default: a LocalCluster of --workers")
    g.add_argument("--partition-size", type=positive, default=DEFAULT_PARTITION_SIZE, metavar="N",
                   help=f"articles per partition, the unit of work and of retries (default: {DEFAULT_PARTITION_SIZE})")
    g.add_argument("--retries", type=non_negative, default=DEFAULT_RETRIES, metavar="N",
                   help=f"times a failed partition is tried again before its articles are rejected "
                        f"(default: {DEFAULT_RETRIES})")
    g.add_argument("--coder", default=DEFAULT_FACTORY, metavar="MODULE:FACTORY",
                   help=f"the coder factory, called with model, verbs, actors (default: {DEFAULT_FACTORY})")
    g.add_argument("--parquet", metavar="DIR", help="write the events as a Parquet dataset partitioned by "
                   "event date into DIR, a new folder (code: instead of JSON Lines, unless -o is given)")
    g.add_argument("--dedup", action=argparse.BooleanOptionalAction, default=True,
                   help="parse near-duplicate articles (a wire story republished by many sites) once; each copy "
                        "still gets the events, under its own id (default: on; --no-dedup parses every copy)")
    d = p.add_argument_group("publication dates")
    add_setting(d, "earliest_published", metavar="YYYY-MM-DD")
    add_setting(d, "latest_published_days", metavar="DAYS")
    t = p.add_argument_group("CSV and Parquet inputs")
    t.add_argument("--text-column", default="text", metavar="NAME", help="column of the article text "
                   "(default: text)")
    t.add_argument("--date-column", metavar="NAME", help="column of the publication date (default: "
                   "published, when there is one)")
    t.add_argument("--id-column", metavar="NAME", help="column of the article id (default: id, when there is "
                   "one; else FILE:ROW)")


def read_inputs(args):
    """The records of the inputs of `code` or `ingest`: a file that fails while being read is yielded as a
    `FileSkipped` and the next one is read. InputError for a path that cannot be read at all."""
    from newsevents.sources import read_articles

    return read_articles(args.inputs, published=args.published, max_chars=args.max_chars,
                         columns=table_columns(args), keep_going=True,
                         published_range=published_range(args.earliest_published,
                                                         args.latest_published_days))


def table_columns(args):
    from newsevents.sources import TableColumns

    return TableColumns(text=args.text_column, date=args.date_column, id=args.id_column)


def make_coder(args):
    from newsevents.coding.nlp import ModelNotFound
    from newsevents.coding.pipeline import Coder

    verbs = [v for v in (args.verbs or []) if v] if isinstance(args.verbs, list) else [args.verbs] if args.verbs else []
    actors = [a for a in (args.actors or []) if a] if isinstance(args.actors, list) else [args.actors] if args.actors else []
    disabled = disabled_rules(args)
    try:
        if hasattr(args, "engine"):
            return _engine_coder(args, verbs, actors, disabled)
        return Coder(model=args.model, verbs=verbs, actors=actors, disabled_rules=disabled)
    except ModelNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2)


def disabled_rules(args) -> tuple[str, ...]:
    """The convention ids of --disable-rules, checked against the registry before anything is loaded."""
    from newsevents.coding.conventions import default_policy
    from newsevents.coding.policy import UnknownConvention

    ids = tuple(i.strip() for i in (getattr(args, "disable_rules", None) or "").split(",") if i.strip())
    try:
        default_policy(ids)
    except UnknownConvention as exc:
        print(f"error: --disable-rules: {exc}", file=sys.stderr)
        raise SystemExit(2)
    return ids


def run_conventions(args) -> int:
    from newsevents.coding.conventions import CONVENTIONS

    if args.markdown:
        print("| id | phase | what it does |\n|---|---|---|")
        for c in CONVENTIONS:
            print(f"| `{c.id}` | {c.phase} | {c.reason} |")
    else:
        width = max(len(c.id) for c in CONVENTIONS)
        for c in CONVENTIONS:
            print(f"{c.id:<{width}}  {c.phase:<8}  {c.reason}")
    return 0


def _engine_coder(args, verbs, actors, disabled=()):
    from newsevents.engines import CoderFactoryError, CoderSpec, EngineCoder, EngineOptions

    try:
        options = EngineOptions(
            engine=args.engine or ("dask" if args.scheduler else "local"), workers=args.workers,
            scheduler=args.scheduler, partition_size=args.partition_size, retries=args.retries, dedup=args.dedup,
            parquet=args.parquet, include_all=getattr(args, "include_all", True))
        coder = EngineCoder(options, CoderSpec(args.coder, args.model, tuple(verbs), tuple(actors), disabled),
                            notify=lambda message: print(message, file=sys.stderr))
        coder.check()
    except (ValueError, CoderFactoryError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2)
    return coder


def run_code(args) -> int:
    from newsevents.sources import FileSkipped, InputError, RecordWarning

    try:
        records = read_inputs(args)
    except InputError as exc:
        print(f"error: cannot read {exc.path}: {exc.reason}", file=sys.stderr)
        return 2
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        coder = make_coder(args)
    except SystemExit:
        if args.output:
            out.close()
        raise
    jsonl = bool(args.output or not args.parquet)
    stats = RunStats()
    started = time.perf_counter()

    undated = UndatedArticles()

    def articles():
        for rec in records:
            if isinstance(rec, Article):
                yield undated.check(rec)
            elif isinstance(rec, RecordError):
                stats.rejected += 1
                print(f"rejected: {rec}", file=sys.stderr)
            elif isinstance(rec, RecordWarning):
                print(f"warning: record {rec.record_id!r}: {rec.reason}", file=sys.stderr)
            elif isinstance(rec, FileSkipped):
                stats.failed_inputs += 1
                print(f"error: {rec}", file=sys.stderr)

    from newsevents.cli.progress import progress_bar
    from newsevents.sources import count_records

    try:
        with progress_bar("coding", "articles", count_records(args.inputs), enabled=not args.no_progress) as advance:
            for article, events in coder.code_many(articles(), batch_size=args.batch_size):
                if isinstance(events, RecordError):  # the coder failed on this article
                    stats.rejected += 1
                    print(f"rejected: {events}", file=sys.stderr)
                    continue
                stats.add(article, events)
                for event in events:
                    if args.include_all or event.modality == "asserted":
                        if jsonl:
                            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                        stats.written += 1
                advance(1)
            if args.output:
                out.close()
            else:
                out.flush()
    except OSError as exc:
        if not _is_write_error(exc):
            raise
        where = args.output or "standard output"
        if not args.output:
            _drop_stdout()
        print(f"error: cannot write {where}: {exc.strerror or exc} (after {stats.written} events; "
              f"nothing else was lost: run again with room to write)", file=sys.stderr)
        return 1
    finally:
        if args.output and not out.closed:
            try:
                out.close()
            except OSError:
                pass
    stats.seconds = time.perf_counter() - started
    if undated.count:
        print(undated.warning(), file=sys.stderr)
    print(stats.line(), file=sys.stderr)
    if args.summary:
        print(stats.summary(), file=sys.stderr)
    if stats.failed_inputs:
        return 2 if not stats.articles else 1
    return 0


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what is left in its buffer cannot fail again when
    Python flushes it on the way out."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _is_write_error(exc: OSError) -> bool:
    """A failure to write the output (disk full, quota, broken device), not a failure to read input."""
    import errno

    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS)


class UndatedArticles:
    """Counts the articles that come without a publication date, for one warning at the end of a run."""

    SHOWN = 3

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[str] = []

    def check(self, article: Article) -> Article:
        if article.published is None:
            self.count += 1
            if len(self.examples) < self.SHOWN:
                self.examples.append(article.id)
        return article

    def warning(self) -> str:
        more = ", ..." if self.count > len(self.examples) else ""
        return (f"warning: {self.count} articles without a publication date ({', '.join(map(repr, self.examples))}{more}): "
                f"their relative dates (\"on Tuesday\") are left unresolved and events without a date of their "
                f"own are undated; give --published YYYY-MM-DD, or a \"published\" field in JSON Lines")


class RunStats:
    def __init__(self):
        self.articles = self.rejected = self.failed_inputs = self.written = 0
        self.words = 0
        self.seconds = 0.0
        self.by_root: collections.Counter = collections.Counter()
        self.by_dyad: collections.Counter = collections.Counter()
        self.by_modality: collections.Counter = collections.Counter()

    def add(self, article, events) -> None:
        self.articles += 1
        self.words += len(article.text.split())
        for e in events:
            self.by_modality[e.modality] += 1
            if e.modality == "asserted":
                self.by_root[e.root] += 1
                if e.target is not None:   # one-sided events ("protesters rallied") have no dyad
                    self.by_dyad[f"{e.source.code}->{e.target.code}"] += 1

    def line(self) -> str:
        skipped = f", {self.failed_inputs} input files skipped" if self.failed_inputs else ""
        return (f"coded {self.articles} articles ({self.words:,} words) in {self.seconds:.1f} s: "
                f"{self.written} events written, {self.rejected} records rejected{skipped}")

    def summary(self) -> str:
        from newsevents.coding.lexicon.cameo import CameoTable

        table = CameoTable.load()
        lines = ["", "Summary", f"  articles coded     {self.articles}",
                 f"  records rejected   {self.rejected}",
                 *([f"  files skipped      {self.failed_inputs}"] if self.failed_inputs else []),
                 f"  time               {self.seconds:.1f} s ({self.articles / max(self.seconds, 1e-9):.1f} articles/s)",
                 "  modality           " + ", ".join(f"{k} {v}" for k, v in self.by_modality.most_common()),
                 "  asserted events by CAMEO root:"]
        for root, n in sorted(self.by_root.items()):
            lines.append(f"    {root} {table.get(root).label[:40]:<40} {n:>5}")
        lines.append("  top dyads (source->target):")
        for dyad, n in self.by_dyad.most_common(12):
            lines.append(f"    {dyad:<24} {n:>5}")
        return "\n".join(lines)


def run_eval(args) -> int:
    from newsevents.evaluate import evaluate_file, format_report

    if not os.path.isfile(args.gold):
        print(f"newsevents eval: error: no gold file at {args.gold} (a JSON Lines file of gold items; "
              f"docs/gold.md describes the format, samples/gold_example.jsonl is a small example)", file=sys.stderr)
        return 2
    coder = make_coder(args)
    report = evaluate_file(args.gold, coder)
    print(format_report(report, show=not args.quiet))
    if args.classes:
        from newsevents.error_classes import classify
        from newsevents.evaluate import load_gold

        print(classify(load_gold(args.gold), report.events_coded).format())
    ok = report.recall >= args.min_recall and (args.max_violations is None or report.violations <= args.max_violations)
    return 0 if ok else 1
