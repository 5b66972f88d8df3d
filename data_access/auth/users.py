"""Users: the rules of a new one (username, role, provinces, projects, name), creating, listing, disabling and
enabling them, a new password, and the demo accounts. Every change is validated first (AuthError and nothing
written on any problem), written in one transaction and recorded in the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError

from config.labels import t
from config.phrases import Phrase
from data_access.auth.audit import add_event
from data_access.auth.common import AuthError, demo_mode, find_user, normalise_username, utc, utc_now
from data_access.auth.passwords import hash_password
from data_access.auth.roles import (
    AMMINISTRATORE,
    MEMBRO_TAVOLO,
    OSPITE,
    PREFETTURA,
    REFERENTE_DATI,
    ROLES,
    ROLES_WITH_PROVINCES,
    ROLES_WITHOUT_PROVINCES,
    role_label,
)
from data_access.db import session_scope
from data_access.models import LoginAttempt, Project, Province, User, UserProject, UserProvince

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
USERNAME_RULE = t("auth.username_rule")  # in Italian, for the command line
NAME_MAX_CHARS = 120
KNOWN_PROJECTS_SHOWN = 8  # projects named as examples when an unknown one is given

DEMO_PREFIX = "demo."
DEMO_PASSWORD = "cruscotto-demo"  # ONLY for the demo accounts, which work only while demo data alone are loaded
DEMO_ACTOR = "sistema (demo)"
DEMO_ACCOUNTS: tuple[dict, ...] = tuple({**account, "name": t(f"auth.demo_name.{account['role']}")} for account in (
    {"username": "demo.amministratore", "role": AMMINISTRATORE},
    {"username": "demo.prefettura", "role": PREFETTURA, "provinces": ("015", "108")},
    {"username": "demo.tavolo", "role": MEMBRO_TAVOLO, "provinces": ("064",)},
    {"username": "demo.referente", "role": REFERENTE_DATI, "projects": ("SAI-SONDRIO",)},
    {"username": "demo.ospite", "role": OSPITE},
))


# --- The rules of a new user ------------------------------------------------------------------------------------
def username_rule(lang: str = "it") -> str:
    """The rule of a username in words, for a form's help."""
    return t("auth.username_rule", lang)


def _check_username(username: str, demo: bool = False) -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise AuthError(Phrase("auth.username.invalid", username=username, rule=Phrase("auth.username_rule")))
    if name.startswith(DEMO_PREFIX) and not demo:
        raise AuthError(Phrase("auth.username.demo", username=name, prefix=DEMO_PREFIX))
    return name


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
            raise AuthError(Phrase("auth.province.unknown", code=raw))
        if code not in codes:
            codes.append(code)
    return sorted(codes)


def _project_codes(session, values: Iterable[str] | None) -> list[str]:
    codes = _codes(values)
    for code in codes:
        if session.get(Project, code) is None:
            known = list(session.execute(select(Project.project_code).order_by(Project.project_code)
                                         .limit(KNOWN_PROJECTS_SHOWN)).scalars())
            raise AuthError(Phrase("auth.project.unknown", code=code, known=", ".join(known)) if known
                            else Phrase("auth.project.unknown_none", code=code))
    return sorted(codes)


def _check_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip()
    if not name:
        return None
    if len(name) > NAME_MAX_CHARS or any(ord(c) < 32 for c in name):
        raise AuthError(Phrase("auth.name.invalid", limit=NAME_MAX_CHARS))
    return name


def _role_problem(role: str, province_codes: list[str], project_codes: list[str]) -> Phrase | None:
    """Why the provinces and projects do not suit the role, or None."""
    if role in ROLES_WITH_PROVINCES and not province_codes:
        return Phrase("auth.role.needs_province", role=role)
    if role in ROLES_WITHOUT_PROVINCES and province_codes:
        return Phrase("auth.role.sees_all" if role == AMMINISTRATORE else "auth.role.sees_totals", role=role)
    if role == REFERENTE_DATI and not project_codes:
        return Phrase("auth.role.needs_project", role=role)
    if role != REFERENTE_DATI and project_codes:
        return Phrase("auth.role.no_projects", role=role, steward=REFERENTE_DATI)
    return None


def _check_fields(session, username, role, provinces, projects, name, demo=False):
    """Validate everything of a new user except the password; returns the normalised values."""
    username = _check_username(username, demo)
    if role not in ROLES:
        raise AuthError(Phrase("auth.role.unknown", role=role, roles=", ".join(ROLES)))
    province_codes = _province_codes(session, provinces)
    project_codes = _project_codes(session, projects)
    problem = _role_problem(role, province_codes, project_codes)
    if problem:
        raise AuthError(problem)
    name = _check_name(name)
    if session.execute(select(User.id).where(User.username == username)).first() is not None:
        raise AuthError(Phrase("auth.username.taken", username=username))
    return username, province_codes, project_codes, name


def require_user(session, username: str, for_update: bool = True) -> User:
    """The user row (locked for update), or AuthError for an unknown user."""
    user = find_user(session, username, for_update)
    if user is None:
        raise AuthError(Phrase("auth.user.unknown", username=username))
    return user


# --- Creating and listing ---------------------------------------------------------------------------------------
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
            at = utc_now()
            user = User(username=username, display_name=name, role=role, password_hash=password_hash,
                        active=True, is_demo=_demo, created_at=at, updated_at=at, password_changed_at=at,
                        session_epoch=0)
            session.add(user)
            session.flush()
            session.add_all(UserProvince(user_id=user.id, province_code=code) for code in province_codes)
            session.add_all(UserProject(user_id=user.id, project_code=code) for code in project_codes)
            add_event(session, actor, "user_change", details={
                "azione": t("auth.action.create"), "utente": username, "ruolo": role, "province": province_codes,
                "progetti": project_codes, "demo": _demo}, at=at)
    except IntegrityError:  # created at the same moment by someone else
        raise AuthError(Phrase("auth.username.taken", username=normalise_username(username))) from None
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
    return [{
        "username": u["username"], "name": u["display_name"], "role": u["role"], "role_label": role_label(u["role"]),
        "provinces": tuple(provinces.get(u["id"], ())), "projects": tuple(projects.get(u["id"], ())),
        "active": bool(u["active"]), "is_demo": bool(u["is_demo"]), "created_at": utc(u["created_at"]),
        "updated_at": utc(u["updated_at"]), "password_changed_at": utc(u["password_changed_at"]),
    } for u in users if include_demo or not u["is_demo"]]


def get_user(engine: Engine, username: str) -> dict:
    """One user as in :func:`list_users` (AuthError if unknown)."""
    wanted = normalise_username(username)
    for row in list_users(engine):
        if row["username"] == wanted:
            return row
    raise AuthError(Phrase("auth.user.unknown", username=username))


def project_choices(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of every registered project, for the user form."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Project.project_code, Project.name)
                                                .order_by(Project.project_code))]


def province_choices(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of every province, for the user form."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Province.code, Province.name).order_by(Province.name))]


# --- Changing -------------------------------------------------------------------------------------------------
def _last_administrator(session, user: User) -> bool:
    """Whether ``user`` is the only active administrator (demo accounts aside)."""
    if user.role != AMMINISTRATORE or user.is_demo:
        return False
    others = session.execute(select(User.id).where(User.role == AMMINISTRATORE, User.active.is_(True),
                                                   User.id != user.id, User.is_demo.is_(False))).first()
    return others is None


def _set_active(engine: Engine, username: str, active: bool, actor: str | None) -> bool:
    """Returns False if nothing changed (already in that state)."""
    with session_scope(engine) as session:
        user = require_user(session, username)
        if user.active == active:
            return False
        if not active and _last_administrator(session, user):
            raise AuthError(Phrase("auth.user.last_administrator", username=user.username))
        at = utc_now()
        user.active = active
        user.updated_at = at
        user.session_epoch += 1  # a disabled (or re-enabled) user starts again from a fresh login
        add_event(session, actor, "user_change", at=at, details={
            "azione": t("auth.action.enable" if active else "auth.action.disable"), "utente": user.username})
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
        user = require_user(session, username)
        user.password_hash = hash_password(new_password, user.username)
        at = utc_now()
        user.password_changed_at = at
        user.updated_at = at
        user.session_epoch += 1
        session.execute(delete(LoginAttempt).where(LoginAttempt.username == user.username))
        add_event(session, actor, "user_change", at=at,
                  details={"azione": t("auth.action.password"), "utente": user.username})


# --- Demo accounts --------------------------------------------------------------------------------------------
def _demo_projects(engine: Engine, account: dict) -> tuple[str, ...]:
    """The account's projects that the demo data hold."""
    wanted = account.get("projects", ())
    if not wanted:
        return ()
    with engine.connect() as conn:
        return tuple(conn.execute(select(Project.project_code).where(Project.project_code.in_(wanted))).scalars())


def ensure_demo_users(engine: Engine) -> list[dict]:
    """In demo mode (demo data alone), create the missing demo accounts (one per role) and return the active ones
    with their password, for the login page. Outside demo mode, create nothing and return [].

    The demo password is public (:data:`DEMO_PASSWORD`): these accounts stop working as soon as real data are
    loaded (authenticate and session_valid refuse them).
    """
    if not demo_mode(engine):
        return []
    existing = {u["username"] for u in list_users(engine)}
    for account in DEMO_ACCOUNTS:
        if account["username"] in existing:
            continue
        projects = _demo_projects(engine, account)
        if account.get("projects") and not projects:
            continue  # demo data without that project: no demo referente
        try:
            create_user(engine, account["username"], account["role"], DEMO_PASSWORD,
                        provinces=account.get("provinces", ()), projects=projects, name=account["name"],
                        actor=DEMO_ACTOR, _demo=True)
        except AuthError:
            if not any(u["username"] == account["username"] for u in list_users(engine)):
                raise
            # else another replica created it at the same moment
    order = [a["username"] for a in DEMO_ACCOUNTS]
    demo_users = [u for u in list_users(engine) if u["is_demo"] and u["active"]]
    demo_users.sort(key=lambda u: order.index(u["username"]) if u["username"] in order else len(order))
    return [{**u, "password": DEMO_PASSWORD} for u in demo_users]
