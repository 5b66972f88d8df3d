# Cruscotto territoriale: `make run` (set up and serve the demo) and `make test` (set up and run every test).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test setup setup-dev db demo lint bench bench-national clean

$(BIN)/python:
	@echo "==> Creo l'ambiente virtuale $(VENV) con $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	@echo "==> Installo le dipendenze fissate (requirements.txt)"
	$(BIN)/pip install --disable-pip-version-check --no-input -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	@echo "==> Installo gli strumenti di test (requirements-dev.txt)"
	$(BIN)/pip install --disable-pip-version-check --no-input -q -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

db: setup
	@echo "==> Porto il database allo schema attuale"
	$(BIN)/python manage.py init-db

demo: db
	@echo "==> Carico i dati demo (solo se il database è vuoto)"
	$(BIN)/python manage.py seed-demo --if-empty

run: demo
	@echo "==> Avvio il cruscotto su http://localhost:$(PORT)"
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address localhost

test: setup-dev
	@echo "==> Eseguo tutti i test"
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check .

bench: setup-dev
	$(BIN)/python benchmarks/perturbation.py
	$(BIN)/python benchmarks/national.py --backend sqlite --scale seeds --duration 20
	$(BIN)/python benchmarks/slide_pack.py
	$(BIN)/python benchmarks/import_rows.py

# Issue 8: every page on the national demo data, SQLite and PostgreSQL (TEST_POSTGRES_URL, else 127.0.0.1:5432);
# tables in test-artifacts/bench/. The first run builds the national databases (a few minutes).
bench-national: setup-dev
	$(BIN)/python benchmarks/national.py --backend sqlite
	$(BIN)/python benchmarks/national.py --backend postgresql

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
