# One entry point for everything; CI calls the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup validate generate build serve test lint offline bench clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

validate: setup
	$(BIN)/python -m treatylib.validate

generate: setup
	$(BIN)/python -m treatylib.build

# mkdocs build --strict, failing on any warning, into a new build/site-* folder; then site
# (a symlink) is switched to it atomically, so a failed build never leaves no site or half of one.
build: generate
	$(BIN)/python -m treatylib.site_build

serve: setup
	$(BIN)/python -m treatylib.serve 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check src scripts tests

test: setup lint validate
	$(BIN)/python -m pytest

offline: generate
	$(BIN)/python scripts/offline.py

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf build site site.tmp dist
