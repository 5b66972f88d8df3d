"""Users, roles, passwords, lock-out, sessions, scopes and the audit trail (issue 5). No Streamlit here.

Every function takes the engine explicitly. Expected problems (a bad username, an unknown role or province, a
password that breaks the rule...) raise :class:`AuthError` with one line in Italian, and nothing is written.

Roles and what they see (:func:`scope_for`):

* ``amministratore``: manages users and sees every province, down to province level.
* ``prefettura`` and ``membro_tavolo``: the provinces given to the user (at least one).
* ``referente_dati``: uploads for their projects (at least one, from the projects table). They see the provinces
  where their projects have current data (capacity, outreach, outreach activity, services) plus any provinces
  registered on the user with ``--province`` (for a project that has no data yet).
* ``ospite``: only national and regional totals: ``Scope(provinces=None, level="regione")``.

Passwords: at least 10 characters and at most 72 bytes (bcrypt's limit), not equal to the username; stored only
as bcrypt hashes. There are no default passwords, except the demo accounts' one (:data:`DEMO_PASSWORD`), which
works only while the database holds demo data alone.

Lock-out: 5 failed logins for the same username (known or not) lock it for 15 minutes; the counter lives in the
database (``login_attempts``), so it holds across reruns, restarts and replicas, and a success resets it.
Unknown usernames get exactly the message of a wrong password, and a password check of the same cost.

Sessions: :func:`authenticate` returns the user's ``session_epoch``; the app keeps it in the session or cookie
and asks :func:`session_valid` at every rerun. Logout, disable and password reset bump the epoch, so older
sessions and cookies are refused.

Audit trail (``audit_events``): logins (ok, failed, locked), logouts, page views, exports, uploads and user
changes, with a JSON ``details`` text that never holds a password, a hash or a raw count of people.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import bcrypt
from sqlalchemy import Engine, delete, select, union
from sqlalchemy.exc import IntegrityError

from data_access import loading
from data_access.db import session_scope
from data_access.models import (
    TABLES,
    AuditEvent,
    LoginAttempt,
    Project,
    Province,
    User,
    UserProject,
    UserProvince,
)
from data_access.scope import Scope

# --- Roles ----------------------------------------------------------------------------------------------------
AMMINISTRATORE = "amministratore"
REFERENTE_DATI = "referente_dati"
PREFETTURA = "prefettura"
MEMBRO_TAVOLO = "membro_tavolo"
OSPITE = "ospite"

ROLES: dict[str, str] = {  # role -> Italian label
    AMMINISTRATORE: "Amministratore",
    REFERENTE_DATI: "Referente dati di progetto",
    PREFETTURA: "Prefettura",
    MEMBRO_TAVOLO: "Membro del tavolo di lavoro",
    OSPITE: "Ospite (solo totali nazionali e regionali)",
}
ROLES_WITH_PROVINCES = (PREFETTURA, MEMBRO_TAVOLO)  # provinces required
ROLES_WITHOUT_PROVINCES = (AMMINISTRATORE, OSPITE)  # provinces refused (they see everything / only totals)

# --- Rules ----------------------------------------------------------------------------------------------------
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
USERNAME_RULE = ("da 3 a 40 caratteri: lettere minuscole senza accenti, cifre, punto, trattino e trattino basso, "
                 "senza spazi; il primo carattere è una lettera o una cifra")
PASSWORD_MIN_CHARS = 10
PASSWORD_MAX_BYTES = 72  # bcrypt ignores (bcrypt 5 refuses) anything longer
PASSWORD_RULE = (f"almeno {PASSWORD_MIN_CHARS} caratteri e al massimo {PASSWORD_MAX_BYTES} byte, "
                 "diversa dal nome utente")
NAME_MAX_CHARS = 120
BCRYPT_ROUNDS = 12  # about 0.3 s per hash; tests lower it

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)

DEMO_PREFIX = "demo."
DEMO_PASSWORD = "cruscotto-demo"  # ONLY for the demo accounts, which work only while demo data alone are loaded
DEMO_ACCOUNTS: tuple[dict, ...] = (
    {"username": "demo.amministratore", "role": AMMINISTRATORE, "name": "Amministratore (demo)"},
    {"username": "demo.prefettura", "role": PREFETTURA, "name": "Prefettura di Milano (demo)",
     "provinces": ("015", "108")},
    {"username": "demo.tavolo", "role": MEMBRO_TAVOLO, "name": "Tavolo di lavoro di Avellino (demo)",
     "provinces": ("064",)},
    {"username": "demo.referente", "role": REFERENTE_DATI, "name": "Referente SAI Provincia di Sondrio (demo)",
     "projects": ("SAI-SONDRIO",)},
    {"username": "demo.ospite", "role": OSPITE, "name": "Ospite (demo)"},
)

# --- Audit events ---------------------------------------------------------------------------------------------
EVENTS: dict[str, str] = {  # event -> Italian label
    "login_ok": "accesso riuscito",
    "login_failed": "accesso non riuscito",
    "login_locked": "accesso bloccato",
    "logout": "uscita",
    "page_view": "pagina vista",
    "export": "esportazione",
    "upload": "caricamento dati",
    "upload_rejected": "caricamento rifiutato",
    "rollback": "annullamento versione",
    "user_change": "modifica utenti",
}
_SECRET_KEY_RE = re.compile(r"pass|hash|secret|segret|token|cookie|chiave", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MSG_WRONG = "Nome utente o password non corretti."
MSG_DISABLED = "Questo account è disattivato: rivolgersi all'amministratore del cruscotto."
MSG_DEMO_ONLY = ("Gli account dimostrativi non sono più utilizzabili: il cruscotto contiene dati reali. "
                 "Chiedere un account all'amministratore.")


class AuthError(ValueError):
    """An expected problem with users or passwords; the message (one line, Italian) is meant for the user."""


@dataclass(frozen=True)
class AuthResult:
    """The outcome of a login. Show ``message``; never show ``status`` (it tells "unknown" from "wrong")."""

    status: str  # "ok", "wrong", "unknown", "locked", "disabled"
    message: str
    username: str | None = None  # set only when ok
    role: str | None = None
    name: str | None = None
    epoch: int | None = None  # the session epoch to keep with the session / cookie
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


# --- Small helpers --------------------------------------------------------------------------------------------
def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Aware UTC (SQLite gives back naive datetimes, which are UTC here)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def normalise_username(username: str | None) -> str:
    return (username or "").strip().lower()


def _check_username(username: str) -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise AuthError(f"Nome utente non valido: «{username}» ({USERNAME_RULE}).")
    return name


def password_problem(password: str | None, username: str | None = None) -> str | None:
    """Why a new password is refused (Italian), or None."""
    if not password:
        return f"Password mancante (regola: {PASSWORD_RULE})."
    if len(password) < PASSWORD_MIN_CHARS:
        return f"Password troppo corta: {len(password)} caratteri (regola: {PASSWORD_RULE})."
    if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
        return f"Password troppo lunga (regola: {PASSWORD_RULE})."
    if password.strip() == "":
        return f"La password non può essere fatta solo di spazi (regola: {PASSWORD_RULE})."
    if username and password.strip().lower() == normalise_username(username):
        return f"La password non può essere uguale al nome utente (regola: {PASSWORD_RULE})."
    return None


def hash_password(password: str, username: str | None = None) -> str:
    """The bcrypt hash of a password that follows the rule (else AuthError)."""
    problem = password_problem(password, username)
    if problem:
        raise AuthError(problem)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str | None, password_hash: str | None) -> bool:
    """True if the password matches the bcrypt hash; False for anything else (never raises)."""
    if not password or not password_hash:
        return False
    data = password.encode("utf-8")
    if len(data) > PASSWORD_MAX_BYTES:
        return False
    try:
        return bcrypt.checkpw(data, password_hash.encode("ascii"))
    except ValueError:  # not a bcrypt hash
        return False


_dummy_hashes: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash to check against when the username is unknown, so that the answer takes the same time."""
    if BCRYPT_ROUNDS not in _dummy_hashes:
        _dummy_hashes[BCRYPT_ROUNDS] = bcrypt.hashpw(b"no-such-user-password", bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
    return _dummy_hashes[BCRYPT_ROUNDS]


def _codes(values: Iterable[str] | None) -> list[str]:
    """Codes from repeated and/or comma-separated values, stripped, without duplicates, in order."""
    out: list[str] = []
    for value in values or ():
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _province_codes(session, values: Iterable[str] | None) -> list[str]:
    codes = []
    for raw in _codes(values):
        code = raw.zfill(3) if raw.isdigit() and len(raw) < 3 else raw
        if session.get(Province, code) is None:
            raise AuthError(f"Codice provincia sconosciuto: «{raw}» (codice ISTAT a tre cifre, per esempio 015 "
                            "per Milano; `manage.py init-db` carica i territori).")
        if code not in codes:
            codes.append(code)
    return sorted(codes)


def _project_codes(session, values: Iterable[str] | None) -> list[str]:
    codes = _codes(values)
    for code in codes:
        if session.get(Project, code) is None:
            known = session.execute(select(Project.project_code).order_by(Project.project_code).limit(8)).scalars()
            known = list(known)
            hint = f"per esempio {', '.join(known)}" if known else "nessun progetto caricato finora"
            raise AuthError(f"Progetto sconosciuto: «{code}» ({hint}).")
    return sorted(codes)


def _check_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip()
    if not name:
        return None
    if len(name) > NAME_MAX_CHARS or any(ord(c) < 32 for c in name):
        raise AuthError(f"Nome non valido: al massimo {NAME_MAX_CHARS} caratteri, su una riga.")
    return name


def _check_fields(session, username, role, provinces, projects, name, demo=False):
    """Validate everything of a new user except the password; returns the normalised values."""
    username = _check_username(username)
    if username.startswith(DEMO_PREFIX) and not demo:
        raise AuthError(f"Nome utente non valido: «{username}» (i nomi che iniziano con «{DEMO_PREFIX}» sono "
                        "riservati agli account dimostrativi).")
    if role not in ROLES:
        raise AuthError(f"Ruolo sconosciuto: «{role}» (ammessi: {', '.join(ROLES)}).")
    province_codes = _province_codes(session, provinces)
    project_codes = _project_codes(session, projects)
    if role in ROLES_WITH_PROVINCES and not province_codes:
        raise AuthError(f"Il ruolo {role} richiede almeno una provincia (--province CODICE, per esempio 015).")
    if role in ROLES_WITHOUT_PROVINCES and province_codes:
        what = "vede tutte le province" if role == AMMINISTRATORE else "vede solo i totali nazionali e regionali"
        raise AuthError(f"Il ruolo {role} {what}: non indicare province.")
    if role == REFERENTE_DATI and not project_codes:
        raise AuthError(f"Il ruolo {role} richiede almeno un progetto (--project CODICE, per esempio SAI-SONDRIO).")
    if role != REFERENTE_DATI and project_codes:
        raise AuthError(f"Solo il ruolo {REFERENTE_DATI} ha progetti: non indicarne per il ruolo {role}.")
    name = _check_name(name)
    if session.execute(select(User.id).where(User.username == username)).first() is not None:
        raise AuthError(f"Il nome utente «{username}» esiste già.")
    return username, province_codes, project_codes, name


def _details_json(details: Mapping | None) -> str | None:
    """JSON text of the details, with anything that looks like a secret left out."""
    if not details:
        return None

    def clean(value):
        if isinstance(value, Mapping):
            return {str(k): ("[omesso]" if _SECRET_KEY_RE.search(str(k)) else clean(v)) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            return [clean(v) for v in items]
        return value

    return json.dumps(clean(details), ensure_ascii=False, sort_keys=True, default=str)


def _audit(session, username, event, page=None, details=None, at=None) -> None:
    if event not in EVENTS:
        raise ValueError(f"Evento di audit sconosciuto: {event!r} (ammessi: {', '.join(EVENTS)}).")
    session.add(AuditEvent(at=at or _now(), username=(username or None) and str(username)[:80], event=event,
                           page=(page or None) and str(page)[:120], details=_details_json(details)))


def _user(session, username: str, for_update: bool = False) -> User | None:
    statement = select(User).where(User.username == normalise_username(username))
    if for_update:
        statement = statement.with_for_update()
    return session.execute(statement).scalar_one_or_none()


def _require_user(session, username: str, for_update: bool = True) -> User:
    user = _user(session, username, for_update)
    if user is None:
        raise AuthError(f"Utente sconosciuto: «{username}» (`manage.py users list` elenca gli utenti).")
    return user


def _demo_mode(engine: Engine) -> bool:
    return bool(loading.data_state(engine)["demo"])


# --- Users ----------------------------------------------------------------------------------------------------
def check_new_user(engine: Engine, username: str, role: str, provinces: Iterable[str] = (),
                   projects: Iterable[str] = (), name: str | None = None) -> None:
    """Validate a new user's fields (not the password) without writing: AuthError on the first problem.

    The command line calls it before asking for the password, so nobody types a password for nothing.
    """
    with session_scope(engine) as session:
        _check_fields(session, username, role, provinces, projects, name)
        session.rollback()


def create_user(engine: Engine, username: str, role: str, password: str, provinces: Iterable[str] = (),
                projects: Iterable[str] = (), name: str | None = None, actor: str | None = None,
                _demo: bool = False) -> dict:
    """Create a user (validated; AuthError and nothing written on any problem). Returns :func:`list_users`' row."""
    try:
        with session_scope(engine) as session:
            username, province_codes, project_codes, name = _check_fields(
                session, username, role, provinces, projects, name, demo=_demo)
            password_hash = hash_password(password, username)
            now = _now()
            user = User(username=username, display_name=name, role=role, password_hash=password_hash,
                        active=True, is_demo=_demo, created_at=now, updated_at=now, password_changed_at=now,
                        session_epoch=0)
            session.add(user)
            session.flush()
            session.add_all(UserProvince(user_id=user.id, province_code=code) for code in province_codes)
            session.add_all(UserProject(user_id=user.id, project_code=code) for code in project_codes)
            _audit(session, actor, "user_change", details={
                "azione": "creazione", "utente": username, "ruolo": role, "province": province_codes,
                "progetti": project_codes, "demo": _demo}, at=now)
    except IntegrityError:  # created at the same moment by someone else
        raise AuthError(f"Il nome utente «{normalise_username(username)}» esiste già.") from None
    return get_user(engine, username)


def list_users(engine: Engine, include_demo: bool = True) -> list[dict]:
    """Every user (no hashes): username, name, role, role_label, provinces, projects, active, is_demo, dates."""
    with engine.connect() as conn:
        users = conn.execute(select(User.__table__).order_by(User.username)).mappings().all()
        provinces: dict[int, list[str]] = {}
        for user_id, code in conn.execute(
                select(UserProvince.user_id, UserProvince.province_code).order_by(UserProvince.province_code)):
            provinces.setdefault(user_id, []).append(code)
        projects: dict[int, list[str]] = {}
        for user_id, code in conn.execute(
                select(UserProject.user_id, UserProject.project_code).order_by(UserProject.project_code)):
            projects.setdefault(user_id, []).append(code)
    out = []
    for u in users:
        if u["is_demo"] and not include_demo:
            continue
        out.append({
            "username": u["username"], "name": u["display_name"], "role": u["role"],
            "role_label": ROLES.get(u["role"], u["role"]), "provinces": tuple(provinces.get(u["id"], ())),
            "projects": tuple(projects.get(u["id"], ())), "active": bool(u["active"]), "is_demo": bool(u["is_demo"]),
            "created_at": _utc(u["created_at"]), "updated_at": _utc(u["updated_at"]),
            "password_changed_at": _utc(u["password_changed_at"]),
        })
    return out


def get_user(engine: Engine, username: str) -> dict:
    """One user as in :func:`list_users` (AuthError if unknown)."""
    wanted = normalise_username(username)
    for row in list_users(engine):
        if row["username"] == wanted:
            return row
    raise AuthError(f"Utente sconosciuto: «{username}» (`manage.py users list` elenca gli utenti).")


def _set_active(engine: Engine, username: str, active: bool, actor: str | None) -> bool:
    """Returns False if nothing changed (already in that state)."""
    with session_scope(engine) as session:
        user = _require_user(session, username)
        if user.active == active:
            return False
        if not active and user.role == AMMINISTRATORE:
            others = session.execute(
                select(User.id).where(User.role == AMMINISTRATORE, User.active.is_(True), User.id != user.id,
                                      User.is_demo.is_(False))
            ).first()
            if others is None and not user.is_demo:
                raise AuthError(f"«{user.username}» è l'ultimo amministratore attivo: crearne prima un altro "
                                "(`manage.py users add NOME --role amministratore`).")
        now = _now()
        user.active = active
        user.updated_at = now
        user.session_epoch += 1  # a disabled (or re-enabled) user starts again from a fresh login
        _audit(session, actor, "user_change",
               details={"azione": "riattivazione" if active else "disattivazione", "utente": user.username}, at=now)
    return True


def disable_user(engine: Engine, username: str, actor: str | None = None) -> bool:
    """Disable a user: refused at login and with any open session or cookie. False if already disabled."""
    return _set_active(engine, username, False, actor)


def enable_user(engine: Engine, username: str, actor: str | None = None) -> bool:
    """Enable a disabled user again. False if already active."""
    return _set_active(engine, username, True, actor)


def reset_password(engine: Engine, username: str, new_password: str, actor: str | None = None) -> None:
    """Set a new password (rule checked), close every open session and lift a lock-out."""
    with session_scope(engine) as session:
        user = _require_user(session, username)
        user.password_hash = hash_password(new_password, user.username)
        now = _now()
        user.password_changed_at = now
        user.updated_at = now
        user.session_epoch += 1
        session.execute(delete(LoginAttempt).where(LoginAttempt.username == user.username))
        _audit(session, actor, "user_change", details={"azione": "nuova password", "utente": user.username}, at=now)


# --- Login, sessions ------------------------------------------------------------------------------------------
def _minutes(delta: dt.timedelta) -> int:
    return max(1, -(-int(delta.total_seconds()) // 60))


def _locked(until: dt.datetime, now: dt.datetime, wrong: bool = False) -> str:
    minutes = _minutes(until - now)
    prefix = f"{MSG_WRONG} " if wrong else ""
    return (f"{prefix}Troppi tentativi non riusciti: accesso bloccato per {minutes} "
            f"minut{'o' if minutes == 1 else 'i'}. Riprovare più tardi o chiedere all'amministratore una nuova "
            "password.")


def authenticate(engine: Engine, username: str, password: str, now: dt.datetime | None = None) -> AuthResult:
    """Check a login, apply the lock-out and record it in the audit trail.

    5 failures for a username (known or not) lock it for 15 minutes; a success resets the counter. An unknown
    username gets exactly the message of a wrong password. A disabled user, and a demo account when the database
    holds real data, are refused (status "disabled") once the password is right.
    """
    now = _utc(now) or _now()
    key = normalise_username(username)[:80]
    if not key:
        return AuthResult("unknown", MSG_WRONG)

    with session_scope(engine) as session:  # 1. locked already? (then the password is not even checked)
        attempt = session.get(LoginAttempt, key)
        until = _utc(attempt.locked_until) if attempt is not None else None
        if until is not None and until > now:
            _audit(session, key, "login_locked", at=now, details={"bloccato_fino_a": until.isoformat()})
            return AuthResult("locked", _locked(until, now), locked_until=until)
        user = _user(session, key)
        snapshot = None if user is None else {
            "hash": user.password_hash, "active": user.active, "demo": user.is_demo, "role": user.role,
            "name": user.display_name, "epoch": user.session_epoch}

    password_ok = verify_password(password, snapshot["hash"] if snapshot else _dummy_hash())

    if snapshot is not None and password_ok:
        reason = None
        if not snapshot["active"]:
            reason, message = "disattivato", MSG_DISABLED
        elif snapshot["demo"] and not _demo_mode(engine):
            reason, message = "account demo con dati reali", MSG_DEMO_ONLY
        with session_scope(engine) as session:
            attempt = session.get(LoginAttempt, key, with_for_update=True)
            until = _utc(attempt.locked_until) if attempt is not None else None
            if until is not None and until > now:  # locked meanwhile (another replica)
                _audit(session, key, "login_locked", at=now, details={"bloccato_fino_a": until.isoformat()})
                return AuthResult("locked", _locked(until, now), locked_until=until)
            if reason is not None:
                _audit(session, key, "login_failed", at=now, details={"motivo": reason})
                return AuthResult("disabled", message)
            if attempt is not None:
                session.delete(attempt)
            _audit(session, key, "login_ok", at=now, details={"ruolo": snapshot["role"]})
        return AuthResult("ok", "Accesso eseguito.", username=key, role=snapshot["role"], name=snapshot["name"],
                          epoch=snapshot["epoch"])

    status = "unknown" if snapshot is None else "wrong"
    for _try in range(3):  # a concurrent first failure may insert the row first: retry
        try:
            with session_scope(engine) as session:
                attempt = session.get(LoginAttempt, key, with_for_update=True)
                if attempt is None:
                    attempt = LoginAttempt(username=key, failed_count=0, locked_until=None, last_attempt_at=now)
                    session.add(attempt)
                until = _utc(attempt.locked_until)
                if until is not None and until > now:
                    _audit(session, key, "login_locked", at=now, details={"bloccato_fino_a": until.isoformat()})
                    return AuthResult("locked", _locked(until, now), locked_until=until)
                if until is not None:  # an expired lock-out: start counting again
                    attempt.failed_count, attempt.locked_until = 0, None
                attempt.failed_count += 1
                attempt.last_attempt_at = now
                _audit(session, key, "login_failed", at=now, details={
                    "motivo": "utente sconosciuto" if snapshot is None else "password errata",
                    "tentativi": attempt.failed_count})
                if attempt.failed_count >= MAX_FAILURES:
                    attempt.locked_until = until = now + LOCKOUT
                    _audit(session, key, "login_locked", at=now, details={"bloccato_fino_a": until.isoformat()})
                    return AuthResult("locked", _locked(until, now, wrong=True), locked_until=until)
            return AuthResult(status, MSG_WRONG)
        except IntegrityError:
            continue
    return AuthResult(status, MSG_WRONG)


def session_user(engine: Engine, username: str | None, epoch: int | None) -> dict | None:
    """The user of a session (username, name, role) if it is still valid, else None: the user exists, is active,
    the epoch is the current one, and (demo accounts) demo data alone are loaded. Asked at every rerun, so a
    logout, a disable or a password reset elsewhere ends the session here too."""
    if not username or epoch is None:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(User.username, User.display_name, User.role, User.active, User.session_epoch,
                                  User.is_demo).where(User.username == normalise_username(username))).first()
    if row is None or not row.active or row.session_epoch != epoch:
        return None
    if row.is_demo and not _demo_mode(engine):
        return None
    return {"username": row.username, "name": row.display_name or row.username, "role": row.role,
            "role_label": ROLES.get(row.role, row.role), "epoch": epoch}


def session_valid(engine: Engine, username: str | None, epoch: int | None) -> bool:
    """Whether :func:`session_user` accepts the session."""
    return session_user(engine, username, epoch) is not None


def logout(engine: Engine, username: str) -> None:
    """End every session of the user (bumps the epoch) and record it. Unknown users: nothing to do."""
    with session_scope(engine) as session:
        user = _user(session, username, for_update=True)
        if user is None:
            return
        user.session_epoch += 1
        _audit(session, user.username, "logout")


# --- Login cookie ---------------------------------------------------------------------------------------------
def issue_token(username: str, epoch: int, key: bytes, days: float, now: dt.datetime | None = None) -> str:
    """The signed value of the login cookie: a JWT (HS256) with the username, the session epoch and the expiry
    as ``exp_date`` (a POSIX timestamp, the claim streamlit-authenticator's cookie model reads)."""
    import jwt

    now = _utc(now) or _now()
    claims = {"username": normalise_username(username), "epoch": int(epoch), "iat": int(now.timestamp()),
              "exp_date": (now + dt.timedelta(days=days)).timestamp()}
    return jwt.encode(claims, key, algorithm="HS256")


def read_token(token: str | None, key: bytes, now: dt.datetime | None = None) -> tuple[str, int] | None:
    """(username, epoch) from a login cookie, or None if it is missing, forged (bad signature, other algorithm,
    altered), malformed or expired. The caller still asks :func:`session_valid` (logout, disable, reset)."""
    import jwt

    if not token or not isinstance(token, str) or len(token) > 4096:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp_date", "username"]})
    except jwt.PyJWTError:
        return None
    now = _utc(now) or _now()
    username, epoch, expiry = claims.get("username"), claims.get("epoch"), claims.get("exp_date")
    if not isinstance(username, str) or not isinstance(epoch, int) or isinstance(epoch, bool):
        return None
    if not isinstance(expiry, (int, float)) or expiry <= now.timestamp():
        return None
    return normalise_username(username), epoch


def project_choices(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of every registered project, for the user form."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Project.project_code, Project.name)
                                                .order_by(Project.project_code))]


def province_choices(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of every province, for the user form."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Province.code, Province.name).order_by(Province.name))]


# --- Pages by role --------------------------------------------------------------------------------------------
ANALYTIC_PAGES = ("panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {  # role -> URL paths of the pages it may open (config/navigation.py)
    AMMINISTRATORE: (*ANALYTIC_PAGES, "metodologia", "importa", "utenti", "registro"),
    PREFETTURA: (*ANALYTIC_PAGES, "metodologia"),
    MEMBRO_TAVOLO: (*ANALYTIC_PAGES, "metodologia"),
    REFERENTE_DATI: (*ANALYTIC_PAGES, "metodologia", "importa"),
    # national and regional totals only: no network page (members and meetings are listed by province)
    OSPITE: ("panoramica", "mappa", "accoglienza", "emersione", "servizi", "pacchetto", "metodologia"),
}


def import_projects(engine: Engine, username: str) -> frozenset[str] | None:
    """The projects whose data a user may import: None (any table, any project) for an administrator, their own
    projects for a data steward; AuthError for anyone else or a disabled user."""
    user = get_user(engine, username)
    if not user["active"]:
        raise AuthError(MSG_DISABLED)
    if user["role"] == AMMINISTRATORE:
        return None
    if user["role"] == REFERENTE_DATI:
        return frozenset(user["projects"])
    raise AuthError(f"L'utente «{user['username']}» ({user['role_label']}) non può caricare dati: possono farlo "
                    "gli amministratori e i referenti dati.")


def pages_for(role: str | None) -> tuple[str, ...]:
    """The pages a role may open (none for an unknown role)."""
    return PAGES_BY_ROLE.get(role or "", ())


# --- Scope ----------------------------------------------------------------------------------------------------
def _provinces_label(conn, codes: list[str]) -> str:
    if not codes:
        return "nessuna provincia"
    if len(codes) > 3:
        return f"{len(codes)} province"
    names = dict(conn.execute(select(Province.code, Province.name).where(Province.code.in_(codes))).all())
    return ", ".join(names.get(code, code) for code in codes)


def scope_for(engine: Engine, username: str) -> Scope:
    """The Scope of an active user (AuthError for an unknown or disabled one); see the module docstring."""
    with engine.connect() as conn:
        user = conn.execute(select(User.id, User.role, User.active)
                            .where(User.username == normalise_username(username))).first()
        if user is None:
            raise AuthError(f"Utente sconosciuto: «{username}».")
        if not user.active:
            raise AuthError(MSG_DISABLED)
        if user.role == AMMINISTRATORE:
            return Scope(provinces=None, level="provincia", label="Italia", history=True)
        if user.role == OSPITE:
            return Scope(provinces=None, level="regione", label="Italia (totali nazionali e regionali)")
        registered = select(UserProvince.province_code.label("code")).where(UserProvince.user_id == user.id)
        if user.role in ROLES_WITH_PROVINCES:
            codes = sorted(conn.execute(registered).scalars())
            return Scope(provinces=frozenset(codes), level="provincia", label=_provinces_label(conn, codes))
        if user.role == REFERENTE_DATI:
            mine = select(UserProject.project_code).where(UserProject.user_id == user.id)
            parts = [registered]
            for spec in TABLES.values():
                if "project_code" in spec.dimensions:
                    t = spec.model.__table__
                    parts.append(select(t.c.province_code.label("code"))
                                 .where(t.c.version_to.is_(None), t.c.project_code.in_(mine)))
            codes = sorted(set(conn.execute(union(*parts)).scalars()))
            projects = sorted(conn.execute(mine).scalars())
            return Scope(provinces=frozenset(codes), level="provincia",
                         label=f"Progetti {', '.join(projects)} ({_provinces_label(conn, codes)})")
    raise AuthError(f"Ruolo sconosciuto: «{user.role}».")


# --- Audit trail ----------------------------------------------------------------------------------------------
def record(engine: Engine, username: str | None, event: str, page: str | None = None,
           details: Mapping | None = None) -> None:
    """Add one event to the audit trail (its own transaction).

    ``details``: filters, formats, file names, row numbers of an upload... Keys that look like secrets
    (password, hash, token...) are replaced by "[omesso]"; never pass a count of people.
    """
    with session_scope(engine) as session:
        _audit(session, username, event, page=page, details=details)


def _as_utc(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return _utc(value)


def audit_frame(engine: Engine, since: dt.date | dt.datetime | None = None,
                until: dt.date | dt.datetime | None = None, username: str | None = None,
                events: Iterable[str] | None = None):
    """The audit trail as a DataFrame (id, at (UTC), username, event, page, details), oldest first.

    ``since`` is inclusive and ``until`` exclusive (dates mean midnight UTC); ``events`` keeps those events only.
    """
    import pandas as pd

    t = AuditEvent.__table__
    statement = select(t.c.id, t.c.at, t.c.username, t.c.event, t.c.page, t.c.details).order_by(t.c.at, t.c.id)
    if since is not None:
        statement = statement.where(t.c.at >= _as_utc(since))
    if until is not None:
        statement = statement.where(t.c.at < _as_utc(until))
    if username:
        statement = statement.where(t.c.username == normalise_username(username))
    if events:
        unknown = sorted(set(events) - set(EVENTS))
        if unknown:
            raise AuthError(f"Evento sconosciuto: «{unknown[0]}» (ammessi: {', '.join(EVENTS)}).")
        statement = statement.where(t.c.event.in_(sorted(set(events))))
    with engine.connect() as conn:
        result = conn.execute(statement)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


CSV_HEADER = ("id", "data_ora_utc", "utente", "evento", "pagina", "dettagli")


def _safe_cell(value) -> str:
    """Text for a spreadsheet cell; anything a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def audit_csv(engine: Engine, since=None, until=None, username=None, events=None) -> bytes:
    """The audit trail as CSV for Italian Excel: UTF-8 with BOM, ";" separator, formulas neutralised."""
    frame = audit_frame(engine, since=since, until=until, username=username, events=events)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in frame.itertuples(index=False):
        at = row.at.strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow([_safe_cell(v) for v in (row.id, at, row.username, row.event, row.page, row.details)])
    return buffer.getvalue().encode("utf-8-sig")


# --- Demo accounts --------------------------------------------------------------------------------------------
def ensure_demo_users(engine: Engine) -> list[dict]:
    """In demo mode (demo data alone), create the missing demo accounts (one per role) and return the active ones
    with their password, for the login page. Outside demo mode, create nothing and return [].

    The demo password is public (:data:`DEMO_PASSWORD`): these accounts stop working as soon as real data are
    loaded (:func:`authenticate` and :func:`session_valid` refuse them).
    """
    if not _demo_mode(engine):
        return []
    existing = {u["username"]: u for u in list_users(engine)}
    for account in DEMO_ACCOUNTS:
        if account["username"] in existing:
            continue
        projects = account.get("projects", ())
        if projects:
            with engine.connect() as conn:
                projects = tuple(conn.execute(
                    select(Project.project_code).where(Project.project_code.in_(projects))).scalars())
            if not projects:
                continue  # demo data without that project: no demo referente
        try:
            create_user(engine, account["username"], account["role"], DEMO_PASSWORD,
                        provinces=account.get("provinces", ()), projects=projects, name=account["name"],
                        actor="sistema (demo)", _demo=True)
        except AuthError:
            if not any(u["username"] == account["username"] for u in list_users(engine)):
                raise
            # else another replica created it at the same moment
    order = [a["username"] for a in DEMO_ACCOUNTS]
    demo_users = [u for u in list_users(engine) if u["is_demo"] and u["active"]]
    demo_users.sort(key=lambda u: order.index(u["username"]) if u["username"] in order else len(order))
    return [{**u, "password": DEMO_PASSWORD} for u in demo_users]
