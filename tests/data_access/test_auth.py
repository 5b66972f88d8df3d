"""Users, roles, lock-out, sessions, scopes, demo accounts and the audit trail (issue 5), on both backends;
the `users` commands of manage.py as a person at a terminal (or a script) would meet them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select

from cli import users as cli_users
from data_access import auth, db, loading
from data_access.auth import passwords
from data_access.models import PROJECT_COLUMNS, AuditEvent, LoginAttempt, User, UserProject, UserProvince
from data_access.scope import Scope
from presentation import exports
from tests.conftest import one_line_error

ROOT = Path(__file__).resolve().parents[2]
SECRET = b"test-secret-not-for-production-0123456789"
PASSWORD = "una-password-lunga"
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    """Cheap hashes in tests (production uses 12 rounds); bcrypt checks any cost the same way."""
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)


def _projects() -> pd.DataFrame:
    rows = [("SAI-SONDRIO", "SAI Provincia di Sondrio", "SAI"), ("ALTRO-MI", "Un progetto di Milano", "ALTRO")]
    return pd.DataFrame([{"project_code": code, "name": name, "programme": programme, "lead_body": None,
                          "managing_body": None, "start_date": dt.date(2019, 1, 1), "end_date": None,
                          "funding_call": None} for code, name, programme in rows])[list(PROJECT_COLUMNS)]


def _capacity() -> pd.DataFrame:
    """SAI-SONDRIO has data in Sondrio (014) only; ALTRO-MI in Milano (015)."""
    return pd.DataFrame([
        {"period": "2025-01", "province_code": "014", "municipality_code": None, "project_code": "SAI-SONDRIO",
         "target_group": "uomini", "structures": 1, "places": 4, "occupied": 3},
        {"period": "2025-01", "province_code": "015", "municipality_code": None, "project_code": "ALTRO-MI",
         "target_group": "donne", "structures": 1, "places": 5, "occupied": 2},
    ])


def load_demo(engine) -> None:
    loading.load(engine, secret=SECRET, kind="demo", source="demo:test", frames={"capacity": _capacity()},
                 projects=_projects())


def load_real(engine) -> None:
    loading.load(engine, secret=SECRET, kind="import", source="x", frames={})


def snapshot(engine) -> tuple:
    """What a failed command must leave unchanged: users, their provinces and projects, the audit trail."""
    with engine.connect() as conn:
        return (conn.execute(select(User.username, User.role, User.password_hash, User.session_epoch,
                                    User.active).order_by(User.username)).all(),
                conn.execute(select(UserProvince.user_id, UserProvince.province_code)
                             .order_by(UserProvince.user_id, UserProvince.province_code)).all(),
                conn.execute(select(func.count()).select_from(UserProject)).scalar_one(),
                conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


# --- Creating users -------------------------------------------------------------------------------------------
def test_create_each_role(migrated_engine):
    engine = migrated_engine
    load_demo(engine)  # the projects a referente_dati needs
    auth.create_user(engine, "anna.admin", "amministratore", PASSWORD, name="Anna Bianchi", actor="test")
    auth.create_user(engine, "Pref.Milano", "prefettura", PASSWORD, provinces=["015", "108"])
    auth.create_user(engine, "tavolo_av", "membro_tavolo", PASSWORD, provinces=["64"])  # "64" is 064
    auth.create_user(engine, "ref-sondrio", "referente_dati", PASSWORD, projects=["SAI-SONDRIO"])
    auth.create_user(engine, "ospite1", "ospite", PASSWORD)
    users = {u["username"]: u for u in auth.list_users(engine)}
    assert sorted(users) == ["anna.admin", "ospite1", "pref.milano", "ref-sondrio", "tavolo_av"]
    assert users["anna.admin"]["name"] == "Anna Bianchi" and users["anna.admin"]["role_label"] == "Amministratore"
    assert users["pref.milano"]["provinces"] == ("015", "108")
    assert users["tavolo_av"]["provinces"] == ("064",)
    assert users["ref-sondrio"]["projects"] == ("SAI-SONDRIO",) and users["ref-sondrio"]["provinces"] == ()
    assert all(u["active"] and not u["is_demo"] for u in users.values())
    assert not any(PASSWORD in str(u) or "$2b$" in str(u) for u in users.values())  # no hash leaves list_users
    with engine.connect() as conn:
        hashes = conn.execute(select(User.password_hash)).scalars().all()
    assert all(h.startswith("$2b$") and PASSWORD not in h for h in hashes)
    assert all(auth.authenticate(engine, name, PASSWORD).ok for name in users)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"username": "mario rossi", "role": "ospite"}, "Nome utente non valido"),
        ({"username": "ab", "role": "ospite"}, "Nome utente non valido"),
        ({"username": "demo.falso", "role": "ospite"}, "riservati agli account dimostrativi"),
        ({"username": "mario", "role": "sindaco"}, "Ruolo sconosciuto: «sindaco»"),
        ({"username": "mario", "role": "prefettura"}, "richiede almeno una provincia"),
        ({"username": "mario", "role": "membro_tavolo", "provinces": ["999"]}, "Codice provincia sconosciuto"),
        ({"username": "mario", "role": "amministratore", "provinces": ["015"]}, "non indicare province"),
        ({"username": "mario", "role": "ospite", "provinces": ["015"]}, "non indicare province"),
        ({"username": "mario", "role": "referente_dati"}, "richiede almeno un progetto"),
        ({"username": "mario", "role": "referente_dati", "projects": ["NESSUNO"]}, "Progetto sconosciuto"),
        ({"username": "mario", "role": "prefettura", "provinces": ["015"], "projects": ["SAI-SONDRIO"]},
         "Solo il ruolo referente_dati ha progetti"),
        ({"username": "mario", "role": "ospite", "password": "corta"}, "Password troppo corta"),
        ({"username": "mario", "role": "ospite", "password": "è" * 40}, "Password troppo lunga"),
        ({"username": "mario.rossi", "role": "ospite", "password": "Mario.Rossi"}, "uguale al nome utente"),
        ({"username": "esistente", "role": "ospite"}, "esiste già"),
        ({"username": "mario", "role": "ospite", "name": "due\nrighe"}, "Nome non valido"),
    ],
)
def test_bad_new_user_is_refused_and_nothing_written(migrated_engine, kwargs, expected):
    engine = migrated_engine
    load_demo(engine)
    auth.create_user(engine, "esistente", "ospite", PASSWORD)
    before = snapshot(engine)
    password_case = "password" in kwargs
    kwargs = {"password": PASSWORD, **kwargs}
    with pytest.raises(auth.AuthError) as error:
        auth.create_user(engine, **kwargs)
    assert expected in str(error.value)
    assert "\n" not in str(error.value)
    if not password_case:  # the command line checks these before asking for a password
        with pytest.raises(auth.AuthError, match=expected):
            auth.check_new_user(engine, kwargs["username"], kwargs["role"], kwargs.get("provinces", ()),
                                kwargs.get("projects", ()), kwargs.get("name"))
    assert snapshot(engine) == before


def test_password_rule_is_listed_in_the_message():
    with pytest.raises(auth.AuthError) as error:
        auth.hash_password("123456789")
    assert "almeno 10 caratteri" in str(error.value)
    assert auth.verify_password(PASSWORD, auth.hash_password(PASSWORD))
    assert not auth.verify_password("altra-password", auth.hash_password(PASSWORD))
    assert not auth.verify_password(PASSWORD, "non-un-hash") and not auth.verify_password("", "x")


# --- Login, lock-out, sessions --------------------------------------------------------------------------------
def test_unknown_user_and_wrong_password_look_the_same(migrated_engine):
    auth.create_user(migrated_engine, "mario", "ospite", PASSWORD)
    wrong = auth.authenticate(migrated_engine, "mario", "password-sbagliata")
    unknown = auth.authenticate(migrated_engine, "nessuno", "password-sbagliata")
    assert not wrong.ok and not unknown.ok
    assert wrong.message == unknown.message == "Nome utente o password non corretti."
    assert wrong.username is unknown.username is None and wrong.epoch is unknown.epoch is None
    for _ in range(4):
        auth.authenticate(migrated_engine, "mario", "password-sbagliata")
        auth.authenticate(migrated_engine, "nessuno", "password-sbagliata")
    # The lock-out also hits unknown names, with the same words.
    assert (auth.authenticate(migrated_engine, "mario", PASSWORD).message
            == auth.authenticate(migrated_engine, "nessuno", PASSWORD).message)


def test_lockout_holds_across_engines_and_expires(migrated_engine):
    engine = migrated_engine
    auth.create_user(engine, "mario", "ospite", PASSWORD)
    results = [auth.authenticate(engine, "mario", "password-sbagliata", now=T0 + dt.timedelta(seconds=i))
               for i in range(5)]
    assert [r.status for r in results] == ["wrong"] * 4 + ["locked"]
    assert "bloccato per 15 minuti" in results[-1].message

    other = create_engine(engine.url.render_as_string(hide_password=False))  # another replica, same database
    try:
        locked = auth.authenticate(other, "Mario", PASSWORD, now=T0 + dt.timedelta(minutes=10))
        assert locked.status == "locked" and not locked.ok and "bloccato per 6 minuti" in locked.message
        assert auth.authenticate(other, "mario", PASSWORD, now=T0 + dt.timedelta(minutes=14, seconds=59)).status \
            == "locked"
        ok = auth.authenticate(other, "mario", PASSWORD, now=T0 + dt.timedelta(minutes=15, seconds=5))
        assert ok.ok and ok.username == "mario" and ok.role == "ospite"
    finally:
        other.dispose()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(LoginAttempt)).scalar_one() == 0  # reset on success
    # After the reset, four more failures do not lock.
    later = T0 + dt.timedelta(hours=1)
    for i in range(4):
        assert auth.authenticate(engine, "mario", "sbagliata!!", now=later + dt.timedelta(seconds=i)).status \
            == "wrong"
    assert auth.authenticate(engine, "mario", PASSWORD, now=later + dt.timedelta(seconds=5)).ok


def test_expired_lock_counts_again_from_zero(migrated_engine):
    auth.create_user(migrated_engine, "mario", "ospite", PASSWORD)
    for i in range(5):
        auth.authenticate(migrated_engine, "mario", "sbagliata!!", now=T0 + dt.timedelta(seconds=i))
    after = T0 + dt.timedelta(minutes=20)
    assert auth.authenticate(migrated_engine, "mario", "sbagliata!!", now=after).status == "wrong"  # 1 of 5


def test_disabled_user_is_refused_even_with_a_live_session(migrated_engine):
    engine = migrated_engine
    auth.create_user(engine, "anna", "amministratore", PASSWORD)
    auth.create_user(engine, "mario", "prefettura", PASSWORD, provinces=["015"])
    login = auth.authenticate(engine, "mario", PASSWORD)
    assert login.ok and auth.session_valid(engine, "mario", login.epoch)
    assert auth.disable_user(engine, "mario", actor="anna") is True
    assert not auth.session_valid(engine, "mario", login.epoch)
    refused = auth.authenticate(engine, "mario", PASSWORD)
    assert refused.status == "disabled" and not refused.ok and "disattivato" in refused.message
    assert auth.authenticate(engine, "mario", "password-sbagliata").message == auth.MSG_WRONG
    with pytest.raises(auth.AuthError, match="disattivato"):
        auth.scope_for(engine, "mario")
    assert auth.disable_user(engine, "mario") is False  # already
    assert auth.enable_user(engine, "mario") is True
    again = auth.authenticate(engine, "mario", PASSWORD)
    assert again.ok and not auth.session_valid(engine, "mario", login.epoch)  # the old session stays closed
    assert auth.session_valid(engine, "mario", again.epoch)


def test_last_active_administrator_cannot_be_disabled(migrated_engine):
    auth.create_user(migrated_engine, "anna", "amministratore", PASSWORD)
    with pytest.raises(auth.AuthError, match="ultimo amministratore attivo"):
        auth.disable_user(migrated_engine, "anna")
    auth.create_user(migrated_engine, "bruno", "amministratore", PASSWORD)
    assert auth.disable_user(migrated_engine, "anna")


def test_logout_and_password_reset_invalidate_the_old_epoch(migrated_engine):
    engine = migrated_engine
    auth.create_user(engine, "mario", "ospite", PASSWORD)
    first = auth.authenticate(engine, "mario", PASSWORD)
    auth.logout(engine, "mario")
    assert not auth.session_valid(engine, "mario", first.epoch)
    second = auth.authenticate(engine, "mario", PASSWORD)
    assert second.epoch != first.epoch and auth.session_valid(engine, "mario", second.epoch)

    for i in range(4):
        auth.authenticate(engine, "mario", "sbagliata!!", now=T0 + dt.timedelta(seconds=i))
    with pytest.raises(auth.AuthError, match="troppo corta"):
        auth.reset_password(engine, "mario", "corta")
    assert auth.session_valid(engine, "mario", second.epoch)  # a refused reset changes nothing
    auth.reset_password(engine, "mario", "nuova-password-99", actor="anna")
    assert not auth.session_valid(engine, "mario", second.epoch)
    assert not auth.authenticate(engine, "mario", PASSWORD).ok
    assert auth.authenticate(engine, "mario", "nuova-password-99").ok
    assert not auth.session_valid(engine, "nessuno", 0) and not auth.session_valid(engine, None, None)
    with pytest.raises(auth.AuthError, match="Utente sconosciuto"):
        auth.reset_password(engine, "nessuno", "nuova-password-99")


def test_refusals_and_login_outcomes_are_said_in_english_too(migrated_engine):
    """Every sentence comes from the catalogue: Italian by str() (the command line), English by text("en")."""
    with pytest.raises(auth.AuthError) as error:
        auth.create_user(migrated_engine, "mario rossi", "ospite", PASSWORD)
    assert error.value.text("en").startswith("Invalid username: «mario rossi» (3 to 40 characters: lower-case")
    with pytest.raises(auth.AuthError) as error:
        auth.create_user(migrated_engine, "mario", "ospite", "corta")
    assert error.value.text("en") == ("Password too short: 5 characters (rule: at least 10 characters and at most "
                                      "72 bytes, not the username).")
    auth.create_user(migrated_engine, "mario", "ospite", PASSWORD)
    results = [auth.authenticate(migrated_engine, "mario", "sbagliata!!", now=T0) for _ in range(5)]
    assert results[0].text("en") == "Wrong username or password."
    assert results[-1].text("en") == ("Wrong username or password. Too many failed attempts: sign-in locked for 15 "
                                      "minutes. Try again later or ask the administrator for a new password.")
    one_minute = auth.authenticate(migrated_engine, "mario", PASSWORD, now=T0 + dt.timedelta(minutes=14, seconds=30))
    assert one_minute.message.startswith("Troppi tentativi non riusciti: accesso bloccato per 1 minuto.")
    assert auth.scope_for(migrated_engine, "mario", "en").label == "Italy (national and regional totals)"
    assert auth.role_label("membro_tavolo", "en") == "Member of the working table"
    assert auth.event_label("login_locked", "en") == "sign-in locked"


# --- Scopes ---------------------------------------------------------------------------------------------------
def test_scope_for_each_role(migrated_engine):
    engine = migrated_engine
    load_demo(engine)
    auth.create_user(engine, "anna", "amministratore", PASSWORD)
    auth.create_user(engine, "pref", "prefettura", PASSWORD, provinces=["108", "015"])
    auth.create_user(engine, "tavolo", "membro_tavolo", PASSWORD, provinces=["064"])
    auth.create_user(engine, "ref", "referente_dati", PASSWORD, projects=["SAI-SONDRIO"])
    auth.create_user(engine, "ref2", "referente_dati", PASSWORD, projects=["SAI-SONDRIO"], provinces=["098"])
    auth.create_user(engine, "ospite", "ospite", PASSWORD)

    admin = auth.scope_for(engine, "anna")
    assert admin.provinces is None and admin.level == "provincia"
    pref = auth.scope_for(engine, "pref")
    assert pref.provinces == frozenset({"015", "108"}) and pref.level == "provincia"
    assert pref.label == "Milano, Monza e della Brianza"
    assert auth.scope_for(engine, "tavolo") == Scope(frozenset({"064"}), "provincia", "Avellino")
    # A referente sees where their projects have data (ALTRO-MI in Milano is not theirs) ...
    assert auth.scope_for(engine, "ref").provinces == frozenset({"014"})
    # ... plus provinces registered on the user.
    assert auth.scope_for(engine, "ref2").provinces == frozenset({"014", "098"})
    guest = auth.scope_for(engine, "ospite")
    assert guest.provinces is None and guest.level == "regione"
    with pytest.raises(auth.AuthError, match="Utente sconosciuto"):
        auth.scope_for(engine, "nessuno")


def test_the_scope_of_a_checked_session_is_the_scope_for_its_user_without_reading_the_user_again(migrated_engine):
    """At every run app.py checks the session (``session_user``: the user's row) and sets the scope from that same
    row (``scope_of``): the same scope as ``scope_for``, for every role, with the users table not read again."""
    from sqlalchemy import event

    engine = migrated_engine
    load_demo(engine)
    for name, role, extra in (("anna", "amministratore", {}), ("pref", "prefettura", {"provinces": ["108", "015"]}),
                              ("ref2", "referente_dati", {"projects": ["SAI-SONDRIO"], "provinces": ["098"]}),
                              ("ospite", "ospite", {})):
        auth.create_user(engine, name, role, PASSWORD, **extra)
        user = auth.session_user(engine, name, auth.authenticate(engine, name, PASSWORD).epoch)
        statements: list[str] = []

        def listen(*args, statements=statements):  # the statement of each execution
            statements.append(args[2])
        event.listen(engine, "before_cursor_execute", listen)
        try:
            scope = auth.scope_of(engine, user, "en")
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        assert scope == auth.scope_for(engine, name, "en"), role
        assert not any("FROM users" in statement for statement in statements), (role, statements)
        assert (statements == []) == (role in ("amministratore", "ospite"))  # no read at all for a fixed scope


# --- Demo accounts --------------------------------------------------------------------------------------------
def test_demo_users_only_in_demo_mode_and_refused_with_real_data(migrated_engine):
    engine = migrated_engine
    assert auth.ensure_demo_users(engine) == []  # empty database: not demo mode
    assert auth.list_users(engine) == []
    load_demo(engine)
    accounts = auth.ensure_demo_users(engine)
    assert [a["role"] for a in accounts] == ["amministratore", "prefettura", "membro_tavolo", "referente_dati",
                                             "ospite"]
    assert all(a["is_demo"] and a["password"] == auth.DEMO_PASSWORD for a in accounts)
    assert auth.ensure_demo_users(engine) == accounts  # idempotent
    assert len(auth.list_users(engine)) == 5
    logins = {a["username"]: auth.authenticate(engine, a["username"], auth.DEMO_PASSWORD) for a in accounts}
    assert all(r.ok for r in logins.values())
    assert auth.scope_for(engine, "demo.prefettura").provinces == frozenset({"015", "108"})
    assert auth.scope_for(engine, "demo.tavolo").provinces == frozenset({"064"})
    assert auth.scope_for(engine, "demo.referente").provinces == frozenset({"014"})

    load_real(engine)  # real data arrive
    assert auth.ensure_demo_users(engine) == []
    for name, login in logins.items():
        refused = auth.authenticate(engine, name, auth.DEMO_PASSWORD)
        assert refused.status == "disabled" and not refused.ok and "dati reali" in refused.message
        assert not auth.session_valid(engine, name, login.epoch)


def test_demo_names_are_reserved(migrated_engine):
    with pytest.raises(auth.AuthError, match="riservati"):
        auth.create_user(migrated_engine, "demo.amministratore", "amministratore", PASSWORD)


# --- Audit trail ----------------------------------------------------------------------------------------------
def test_audit_trail_records_and_filters(migrated_engine):
    engine = migrated_engine
    auth.create_user(engine, "mario", "ospite", PASSWORD, actor="anna")
    auth.authenticate(engine, "mario", PASSWORD, now=T0)
    auth.authenticate(engine, "mario", "sbagliata!!", now=T0 + dt.timedelta(minutes=1))
    auth.record(engine, "mario", "page_view", page="Accoglienza", details={"filtri": {"provincia": "015"}})
    auth.record(engine, "mario", "export", page="Accoglienza", details={"formato": "xlsx"})
    auth.logout(engine, "mario")
    frame = auth.audit_frame(engine, username="mario")
    assert list(frame["event"]) == ["login_ok", "login_failed", "page_view", "export", "logout"]
    assert str(frame["at"].dt.tz) == "UTC"
    changes = auth.audit_frame(engine, username="anna")
    assert list(changes["event"]) == ["user_change"] and '"utente": "mario"' in changes["details"].iloc[0]
    assert len(auth.audit_frame(engine, since=T0, until=T0 + dt.timedelta(seconds=30))) == 1
    latest = auth.audit_frame(engine, username="mario", latest=2)  # the page's: the most recent, oldest first
    assert list(latest["event"]) == ["export", "logout"] and list(latest.columns) == list(frame.columns)
    assert auth.audit_count(engine, username="mario") == 5 and auth.audit_count(engine, events=["logout"]) == 1
    assert auth.audit_count(engine, since=T0, until=T0 + dt.timedelta(seconds=30)) == 1
    with pytest.raises(ValueError, match="Evento di audit sconosciuto"):
        auth.record(engine, "mario", "password_letta")


def test_audit_csv_neutralises_formulas_and_never_holds_a_password(migrated_engine):
    engine = migrated_engine
    auth.create_user(engine, "mario", "ospite", PASSWORD, actor="=HYPERLINK(\"http://x\")")
    auth.authenticate(engine, "=1+2", "Segretissima-123")  # a login attempt with a hostile username
    auth.reset_password(engine, "mario", "nuova-password-99", actor="@admin")
    auth.record(engine, "mario", "page_view", page="-2+3", details={"password": "Segretissima-123",
                                                                     "filtri": {"anno": "2025"}})
    auth.record(engine, "+mario", "export", page="=cmd|' /C calc'!A0")
    data = exports.audit_csv(auth.audit_frame(engine))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(exports.AUDIT_CSV_HEADER)
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert {"'=1+2", "'-2+3", "'+mario", "'=cmd|' /C calc'!A0", "'@admin", "'=HYPERLINK(\"http://x\")"} <= set(cells)
    for secret in (PASSWORD, "nuova-password-99", "Segretissima-123", "$2b$"):
        assert secret not in text
    assert "[omesso]" in text


# --- The command line -----------------------------------------------------------------------------------------
def run_cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input=stdin, timeout=300)




@pytest.fixture(scope="module")
def cli_db(tmp_path_factory):
    """An initialised SQLite database with one user, shared by the command-line tests that must change nothing."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'users.db'}"
    assert run_cli(url, "init-db").returncode == 0
    result = run_cli(url, "users", "add", "esistente", "--role", "ospite", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return url


@pytest.mark.parametrize(
    ("args", "stdin", "code", "expected"),
    [
        (["mario", "--role", "sindaco"], PASSWORD, 1, "Ruolo sconosciuto: «sindaco»"),
        (["mario", "--role", "prefettura", "--province", "999"], PASSWORD, 1, "Codice provincia sconosciuto"),
        (["mario", "--role", "prefettura"], PASSWORD, 1, "richiede almeno una provincia"),
        (["mario", "--role", "ospite"], "corta\n", 1, "Password troppo corta"),
        (["mario", "--role", "ospite"], "", 1, "Password mancante"),
        (["mario", "--role", "ospite"], "\n", 1, "Password mancante"),
        (["esistente", "--role", "ospite"], PASSWORD, 1, "«esistente» esiste già"),
        (["mario rossi", "--role", "ospite"], PASSWORD, 1, "Nome utente non valido: «mario rossi»"),
        (["mario", "--role", "referente_dati", "--project", "NESSUNO"], PASSWORD, 1, "Progetto sconosciuto"),
        (["mario"], PASSWORD, 2, "argomenti obbligatori mancanti: --role"),
        (["mario", "--role"], PASSWORD, 2, "manca il valore"),
    ],
)
def test_users_add_bad_input(cli_db, args, stdin, code, expected):
    engine = db.get_engine(cli_db)
    before = snapshot(engine)
    result = run_cli(cli_db, "users", "add", *args, stdin=stdin)
    assert result.returncode == code
    assert expected in one_line_error(result)
    assert result.stdout == ""
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["disable", "nessuno"], "", "Utente sconosciuto: «nessuno»"),
        (["reset-password", "nessuno"], PASSWORD, "Utente sconosciuto: «nessuno»"),
        (["reset-password", "esistente"], "corta", "Password troppo corta"),
        (["reset-password", "esistente"], "", "Password mancante"),
    ],
)
def test_users_other_actions_bad_input(cli_db, args, stdin, expected):
    engine = db.get_engine(cli_db)
    before = snapshot(engine)
    result = run_cli(cli_db, "users", *args, stdin=stdin)
    assert result.returncode == 1
    assert expected in one_line_error(result)
    assert snapshot(engine) == before


def test_users_commands_end_to_end(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    assert run_cli(url, "users", "list").returncode == 1  # not initialised: says so, in one line
    assert run_cli(url, "init-db").returncode == 0
    assert "Creare il primo amministratore" in run_cli(url, "users", "list").stdout
    result = run_cli(url, "users", "add", "Anna.Admin", "--role", "amministratore", "--name", "Anna Bianchi",
                     stdin=PASSWORD + "\nsecond line ignored\n")
    assert result.returncode == 0 and "«anna.admin» creato" in result.stdout
    result = run_cli(url, "users", "add", "pref.mi", "--role", "prefettura", "--province", "015",
                     "--province", "108", stdin=PASSWORD + "\r\n")
    assert result.returncode == 0 and "015, 108" in result.stdout
    listing = run_cli(url, "users", "list").stdout.splitlines()
    assert listing[0].split() == ["utente", "nome", "ruolo", "province", "progetti", "attivo", "demo"]
    assert listing[1].split() == ["anna.admin", "Anna", "Bianchi", "amministratore", "-", "-", "sì", "no"]
    assert listing[2].split() == ["pref.mi", "-", "prefettura", "015,108", "-", "sì", "no"]
    engine = db.get_engine(url)
    assert auth.authenticate(engine, "anna.admin", PASSWORD).ok  # the password is exactly the first line
    login = auth.authenticate(engine, "pref.mi", PASSWORD)

    assert run_cli(url, "users", "reset-password", "pref.mi", stdin="nuova-password-99\n").returncode == 0
    assert not auth.session_valid(engine, "pref.mi", login.epoch)
    assert auth.authenticate(engine, "pref.mi", "nuova-password-99").ok
    result = run_cli(url, "users", "disable", "pref.mi")
    assert result.returncode == 0 and "disattivato" in result.stdout
    assert auth.authenticate(engine, "pref.mi", "nuova-password-99").status == "disabled"
    assert run_cli(url, "users", "list").stdout.splitlines()[2].split()[-2:] == ["no", "no"]
    result = run_cli(url, "users", "disable", "anna.admin")
    assert result.returncode == 1 and "ultimo amministratore" in one_line_error(result)

    changes = auth.audit_frame(engine, username="manage.py")
    assert list(changes["event"]) == ["upload"] + ["user_change"] * 4  # init-db's load of the public data first
    assert PASSWORD not in exports.audit_csv(auth.audit_frame(engine)).decode("utf-8-sig")


def test_users_help_lists_every_role():
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "users", "add", "--help"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert all(role in text for role in auth.ROLES)


def test_password_at_a_terminal_is_asked_twice(monkeypatch):
    import getpass

    class Terminal:
        @staticmethod
        def isatty():
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    answers = iter(["una-password-lunga", "una-password-lunga", "una-password-lunga", "diversa-password"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert cli_users.read_password() == "una-password-lunga"
    with pytest.raises(auth.AuthError, match="non coincidono"):
        cli_users.read_password()


# --- Lock-out under concurrency -------------------------------------------------------------------------------
WRONG_AT_ONCE = 30


@pytest.mark.parametrize("known", [True, False], ids=["known-user", "unknown-user"])
def test_thirty_wrong_passwords_at_once_lock_after_exactly_five(migrated_engine, known):
    """30 threads try a wrong password for the same username at the same moment (as 30 browsers, or a script
    against two replicas would): exactly five are counted as failures, the fifth locks, every other one is told the
    username is locked, and no attempt is lost or fails with an error (the counter is updated atomically)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    engine = migrated_engine
    if known:
        auth.create_user(engine, "mario", "ospite", PASSWORD)
    start = threading.Barrier(WRONG_AT_ONCE)

    def attempt(_i):
        start.wait()
        return auth.authenticate(engine, "mario", "password-sbagliata", now=T0)

    with ThreadPoolExecutor(WRONG_AT_ONCE) as pool:
        results = list(pool.map(attempt, range(WRONG_AT_ONCE)))
    statuses = [r.status for r in results]
    wrong = "wrong" if known else "unknown"
    assert statuses.count(wrong) == 4, statuses
    assert statuses.count("locked") == WRONG_AT_ONCE - 4, statuses
    assert sum("Nome utente o password non corretti" in r.message for r in results if r.status == "locked") == 1
    with engine.connect() as conn:
        attempt_row = conn.execute(select(LoginAttempt)).one()
        events = conn.execute(select(AuditEvent.event, func.count()).where(AuditEvent.username == "mario")
                              .group_by(AuditEvent.event)).all()
    assert attempt_row.failed_count == auth.MAX_FAILURES
    assert dict(events)["login_failed"] == auth.MAX_FAILURES
    assert auth.authenticate(engine, "mario", PASSWORD, now=T0 + dt.timedelta(minutes=1)).status == "locked"


# --- Authorisation at the moment of use -----------------------------------------------------------------------
def test_still_allowed_at_the_click(migrated_engine):
    """A file is built only for a session still valid whose scope still covers what the page showed."""
    engine = migrated_engine
    auth.create_user(engine, "mario", "membro_tavolo", PASSWORD, provinces=["014", "015"])
    ok = auth.authenticate(engine, "mario", PASSWORD)
    shown = auth.scope_for(engine, "mario")
    assert auth.still_allowed(engine, "mario", ok.epoch, shown)
    assert auth.still_allowed(engine, "mario", ok.epoch, Scope(provinces=frozenset({"014"}), level="provincia"))
    wider = Scope(provinces=frozenset({"014", "016"}), level="provincia")
    assert not auth.still_allowed(engine, "mario", ok.epoch, wider)  # a province no longer (or never) given
    assert not auth.still_allowed(engine, "mario", ok.epoch, Scope.everything())
    assert not auth.still_allowed(engine, "mario", ok.epoch, Scope(provinces=shown.provinces, history=True))
    assert not auth.still_allowed(engine, "mario", ok.epoch + 1, shown)  # another session's epoch
    auth.disable_user(engine, "mario")
    assert not auth.still_allowed(engine, "mario", ok.epoch, shown)
    assert not auth.still_allowed(engine, "nessuno", 0, shown)
    auth.create_user(engine, "ospite1", "ospite", PASSWORD)
    guest = auth.authenticate(engine, "ospite1", PASSWORD)
    assert auth.still_allowed(engine, "ospite1", guest.epoch, auth.scope_for(engine, "ospite1"))
    assert not auth.still_allowed(engine, "ospite1", guest.epoch, Scope(provinces=None, level="provincia"))
