# Set-up on a fresh machine is part of every target: the venv is made and filled when missing or stale.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test lint serve clean

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch, pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## summarise the sample story in seeds/
	$(VENV)/bin/summarize seeds/ $(ARGS)

serve: $(STAMP)  ## start the HTTP service on 127.0.0.1:8000
	$(VENV)/bin/summarize-server $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy summarizer service benchmarks

test: lint  ## lint, type-check and run the whole test suite
	$(PY) -m pytest $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
