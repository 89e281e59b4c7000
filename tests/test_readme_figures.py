"""#11: the figures the README quotes are those of a fresh run (`tools/readme_figures.py`: `make run`'s steps on
samples/news.jsonl, and the ingest of samples/news.warc.gz, into a temporary store)."""
from __future__ import annotations

import importlib.util

import pytest
from project_paths import ROOT


@pytest.fixture(scope="module")
def figures():
    spec = importlib.util.spec_from_file_location("readme_figures", ROOT / "tools" / "readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.figures()


@pytest.fixture(scope="module")
def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_make_run_block_is_quoted_as_a_fresh_run_prints_it(figures, readme):
    block = figures["make run"]
    assert "48 articles stored" in block and "top 5 dyads" in block and "alerts for" in block
    assert block in readme, "README's `make run` output is stale: run python tools/readme_figures.py"


def test_warc_ingest_line_is_quoted_as_a_fresh_run_prints_it(figures, readme):
    line = figures["warc"]
    assert line in readme, "README's WARC ingest line is stale: run python tools/readme_figures.py"
    mentions = line.split(" mentions")[0].rsplit(" ", 1)[-1]
    assert f"the same {mentions} mentions" in readme
