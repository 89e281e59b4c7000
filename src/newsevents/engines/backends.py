"""Where partitions run: in this process, in a local process pool, or on a Dask cluster.

Every backend runs the same task, `coders.code_partition(spec, articles, batch_size)`, and hands back a
future (anything with `.result()`). `slots` is how many partitions the driver keeps in flight: enough to keep
every worker busy while the driver waits for the oldest one. `recover(exc)` is called after a partition
failed; it returns True when the failure took the other running partitions with it (a process pool whose
worker died), which the driver then submits again.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool

from newsevents.engines.coders import CoderSpec, code_partition
from newsevents.model import Article

ENGINES = ("local", "processes", "dask")
PARENT_CHECK_S = 1.0   # how often a pool worker checks that its driver is alive
EXIT_ORPHANED = 3
# Dask settings for the LocalCluster the Dask engine starts. A worker codes one partition for seconds at a
# time, and by default Dask samples every thread's stack every 10 ms (its profiler), checks its event loop
# every 20 ms and the worker's memory every 100 ms (in the nanny, which runs in the driver): each wakes a
# thread that needs the GIL the coding thread holds, and on a busy machine waits for a core. Measured on 2
# cores (benchmarks/README.md), these cost the Dask engine more CPU than the process pool for the same work;
# nothing of what they feed (the dashboard's profile and plots) is used here.
QUIET_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def default_workers() -> int:
    """Worker processes when `--workers` is not given: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalBackend:
    """Partitions run one after the other in this process (the coder is loaded here)."""

    name = "local"
    slots = 1

    def submit(self, key: str, spec: CoderSpec, articles: Sequence[Article], batch_size: int | None):
        future: cf.Future = cf.Future()
        try:
            future.set_result(code_partition(spec, articles, batch_size))
        except Exception as exc:  # handed to the driver, which retries and reports it
            future.set_exception(exc)
        return future

    def recover(self, exc: BaseException) -> bool:
        return False

    def close(self) -> None:
        pass


class ProcessBackend:
    """A `concurrent.futures.ProcessPoolExecutor` of `workers` processes (started with `spawn`, so that
    nothing of the driver's state, threads or open store included, is copied into them). Each worker watches
    its parent (`watch_parent`) and exits when the driver is gone, even after a `kill -9`."""

    name = "processes"

    def __init__(self, workers: int):
        self.workers = workers
        self.slots = 2 * workers
        self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=watch_parent, initargs=(os.getpid(),))

    def submit(self, key: str, spec: CoderSpec, articles: Sequence[Article], batch_size: int | None):
        return self._pool.submit(code_partition, spec, list(articles), batch_size)

    def recover(self, exc: BaseException) -> bool:
        if not isinstance(exc, BrokenProcessPool):
            return False
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def watch_parent(parent_pid: int, every_s: float = PARENT_CHECK_S) -> None:
    """Start a daemon thread in this worker that ends the process as soon as `parent_pid` is no longer its
    parent (the driver died, however: the worker is then adopted by another process). A worker of a killed
    driver would otherwise wait forever on its task queue, holding its coder's memory."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every_s)
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="newsevents-parent-watch", daemon=True).start()


class DaskBackend:
    """Dask distributed: a `LocalCluster` of `workers` single-threaded worker processes, or the running
    cluster whose scheduler is at `scheduler` (`tcp://host:8786`, e.g. a dask-jobqueue SLURMCluster's
    `cluster.scheduler_address`). Its workers need newsevents and the spaCy model installed."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise RuntimeError("--engine dask needs dask's distributed scheduler: "
                               "pip install 'dask[distributed]'") from exc
        import dask

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            with dask.config.set(QUIET_DASK):  # the nannies hand this configuration to their workers
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or workers
        self.slots = max(2, 2 * threads)

    def submit(self, key: str, spec: CoderSpec, articles: Sequence[Article], batch_size: int | None):
        return self.client.submit(code_partition, spec, list(articles), batch_size, key=key, pure=False,
                                  retries=0)

    def recover(self, exc: BaseException) -> bool:
        return False  # the scheduler moves the tasks of a lost worker by itself

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_backend(engine: str, workers: int | None, scheduler: str | None):
    if engine == "local":
        return LocalBackend()
    workers = workers or default_workers()
    if engine == "processes":
        return ProcessBackend(workers)
    if engine == "dask":
        return DaskBackend(workers, scheduler)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
