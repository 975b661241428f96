# Every target bootstraps .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run sandbox test lint bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## console sandbox without Slack tokens, the real bot with them
	@$(VENV)/bin/devcenter-bot run

sandbox: $(STAMP)  ## the web sandbox: the real bot in a browser, as it looks in Slack (SANDBOX_ARGS="--port 8790")
	@$(VENV)/bin/devcenter-bot sandbox $(SANDBOX_ARGS)

test: $(STAMP)  ## the whole suite (PostgreSQL too when DEVCENTER_TEST_POSTGRES_URL is set)
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff check, ruff format --check, mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)  ## the bot vs bare Bolt on SQLite and a throwaway PostgreSQL, 10k and 100k partners (~3.5 min; BENCH_ARGS="--only cpu,import --db sqlite")
	$(PY) -m bench.run $(BENCH_ARGS)
