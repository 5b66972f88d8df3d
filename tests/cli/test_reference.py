"""`manage.py reference load` (issue 18): a newer extract of the public data is checked like an import and loaded
as a new version with an audit entry; a bad file (wrong columns, unknown region, negative value, bad date) leaves
the database as it was, with an Italian message naming row and column; `init-db` loads the shipped files once."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

import manage
from data_access import public_files
from data_access.models import AuditEvent, DataVersion, PublicLanding, PublicPresence

SHIPPED = {name: data.decode("utf-8") for name, data in public_files.shipped()}
PRESENCES = SHIPPED["accoglienza.csv"]
LANDINGS = SHIPPED["sbarchi-per-giorno.csv"]
LOMBARDIA_FIRST = "Lombardia,2019-09-30,,11701,2105,,03,Lombardia"  # row 10 of the file (the headers are row 1)


@pytest.fixture
def cli_db(migrated_engine, monkeypatch):
    """A database as `init-db` leaves it (territories, the shipped public data), for the command line."""
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("CRUSCOTTO_LANG", raising=False)
    public_files.ensure_loaded(migrated_engine, actor="manage.py")
    return migrated_engine


def state(engine) -> tuple:
    """What a refused load must leave as it was: versions, rows, and the successful loads in the audit trail."""
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (DataVersion, PublicPresence, PublicLanding)) + (conn.execute(
                         select(func.count()).select_from(AuditEvent).where(AuditEvent.event == "upload")
                     ).scalar_one(),)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def newer_presences() -> str:
    """The shipped extract and one more report date (30/09/2025, the figures of the 15th)."""
    return PRESENCES + "".join(line.replace("2025-09-15", "2025-09-30") + "\n"
                               for line in PRESENCES.splitlines() if ",2025-09-15," in line)


def test_a_newer_extract_is_loaded_as_a_new_version_with_an_audit_entry(cli_db, tmp_path, capsys):
    import datetime as dt

    path = write(tmp_path, "accoglienza-2025-09-30.csv", newer_presences())
    assert manage.main(["reference", "load", path]) == 0
    out = capsys.readouterr().out
    assert "«accoglienza-2025-09-30.csv» (presenze nel sistema di accoglienza per regione): 2.820 righe lette, " \
           "2.820 da caricare, dal 30/09/2019 al 30/09/2025." in out
    assert "1 riga con le colonne spostate rimessa a posto (Valle d'Aosta, 28/02/2022)" in out
    assert "Caricata: versione 2 dei dati pubblici." in out
    with cli_db.connect() as conn:
        version = conn.execute(select(DataVersion.kind, DataVersion.created_by, DataVersion.rows)
                               .where(DataVersion.id == 2)).one()
        event = conn.execute(select(AuditEvent.username, AuditEvent.page, AuditEvent.details)
                             .where(AuditEvent.event == "upload").order_by(AuditEvent.id.desc())).first()
        last = conn.execute(select(func.max(PublicPresence.report_date))
                            .where(PublicPresence.version_id == 2)).scalar_one()
    assert tuple(version) == ("reference", "manage.py", 2820) and last == dt.date(2025, 9, 30)
    details = json.loads(event.details)
    assert (event.username, event.page, details["versione"]) == ("manage.py", "riferimento", 2)
    assert details["file"][0]["file"] == "accoglienza-2025-09-30.csv" and details["file"][0]["caricate"] == 2820
    assert manage.main(["reference", "load", path]) == 0  # the same file again: nothing changes
    assert "Nessuna modifica" in capsys.readouterr().out
    assert state(cli_db)[0] == 2


BAD_PRESENCES = [
    ("wrong columns", PRESENCES.replace("CodiceRegione", "Codice", 1),
     "Errore: mancano le colonne obbligatorie: CodiceRegione. Colonne attese per presenze nel sistema di "
     "accoglienza per regione: Regione, Data_Report"),
    ("unknown region", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace(",03,", ",99,")),
     "Errore - riga 10, colonna «CodiceRegione» (G): valore «99»: codice ISTAT di regione inesistente. Scrivere il "
     "codice ISTAT a due cifre della regione (da 01 a 20)\n"),
    ("negative value", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace(",11701,", ",-11701,")),
     "Errore - riga 10, colonna «Migranti presenti nei centri di accoglienza» (D): valore «-11701»: il numero è "
     "negativo. Scrivere un numero maggiore o uguale a 0 (0 se non ci sono casi)\n"),
    ("bad date", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace("2019-09-30", "2019-09-31")),
     "Errore - riga 10, colonna «Data_Report» (B): valore «2019-09-31»: la data non esiste. Controllare giorno e "
     "mese (GG/MM/AAAA)\n"),
    ("date not a date", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace("2019-09-30", "settembre")),
     "Errore - riga 10, colonna «Data_Report» (B): valore «settembre»: la data non è nel formato AAAA-MM-GG né "
     "GG/MM/AAAA."),
    ("region name and code disagree", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace("Lombardia,", "Lazio,",
                                                                                               1)),
     "Errore - riga 10, colonna «Regione» (A): valore «Lazio»: la regione non corrisponde al codice 03 (Lombardia)."),
    ("SIPROIMI and SAI both filled", PRESENCES.replace(LOMBARDIA_FIRST, LOMBARDIA_FIRST.replace(",2105,,", ",2105,7,")),
     "Errore - riga 10, colonna «Migranti presenti nei centri SAI» (F): valore «7»: SIPROIMI e SAI sono lo stesso "
     "sistema"),
    ("a region missing at a date", PRESENCES.replace(LOMBARDIA_FIRST + "\n", ""),
     "alla data del rapporto mancano regioni: Lombardia."),
]


@pytest.mark.parametrize(("case", "text", "message"), BAD_PRESENCES, ids=[c[0] for c in BAD_PRESENCES])
def test_a_bad_file_leaves_the_database_as_it_was(cli_db, tmp_path, capsys, case, text, message):
    before = state(cli_db)
    assert manage.main(["reference", "load", write(tmp_path, "accoglienza.csv", text)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err, captured.err
    assert "il file non viene caricato" in captured.out
    assert state(cli_db) == before
    with cli_db.connect() as conn:
        refused = conn.execute(select(AuditEvent.page, AuditEvent.details)
                               .where(AuditEvent.event == "upload_rejected")).one()
    assert refused.page == "riferimento" and json.loads(refused.details)["file"][0]["errori"] >= 1


def test_nothing_is_half_loaded(cli_db, tmp_path, capsys):
    """Two files, the second with an error: neither is loaded."""
    good = write(tmp_path, "accoglienza.csv", newer_presences().replace("2025-09-30", "2025-09-16"))
    bad = write(tmp_path, "sbarchi.csv", LANDINGS.replace("2019-09-02,315,", "2019-09-02,-315,", 1))
    before = state(cli_db)
    assert manage.main(["reference", "load", good, bad]) == 1
    err = capsys.readouterr().err
    assert "Errore - riga 3, colonna «Valore» (B): valore «-315»: il numero è negativo." in err
    assert state(cli_db) == before


def test_landings_with_known_defects_load_and_say_what_was_refused(cli_db, tmp_path, capsys):
    extra = LANDINGS + "2025-09-16,77,nota,fonte,2025-09-16\n2025-11-31,5,nota,fonte,2025-11-15\n"
    assert manage.main(["reference", "load", write(tmp_path, "sbarchi.csv", extra)]) == 0
    out = capsys.readouterr().out
    assert "Avviso - riga 4355, colonna «Data» (A): valore «2025-11-31»: la data non esiste. La riga è esclusa e " \
           "contata tra le righe rifiutate." in out
    assert "8 righe rifiutate per una data inesistente; 1 riga rifiutata per un valore non numerico" in out
    assert "Caricata: versione 2 dei dati pubblici." in out


def test_a_landing_date_in_another_format_is_an_error(cli_db, tmp_path, capsys):
    before = state(cli_db)
    text = LANDINGS.replace("2019-09-02,315,", "2 settembre,315,", 1)
    assert manage.main(["reference", "load", write(tmp_path, "sbarchi.csv", text)]) == 1
    assert "Errore - riga 3, colonna «Data» (A): valore «2 settembre»: la data non è nel formato" in \
        capsys.readouterr().err
    assert state(cli_db) == before


def test_a_file_of_neither_extract(cli_db, tmp_path, capsys):
    before = state(cli_db)
    assert manage.main(["reference", "load", write(tmp_path, "altro.csv", "periodo;provincia\n2025-01;015\n")]) == 1
    err = capsys.readouterr().err
    assert "il file «altro.csv» non ha le colonne di un estratto dei dati pubblici" in err
    assert state(cli_db) == before


def test_dry_run_user_and_missing_file(cli_db, tmp_path, capsys, monkeypatch):
    before = state(cli_db)
    path = write(tmp_path, "accoglienza.csv", newer_presences().replace("2025-09-30", "2025-09-16"))
    assert manage.main(["reference", "load", path, "--dry-run"]) == 0
    assert "Prova (--dry-run): nulla è stato caricato." in capsys.readouterr().out
    assert manage.main(["reference", "load", str(tmp_path / "manca.csv")]) == 1
    assert capsys.readouterr().err.strip() == f"Errore: file non trovato: {tmp_path / 'manca.csv'}"
    from data_access import auth

    auth.create_user(cli_db, "pref.milano", "prefettura", "una-password-lunga", provinces=["015"], actor="test")
    assert manage.main(["reference", "load", path, "--user", "pref.milano"]) == 1
    assert capsys.readouterr().err.strip() == "Errore: i dati pubblici li carica solo un amministratore"
    assert state(cli_db) == before
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    assert manage.main(["reference", "load", write(tmp_path, "x.csv", BAD_PRESENCES[1][1])]) == 1
    assert "Error - row 10, column «CodiceRegione» (G): value «99»: no region has this ISTAT code." in \
        capsys.readouterr().err


def test_init_db_loads_the_shipped_public_data_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nuovo.db'}")
    assert manage.main(["init-db"]) == 0
    assert "Dati pubblici del Ministero dell'Interno caricati da public_data/ministero-interno: versione 1." in \
        capsys.readouterr().out
    assert manage.main(["init-db"]) == 0
    assert "Dati pubblici del Ministero dell'Interno già caricati." in capsys.readouterr().out
    assert manage.main(["status"]) == 0
    out = capsys.readouterr().out
    assert "Dati: nessuno" in out and "modalità demo: no" in out
    assert "Dati pubblici (Ministero dell'Interno): versione 1" in out
