"""The Carica dati page after issues 14 and 17 (AppTest): the check and the load run in the import's worker process
and the page shows their outcome; the preview puts the figures next to the current ones; a file of another table
gets a button to check it as that table; the English headers are listed; a file over the size limit gets the
app's message in the user's language and is recorded; a personal file name is never shown nor recorded.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access.models import AuditEvent
from tests.conftest import APP, log_in
from tests.views import test_import_cli_page as base
from tests.views.test_import_cli_page import HEADER, _places, _state, shown

engine = base.engine  # the fixture: a demo database with SAI-SONDRIO (January 2025) and CAS-MILANO


def _page(engine, user: str = "demo.amministratore", lang: str = "it") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    if lang != "it":
        at.session_state["lang"] = lang
    log_in(at, engine, user)
    at.run()
    at.switch_page("views/importa.py").run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, name: str, data: bytes, table: str = "capacity") -> AppTest:
    at.selectbox(key="import_table").select(table).run()
    at.file_uploader(key=f"import_file_{at.session_state['import_nonce']}").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _events(engine, event: str) -> list[dict]:
    with engine.connect() as conn:
        return [json.loads(d) for d in conn.execute(select(AuditEvent.details).where(AuditEvent.event == event)
                                                    .order_by(AuditEvent.id)).scalars()]


def test_the_preview_shows_the_figures_and_the_load_goes_through_the_worker(engine):
    at = _upload(_page(engine), "sondrio.csv",
                 f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;2.000;1.500\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n"
                 .encode())
    [figures] = [d.value for d in at.dataframe if "dato attuale" in d.value.columns]
    assert figures.values.tolist() == [
        ["SAI-SONDRIO", "gennaio 2025", "strutture", "2", "2", "0"],
        ["SAI-SONDRIO", "gennaio 2025", "posti", "10", "2.000", "+1.990"],
        ["SAI-SONDRIO", "gennaio 2025", "presenze", "8", "1.500", "+1.492"],
        ["SAI-SONDRIO", "febbraio 2025", "strutture", "—", "2", "—"],
        ["SAI-SONDRIO", "febbraio 2025", "posti", "—", "12", "—"],
        ["SAI-SONDRIO", "febbraio 2025", "presenze", "—", "9", "—"]]
    at.button(key="import_load_0").click().run()
    assert not at.exception, at.exception
    assert [shown(s.value) for s in at.success] == [
        "Caricato «sondrio.csv»: versione dei dati 2 (1 righe nuove, 1 sostituite). I grafici mostrano già i nuovi "
        "dati."]
    assert _places(engine, "2025-01") == 2000 and _places(engine, "2025-02") == 12
    assert at.session_state["import_nonce"] == 1  # a fresh uploader for the next file


def test_a_file_of_another_table_gets_a_button_to_check_it_as_that_table(engine):
    at = _upload(_page(engine), "sondrio.csv", f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n".encode(),
                 table="projects")
    [report] = [d.value for d in at.dataframe if "problema" in d.value.columns]
    assert report["problema"].tolist() == [
        "il file sembra della tabella «Accoglienza: strutture, posti e presenze»: le sue intestazioni sono quelle di "
        "quella tabella, non di «Anagrafica dei progetti»"]
    at.button(key="import_guess_0").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="import_table").value == "capacity"
    assert any("dato attuale" in d.value.columns for d in at.dataframe)  # checked again as capacity: a preview


def test_the_accepted_english_headers_are_listed(engine):
    at = _page(engine)
    [columns] = [d.value for d in at.dataframe if "Intestazione" in d.value.columns]
    assert columns[["Intestazione", "Intestazione inglese (accettata)"]].values.tolist()[:3] == [
        ["codice_progetto", "project_code"], ["denominazione", "name"], ["programma", "programme"]]
    at = _page(engine, lang="en")
    [columns] = [d.value for d in at.dataframe if "Header" in d.value.columns]
    assert "English header (accepted)" in columns.columns


def test_a_file_over_the_limit_gets_the_apps_message_and_is_recorded(engine, monkeypatch):
    """Streamlit's own ceiling is above the limit (.streamlit/config.toml), so the app sees the file, refuses it
    in the user's language and records the refusal."""
    monkeypatch.setenv("CRUSCOTTO_IMPORT_MAX_MB", "0.001")
    before = _state(engine)
    data = f"{HEADER}\n".encode() + b"2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n" * 40
    at = _upload(_page(engine, lang="en"), "grande.csv", data)
    assert [shown(e.value) for e in at.error] == [
        "The file cannot be read. The file «grande.csv» is too big: 1.6 KB (limit 1.0 KB). Split it by period or by "
        "project and upload the parts."]
    assert _state(engine) == before
    [refusal] = _events(engine, "upload_rejected")
    assert refusal["file"] == "grande.csv" and "troppo grande" in refusal["problema"]


def test_a_personal_file_name_is_neither_shown_nor_recorded(engine):
    name = "RSSMRA85T10A562S_mario.rossi@example.com.csv"
    at = _upload(_page(engine), name, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n".encode())
    said = " ".join(shown(e.value) for e in at.error)
    assert "Il nome del file sembra contenere dati personali (un codice fiscale)" in said
    assert "RSSMRA" not in said and "rossi" not in said
    [refusal] = _events(engine, "upload_rejected")
    assert refusal["file"] == "(nome nascosto: possibile dato personale)"


@pytest.mark.parametrize("name", ["[Accedi di nuovo](https://example.org).csv", "![x](https://example.org/x).csv"])
def test_a_file_name_in_markdown_is_shown_as_it_is(engine, name):
    at = _upload(_page(engine), name, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;-1;9\n".encode())
    [caption] = [c.value for c in at.caption if c.value.startswith("File ")]
    assert "\\[" in caption and "\\]" in caption  # escaped: drawn as text, never as a link or an image
    assert shown(caption).startswith(f"File «{name}»")


def test_a_data_steward_checks_through_the_worker_with_their_own_scope(engine):
    """The worker checks with the steward's projects: a row of another project is refused, by row and column, and
    nothing is loaded."""
    before = _state(engine)
    at = _upload(_page(engine, "demo.referente"), "milano.csv",
                 f"{HEADER}\n2025-02;015;;CAS-MILANO;uomini;2;12;9\n".encode())
    [report] = [d.value for d in at.dataframe if "problema" in d.value.columns]
    assert report[["riga", "colonna", "problema"]].values.tolist() == [
        [2, "«progetto» (D)", "il progetto non è tra quelli assegnati al proprio profilo"]]
    assert not any("dato attuale" in d.value.columns for d in at.dataframe)
    assert _state(engine) == before
