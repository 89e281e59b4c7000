"""The store's commands, run through their argparse parsers and handlers on real store files."""
from __future__ import annotations

import argparse
import importlib.util
import json

import pytest
from store_factories import day, make_event

from newsevents.cli.store_commands import register
from newsevents.store import EventStore
from newsevents.store.export import GDELT_COLUMNS

INJECTION = "'; DROP TABLE events; --"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsevents")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def coded_file(tmp_path):
    events = [make_event("a1", 0, 0, "RUSMIL", "UKR", "190", sentence="Russian forces shelled Kharkiv."),
              make_event("a1", 1, 0, "USAGOV", "IRNGOV", "112", modality="negated", sentence=INJECTION),
              make_event("a2", 0, 1, "RUSMIL", "UKR", "190"),
              make_event("a3", 0, 9, "IRNGOV", "USAGOV", "036")]
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events) + "oops\n")
    return path


@pytest.fixture
def db(tmp_path, coded_file, capsys):
    path = tmp_path / "cli.duckdb"
    assert run(["ingest", "--coded", str(coded_file), "--db", str(path), "--commit-every", "1"]) == 0
    capsys.readouterr()
    return path


def test_ingest_coded_reports_and_is_idempotent(tmp_path, coded_file, capsys):
    path = tmp_path / "x.duckdb"
    assert run(["ingest", "--coded", str(coded_file), "--db", str(path)]) == 0
    err = capsys.readouterr().err
    assert "events.jsonl:5" in err and "not valid JSON" in err
    assert "4 mentions" in err and "1 records rejected" in err and "2 events" in err
    assert run(["ingest", "--coded", str(coded_file), "--db", str(path)]) == 0
    assert "4 mentions already stored, skipped" in capsys.readouterr().err
    with EventStore.open(path, read_only=True) as store:
        assert store.counts() == {"articles": 3, "mentions": 4, "events": 2}


def test_ingest_tolerance_option_reclusters(db, coded_file, capsys):
    assert run(["ingest", "--coded", str(coded_file), "--db", str(db), "--tolerance-days", "0"]) == 0
    assert "re-clustered" in capsys.readouterr().err
    with EventStore.open(db, read_only=True) as store:
        assert store.counts()["events"] == 3  # 190 on day 0 and day 1 are now two events, plus 036
        assert store.fetch("SELECT count(*) FROM events WHERE cameo = '190'") == [(2,)]


def test_query_prints_jsonl_off_a_terminal(db, capsys):
    assert run(["query", "--db", str(db), "--dyad", "UKR:RUS"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["num_mentions"] == 2 and rows[0]["date"] == day(0).isoformat()
    assert run(["query", "--db", str(db), "--all", "--text", INJECTION]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["modality"] == "negated" and row["sentence"] == INJECTION
    assert run(["query", "--db", str(db), "--quad", "1", "--limit", "5"]) == 0
    assert [json.loads(line)["cameo"] for line in capsys.readouterr().out.splitlines()] == ["036"]


def test_query_table_on_a_terminal(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "200")
    assert run(["query", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "RUSMIL → UKR" in out and "2/2/2" in out and "shelled Kharkiv" in out


def test_export_gdelt_and_filters(db, tmp_path, capsys):
    out = tmp_path / "e.tsv"
    assert run(["export", "--db", str(db), "--format", "gdelt", "-o", str(out), "--to", day(5).isoformat()]) == 0
    assert "1 events written" in capsys.readouterr().err
    header, row = out.read_text().splitlines()
    assert header.split("\t") == list(GDELT_COLUMNS) and row.split("\t")[26] == "190"
    assert run(["export", "--db", str(db), "--format", "jsonl", "--all", "-o", str(tmp_path / "m.jsonl")]) == 0
    assert len((tmp_path / "m.jsonl").read_text().splitlines()) == 4


def test_series_and_plot(db, tmp_path, capsys):
    png = tmp_path / "s.png"
    args = ["series", "--db", str(db), "--dyad", "RUS:UKR", "--freq", "day"]
    if importlib.util.find_spec("matplotlib"):
        args += ["--plot", str(png)]
    assert run(args) == 0
    points = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(p["period"], p["events"], p["material_conflict"]) for p in points] == [(day(0).isoformat(), 1, 1)]
    assert png.exists() or "--plot" not in args


def test_alerts_jsonl(db, capsys):
    assert run(["alerts", "--db", str(db), "--min-count", "1", "--min-ratio", "1", "--max-p", "1"]) == 0
    alerts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert alerts == []  # the latest event is cooperation: no conflict in the last 7 days
    assert run(["alerts", "--db", str(db), "--since", day(0).isoformat(), "--as-of", day(1).isoformat(),
                "--min-count", "1", "--min-ratio", "1", "--max-p", "1"]) == 0
    (alert,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert alert["dyad"] == "RUS:UKR" and alert["observed"] == 1 and len(alert["events"]) == 1


@pytest.mark.parametrize("argv", [
    ["query"], ["export", "--format", "csv", "-o", "x.csv"], ["series", "--dyad", "A1:B2"], ["alerts"],
    ["ingest", "--coded", "in.jsonl"]])
def test_corrupt_store_is_one_line_and_exit_code_1(tmp_path, argv, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text("")
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database" * 100)
    assert run([*argv, "--db", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not a DuckDB database file" in err
    assert bad.read_bytes() == b"not a database" * 100


def test_bad_filter_is_a_clean_error(db, capsys):
    assert run(["query", "--db", str(db), "--dyad", "USA-IRN"]) == 1
    assert "must be two actors joined by a colon" in capsys.readouterr().err


def test_ingest_articles_without_the_coder_says_so(tmp_path, capsys):
    if importlib.util.find_spec("newsevents.coding.pipeline"):
        pytest.skip("the coder exists: covered by the end-to-end ingest test")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": "Hello.", "published": "2024-01-01"}) + "\n")
    assert run(["ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "s.duckdb")]) == 1
    assert "--coded" in capsys.readouterr().err


def test_ingest_of_undated_text_files_warns_once_with_the_count(tmp_path, capsys):
    """#11: `.txt` files without --published: one warning that counts them, and a hint; none with a date."""
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.\n")
    files = [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]
    assert run(["ingest", *files, "--db", str(tmp_path / "s.duckdb"), "--no-progress"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "without a publication date" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: 2 articles without a publication date")
    assert "--published" in warnings[0]
    assert run(["ingest", *files, "--db", str(tmp_path / "d.duckdb"), "--no-progress",
                "--published", "2024-05-15"]) == 0
    assert "without a publication date" not in capsys.readouterr().err
