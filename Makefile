# Set-up on a fresh machine is part of every target: the venv is made and filled when missing or stale.
# `make run` and `make serve` install what running needs; `make test` adds the rest (the dev extra).
VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
SERVE_STAMP := $(VENV)/.installed-serve
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test lint serve clean

$(RUN_STAMP): pyproject.toml Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch, pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(SERVE_STAMP): $(RUN_STAMP)
	$(PY) -m pip install --quiet -e '.[service]'
	touch $(SERVE_STAMP)

# Everything: the service, the benchmarks, Ray, the browser tests, the linters and the audit.
$(STAMP): $(RUN_STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(SERVE_STAMP) $(STAMP)

run: $(RUN_STAMP)  ## summarise the sample story in seeds/
	$(VENV)/bin/summarize seeds/ $(ARGS)

serve: $(SERVE_STAMP)  ## start the HTTP service on 127.0.0.1:8000
	$(VENV)/bin/summarize-server $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy summarizer service benchmarks

test: lint  ## lint, type-check and run the whole test suite
	$(PY) -m pytest $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
