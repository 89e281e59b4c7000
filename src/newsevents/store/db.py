"""Open a store file safely: locks, read-only files, old schemas and files that are not DuckDB databases.

`EventStore.open(path)` returns a store with a DuckDB connection, or raises `StoreError` with a one-line
reason. It never deletes, truncates or rewrites an existing file it cannot use: a refused file is left
exactly as it was.

Read-only stores (`read_only=True`) are what queries, exports, series, alerts and the web API use: several
processes may read at once, nothing can be written, and `fetch` can put a time limit on a query.
"""
from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsevents.settings import SETTINGS
from newsevents.store import schema

DEFAULT_DB_PATH = SETTINGS["db"].default
DEFAULT_TOLERANCE_DAYS = 1
MAX_DEFAULT_THREADS = 8

# A DuckDB database file carries this magic at byte 8 (after the 8-byte checksum of the main header).
_DUCKDB_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8
_LOCK_PID = re.compile(r"\(PID (\d+)\)")


class StoreError(Exception):
    """The store cannot be used as asked; the message is one line that says why."""


class EventStore:
    """A newsevents store: one DuckDB database file holding articles, mentions and events."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool, config: dict | None = None) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self._config = config or {}
        # Held while a cursor of `con` is in use (the coder may read from a feeder thread), during a transaction
        # and while `reopen` or `release` swaps the connection, so that no cursor outlives its connection.
        self._lock = threading.RLock()
        self._in_transaction = False
        self._closed = False

    # ------------------------------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike = DEFAULT_DB_PATH, *, read_only: bool = False,
             memory_limit: str | None = None, threads: int | None = None) -> EventStore:
        """Open (read-write: create when missing) the store at `path`, or raise StoreError.

        The connection may use at most `memory_limit` (default: the `memory_limit` setting, 2GB; DuckDB
        spills larger work to a temporary folder beside the file) and `threads` threads (default: the
        `threads` setting; 0 means the CPUs this process may use, at most 8).
        """
        path = str(path)
        _check_file(path, read_only)
        config = {**connection_config(memory_limit, threads), **_query_tuning()}
        try:
            con = duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(_describe_connect_error(path, exc)) from exc
        _release_freed_memory(con)
        store = cls(con, path, read_only, config)
        try:
            store._check_schema()
        except BaseException:
            con.close()
            raise
        return store

    def _check_schema(self) -> None:
        tables = schema.existing_tables(self.con)
        version = schema.stored_version(self.con)
        if version is None:
            if tables:
                raise StoreError(f"{self.path}: a DuckDB database but not a newsevents store "
                                 f"(no schema_version table; it has {', '.join(sorted(tables)[:5])})")
            if self.read_only:
                raise StoreError(f"{self.path}: empty database, nothing to read (ingest into it first)")
            schema.create(self.con)
            return
        if version > schema.SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this newsevents "
                             f"(version {schema.SCHEMA_VERSION}); upgrade newsevents to read it")
        if version < schema.SCHEMA_VERSION:
            missing = schema.missing_migrations(version)
            if missing:
                raise StoreError(f"{self.path}: schema version {version} is older than {schema.SCHEMA_VERSION} "
                                 f"and cannot be migrated (no migration from version {missing[0]}); "
                                 f"re-ingest into a new store")
            if self.read_only:
                raise StoreError(f"{self.path}: schema version {version} needs migrating to "
                                 f"{schema.SCHEMA_VERSION}; open it once read-write (e.g. newsevents ingest)")
            try:
                schema.migrate(self.con, version)
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: migration from schema version {version} failed, "
                                 f"nothing changed: {_first_line(exc)}") from exc

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, opened again here when `release` closed it."""
        with self._lock:
            if self._con is None:
                if self._closed:
                    raise StoreError(f"{self.path}: the store is closed")
                self._con = self._connect()
            return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(self.path, read_only=self.read_only, config=self._config)
        except duckdb.Error as exc:
            raise StoreError(_describe_connect_error(self.path, exc)) from exc
        _release_freed_memory(con)
        return con

    @property
    def in_memory(self) -> bool:
        """True for a DuckDB in-memory database (":memory:"), which lives only as long as its connection."""
        return self.path.startswith(":memory:")

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._closed = True

    def release(self) -> bool:
        """Close the connection until the store is next used (which opens it again); False inside a
        transaction and for an in-memory store, where nothing is closed.

        `ingest` releases the store while the coder parses (issue #13): on a store of a million mentions,
        DuckDB still held 150-300 MiB after a batch's write (cached table blocks, primary-key indexes, freed
        pages not yet purged), which the parse's own peak came on top of. Opening the file again takes a few
        hundredths of a second; committed data is on disk."""
        with self._lock:
            if self._in_transaction or self.in_memory:
                return False
            if self._con is not None:
                self._con.close()
                self._con = None
            return True

    def reopen(self) -> None:
        """Close the connection and open the same file again, between transactions (StoreError inside one).

        DuckDB keeps memory for an open database that grows with it (its primary-key indexes, table
        metadata) and hands it back only when the database closes: `ingest` reopens the store every
        `reopen_every` batches so that this part stays bounded in a long run (issue #13). Committed data is
        on disk; a cursor in use in another thread is waited for.
        """
        if self._in_transaction:
            raise StoreError(f"{self.path}: cannot reopen the store inside a transaction")
        if self.in_memory:  # closing an in-memory database would drop it
            return
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
            self._con = self._connect()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own (for another thread), closed when the block ends; `reopen` waits for it."""
        with self._lock:
            cur = self.con.cursor()
            try:
                yield cur
            finally:
                cur.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------ use

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        self._require_writable()
        with self._lock, self.damage_reported():
            con = self.con
            con.execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                self._in_transaction = False
            con.execute("COMMIT")

    @contextmanager
    def damage_reported(self) -> Iterator[None]:
        """Turn DuckDB's errors about a damaged file (bad checksum, short read) into a StoreError."""
        try:
            yield
        except duckdb.Error as exc:
            if _is_damage(exc):
                raise StoreError(f"{self.path}: the store file is damaged: {_first_line(exc)}") from exc
            if any(sign in str(exc) for sign in _FULL_SIGNS):
                raise StoreError(f"cannot write, the disk is full ({_first_line(exc)}); what {self.path} already "
                                 f"holds is kept: make room and run the same command again") from exc
            if isinstance(exc, duckdb.OutOfMemoryException):
                raise StoreError(f"{self.path}: DuckDB needs more memory than its limit ({_first_line(exc)}); "
                                 f"raise --memory-limit (NEWSEVENTS_MEMORY_LIMIT)") from exc
            raise

    def fetch(self, sql: str, params: Sequence = (), *, timeout_s: float | None = None) -> list[tuple]:
        """Run one parameterised query and return its rows; interrupt it after `timeout_s` seconds."""
        with self.damage_reported(), self._time_limit(timeout_s):
            return self.con.execute(sql, list(params)).fetchall()

    def fetch_dicts(self, sql: str, params: Sequence = (), *, timeout_s: float | None = None) -> list[dict]:
        """Like `fetch`, each row as a dict keyed by column name."""
        with self.damage_reported(), self._time_limit(timeout_s):
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    @contextmanager
    def _time_limit(self, timeout_s: float | None) -> Iterator[None]:
        if timeout_s is None:
            yield
            return
        timer = threading.Timer(timeout_s, self.con.interrupt)
        timer.start()
        try:
            yield
        except duckdb.InterruptException as exc:
            raise StoreError(f"query stopped after its time limit of {timeout_s:g} s") from exc
        finally:
            timer.cancel()

    def get_setting(self, name: str) -> str | None:
        row = self.con.execute("SELECT value FROM store_settings WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def set_setting(self, name: str, value: str) -> None:
        """Record a store setting (inside the current transaction, if one is open)."""
        self._require_writable()
        self.con.execute("INSERT OR REPLACE INTO store_settings VALUES (?, ?)", [name, value])

    def counts(self) -> dict[str, int]:
        """Row counts of the data tables."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
                for t in ("articles", "mentions", "events")}

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; this needs a read-write store")


# DuckDB sorts on the key columns only and reads the other columns just for the rows kept, for
# `ORDER BY ... LIMIT n` with n up to this setting (its default, 50, is below a page of events plus one row):
# a page of the newest events matching a filter costs one narrow pass instead of reading every column.
LATE_MATERIALIZATION_ROWS = 10_001


# DuckDB allocates through its own jemalloc, which hands freed pages back to the OS only while the process
# keeps allocating, or from a background thread. Without one, the working memory of every ingest batch (the
# event rebuild's joins and windows: tens of MiB) stayed resident while the coder parsed the next batch,
# where `malloc_trim` cannot reach it (issue #13, benchmarks/README.md).
def _release_freed_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Turn on jemalloc's background threads where this DuckDB has the setting (a DuckDB without jemalloc, on
    macOS or Windows, or an older one, goes on without it)."""
    try:
        con.execute("SET allocator_background_threads = true")
    except duckdb.Error:
        pass


def _query_tuning() -> dict:
    """Settings for a faster read path, where this DuckDB has them (1.3 and later)."""
    major, minor = (int(x) for x in duckdb.__version__.split(".")[:2])
    return {"late_materialization_max_rows": LATE_MATERIALIZATION_ROWS} if (major, minor) >= (1, 3) else {}


# ---------------------------------------------------------------------------------------------- file checks

def connection_config(memory_limit: str | None = None, threads: int | None = None) -> dict:
    """DuckDB's `memory_limit` and `threads` for a store connection, from the arguments or the settings;
    StoreError when a setting (its environment variable) holds a value that is not valid."""
    try:
        limit = memory_limit if memory_limit is not None else SETTINGS["memory_limit"].value
        count = threads if threads is not None else SETTINGS["threads"].value
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    if count <= 0:
        count = min(MAX_DEFAULT_THREADS, _usable_cpus())
    return {"memory_limit": str(limit), "threads": int(count)}


def _usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_file(path: str, read_only: bool) -> None:
    """Refuse, before DuckDB touches it, a file that is missing (for reading), read-only or not DuckDB."""
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file")
    if not p.exists():
        if read_only:
            raise StoreError(f"{path}: no such store (run newsevents ingest first)")
        parent = p.parent if str(p.parent) else Path(".")
        if not parent.is_dir():
            raise StoreError(f"{path}: folder {parent} does not exist")
        return
    try:
        with open(p, "rb") as fh:
            head = fh.read(_MAGIC_OFFSET + len(_DUCKDB_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if head and head[_MAGIC_OFFSET:_MAGIC_OFFSET + len(_DUCKDB_MAGIC)] != _DUCKDB_MAGIC:
        raise StoreError(f"{path}: not a DuckDB database file (corrupt, or another kind of file); "
                         f"left untouched")
    if not read_only:
        mode = p.stat().st_mode
        # Checked on the mode bits, not with os.access: root may write anything, but a file whose owner
        # made it read-only is meant to stay as it is.
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(p, os.W_OK):
            raise StoreError(f"{path}: the file is read-only; open it read-only (query, export, series, "
                             f"alerts) or make it writable to ingest")


def _describe_connect_error(path: str, exc: duckdb.Error) -> str:
    text = str(exc)
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = _LOCK_PID.search(text)
        holder = f" (PID {pid.group(1)})" if pid else ""
        return f"{path}: locked by another process{holder}; wait for it to finish or stop it"
    if "not a valid DuckDB database file" in text:
        return f"{path}: not a DuckDB database file (corrupt, or another kind of file); left untouched"
    if "Permission denied" in text or "Read-only file system" in text:
        return f"{path}: no permission to open it read-write; open it read-only or fix the permissions"
    if _is_damage(exc):
        return f"{path}: the store file is damaged (truncated or corrupt): {_first_line(exc)}"
    return f"{path}: cannot open the store: {_first_line(exc)}"


_DAMAGE_SIGNS = ("Corrupt database file", "does not match stored checksum", "Could not read enough bytes")


# What DuckDB says when the disk (or the file size limit, or a quota) is full.
_FULL_SIGNS = ("No space left on device", "File too large", "Disk quota exceeded", "disk is full")


def _is_damage(exc: BaseException) -> bool:
    text = str(exc)
    return any(sign in text for sign in _DAMAGE_SIGNS)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
