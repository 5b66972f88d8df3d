"""The command line: every bad argument gets one Italian line, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

import manage
from cli import common, parser
from config.settings import LOCAL_SECRET_FILE
from data_access import db
from data_access.models import DataVersion
from tests.conftest import one_line_error

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env_url: str | None = None, secret: str | None = None,
            stdin: str = "", lang: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    if lang:
        env["CRUSCOTTO_LANG"] = lang
    if env_url:
        env["DATABASE_URL"] = env_url
    if secret:
        env["CRUSCOTTO_CKM_SECRET"] = secret
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input=stdin, timeout=300)


def files_under(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


CAPACITY_CSV = ("periodo;provincia;comune;progetto;gruppo;strutture;posti;presenze\n"
                "2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["seed-demo", "--scale", "regionale"], "valore non ammesso «regionale»"),
        (["seed-demo", "--seed", "abc"], "valore non valido «abc»"),
        (["seed-demo", "--seed"], "manca il valore"),
        (["seed-demo", "--seed", "-1"], "argomento --seed: valore non valido «-1» (atteso un numero intero non "
                                        "negativo)"),
        (["seed-demo", "--seed", "1.5"], "argomento --seed: valore non valido «1.5» (atteso un numero intero)"),
        (["comando-inesistente"], "valore non ammesso «comando-inesistente»"),
        (["init-db", "--forza"], "argomenti non riconosciuti: --forza"),
        ([], "argomenti obbligatori mancanti"),
        (["ptable", "--D", "-3"], "argomento --D: valore non valido «-3» (atteso un numero intero da 1 in su)"),
        (["ptable", "--D", "0"], "argomento --D: valore non valido «0» (atteso un numero intero da 1 in su)"),
        (["ptable", "--D", "2.5"], "argomento --D: valore non valido «2.5» (atteso un numero intero)"),
        (["ptable", "--V", "tre"], "argomento --V: valore non valido «tre» (atteso un numero)"),
        (["ptable", "--V", "0"], "argomento --V: valore non valido «0» (atteso un numero maggiore di 0)"),
        (["ptable", "--V", "-2"], "argomento --V: valore non valido «-2» (atteso un numero maggiore di 0)"),
        (["ptable", "--V", "nan"], "argomento --V: valore non valido «nan» (atteso un numero)"),
        (["ptable", "--V", "inf"], "argomento --V: valore non valido «inf» (atteso un numero)"),
        (["ptable", "--js", "-1"], "argomento --js: valore non valido «-1» (atteso un numero intero non negativo)"),
        (["ptable", "--js", "due"], "argomento --js: valore non valido «due» (atteso un numero intero)"),
        (["ptable", "--pstay", "1"], "argomento --pstay: valore non valido «1» (attesa una probabilità da 0 a meno "
                                     "di 1"),
        (["ptable", "--pstay", "-0.1"], "argomento --pstay: valore non valido «-0.1» (attesa una probabilità"),
        (["ptable", "--pstay", "metà"], "argomento --pstay: valore non valido «metà» (atteso un numero)"),
        (["rollback", "0"], "argomento VERSIONE: valore non valido «0» (atteso un numero di versione da 1 a "
                            "2147483647)"),
        (["rollback", "-3"], "argomento VERSIONE: valore non valido «-3»"),
        (["rollback", "99999999999999999999"], "valore non valido «99999999999999999999» (atteso un numero di "
                                               "versione da 1 a 2147483647)"),
    ],
)
def test_wrong_arguments(args, expected, tmp_path):
    check_refused(args, expected, tmp_path, code=2)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import", "FILE", "--table", "capacity", "--report", "/nessuna/cartella/rapporto.csv"],
         "impossibile scrivere il rapporto /nessuna/cartella/rapporto.csv: la cartella «/nessuna/cartella» non "
         "esiste."),
        (["import", "FILE", "--table", "capacity", "--dry-run", "--report", "DIR"],
         "impossibile scrivere il rapporto DIR: «DIR» è una cartella, non un file."),
        (["template", "capacity", "--output", "/nessuna/cartella/m.csv"],
         "impossibile scrivere /nessuna/cartella/m.csv: la cartella «/nessuna/cartella» non esiste."),
        (["template", "capacity", "--format", "xlsx", "--output", "DIR"],
         "impossibile scrivere DIR: «DIR» è una cartella, non un file."),
    ],
)
def test_unwritable_output_files(args, expected, tmp_path):
    """A report or template that cannot be written is refused before anything is checked or loaded."""
    check_refused(args, expected, tmp_path, code=1)


def check_refused(args, expected, tmp_path, code):
    url = f"sqlite:///{tmp_path / 'never.db'}"
    (tmp_path / "dati.csv").write_text(CAPACITY_CSV, encoding="utf-8")
    replace = {"FILE": str(tmp_path / "dati.csv"), "DIR": str(tmp_path)}
    secret_existed = LOCAL_SECRET_FILE.exists()
    result = run_cli(*[replace.get(a, a) for a in args], env_url=url)
    assert result.returncode == code
    assert expected.replace("DIR", str(tmp_path)) in one_line_error(result)
    assert result.stdout == ""  # nothing started: no "Genero i dati demo..."
    assert files_under(tmp_path) == ["dati.csv"]  # nothing written: no database, no report
    assert LOCAL_SECRET_FILE.exists() == secret_existed  # no demo secret created either


@pytest.mark.parametrize(("args", "shown"), [
    (["--js", "4"], "(D=5, V=3, js=4, pstay=0.5)"),
    (["--V", "1,5"], "(D=5, V=1.5, js=2, pstay=0.5)"),  # Italian decimal comma read as a number
    (["--D", "1000"], "(D=1000, V=3, js=2, pstay=0.5)"),
])
def test_infeasible_ptable_parameters(args, shown):
    result = run_cli("ptable", *args)
    assert result.returncode == 2
    line = one_line_error(result)
    assert "parametri della p-table non ammissibili " + shown in line
    assert "infeasible" not in line and len(line) < 300  # Italian and short, not the solver's report
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["init-db"], ["seed-demo"], ["status"]])
def test_unreachable_database(command):
    result = run_cli(*command, env_url="postgresql://nessuno@127.0.0.1:1/assente")
    assert result.returncode == 1
    assert "Database non raggiungibile" in one_line_error(result)
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["init-db"], ["seed-demo"], ["status"]])
def test_a_sqlite_path_through_a_file(command):
    result = run_cli(*command, env_url="sqlite:////dev/null/x.db")
    assert result.returncode == 1
    assert one_line_error(result) == ("Errore: Il percorso del database SQLite «/dev/null/x.db» non è valido: "
                                      "«/dev/null» non è una cartella.")


def test_a_sqlite_path_that_is_a_folder(tmp_path):
    for command in ("init-db", "status"):
        result = run_cli(command, env_url=f"sqlite:///{tmp_path}")
        assert result.returncode == 1
        assert f"«{tmp_path}» non è un file" in one_line_error(result)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("args", [
    ["seed-demo"], ["seed-demo", "--if-empty"], ["rekey"], ["status"], ["versions"], ["rollback", "1"],
    ["users", "list"], ["users", "add", "mario", "--role", "ospite"], ["import", "FILE", "--table", "capacity"],
])
def test_only_init_db_creates_a_sqlite_database(args, tmp_path):
    """A mistyped SQLite path: every command but init-db says the database does not exist and what to run, and
    creates neither the file nor its folders."""
    source = tmp_path / "dati.csv"
    source.write_text(CAPACITY_CSV, encoding="utf-8")
    missing = tmp_path / "refuso" / "cruscotto.db"
    secret_existed = LOCAL_SECRET_FILE.exists()
    result = run_cli(*[str(source) if a == "FILE" else a for a in args], env_url=f"sqlite:///{missing}",
                     stdin="una-password-lunga-abbastanza\n")
    assert result.returncode == 1
    assert one_line_error(result) == (f"Errore: Il database SQLite «{missing}» non esiste: crearlo con "
                                      "`python manage.py init-db` (o `make run`), oppure correggere DATABASE_URL.")
    assert result.stdout == ""
    assert files_under(tmp_path) == ["dati.csv"]
    assert LOCAL_SECRET_FILE.exists() == secret_existed


def test_help_on_every_command():
    """Each command's --help names its own arguments and describes the command in Italian; argparse's English
    headings are translated too."""
    expected = {
        ("init-db",): ("Porta il database allo schema attuale", []),
        ("seed-demo",): ("Genera e carica i dati dimostrativi sintetici", ["--scale", "--seed", "--if-empty"]),
        ("ptable",): ("Stampa la p-table del Cell Key Method", ["--D", "--V", "--js", "--pstay"]),
        ("rekey",): ("Ricalcola le chiavi di cella", []),
        ("status",): ("Mostra schema, versioni dei dati e modalità demo", []),
        ("users",): ("Le password si leggono dallo standard input", ["add", "list", "disable", "enable",
                                                                     "reset-password"]),
        ("users", "add"): ("Crea un utente", ["USERNAME", "--role", "--province", "--project", "--name"]),
        ("users", "reset-password"): ("Imposta una nuova password", ["USERNAME"]),
        ("import",): ("con le stesse regole della pagina Carica dati",
                      ["FILE", "--table", "--sheet", "--dry-run", "--user", "--report"]),
        ("versions",): ("Elenca le versioni dei dati", []),
        ("rollback",): ("Annulla un caricamento", ["VERSIONE", "--user"]),
        ("template",): ("Scrive il modello da compilare di una tabella", ["TABELLA", "--format", "--output"]),
        ("dictionary",): ("Stampa il dizionario dei dati", []),
        ("corrections",): ("attendono l'approvazione di un amministratore", ["list", "approve", "reject"]),
        ("corrections", "approve"): ("Approva una correzione", ["N", "--user"]),
        ("reference",): ("I dati pubblici del Ministero dell'Interno", ["load"]),
        ("reference", "load"): ("Controlla uno o più estratti", ["FILE", "--dry-run", "--user"]),
        ("alerts",): ("«run» le calcola e le conserva", ["run", "list"]),
        ("alerts", "list"): ("Elenca le segnalazioni in vigore", ["--today", "--user"]),
        ("notify",): ("un messaggio non inviato resta in coda", ["--status", "--today"]),
        ("pack",): ("con le stesse diapositive della pagina Pacchetto riunione",
                    ["--province", "--region", "--programme", "--project", "--unit", "--from", "--to", "--charts",
                     "--format", "--output", "--tavolo", "--user", "--version"]),
    }
    assert {c[0] for c in expected} == set(manage.COMMANDS)
    for command, (description, arguments) in expected.items():
        result = run_cli(*command, "--help")
        assert result.returncode == 0 and result.stderr == ""
        text = " ".join(result.stdout.split())
        assert text.startswith(f"uso: manage.py {' '.join(command)} "), command
        assert description in text, command
        assert "-h, --help mostra questo aiuto ed esce" in text
        listed = text.split(description, 1)[1]  # the arguments, after the description
        for argument in arguments:
            assert f" {argument}" in listed, (command, argument)
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in text, (command, english)


def test_english_with_cruscotto_lang(tmp_path):
    """CRUSCOTTO_LANG=en: argparse's words, the help and the command's own errors in English; Italian otherwise."""
    result = run_cli("seed-demo", "--seed", "abc", lang="en")
    assert result.returncode == 2
    assert result.stderr == ("Error: argument --seed: invalid value «abc» (expected a whole number). "
                             "See `manage.py seed-demo --help`.\n")
    result = run_cli("template", "capacity", "--output", str(tmp_path / "no" / "m.csv"), lang="en")
    assert result.returncode == 1
    assert result.stderr == (f"Error: cannot write {tmp_path / 'no' / 'm.csv'}: the folder «{tmp_path / 'no'}» "
                             "does not exist.\n")
    help_text = " ".join(run_cli("rollback", "--help", lang="en").stdout.split())
    assert help_text.startswith("usage: manage.py rollback [-h] [--user USERNAME] VERSION ")
    assert "Roll back an upload" in help_text and "-h, --help show this help and exit" in help_text


def test_an_unknown_language_is_refused_in_italian():
    result = run_cli("status", lang="fr")
    assert result.returncode == 2
    assert one_line_error(result) == "Errore: CRUSCOTTO_LANG=«fr» non è una lingua ammessa (ammesse: it, en)."
    assert result.stdout == ""


def test_the_language_is_read_at_each_call(monkeypatch, capsys, tmp_path):
    target = ["template", "capacity", "--output", str(tmp_path / "no" / "m.csv")]
    monkeypatch.setenv("CRUSCOTTO_LANG", "en")
    assert manage.main(target) == 1
    assert capsys.readouterr().err.startswith("Error: cannot write ")
    monkeypatch.delenv("CRUSCOTTO_LANG")
    assert manage.main(target) == 1
    assert capsys.readouterr().err.startswith("Errore: impossibile scrivere ")


@pytest.mark.parametrize(("message", "italian"), [
    ("argument --scale: invalid choice: 'x' (choose from 'seeds', 'national')",
     "argomento --scale: valore non ammesso «x» (ammessi: 'seeds', 'national')"),
    ("argument --seed: expected one argument", "argomento --seed: manca il valore"),
    ("the following arguments are required: USERNAME, --role", "argomenti obbligatori mancanti: USERNAME, --role"),
    ("unrecognized arguments: --forza", "argomenti non riconosciuti: --forza"),
    ("argument --D: valore non valido «0»", "argomento --D: valore non valido «0»"),
    ("ambiguous option: --s could match --scale, --seed", "ambiguous option: --s could match --scale, --seed"),
])
def test_argparse_messages_are_said_again_from_the_catalogue(message, italian):
    """The messages argparse writes in English, recognised and said again in Italian (unknown ones as they are)."""
    assert parser.translated(message) == italian


def test_aligned_columns():
    """Columns two spaces apart, the last one not padded."""
    assert common.aligned([("a", "bb", "c"), ("ccc", "d", "")]) == ["a    bb  c", "ccc  d   "]


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run_cli("init-db", env_url=url).returncode == 0
    engine = db.get_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz_future'"))
    before = inspect(engine).get_table_names()
    for command in ("init-db", "seed-demo", "rekey"):
        result = run_cli(command, env_url=url)
        assert result.returncode == 1
        assert "più recente" in one_line_error(result)
    assert inspect(engine).get_table_names() == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "zz_future"
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 1  # init-db's public data


def test_seed_on_an_uninitialised_database_says_what_to_do(tmp_path):
    (tmp_path / "e.db").touch()  # a database file without the schema
    result = run_cli("seed-demo", env_url=f"sqlite:///{tmp_path / 'e.db'}")
    assert result.returncode == 1
    assert one_line_error(result) == "Errore: Il database è vuoto: eseguire `python manage.py init-db` (o `make run`)."
    assert inspect(db.get_engine(f"sqlite:///{tmp_path / 'e.db'}")).get_table_names() == []  # still no schema


def test_init_seed_if_empty_never_overwrites(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'nuova' / 'cartella' / 'd.db'}"  # init-db creates the folders, as make run needs
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", "a-test-secret-of-enough-length")
    assert manage.main(["init-db"]) == 0
    assert "Database creato" in capsys.readouterr().out
    assert manage.main(["init-db"]) == 0  # idempotent
    assert "Database già aggiornato" in capsys.readouterr().out
    assert manage.main(["seed-demo", "--if-empty"]) == 0
    engine = db.get_engine(url)
    with engine.connect() as conn:
        versions = conn.execute(select(DataVersion.id, DataVersion.kind, DataVersion.source)).all()
    # init-db's public statistics (their own version, not project data: seed-demo still loads), then the demo data
    assert [v.kind for v in versions] == ["reference", "demo"] and versions[1].source == "demo:seeds:seed=42"
    capsys.readouterr()
    assert manage.main(["seed-demo", "--if-empty"]) == 0
    assert "nessun dato demo caricato" in capsys.readouterr().out
    assert manage.main(["seed-demo"]) == 1  # a second demo load is refused
    assert "già caricati" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 2
    assert manage.main(["status"]) == 0
    assert "modalità demo: sì" in capsys.readouterr().out


def test_seed_demo_refuses_a_database_with_real_data(migrated_engine, monkeypatch, capsys):
    import datetime as dt

    from data_access.db import session_scope

    with session_scope(migrated_engine) as session:
        session.add(DataVersion(created_at=dt.datetime.now(dt.UTC), kind="import", source="file.csv", rows=0,
                                status="attiva"))
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    assert manage.main(["seed-demo"]) == 1
    assert "dati reali" in capsys.readouterr().err
    with migrated_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 1


def test_ptable_default_output(capsys):
    assert manage.main(["ptable"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "i;j;p;v;p_int_ub"
    assert lines[1] == "0;0;1.00000000;0;1.00000000"
    row8 = {int(line.split(";")[3]): float(line.split(";")[2]) for line in lines[1:] if line.startswith("8;")}
    assert sorted(row8) == list(range(-5, 6))
    assert row8[0] == pytest.approx(0.5) and row8[1] == pytest.approx(0.0939, abs=5e-5)
    assert row8[5] == pytest.approx(0.0116, abs=5e-5)
