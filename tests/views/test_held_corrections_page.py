"""Carica dati and corrections held for approval, as a data steward and an administrator see them (AppTest): the
steward is told before loading that a correction of a published month will wait, and after loading that it waits;
the administrator sees the queue (with the revisions already published), must confirm, and approves or rejects;
the figures change only on approval; the section speaks English on the English page."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from data_access import auth, loading
from data_access.imports import corrections
from data_access.models import PROJECT_COLUMNS, AuditEvent, Capacity
from tests.conftest import APP, TEST_SECRET, log_in

HEADER = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"


@pytest.fixture
def engine(migrated_engine, monkeypatch):
    """Demo mode: SAI-SONDRIO with January 2025 published, and the demo accounts (demo.referente: SAI-SONDRIO)."""
    projects = pd.DataFrame([{"project_code": "SAI-SONDRIO", "name": "SAI Provincia di Sondrio", "programme": "SAI",
                              "lead_body": None, "managing_body": None, "start_date": pd.Timestamp("2014-02-01").date(),
                              "end_date": None, "funding_call": None}])[list(PROJECT_COLUMNS)]
    first = pd.DataFrame([{"period": "2025-01", "province_code": "014", "municipality_code": None,
                           "project_code": "SAI-SONDRIO", "target_group": "uomini", "structures": 2, "places": 10,
                           "occupied": 8}])
    loading.load(migrated_engine, secret=TEST_SECRET, kind="demo", source="demo:test", frames={"capacity": first},
                 projects=projects)
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    auth.ensure_demo_users(migrated_engine)
    return migrated_engine


def _page(engine, user: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.session_state["lang"] = lang
    log_in(at, engine, user)
    at.run()
    at.switch_page("views/importa.py").run()
    assert not at.exception, at.exception
    return at


def _occupied(engine, period: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(func.sum(Capacity.occupied)).where(Capacity.version_to.is_(None),
                                                                       Capacity.period == period)).scalar_one()


def _upload(at: AppTest, text: str) -> AppTest:
    at.selectbox(key="import_table").select("capacity").run()
    at.file_uploader(key="import_file_0").set_value(("sondrio.csv", text.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_a_steward_is_told_their_correction_waits_and_the_administrator_approves_it(engine):
    at = _upload(_page(engine, "demo.referente"),
                 f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;10;9\n2025-02;014;;SAI-SONDRIO;uomini;2;10;7\n")
    assert [w.value for w in at.warning if "mesi già pubblicati" in w.value] == [
        "1 righe correggono mesi già pubblicati: non saranno pubblicate subito ma attenderanno l'approvazione di un "
        "amministratore. Le altre righe si caricano subito."]
    at.button(key="import_load_0").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        "Caricato «sondrio.csv»: versione dei dati 2 (1 righe di mesi non ancora pubblicati).",
        "1 righe correggono mesi già pubblicati: sono in attesa dell'approvazione di un amministratore (correzione "
        "n. 1). Finché non è approvata, le pagine mostrano i dati precedenti."]
    assert (_occupied(engine, "2025-01"), _occupied(engine, "2025-02")) == (8, 7)
    [own] = [d.value for d in at.dataframe if "Misure cambiate" in d.value.columns]
    assert own[["N.", "Tabella", "Progetto e mesi", "Misure cambiate", "Stato", "Deciso da"]].to_dict("records") == [
        {"N.": 1, "Tabella": "Accoglienza: strutture, posti e presenze", "Progetto e mesi": "SAI-SONDRIO 2025-01",
         "Misure cambiate": "Presenze", "Stato": "in attesa", "Deciso da": "—"}]
    assert "correction_pick" not in [s.key for s in at.selectbox]  # no decision for a data steward

    at = _page(engine, "demo.amministratore")
    assert "Correzioni in attesa di approvazione" in [x.value for x in at.subheader]
    [queue] = [d.value for d in at.dataframe if "Revisioni già pubblicate" in d.value.columns]
    assert queue[["N.", "Da", "Revisioni già pubblicate"]].to_dict("records") == [
        {"N.": 1, "Da": "demo.referente", "Revisioni già pubblicate": "0"}]
    assert at.button(key="correction_approve").disabled and at.button(key="correction_reject").disabled
    at.checkbox(key="correction_ok_1").check().run()
    at.button(key="correction_approve").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Correzione n. 1 approvata: versione dei dati 3."]
    assert _occupied(engine, "2025-01") == 9
    with engine.connect() as conn:
        assert conn.execute(select(AuditEvent.username).where(AuditEvent.event == "correction_approved")
                            ).scalar_one() == "demo.amministratore"
    assert "Nessuna correzione in attesa." in [c.value for c in at.caption]


def test_the_administrator_rejects_and_nothing_is_loaded(engine):
    at = _upload(_page(engine, "demo.referente"), f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;10;9\n")
    at.button(key="import_load_0").click().run()
    at = _page(engine, "demo.amministratore")
    at.checkbox(key="correction_ok_1").check().run()
    at.button(key="correction_reject").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Correzione n. 1 respinta: non è stato caricato nulla."]
    assert _occupied(engine, "2025-01") == 8
    assert corrections.listing(engine)["status"].tolist() == ["rifiutata"]
    with engine.connect() as conn:
        assert conn.execute(select(AuditEvent.username).where(AuditEvent.event == "correction_rejected")
                            ).scalar_one() == "demo.amministratore"


def test_the_section_speaks_english(engine):
    at = _upload(_page(engine, "demo.referente", lang="en"), f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;10;9\n")
    assert any(w.value.startswith("1 rows correct months already published") for w in at.warning)
    at.button(key="import_load_0").click().run()
    assert [s.value for s in at.success] == [
        "1 rows correct months already published: they wait for an administrator's approval (correction no. 1). "
        "Until it is approved, the pages show the earlier figures."]
    assert "Corrections waiting for approval" in [x.value for x in at.subheader]
    [own] = [d.value for d in at.dataframe if "Measures changed" in d.value.columns]
    assert own[["Status", "Measures changed"]].to_dict("records") == [{"Status": "waiting",
                                                                         "Measures changed": "Presences"}]
