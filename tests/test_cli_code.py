"""`newsevents code` and `newsevents eval` end to end, in a subprocess, on files written here.

The contract is DESIGN.md's: JSON Lines events on standard output (or -o), diagnostics on standard error only,
a bad record reported with its id and reason while the run goes on (exit 0, rejected count reported), an
unreadable input a hard error. (Named test_cli_code.py: tests/store/test_cli.py already holds the basename
test_cli, and two test modules with one basename cannot be collected together without packages.)
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT_KEYS = {"event_id", "doc_id", "sentence_index", "date", "date_precision", "source", "target", "cameo",
                 "root", "goldstein", "quad_class", "plover", "location", "modality", "sentence", "span", "rule",
                 "confidence"}
ACTOR_KEYS = {"code", "country", "role", "group", "name", "text"}

ARTICLES = [
    {"id": "a1", "published": "2024-05-15", "url": "https://example.org/a1", "source": "wire", "extra": [1, 2],
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians. "
             "Moscow denied that its troops had attacked civilians."},
    {"id": "a2", "published": "2024-05-15T09:00:00Z",
     "text": "The European Union imposed new sanctions on Belarus on Friday. Hungary did not block the sanctions. "
             "Officials feared Minsk could retaliate against Lithuania."},
    {"id": "a3", "published": "2024-05-10", "title": "Talks",
     "text": "Chinese President Xi Jinping met Brazilian President Luiz Inacio Lula da Silva in Beijing on Tuesday."},
]


def run(*args, stdin: bytes | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *map(str, args)], input=stdin,
                          capture_output=True, timeout=timeout)


def events_of(stdout: bytes | str) -> list[dict]:
    text = stdout.decode("utf-8") if isinstance(stdout, bytes) else stdout
    lines = text.splitlines()
    events = [json.loads(line) for line in lines]   # every line is one JSON object: nothing else on stdout
    for e in events:
        assert set(e) == CONTRACT_KEYS
        keys = list(e)
        assert keys[keys.index("quad_class") + 1] == "plover"
        assert e["plover"] is None or isinstance(e["plover"], str)
        assert set(e["source"]) == ACTOR_KEYS
        assert e["target"] is None or set(e["target"]) == ACTOR_KEYS
        assert e["root"] == e["cameo"][:2]
    return events


def triples(events: list[dict]) -> set[tuple]:
    def who(a):
        return None if a is None else (a["group"] or a["country"])
    return {(e["doc_id"], who(e["source"]), who(e["target"]), e["root"]) for e in events}


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def articles_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "articles.jsonl"
    write_jsonl(path, ARTICLES)
    return path


@pytest.fixture(scope="module")
def default_run(articles_file):
    return run("code", articles_file)


@pytest.fixture(scope="module")
def all_run(articles_file):
    out = articles_file.parent / "all.jsonl"
    return run("code", articles_file, "--all", "-o", out), out


# -- good input ------------------------------------------------------------------------------------------
def test_code_jsonl_to_stdout(default_run):
    assert default_run.returncode == 0, default_run.stderr.decode()
    events = events_of(default_run.stdout)
    assert {e["doc_id"] for e in events} == {"a1", "a2", "a3"}
    got = triples(events)
    assert ("a1", "RUS", "UKR", "19") in got
    assert ("a2", "EU", "BLR", "16") in got
    assert ("a3", "CHN", "BRA", "04") in got
    assert all(e["modality"] == "asserted" for e in events)
    shelling = next(e for e in events if e["doc_id"] == "a1" and e["root"] == "19")
    assert (shelling["date"], shelling["date_precision"]) == ("2024-05-14", "day")
    meeting = next(e for e in events if e["doc_id"] == "a3" and e["root"] == "04")
    assert meeting["date"] == "2024-05-07"   # the Tuesday before Friday 2024-05-10


def test_code_reports_on_stderr(default_run):
    err = default_run.stderr.decode()
    assert "coded 3 articles" in err
    assert "0 records rejected" in err
    assert f"{len(default_run.stdout.splitlines())} events written" in err


def test_default_output_leaves_out_what_is_not_asserted(default_run):
    got = triples(events_of(default_run.stdout))
    assert not [t for t in got if t[0] == "a2" and t[1] == "HUN"]   # "did not block"
    assert not [t for t in got if t[0] == "a2" and t[1] == "BLR"]   # the feared retaliation


def test_all_writes_labelled_events_to_the_output_file(default_run, all_run):
    proc, out = all_run
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""                         # -o: nothing on standard output
    everything = events_of(out.read_text(encoding="utf-8"))
    asserted = events_of(default_run.stdout)
    modalities = {e["modality"] for e in everything}
    assert modalities <= {"asserted", "negated", "hypothetical", "future"}
    assert modalities & {"negated", "hypothetical", "future"}
    assert [e for e in everything if e["modality"] == "asserted"] == asserted
    labelled = {(e["doc_id"], e["source"]["country"], e["root"], e["modality"]) for e in everything
                if e["modality"] != "asserted"}
    assert ("a2", "HUN", "14", "negated") in labelled or ("a2", "HUN", "12", "negated") in labelled
    assert len(everything) > len(asserted)


def test_txt_and_stdin_inputs(tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("Israeli warplanes struck targets in southern Lebanon on Sunday.\n", encoding="utf-8")
    stdin = json.dumps({"id": "s1", "published": "2024-05-15",
                        "text": "Canada expelled an Indian diplomat on Tuesday."}).encode() + b"\n"
    proc = run("code", text, "-", "--published", "2024-05-15", stdin=stdin)
    assert proc.returncode == 0, proc.stderr.decode()
    events = events_of(proc.stdout)
    got = triples(events)
    assert ("report.txt", "ISR", "LBN", "19") in got
    assert ("s1", "CAN", "IND", "16") in got
    strike = next(e for e in events if e["doc_id"] == "report.txt")
    assert strike["date"] == "2024-05-12"
    assert "coded 2 articles" in proc.stderr.decode()


# -- bad records: reported, counted, the run goes on ------------------------------------------------------
BAD_RECORDS = {  # record name on stderr -> words of its reason
    "'line 2'": "malformed JSON",
    "'empty'": "empty text",
    "'line 4'": "UTF-8",
    "'line 5'": "binary",
    "'huge'": "too large",
    "'french'": "not English",
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    lines = [
        json.dumps({"id": "good1", "published": "2024-05-15",
                    "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday."}).encode(),
        b'{"id": "broken", "text": "Iran condemned Israel."',
        json.dumps({"id": "empty", "published": "2024-05-15", "text": ""}).encode(),
        b'{"id": "badutf", "published": "2024-05-15", "text": "Iran \xff\xfe condemned Israel."}',
        b"\x00\x01\x02\x03\x89PNG\r\x00\x00binary\x00junk",
        json.dumps({"id": "huge", "published": "2024-05-15",
                    "text": "Russian forces shelled Kharkiv on Tuesday. " * 120_000}).encode(),
        json.dumps({"id": "nodate", "text": "North Korea threatened to strike South Korea."}).encode(),
        json.dumps({"id": "baddate", "published": "last Tuesday-ish",
                    "text": "China criticised Japan over its plan to release treated water."}).encode(),
        json.dumps({"id": "french", "published": "2024-05-15",
                    "text": "Les forces russes ont bombardé la ville ukrainienne de Kharkiv mardi, selon les "
                            "autorités locales qui ont fait état de plusieurs victimes dans le centre."}).encode(),
        json.dumps({"id": "good2", "published": "2024-05-15",
                    "text": "The European Union imposed sanctions on Belarus on Friday."}).encode(),
    ]
    path = tmp_path_factory.mktemp("bad") / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert path.stat().st_size > 5_000_000
    return run("code", path)


def test_bad_records_do_not_stop_the_run(bad_run):
    assert bad_run.returncode == 0, bad_run.stderr.decode()[-2000:]
    events = events_of(bad_run.stdout)
    docs = {e["doc_id"] for e in events}
    assert {"good1", "good2", "nodate", "baddate"} <= docs
    assert not docs & {"broken", "empty", "badutf", "huge", "french", "line 2", "line 4", "line 5"}
    got = triples(events)
    assert ("good1", "RUS", "UKR", "19") in got and ("good2", "EU", "BLR", "16") in got


def test_each_bad_record_is_named_with_its_reason(bad_run):
    err = bad_run.stderr.decode()
    lines = err.splitlines()
    for name, reason in BAD_RECORDS.items():
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, hits)
        assert reason in hits[0], hits[0]
        assert "mixed.jsonl" in hits[0]
    assert "6 records rejected" in err
    assert "coded 4 articles" in err
    assert len(err) < 5000   # the 5 MB record is not echoed back


def test_missing_and_unparseable_dates_are_warned_about(bad_run):
    lines = bad_run.stderr.decode().splitlines()
    assert [line for line in lines if "'baddate'" in line and "last Tuesday-ish" in line]
    undated = [line for line in lines if "articles without a publication date" in line]
    assert len(undated) == 1                                   # #11: one warning, with the count
    assert undated[0].startswith("warning: 2 articles without a publication date ('nodate', 'baddate')")
    assert "--published" in undated[0]
    undated = [e for e in events_of(bad_run.stdout) if e["doc_id"] == "nodate"]
    assert undated and all(e["date"] is None for e in undated)


def test_one_message_per_record_with_a_bad_date(bad_run):
    lines = bad_run.stderr.decode().splitlines()
    assert len([line for line in lines if "'baddate'" in line and "unparseable" in line]) == 1
    assert not [line for line in lines if "no usable published date" in line]


# -- near-duplicates: on by default, as in `ingest` (#11) -------------------------------------------------
def test_dedup_is_on_by_default_in_code_and_ingest():
    from newsevents.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["code", "x.jsonl"]).dedup is True
    assert parser.parse_args(["ingest", "x.jsonl"]).dedup is True
    assert parser.parse_args(["code", "x.jsonl", "--no-dedup"]).dedup is False


def _copies_run(tmp_path, copy_published: str):
    wire = ARTICLES[0]
    copies = [wire, {**wire, "id": "copy1", "url": "https://example.com/copy1"},
              {**wire, "id": "copy2", "published": copy_published}, ARTICLES[2]]
    path = tmp_path / "copies.jsonl"
    write_jsonl(path, copies)
    deduped, full = run("code", path, "--all"), run("code", path, "--all", "--no-dedup")
    assert deduped.returncode == 0 and full.returncode == 0, deduped.stderr.decode()[-2000:]
    assert "near-duplicates: 2 of 4 articles repeat 1 others" in deduped.stderr.decode()
    return events_of(deduped.stdout), events_of(full.stdout)


def test_copies_keep_their_own_ids_and_events(tmp_path):
    """A wire story and its republished copies: parsed once by default, and the output is the same as
    with --no-dedup (each copy's events under its own doc_id and event ids)."""
    got, expected = _copies_run(tmp_path, ARTICLES[0]["published"])
    assert got == expected
    by_doc = {d: {e["event_id"] for e in got if e["doc_id"] == d} for d in ("a1", "copy1", "copy2")}
    assert all(by_doc.values()) and not (by_doc["a1"] & by_doc["copy1"])


def test_copy_published_on_another_day_keeps_the_originals_dates(tmp_path):
    """docs/scale.md: a copy's events are dated as the original's parse dated them; all else is as without
    --dedup (here "on Tuesday" is the same day from either publication date, the publication date is not)."""
    got, expected = _copies_run(tmp_path, "2024-05-16")
    assert len(got) == len(expected)
    for mine, plain in zip(got, expected):
        if mine["doc_id"] == "copy2" and plain["date_precision"] == "published":
            assert (mine["date"], plain["date"]) == ("2024-05-15", "2024-05-16")
            mine, plain = {**mine, "date": None}, {**plain, "date": None}
        assert mine == plain


# -- inputs that cannot be read: a hard error ---------------------------------------------------------------
def test_missing_input_path_is_an_error(tmp_path, articles_file):
    missing = tmp_path / "nope.jsonl"
    proc = run("code", articles_file, missing, timeout=60)
    assert proc.returncode != 0
    assert proc.stdout == b""                     # checked before anything is coded
    err = proc.stderr.decode()
    assert "nope.jsonl" in err and "no such file" in err.lower()
    assert "Traceback" not in err


def test_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.md").write_text("nothing to code", encoding="utf-8")
    proc = run("code", tmp_path, timeout=60)
    assert proc.returncode != 0
    assert "no supported files" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_unsupported_file_type_is_an_error(tmp_path):
    path = tmp_path / "articles.docx"
    path.write_bytes(b"PK\x03\x04 not an article format")
    proc = run("code", path, timeout=60)
    assert proc.returncode != 0
    assert "unsupported file type" in proc.stderr.decode()


# -- eval -------------------------------------------------------------------------------------------------
def test_eval_prints_recall_summary(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_jsonl(gold, [
        {"id": "G1", "published": "2024-05-15",
         "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.",
         "expect": [{"src": "RUS", "tgt": "UKR", "roots": ["19"], "date": ["2024-05-14"], "loc": "UKR"}],
         "forbid": []},
        {"id": "G2", "published": "2024-05-15", "text": "North Korea threatened to strike South Korea.",
         "expect": [{"src": "PRK", "tgt": "KOR", "roots": ["13"]}],
         "forbid": [{"src": "PRK", "tgt": "*", "roots": ["19"]}]},
        {"id": "G3", "published": "2024-05-15", "text": "Egypt welcomed the decision.",
         "expect": [{"src": "EGY", "tgt": "ISR", "roots": ["05"]}], "forbid": []},
    ])
    proc = run("eval", gold)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode().strip().splitlines()
    summary = out[-1]
    assert "recall" in summary
    assert "recall 0.67" in summary and "(2/3)" in summary
    assert "violations 0" in summary
    assert any(line.startswith("MISS G3") for line in out)


def test_eval_explains_a_missing_gold_file(tmp_path):
    proc = run("eval", tmp_path / "no_such_gold.jsonl")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "no gold file at" in err and "docs/gold.md" in err and "Traceback" not in err


def test_the_example_gold_file_scores():
    from project_paths import ROOT
    proc = run("eval", ROOT / "samples" / "gold_example.jsonl", "--quiet", timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "recall" in proc.stdout.decode()


def test_output_is_the_same_whatever_the_hash_seed():
    """The same input gives byte-identical output in every process (no set or dict order leaks into it)."""
    import os

    sample = Path(__file__).resolve().parents[1] / "samples" / "news.jsonl"
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "newsevents", "code", str(sample), "--all", "--no-progress"],
                              capture_output=True, timeout=600, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") > 400
