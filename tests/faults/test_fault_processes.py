"""kill -9 of the driver leaves no process-pool worker behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
DRIVER = """
import sys, time
from newsevents.engines import CoderSpec, EngineCoder, EngineOptions
from newsevents.model import Article

options = EngineOptions(engine="processes", workers=2, partition_size=1)
with EngineCoder(options, CoderSpec(factory="sleepy_coder:make")) as engine:
    results = engine.code_many(Article(f"a{i}", "Some text.", None) for i in range(10_000))
    next(results)
    print("coding", flush=True)
    time.sleep(600)
"""


def _wait_until(condition, limit_s: float) -> bool:
    """Poll `condition` until it holds or `limit_s` passes (a liveness bound, not a speed check)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 and reparenting as on Linux")
def test_kill_9_of_the_driver_leaves_no_orphan_workers():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}
    driver = subprocess.Popen([sys.executable, "-c", DRIVER], stdout=subprocess.PIPE, env=env, text=True)
    workers: list = []
    try:
        assert driver.stdout.readline().strip() == "coding"
        workers += [p for p in psutil.Process(driver.pid).children(recursive=True)
                   if "resource_tracker" not in " ".join(p.cmdline())]
        assert len(workers) >= 2
        driver.send_signal(signal.SIGKILL)
        driver.wait()

        def all_gone() -> bool:
            return not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)

        assert _wait_until(all_gone, 60), [w.pid for w in workers if w.is_running()]
    finally:
        if driver.poll() is None:
            driver.kill()
        for worker in workers:  # this test's own workers, should the check above have failed
            if worker.is_running():
                worker.kill()
