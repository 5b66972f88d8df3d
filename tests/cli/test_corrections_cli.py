"""`manage.py corrections list | approve | reject`: the queue of data stewards' corrections held for approval, and
every bad argument refused with one line, nothing changed."""

from __future__ import annotations

import pytest

import manage
from data_access.imports import corrections
from tests.conftest import manage_exit_code
from tests.views.test_held_corrections_page import HEADER, _occupied, engine  # noqa: F401  (the fixture)


def _held(engine, tmp_path, presences: int = 9) -> int:  # noqa: F811
    path = tmp_path / "sondrio.csv"
    path.write_text(f"{HEADER}\n2025-01;014;;SAI-SONDRIO;uomini;2;10;{presences}\n", encoding="utf-8")
    assert manage.main(["import", str(path), "--table", "capacity", "--user", "demo.referente"]) == 0
    return int(corrections.listing(engine, pending_only=True)["id"].iloc[0])


def test_import_as_a_steward_holds_then_list_and_approve(engine, tmp_path, capsys):  # noqa: F811
    held = _held(engine, tmp_path)
    out = capsys.readouterr().out
    assert (f"1 righe correggono mesi già pubblicati: trattenute come correzione n. {held}, in attesa "
            f"dell'approvazione di un amministratore (`manage.py corrections approve {held}`).") in out
    assert "Caricato" not in out and _occupied(engine, "2025-01") == 8
    assert manage.main(["corrections", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["n.", "inviata", "da"]
    assert lines[1].split()[0] == str(held) and "demo.referente" in lines[1] and "capacity" in lines[1]
    assert lines[1].endswith("SAI-SONDRIO 2025-01 (sondrio.csv)") and " occupied " in lines[1]
    assert manage.main(["corrections", "approve", str(held), "--user", "demo.amministratore"]) == 0
    assert capsys.readouterr().out == f"Correzione n. {held} approvata: versione dei dati 2.\n"
    assert _occupied(engine, "2025-01") == 9
    assert manage.main(["corrections", "list"]) == 0
    assert capsys.readouterr().out == "Nessuna correzione in attesa di approvazione.\n"
    assert manage.main(["corrections", "list", "--all"]) == 0
    assert "approvata" in capsys.readouterr().out


def test_reject_from_the_command_line(engine, tmp_path, capsys, monkeypatch):  # noqa: F811
    held = _held(engine, tmp_path)
    capsys.readouterr()
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    assert manage.main(["corrections", "reject", str(held)]) == 0
    assert capsys.readouterr().out == f"Correction no. {held} rejected: nothing was loaded.\n"
    assert _occupied(engine, "2025-01") == 8
    assert manage.main(["corrections", "list", "--all"]) == 0
    assert "rejected" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["corrections"], 2, "argomenti obbligatori mancanti"),
    (["corrections", "approva", "1"], 2, "valore non ammesso «approva»"),
    (["corrections", "approve"], 2, "argomenti obbligatori mancanti: N"),
    (["corrections", "approve", "uno"], 2, "argomento N: valore non valido «uno» (atteso un numero intero)"),
    (["corrections", "approve", "0"], 2, "argomento N: valore non valido «0» (atteso un numero di correzione"),
    (["corrections", "reject", "-1"], 2, "valore non valido «-1»"),
    (["corrections", "approve", "99"], 1, "La correzione n. 99 non esiste."),
    (["corrections", "approve", "HELD", "--user", "demo.referente"], 1,
     "Solo un amministratore può approvare o respingere una correzione."),
    (["corrections", "reject", "HELD", "--user", "nessuno"], 1, "Utente sconosciuto: «nessuno»"),
    (["corrections", "list", "--tutte"], 2, "argomenti non riconosciuti: --tutte"),
])
def test_bad_arguments_get_one_line_and_change_nothing(engine, tmp_path, capsys, argv, code, message):  # noqa: F811
    held = _held(engine, tmp_path)
    capsys.readouterr()
    argv = [str(held) if a == "HELD" else a for a in argv]
    before = corrections.listing(engine, pending_only=True)["id"].tolist()
    assert manage_exit_code(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert corrections.listing(engine, pending_only=True)["id"].tolist() == before == [held]
    assert _occupied(engine, "2025-01") == 8
