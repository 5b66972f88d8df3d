"""The command line: every bad argument gets one Italian line, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

import manage
from data_access import db
from data_access.models import DataVersion
from tests.conftest import one_line_error

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env_url: str | None = None, secret: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    if env_url:
        env["DATABASE_URL"] = env_url
    if secret:
        env["CRUSCOTTO_CKM_SECRET"] = secret
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)




@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["seed-demo", "--scale", "regionale"], "valore non ammesso «regionale»"),
        (["seed-demo", "--seed", "abc"], "valore non valido «abc»"),
        (["seed-demo", "--seed"], "manca il valore"),
        (["comando-inesistente"], "valore non ammesso «comando-inesistente»"),
        (["init-db", "--forza"], "argomenti non riconosciuti: --forza"),
        ([], "argomenti obbligatori mancanti"),
        (["ptable", "--D", "-3"], "valore non valido «-3»"),
        (["ptable", "--V", "tre"], "valore non valido «tre»"),
    ],
)
def test_wrong_arguments(args, expected, tmp_path):
    url = f"sqlite:///{tmp_path / 'never.db'}"
    result = run_cli(*args, env_url=url)
    assert result.returncode == 2
    assert expected in one_line_error(result)
    assert not (tmp_path / "never.db").exists()  # nothing written


def test_infeasible_ptable_parameters():
    result = run_cli("ptable", "--js", "4")
    assert result.returncode == 2
    assert "non ammissibili" in one_line_error(result)


def test_unreachable_database():
    result = run_cli("init-db", env_url="postgresql://nessuno@127.0.0.1:1/assente")
    assert result.returncode == 1
    assert "Database non raggiungibile" in one_line_error(result)


def test_help_on_every_command():
    for command in manage.COMMANDS:
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "usage" in result.stdout.lower()


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert manage.main.__module__ == "manage"
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
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 0


def test_seed_on_an_uninitialised_database_says_what_to_do(tmp_path):
    result = run_cli("seed-demo", env_url=f"sqlite:///{tmp_path / 'e.db'}")
    assert result.returncode == 1
    assert "init-db" in one_line_error(result)


def test_init_seed_if_empty_never_overwrites(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", "a-test-secret-of-enough-length")
    assert manage.main(["init-db"]) == 0
    assert manage.main(["init-db"]) == 0  # idempotent
    assert manage.main(["seed-demo", "--if-empty"]) == 0
    engine = db.get_engine(url)
    with engine.connect() as conn:
        versions = conn.execute(select(DataVersion.id, DataVersion.kind, DataVersion.source)).all()
    assert [(v.kind, v.source) for v in versions] == [("demo", "demo:seeds:seed=42")]
    capsys.readouterr()
    assert manage.main(["seed-demo", "--if-empty"]) == 0
    assert "nessun dato demo caricato" in capsys.readouterr().out
    assert manage.main(["seed-demo"]) == 1  # a second demo load is refused
    assert "già caricati" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 1
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
