"""The figures the README quotes, from a real run: `make run`'s steps into a temporary store, and the ingest
of the sample crawl (`samples/news.warc.gz`).

    python tools/readme_figures.py            # prints the README's `make run` block and the WARC line
    python tools/readme_figures.py --write    # and puts them into README.md

`tests/test_readme_figures.py` builds the same figures and checks that the README quotes them as they are.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_NEWS = ROOT / "samples" / "news.jsonl"
SAMPLE_WARC = ROOT / "samples" / "news.warc.gz"


def newsevents(*args: str) -> subprocess.CompletedProcess:
    """One `newsevents` command, as `make run` runs it; its output captured, a failure raised."""
    done = subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"newsevents {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done


def make_run_block(folder: Path) -> str:
    """What `make run` prints (its commands' last lines), run into `folder` instead of out/."""
    db, events = str(folder / "sample.duckdb"), str(folder / "sample_events.jsonl")
    ingest = newsevents("ingest", str(SAMPLE_NEWS), "--db", db, "--no-progress")
    export = newsevents("export", "--db", db, "--all", "--format", "jsonl", "-o", events)
    summary = newsevents("summary", "--db", db)
    lines = [ingest.stderr.strip().splitlines()[-1],
             export.stderr.strip().splitlines()[-1].replace(events, "out/sample_events.jsonl"),
             *summary.stdout.rstrip().splitlines()]
    return "\n".join(lines)


def warc_line(folder: Path) -> str:
    """The last line of `newsevents ingest samples/news.warc.gz` into a new store."""
    done = newsevents("ingest", str(SAMPLE_WARC), "--db", str(folder / "crawl.duckdb"), "--no-progress")
    return done.stderr.strip().splitlines()[-1]


def figures() -> dict[str, str]:
    """{"make run": block, "warc": line}, from fresh stores in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="newsevents-readme-") as tmp:
        return {"make run": make_run_block(Path(tmp)), "warc": warc_line(Path(tmp))}


def write_readme(found: dict[str, str], readme: Path = ROOT / "README.md") -> None:
    """Replace the quoted `make run` block (the code block after "Its output on the 48 sample articles:") and
    the WARC ingest figures in the README."""
    text = readme.read_text(encoding="utf-8")
    text, n = re.subn(r"(Its output on the \d+ sample articles:\n\n```\n)(.*?)(\n```)",
                      lambda m: m.group(1) + found["make run"] + m.group(3), text, count=1, flags=re.S)
    if n != 1:
        raise SystemExit("README: the `make run` output block was not found")
    mentions = re.search(r" (\d+) mentions \(", found["warc"]).group(1)
    text = re.sub(r"(\$ newsevents ingest samples/news\.warc\.gz [^\n]*\n)[^\n]*",
                  lambda m: m.group(1) + found["warc"], text, count=1)
    text = re.sub(r"(# the local engine: the same )\d+( mentions)", lambda m: m.group(1) + mentions + m.group(2), text)
    readme.write_text(text, encoding="utf-8")


def main() -> int:
    found = figures()
    if "--write" in sys.argv[1:]:
        write_readme(found)
    print("# make run (README, \"Two commands\")")
    print(found["make run"])
    print("\n# newsevents ingest samples/news.warc.gz (README, \"Scale-out and news formats\")")
    print(found["warc"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
