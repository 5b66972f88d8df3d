"""The command line in words (issue 14): no "None", no Python dict, no English thousands or decimals in Italian
("ultima versione: None", "{'demo': 1}", "Caricate 20,660 righe" were printed), and the same in English."""

from __future__ import annotations

import types

import pandas as pd
import pytest

import manage
from data_access import loading
from tests.conftest import TEST_SECRET


@pytest.fixture
def cli_on(migrated_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("CRUSCOTTO_LANG", raising=False)
    return migrated_engine


def _status(capsys) -> str:
    capsys.readouterr()
    assert manage.main(["status"]) == 0
    return next(line for line in capsys.readouterr().out.splitlines() if line.startswith(("Dati:", "Data:")))


def test_status_of_an_empty_database_says_none_in_words(cli_on, capsys, monkeypatch):
    assert _status(capsys) == "Dati: nessuno; ultima versione: nessuna; modalità demo: no"
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    assert _status(capsys) == "Data: none; latest version: none; demo mode: no"


def test_status_names_the_kinds_of_versions(cli_on, capsys, monkeypatch):
    projects = pd.DataFrame([{"project_code": "A", "name": "Alfa", "programme": "SAI", "lead_body": None,
                              "managing_body": None, "start_date": pd.Timestamp("2020-01-01").date(),
                              "end_date": None, "funding_call": None}])
    for _ in range(2):
        loading.load(cli_on, secret=TEST_SECRET, kind="import", source="f.csv", frames={}, projects=projects)
    line = _status(capsys)
    assert line == "Dati: caricamenti: 2; ultima versione: 2; modalità demo: no"
    assert "{" not in line and "None" not in line
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    assert _status(capsys) == "Data: uploads: 2; latest version: 2; demo mode: no"


def test_seed_demo_writes_numbers_as_the_language_does(cli_on, capsys, monkeypatch):
    """20660 rows in 3.25 s: "20.660" and "3,2" in Italian, "20,660" and "3.2" in English."""
    import demo

    fake = types.SimpleNamespace(frames={}, projects=None, rows=lambda: 20_660)
    monkeypatch.setattr(demo, "generate", lambda scale, seed: fake)
    clock = iter([100.0, 103.25, 200.0, 203.25])
    monkeypatch.setattr("cli.database.time.perf_counter", lambda: next(clock))
    assert manage.main(["seed-demo"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Caricate 20.660 righe in 3,2 s (versione dati 1)."
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    with cli_on.begin() as conn:  # the same empty database again
        conn.exec_driver_sql("DELETE FROM data_versions")
    assert manage.main(["seed-demo"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Loaded 20,660 rows in 3.2 s (data version ")
