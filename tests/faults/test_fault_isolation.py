"""One bad article is its own error: it never fails its batch, and it is tried again on the next run."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from fault_helpers import POISONED_TEXT, article, cli, stored, write_jsonl


@pytest.fixture
def poisoned_corpus(tmp_path):
    records = [article(i) for i in range(6)]
    records.insert(2, {"id": "poison-early", "text": POISONED_TEXT, "published": "0001-01-01"})
    records.insert(5, {"id": "poison-late", "text": "Russian forces shelled Kharkiv on Saturday. Israel attacked "
                                                    "Gaza next week.", "published": "9999-12-31"})
    return write_jsonl(tmp_path / "poisoned.jsonl", records)


def test_a_crash_on_one_article_fails_that_article_only_in_ingest(tmp_path, poisoned_corpus, wide_dates, capsys):
    db = tmp_path / "store.duckdb"
    code, _, err = cli(["ingest", str(poisoned_corpus), "--db", str(db), "--no-progress", "--commit-every", "3",
                        "--partition-size", "4"], capsys)
    assert code == 0
    rows = dict(((a, (s, e)) for a, s, e in stored(db, "SELECT article_id, status, error FROM articles")))
    assert {a for a, (s, _) in rows.items() if s == "coded"} == {f"good-{i}" for i in range(6)}
    assert rows["poison-early"][0] == "failed" and "OverflowError" in rows["poison-early"][1]
    assert "6 articles stored" in err and "2 failed" in err
    assert stored(db, "SELECT count(*) FROM mentions WHERE article_id LIKE 'good-%'")[0][0] >= 5

    # the next run tries the failed articles again (and only them), with --no-retry-failed it skips them
    code, _, err = cli(["ingest", str(poisoned_corpus), "--db", str(db), "--no-progress", "--no-retry-failed"],
                       capsys)
    assert code == 0 and "8 already stored, skipped" in err
    code, _, err = cli(["ingest", str(poisoned_corpus), "--db", str(db), "--no-progress"], capsys)
    assert code == 0 and "6 already stored, skipped" in err and "2 failed before, tried again" in err


def test_a_crash_on_one_article_fails_that_article_only_in_code(tmp_path, poisoned_corpus, wide_dates, capsys):
    code, out, err = cli(["code", str(poisoned_corpus), "--no-progress", "--partition-size", "8"], capsys)
    assert code == 0
    assert "rejected: record 'poison-early'" in err and "OverflowError" in err
    docs = {line.split('"doc_id": "')[1].split('"')[0] for line in out.splitlines()}
    assert {f"good-{i}" for i in range(6)} <= docs
    assert "6 articles" in err and "2 records rejected" in err


def test_an_implausible_publication_date_is_a_warning_and_the_article_is_coded_without_it(
        tmp_path, poisoned_corpus, capsys):
    db = tmp_path / "store.duckdb"
    code, _, err = cli(["ingest", str(poisoned_corpus), "--db", str(db), "--no-progress"], capsys)
    assert code == 0
    assert "implausible published date 0001-01-01" in err and "implausible published date 9999-12-31" in err
    assert stored(db, "SELECT count(*) FROM articles WHERE status = 'coded'")[0][0] == 8
    assert stored(db, "SELECT published FROM articles WHERE article_id LIKE 'poison%'") == [(None,), (None,)]
    assert stored(db, "SELECT count(*) FROM mentions WHERE year(date) IN (1, 9999)")[0][0] == 0


BAD_OPTIONS = [("--batch-size", "-5"), ("--max-chars", "0"), ("--workers", "0"), ("--partition-size", "0"),
               ("--retries", "-1"), ("--earliest-published", "yesterday"), ("--latest-published-days", "-1")]


@pytest.mark.parametrize("command, option, value", [("code", *o) for o in BAD_OPTIONS] +
                         [("ingest", *o) for o in BAD_OPTIONS + [("--memory-limit", "lots")]])
def test_option_values_are_checked_before_any_work(tmp_path, capsys, command, option, value):
    corpus = write_jsonl(tmp_path / "in.jsonl", [article(0)])
    db = tmp_path / "store.duckdb"
    argv = [command, str(corpus), option, value] + (["--db", str(db)] if command == "ingest" else [])
    code, out, err = cli(argv, capsys)
    assert code == 2 and out == ""
    assert f"argument {option}" in err
    assert not db.exists()


def test_a_bad_setting_in_the_environment_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "-5")
    code, _, err = cli(["code", str(write_jsonl(tmp_path / "in.jsonl", [article(0)]))], capsys)
    assert code == 2 and "argument --batch-size: must be at least 1" in err


def test_the_plausible_range_of_publication_dates_is_configurable(tmp_path, capsys):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    corpus = write_jsonl(tmp_path / "in.jsonl", [article(0), article(1, id="next-day", published=tomorrow)])
    code, out, err = cli(["code", str(corpus), "--no-progress", "--earliest-published", "2024-06-01",
                          "--latest-published-days", "0"], capsys)
    assert code == 0
    assert "'good-0'" in err and "implausible published date 2024-05-15 (outside 2024-06-01" in err
    assert "'next-day'" in err and f"implausible published date {tomorrow}" in err
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"good-0", "next-day"}
    code, _, err = cli(["code", str(corpus), "--no-progress"], capsys)
    assert code == 0 and "implausible" not in err
