"""The import as the command line and the page offer it: `manage.py import | versions | rollback | template |
dictionary`, the data dictionary checked against the models, and the Carica dati page (AppTest).

The checks themselves (bad-file corpus, accepted forms, versioning) are in tests/data_access/test_imports.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

import manage
from data_access import auth, contract, imports, loading
from data_access.models import PROJECT_COLUMNS, TABLES, AuditEvent, Capacity, DataVersion
from tests.conftest import APP, TEST_SECRET, log_in

ROOT = Path(__file__).resolve().parents[2]
HEADER = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"


def _projects() -> pd.DataFrame:
    rows = [("SAI-SONDRIO", "SAI Provincia di Sondrio", "SAI", dt.date(2014, 2, 1)),
            ("CAS-MILANO", "CAS Milano", "CAS", dt.date(2014, 6, 1))]
    return pd.DataFrame([{"project_code": code, "name": name, "programme": programme, "lead_body": None,
                          "managing_body": None, "start_date": start, "end_date": None, "funding_call": None}
                         for code, name, programme, start in rows])[list(PROJECT_COLUMNS)]


@pytest.fixture
def engine(migrated_engine, monkeypatch):
    """A fresh database in demo mode with two projects and one month of capacity for SAI-SONDRIO."""
    first = pd.DataFrame([{"period": "2025-01", "province_code": "014", "municipality_code": None,
                           "project_code": "SAI-SONDRIO", "target_group": "uomini", "structures": 2, "places": 10,
                           "occupied": 8}])
    loading.load(migrated_engine, secret=TEST_SECRET, kind="demo", source="demo:test", frames={"capacity": first},
                 projects=_projects())
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    return migrated_engine


def _state(engine) -> tuple:
    with engine.connect() as conn:
        return (conn.execute(select(Capacity.period, Capacity.project_code, Capacity.places, Capacity.occupied,
                                    Capacity.version_from, Capacity.version_to).order_by(Capacity.id)).all(),
                conn.execute(select(DataVersion.id, DataVersion.status).order_by(DataVersion.id)).all())


def _places(engine, period: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(func.sum(Capacity.places)).where(Capacity.version_to.is_(None),
                                                                     Capacity.period == period)).scalar_one()


def _write(tmp_path, text: str, name: str = "sondrio.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- manage.py import -------------------------------------------------------------------------------------------
def test_cli_import_dry_run_then_load_then_again(engine, tmp_path, capsys):
    path = _write(tmp_path, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n")
    before = _state(engine)
    assert manage.main(["import", str(path), "--table", "capacity", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "da aggiungere 1" in out and "nulla è stato caricato" in out
    assert _state(engine) == before

    assert manage.main(["import", str(path), "--table", "capacity"]) == 0
    assert "Caricato: versione dei dati 2" in capsys.readouterr().out
    assert _places(engine, "2025-02") == 12

    assert manage.main(["import", str(path), "--table", "capacity"]) == 0  # the same file again: nothing new
    assert "Nessuna modifica" in capsys.readouterr().out
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 2
        upload = conn.execute(select(AuditEvent.username, AuditEvent.details)
                              .where(AuditEvent.event == "upload")).all()
    assert [u.username for u in upload] == ["manage.py", "manage.py"]
    first = json.loads(upload[0].details)  # names and counts of rows, never a figure of the file
    assert first == {"tabella": "capacity", "file": "sondrio.csv", "sha256": first["sha256"], "righe": 1,
                     "versione": 2, "aggiunte": 1, "sostituite": 0, "invariate": 0, "errori": 0, "avvisi": 0}
    assert json.loads(upload[1].details)["versione"] is None


def test_cli_import_of_a_bad_file_prints_the_rows_and_loads_nothing(engine, tmp_path, capsys):
    path = _write(tmp_path, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;-12;9\n"
                            "02/2025;014;;SAI-SONDRIO;donne;1;4;4\n")
    before = _state(engine)
    assert manage.main(["import", str(path), "--table", "capacity", "--report", str(tmp_path / "r.csv")]) == 1
    captured = capsys.readouterr()
    assert "riga 2, colonna «posti» (G): valore «-12»: il numero è negativo" in captured.err
    assert "riga 3, colonna «periodo» (A): valore «02/2025»: il periodo non è scritto come AAAA-MM. Scrivere " \
           "2025-02" in captured.err
    assert "2 errori" in captured.out and "nulla è stato caricato" in captured.out
    report = (tmp_path / "r.csv").read_bytes().decode("utf-8-sig")
    assert report.splitlines()[1] == "livello;riga;colonna;valore;problema;come correggere"
    assert "errore;2;«posti» (G);'-12;il numero è negativo" in report  # a leading "-" is neutralised for Excel
    assert _state(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditEvent)
                            .where(AuditEvent.event == "upload_rejected")).scalar_one() == 1


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["import", "/nonexistent/file.csv", "--table", "capacity"], 1, "file non trovato: /nonexistent/file.csv"),
    (["import", "FILE", "--table", "capacita"], 2, "argomento --table: valore non ammesso «capacita»"),
    (["import", "FILE"], 2, "argomenti obbligatori mancanti: --table"),
    (["import", "FILE", "--table", "capacity", "--user", "nessuno"], 1, "Utente sconosciuto: «nessuno»"),
    (["import", "FILE", "--table", "capacity", "--user", "demo.prefettura"], 1,
     "non può caricare dati: possono farlo gli amministratori e i referenti dati"),
    (["import", "FILE", "--table", "capacity", "--sheet", "Dati"], 1, "è un CSV, che non ha fogli"),
    (["import", "EMPTY", "--table", "capacity"], 1, "è vuoto: compilare il modello"),
    (["rollback", "1"], 1, "La versione 1 non è un caricamento di file (demo)"),
    (["rollback", "99"], 1, "La versione 99 non esiste."),
    (["rollback", "1", "--user", "demo.referente"], 1, "Solo un amministratore può annullare un caricamento."),
    (["rollback", "uno"], 2, "argomento VERSIONE: valore non valido «uno» (atteso un numero intero)"),
    (["template", "capacita"], 2, "argomento TABELLA: valore non ammesso «capacita»"),
    (["template", "capacity", "--format", "ods"], 2, "argomento --format: valore non ammesso «ods»"),
])
def test_cli_bad_arguments_get_one_italian_line_and_change_nothing(engine, tmp_path, capsys, argv, code, message):
    auth.ensure_demo_users(engine)
    good = _write(tmp_path, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n")
    empty = _write(tmp_path, "", "vuoto.csv")
    argv = [str(good) if a == "FILE" else str(empty) if a == "EMPTY" else a for a in argv]
    before = _state(engine)
    if code == 2:  # argparse exits
        with pytest.raises(SystemExit) as exit_info:
            manage.main(argv)
        result = exit_info.value.code
    else:
        result = manage.main(argv)
    assert result == code
    assert message in capsys.readouterr().err
    assert _state(engine) == before


def test_cli_data_steward_loads_only_their_projects(engine, tmp_path, capsys):
    auth.ensure_demo_users(engine)  # demo.referente has SAI-SONDRIO
    mine = _write(tmp_path, f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n")
    other = _write(tmp_path, f"{HEADER}\n2025-02;015;;CAS-MILANO;uomini;2;40;39\n", "milano.csv")
    assert manage.main(["import", str(other), "--table", "capacity", "--user", "demo.referente"]) == 1
    assert "il progetto non è tra quelli assegnati al proprio profilo" in capsys.readouterr().err
    assert manage.main(["import", str(mine), "--table", "capacity", "--user", "demo.referente"]) == 0
    with engine.connect() as conn:
        assert conn.execute(select(DataVersion.created_by).where(DataVersion.id == 2)).scalar_one() == \
            "demo.referente"


def test_cli_versions_and_rollback(engine, tmp_path, capsys):
    path = _write(tmp_path, f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;14;8\n")
    assert manage.main(["import", str(path), "--table", "capacity"]) == 0
    assert _places(engine, "2025-01") == 14  # replaced the demo month
    capsys.readouterr()
    assert manage.main(["versions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["versione", "data", "(UTC)"]
    assert lines[1].split()[0] == "2" and "caricamento demo" in lines[1] and lines[1].endswith("sondrio.csv (capacity)")
    assert re.search(r"\b\d{2}/\d{2}/\d{4} \d{2}:\d{2}\b", lines[1]) and "attiva" in lines[1]  # in words, dd/mm/yyyy
    assert manage.main(["rollback", "2"]) == 0
    assert "Versione 2 annullata" in capsys.readouterr().out
    assert _places(engine, "2025-01") == 10
    assert manage.main(["rollback", "2"]) == 1
    assert "La versione 2 è già stata annullata." in capsys.readouterr().err


def test_cli_template_writes_a_template_that_reads_back(engine, tmp_path, capsys):
    out = tmp_path / "m.xlsx"
    assert manage.main(["template", "services", "--format", "xlsx", "--output", str(out)]) == 0
    report = imports.check(engine, out.read_bytes(), "m.xlsx", "services")
    assert [m.problem for m in report.errors] == ["il file ha le intestazioni ma nessuna riga di dati"]
    assert manage.main(["template", "services", "--output", str(tmp_path / "no" / "m.csv")]) == 1
    assert "impossibile scrivere" in capsys.readouterr().err


# --- The data dictionary ----------------------------------------------------------------------------------------
def test_data_dictionary_in_the_repository_is_current():
    text = (ROOT / "docs" / "dizionario_dati.md").read_text(encoding="utf-8")
    assert text.rstrip("\n") == contract.dictionary_markdown().rstrip("\n"), \
        "docs/dizionario_dati.md is stale: run `python manage.py dictionary > docs/dizionario_dati.md`"


@pytest.mark.parametrize("table", list(contract.COLUMNS))
def test_data_dictionary_covers_every_model_column_and_code(table):
    columns = {c.name for c in contract.COLUMNS[table]}
    if table == "projects":
        assert columns == set(PROJECT_COLUMNS)
    else:
        model_columns = {c.name for c in TABLES[table].model.__table__.columns
                         if c.name not in ("id", "version_from", "version_to", "origin_version")
                         and not c.name.startswith("ck_")}
        assert columns == model_columns
        for column, allowed in TABLES[table].codes.items():
            kind = next(c.kind for c in contract.COLUMNS[table] if c.name == column)
            assert kind == "code" and contract.codes(table, column) == allowed
        person = {c.name for c in contract.COLUMNS[table] if c.kind == "count"} & set(TABLES[table].person_measures)
        assert person == set(TABLES[table].person_measures)  # every count of people is checked as a count
    text = (ROOT / "docs" / "dizionario_dati.md").read_text(encoding="utf-8")
    section = text.split(f"(`{table}`)")[1].split("\n## ")[0]
    for column in contract.COLUMNS[table]:
        assert f"| `{column.header}` | `{column.name}` |" in section
        if column.kind == "code":
            assert all(code in section for code in contract.codes(table, column.name))
    headers = [contract.norm(c.header) for c in contract.COLUMNS[table]]
    assert len(headers) == len(set(headers))  # no two columns share a header


# --- The page ---------------------------------------------------------------------------------------------------
def shown(markdown: str) -> str:
    """The text a reader sees of a markdown source whose file-given parts are escaped (config.labels.md_literal:
    backslashes before the signs, an invisible word joiner inside an address)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _page(engine, user: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    log_in(at, engine, user)
    at.run()
    at.switch_page("views/importa.py").run()
    assert not at.exception, at.exception
    return at


def test_page_offers_every_table_to_the_administrator_and_project_tables_to_the_data_steward(engine):
    at = _page(engine, "demo.amministratore")
    assert [x.value for x in at.title] == ["Carica dati"]
    assert at.selectbox(key="import_table").options == [
        "Anagrafica dei progetti", "Accoglienza: strutture, posti e presenze",
        "Emersione: contatti, valutazioni, invii e prese in carico", "Attività di contatto: uscite e aperture",
        "Servizi erogati", "Rete territoriale: enti aderenti", "Riunioni del tavolo e della rete",
        "Piano di intervento locale: azioni", "Formazione degli operatori"]
    assert any("Database dimostrativo" in w.value for w in at.warning)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:2] == ["Modello CSV", "Modello XLSX"]
    assert "Annulla un caricamento" in [x.value for x in at.subheader]  # the administrator may roll back...
    assert [x.value for x in at.info] == ["Nessun caricamento da annullare."]  # ...once there is an upload

    at = _page(engine, "demo.referente")
    assert at.selectbox(key="import_table").options == [
        "Accoglienza: strutture, posti e presenze", "Emersione: contatti, valutazioni, invii e prese in carico",
        "Attività di contatto: uscite e aperture", "Servizi erogati"]
    assert [x.value for x in at.info] == ["Il proprio profilo carica i dati dei progetti: SAI-SONDRIO."]
    assert "Annulla un caricamento" not in [x.value for x in at.subheader]  # no rollback for a data steward


def test_page_rolls_back_an_upload_and_refuses_what_cannot_be(engine):
    first = imports.check(engine, f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;14;8\n".encode(), "a.csv", "capacity")
    imports.apply(engine, first, actor="demo.amministratore")
    second = imports.check(engine, f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;16;8\n".encode(), "b.csv",
                           "capacity")
    imports.apply(engine, second, actor="demo.amministratore")
    assert _places(engine, "2025-01") == 16
    at = _page(engine, "demo.amministratore")
    assert at.selectbox(key="rollback_pick_3").options == ["3", "2"]
    assert at.selectbox(key="rollback_pick_3").value == 3  # the latest version is preselected
    assert at.button(key="rollback_go").disabled  # nothing happens without the confirmation

    at.selectbox(key="rollback_pick_3").select(2).run()  # version 2 was partly replaced by version 3: refused
    at.checkbox(key="rollback_ok_2").check().run()
    before = _state(engine)
    at.button(key="rollback_go").click().run()
    assert [e.value for e in at.error] == [
        "Una parte dei dati della versione 2 è stata sostituita dalla versione 3: annullare prima la versione 3."]
    assert _state(engine) == before

    at.selectbox(key="rollback_pick_3").select(3).run()
    at.checkbox(key="rollback_ok_3").check().run()
    at.button(key="rollback_go").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Versione 3 annullata: dati ripristinati dalla versione 4."]
    assert _places(engine, "2025-01") == 14
    with engine.connect() as conn:
        assert conn.execute(select(AuditEvent.username).where(AuditEvent.event == "rollback")).scalar_one() == \
            "demo.amministratore"


def test_data_steward_lists_only_own_uploads_and_cannot_roll_back(engine):
    auth.ensure_demo_users(engine)
    for user, month in (("demo.referente", "2025-02"), ("demo.amministratore", "2025-01")):
        report = imports.check(engine, f"{HEADER}\n{month};014;;SAI-SONDRIO;uomini;2;16;8\n".encode(),
                               f"{user}.csv", "capacity")
        imports.apply(engine, report, actor=user)
    assert list(imports.versions_for(engine, "demo.referente")["id"]) == [2]
    assert list(imports.versions_for(engine, "demo.amministratore")["id"]) == [3, 2, 1]
    with pytest.raises(auth.AuthError, match="non può caricare dati"):
        imports.versions_for(engine, "demo.prefettura")
    before = _state(engine)
    with pytest.raises(auth.AuthError, match="Solo un amministratore può annullare un caricamento."):
        imports.rollback_by(engine, 3, "demo.referente")
    assert _state(engine) == before
    assert imports.rollback_by(engine, 3, "demo.amministratore") == 4


def test_english_page_says_the_check_in_english(engine):
    """The check's messages are said in the page's language: a bad file on the English page gets its summary,
    its report and its unreadable-file message in English (the command line and the default CSV stay Italian)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    log_in(at, engine, "demo.amministratore")
    at.run()
    at.switch_page("views/importa.py").run()
    at.selectbox(key="import_table").select("capacity").run()
    bad = f"{HEADER}\n2025-02;014;;SAI-SONDRIO;uomini;2;-12;9\n".encode()
    at.file_uploader(key="import_file_0").set_value(("sondrio.csv", bad, "text/csv")).run()
    assert not at.exception, at.exception
    assert [shown(c.value) for c in at.caption if c.value.startswith("File ")] == [
        "File «sondrio.csv» (CSV, semicolon separator, UTF-8), table capacity: 1 rows read; 1 errors, 0 warnings: "
        "nothing was loaded."]
    [report] = [d.value for d in at.dataframe if "problem" in d.value.columns]
    assert report.to_dict("records") == [{
        "level": "error", "row": 2, "column": "«posti» (G)", "value": "-12", "problem": "the number is negative",
        "how to fix": "write a number greater than or equal to 0 (0 if there are no cases)"}]

    at.file_uploader(key="import_file_0").set_value(("empty.csv", b"", "text/csv")).run()
    assert not at.exception, at.exception
    assert [shown(e.value) for e in at.error] == [
        "The file cannot be read. The file «empty.csv» is empty: fill in the template and upload it again."]
