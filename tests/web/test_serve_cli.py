"""`newsevents serve`: its options, its refusals, and a real server process answering on localhost."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from newsevents.cli import build_parser, main
from newsevents.cli.web_commands import allowed_hosts


def test_serve_options_and_safe_defaults():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    args = build_parser().parse_args(["serve", "--db", "x.duckdb", "--host", "0.0.0.0", "--port", "9001"])
    assert (args.db, args.host, args.port) == ("x.duckdb", "0.0.0.0", 9001)


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_bad_port_is_a_usage_error(port, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["serve", "--port", port])
    assert exit_info.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_missing_store_exits_1_with_the_reason(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no such store (run newsevents ingest first)" in capsys.readouterr().err


def test_local_names_only_on_a_loopback_bind():
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "::1"]
    assert allowed_hosts("::1") == ["127.0.0.1", "localhost", "::1"]
    assert "evil.example" not in allowed_hosts("0.0.0.0") and "localhost" in allowed_hosts("0.0.0.0")
    assert "10.1.2.3" in allowed_hosts("10.1.2.3") and "news.example" in allowed_hosts("10.1.2.3", ["news.example"])
    assert allowed_hosts("0.0.0.0", ["*"]) is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_server_answers_on_localhost(synthetic_db, tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(synthetic_db),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"{base}/api/summary", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not start in 60 s"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["events"] == 10
        assert httpx.get(f"{base}/", timeout=5).status_code == 200
        # A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) is refused.
        assert httpx.get(f"{base}/api/summary", headers={"Host": "evil.example"}, timeout=5).status_code == 400
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert "dashboard at http://127.0.0.1:" in (tmp_path / "serve.log").read_text()
