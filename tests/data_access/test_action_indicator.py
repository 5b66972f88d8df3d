"""The action plan's optional indicator (issue 21): the ``indicatore`` column of the actions file, its check (a
code of ACTION_INDICATORS, blank allowed; an unknown one refused with the row, the column and the values allowed,
nothing loaded), files without it, the template and the data dictionary, and what Rete's query returns."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from config import settings
from data_access import analytics, imports
from data_access.contract import COLUMNS
from data_access.models import ACTION_INDICATORS, Action, DataVersion
from data_access.scope import Filters, Scope
from presentation import import_files
from tests.conftest import TEST_SECRET

TODAY = dt.date(2026, 11, 23)
HEADER = "provincia;codice_azione;titolo;tipo_capofila;stato;scadenza;data_completamento"


@pytest.fixture
def engine(migrated_engine, monkeypatch):
    monkeypatch.setenv(settings.SECRET_ENV, TEST_SECRET.decode())
    return migrated_engine


def actions_file(*rows: str, header: str = HEADER + ";indicatore") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def check(engine, data: bytes):
    return imports.check(engine, data, "azioni.csv", "actions", today=TODAY)


def versions(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(DataVersion)).scalar()


def test_indicator_is_loaded_and_returned_to_rete(engine):
    report = check(engine, actions_file("064;PIL-AV-07;Procedura;ambito_sociale;in_corso;2025-06-30;;contatti",
                                        "064;PIL-AV-09;Trasporto gratuito;comune;sospesa;2024-09-30;;"))
    assert report.ok, [m.line() for m in report.ordered()]
    imports.apply(engine, report, actor="prova")
    items = analytics.rete_actions.uncached(engine, Scope(), Filters(unit="mese", start="2025-01", end="2025-12"),
                                            TODAY)["items"].frame.set_index("action_code")
    assert items.at["PIL-AV-07", "indicator"] == "contatti"
    assert items["indicator"].isna().sum() == 1 and not isinstance(items.at["PIL-AV-09", "indicator"], str)


def test_unknown_indicator_is_refused_and_nothing_loaded(engine):
    before = versions(engine)
    report = check(engine, actions_file("064;PIL-AV-07;Procedura condivisa;ambito_sociale;in_corso;2025-06-30;;torta"))
    assert not report.ok
    [error] = [m.line() for m in report.errors]
    assert error.startswith("Errore - riga 2, colonna «indicatore» (H): valore «torta»")
    assert ", ".join(ACTION_INDICATORS) in error
    assert "Error - row 2" in report.errors[0].line("en")
    with pytest.raises(ValueError, match="Il file ha errori"):
        imports.apply(engine, report, actor="prova")
    assert versions(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Action)).scalar() == 0


def test_files_without_the_column_still_load(engine):
    report = check(engine, actions_file("064;PIL-AV-07;Procedura condivisa;ambito_sociale;in_corso;2025-06-30;",
                                        header=HEADER))
    assert report.ok and report.frame["indicator"].isna().all()


def test_english_header_and_template(engine):
    report = check(engine, actions_file("064;PIL-AV-07;Procedura;ambito_sociale;in_corso;2025-06-30;;prese_in_carico",
                                        header=HEADER + ";indicator"))
    assert report.ok and list(report.frame["indicator"]) == ["prese_in_carico"]
    assert [c.header for c in COLUMNS["actions"]][-1] == "indicatore"
    header = next(line for line in import_files.template_csv("actions").decode("utf-8-sig").splitlines()
                  if line.startswith("provincia;"))
    assert header.endswith(";indicatore")
