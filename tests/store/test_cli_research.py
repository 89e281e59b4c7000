"""The command line as a researcher meets it: actor names, partial dates, refused roots, the alert window, the
panel and the summary, on a real store file."""
from __future__ import annotations

import argparse
import datetime as dt
import json

import pandas as pd
import pytest
from store_factories import make_article, make_event

from newsevents.cli.store_commands import register
from newsevents.store import EventStore
from newsevents.store.ingest import store_coded


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsevents")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.duckdb"
    with EventStore.open(path) as store:
        store_coded(store, [
            (make_article("a1", "2024-05-02", url="https://example.org/a1"),
             [make_event("a1", 0, "2024-05-01", "RUSMIL", "UKR", "190"),
              make_event("a1", 1, "2024-05-20", "UKRMIL", "RUSMIL", "193")]),
            (make_article("a2", "2024-06-10"), [make_event("a2", 0, "2024-06-09", "USAGOV", "IRNGOV", "112")]),
            (make_article("a3", "2023-12-30"), [make_event("a3", 0, "2023-12-29", "RUSGOV", "UKRGOV", "036")]),
        ])
    return str(path)


def _rows(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_country_names_are_accepted_where_codes_are(db, capsys):
    assert run(["query", "--db", db, "--dyad", "Russia:Ukraine", "--jsonl"]) == 0
    assert len(_rows(capsys)) == 3
    assert run(["query", "--db", db, "--actor", "united states", "--jsonl"]) == 0
    assert [r["cameo"] for r in _rows(capsys)] == ["112"]


def test_an_unknown_name_is_an_error_naming_the_codes(db, capsys):
    assert run(["query", "--db", db, "--dyad", "Rusia:Ukraine"]) == 1
    err = capsys.readouterr().err
    assert "unknown actor 'Rusia'" in err and "Russia = RUS" in err and "USAGOV" in err


def test_root_190_is_refused_with_a_message(db, capsys):
    assert run(["query", "--db", db, "--root", "190"]) == 1
    assert "use root 19 for the whole family, or cameo 190" in capsys.readouterr().err


@pytest.mark.parametrize("date_from, date_to, cameos", [
    ("2024", "2024", {"190", "193", "112"}),
    ("2024-05", "2024-05", {"190", "193"}),
    ("2024-05-02", "2024-06", {"193", "112"}),
    ("2023-12", "2023-12-29", {"036"}),
])
def test_from_and_to_take_years_months_and_days(db, capsys, date_from, date_to, cameos):
    assert run(["query", "--db", db, "--from", date_from, "--to", date_to, "--jsonl"]) == 0
    assert {r["cameo"] for r in _rows(capsys)} == cameos


def test_a_bad_date_is_refused(db, capsys):
    with pytest.raises(SystemExit):
        run(["query", "--db", db, "--from", "May 2024"])
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in capsys.readouterr().err


def test_alerts_say_the_window_they_checked(db, capsys):
    assert run(["alerts", "--db", db, "--jsonl"]) == 0
    err = capsys.readouterr().err
    assert "checked window 2024-06-03 – 2024-06-09 (7 days) against the 90 days from 2024-03-05: 0 alerts" in err


def test_panel_command_writes_a_zero_filled_panel(db, tmp_path, capsys):
    out = tmp_path / "panel.csv"
    assert run(["panel", "--db", db, "--freq", "month", "--from", "2024-05", "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert set(zip(df.actor1, df.actor2)) == {("RUS", "UKR"), ("IRN", "USA")}
    assert sorted(set(df.period)) == ["2024-05-01", "2024-06-01"] and len(df) == 4
    may = df[(df.actor1 == "RUS") & (df.period == "2024-05-01")].iloc[0]
    assert (may.events, may.q4, may.goldstein_sum) == (2, 2, -20.0)
    quiet = df[(df.actor1 == "IRN") & (df.period == "2024-05-01")].iloc[0]
    assert (quiet.events, quiet.q1, quiet.q2, quiet.q3, quiet.q4, quiet.goldstein_sum) == (0, 0, 0, 0, 0, 0.0)


def test_summary_shows_period_dyads_series_and_alert_window(db, capsys):
    assert run(["summary", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "3 articles (published 2023-12-30 to 2024-06-10)" in out
    assert "RUS:UKR" in out and "alerts for 2024-06-03 to 2024-06-09" in out
    assert dt.date(2024, 5, 1).strftime("%Y-%m") in out
