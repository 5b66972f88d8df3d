"""A database busy with another process's write (a data load from the command line) or unreachable: the command
line and the page say so in one line in the user's language, write nothing, and the page runs again when asked."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from data_access import auth, db, reference
from data_access.auth import passwords
from data_access.models import User
from tests.conftest import APP, TEST_SECRET, log_in, one_line_error

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "una-password-lunga"


@pytest.fixture
def sqlite_db(tmp_path, monkeypatch):
    """A fresh SQLite database with one administrator, opened by an engine that waits one second for a lock."""
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    monkeypatch.setenv("CRUSCOTTO_DB_WAIT_SECONDS", "1")
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    monkeypatch.setenv("CRUSCOTTO_COOKIE_KEY", "k" * 40)
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    auth.create_user(engine, "anna", "amministratore", PASSWORD)
    return tmp_path / "busy.db", engine


@contextmanager
def held_write_lock(path: Path):
    """Another process's write transaction in progress (as a long data load holds it)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE users SET display_name = 'x' WHERE 0")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _cli(*args: str, url: str, stdin: str = "", lang: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "DATABASE_URL": url, "CRUSCOTTO_DB_WAIT_SECONDS": "1"}
    if lang:
        env["CRUSCOTTO_LANG"] = lang
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input=stdin, timeout=120)


def _users(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(User)).scalar_one()


def test_the_command_line_says_the_database_is_busy_in_one_line(sqlite_db):
    path, engine = sqlite_db
    url = f"sqlite:///{path}"
    with held_write_lock(path):
        added = _cli("users", "add", "mario", "--role", "ospite", url=url, stdin=PASSWORD + "\n")
        english = _cli("users", "add", "luigi", "--role", "ospite", url=url, stdin=PASSWORD + "\n", lang="en")
    assert added.returncode == 1
    line = one_line_error(added)
    assert "database è occupato" in line and "1 secondi" in line, line
    assert "sqlalchemy" not in added.stderr.lower()
    assert english.returncode == 1 and "database is busy" in english.stderr, english.stderr
    assert _users(engine) == 1  # nothing written
    assert _cli("users", "add", "mario", "--role", "ospite", url=url, stdin=PASSWORD + "\n").returncode == 0


def test_a_bad_wait_is_refused_naming_the_variable(sqlite_db, monkeypatch):
    path, _engine = sqlite_db
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "DATABASE_URL": f"sqlite:///{path}-other",
           "CRUSCOTTO_DB_WAIT_SECONDS": "0"}
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "status"], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert "CRUSCOTTO_DB_WAIT_SECONDS deve essere tra 1 e 600 secondi" in one_line_error(result)
    env["CRUSCOTTO_DB_WAIT_SECONDS"] = "tanti"
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "status"], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert "CRUSCOTTO_DB_WAIT_SECONDS" in one_line_error(result)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_page_says_the_database_is_busy_and_runs_again_when_asked(sqlite_db, lang):
    path, engine = sqlite_db
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    log_in(at, engine, "anna")
    at.run()
    assert not at.exception
    at.switch_page("views/utenti.py")
    with held_write_lock(path):
        at.run()  # the page view is recorded in the audit trail: a write, which waits and gives up
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    expected = "Il database è occupato" if lang == "it" else "The database is busy"
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    retry = at.button(key="database_retry")
    assert retry.label == ("Riprova" if lang == "it" else "Try again")
    retry.click().run()
    assert not at.exception and not at.error
    assert any(t.value == ("Utenti" if lang == "it" else "Users") for t in at.title)


def test_every_kind_of_database_problem_has_its_sentence():
    class Driver(Exception):
        def __init__(self, text, sqlstate=None):
            super().__init__(text)
            self.sqlstate = sqlstate

    def problem(text, sqlstate=None, invalidated=False):
        exc = OperationalError("SELECT 1", {}, Driver(text, sqlstate), connection_invalidated=invalidated)
        return db.operational_problem(exc).key

    assert problem("database is locked") == "security.db.locked"
    assert problem("canceling statement due to lock timeout", "55P03") == "security.db.locked"
    assert problem("server closed the connection unexpectedly", invalidated=True) == "security.db.unreachable"
    assert problem("terminating connection due to administrator command", "57P01") == "security.db.unreachable"
    assert problem("disk I/O error") == "security.db.failed"


def test_status_of_a_database_without_data_names_no_version_as_none(sqlite_db):
    path, _engine = sqlite_db
    result = _cli("status", url=f"sqlite:///{path}")
    assert result.returncode == 0 and "ultima versione: nessuna;" in result.stdout and "None" not in result.stdout
