"""What a user may see and load: the :class:`~data_access.scope.Scope` built at login (:func:`scope_for`) and the
projects whose data they may import (:func:`import_projects`).

* ``amministratore``: every province, down to province level.
* ``prefettura`` and ``membro_tavolo``: the provinces given to the user.
* ``referente_dati``: the provinces where their projects have current data (capacity, outreach, outreach
  activity, services) plus any provinces registered on the user with ``--province`` (for a project that has no
  data yet).
* ``ospite``: only national and regional totals: ``Scope(provinces=None, level="regione")``.
"""

from __future__ import annotations

from sqlalchemy import Engine, select, union

from config.labels import t
from config.phrases import Phrase
from data_access.auth.common import DISABLED, AuthError, normalise_username
from data_access.auth.roles import AMMINISTRATORE, OSPITE, REFERENTE_DATI, ROLE_CODES, ROLES_WITH_PROVINCES
from data_access.auth.sessions import session_user
from data_access.auth.users import get_user
from data_access.models import TABLES, Province, User, UserProject, UserProvince
from data_access.scope import Scope

PROVINCES_NAMED = 3  # a scope's label names up to this many provinces, then counts them


def import_projects(engine: Engine, username: str) -> frozenset[str] | None:
    """The projects whose data a user may import: None (any table, any project) for an administrator, their own
    projects for a data steward; AuthError for anyone else or a disabled user."""
    user = get_user(engine, username)
    if not user["active"]:
        raise AuthError(DISABLED)
    if user["role"] == AMMINISTRATORE:
        return None
    if user["role"] == REFERENTE_DATI:
        return frozenset(user["projects"])
    role = Phrase(f"auth.role.{user['role']}") if user["role"] in ROLE_CODES else user["role"]
    raise AuthError(Phrase("auth.import.refused", username=user["username"], role=role))


def _provinces_label(conn, codes: list[str], lang: str) -> str:
    if not codes:
        return t("auth.scope.no_province", lang)
    if len(codes) > PROVINCES_NAMED:
        return t("auth.scope.provinces", lang, n=len(codes))
    names = dict(conn.execute(select(Province.code, Province.name).where(Province.code.in_(codes))).all())
    return ", ".join(names.get(code, code) for code in codes)


def _steward_scope(conn, user_id: int, lang: str) -> Scope:
    """A data steward's provinces: those registered on the user and those where their projects have data."""
    mine = select(UserProject.project_code).where(UserProject.user_id == user_id)
    parts = [select(UserProvince.province_code.label("code")).where(UserProvince.user_id == user_id)]
    for spec in TABLES.values():
        if "project_code" in spec.dimensions:
            table = spec.model.__table__
            parts.append(select(table.c.province_code.label("code"))
                         .where(table.c.version_to.is_(None), table.c.project_code.in_(mine)))
    codes = sorted(set(conn.execute(union(*parts)).scalars()))
    projects = sorted(conn.execute(mine).scalars())
    return Scope(provinces=frozenset(codes), level="provincia",
                 label=t("auth.scope.projects", lang, projects=", ".join(projects),
                         provinces=_provinces_label(conn, codes, lang)))


def scope_for(engine: Engine, username: str, lang: str = "it") -> Scope:
    """The Scope of an active user (AuthError for an unknown or disabled one); its label in ``lang``."""
    with engine.connect() as conn:
        user = conn.execute(select(User.id, User.role, User.active)
                            .where(User.username == normalise_username(username))).first()
        if user is None:
            raise AuthError(Phrase("auth.scope.unknown_user", username=username))
        if not user.active:
            raise AuthError(DISABLED)
        fixed = _of_role(user.role, lang)
        return fixed if fixed is not None else _listed(conn, user.id, user.role, lang)


def scope_of(engine: Engine, user: dict, lang: str = "it") -> Scope:
    """:func:`scope_for` of the user :func:`~data_access.auth.sessions.session_user` has just found valid in this
    run (its ``id`` and ``role``, read from the database at this run): the user's row is not read a second time, and
    an administrator's or a guest's scope needs no read at all (one statement fewer at every run of every page)."""
    fixed = _of_role(user["role"], lang)
    if fixed is not None:
        return fixed
    with engine.connect() as conn:
        return _listed(conn, user["id"], user["role"], lang)


def _of_role(role: str, lang: str) -> Scope | None:
    """The scope a role gives whoever holds it (administrator, guest); None where it lists the user's provinces."""
    if role == AMMINISTRATORE:
        return Scope(provinces=None, level="provincia", label=t("auth.scope.italy", lang), history=True)
    if role == OSPITE:
        return Scope(provinces=None, level="regione", label=t("auth.scope.italy_totals", lang))
    return None


def _listed(conn, user_id: int, role: str, lang: str) -> Scope:
    """The scope of a role that lists provinces (given to the user, or where a steward's projects have data)."""
    if role in ROLES_WITH_PROVINCES:
        codes = sorted(conn.execute(select(UserProvince.province_code).where(UserProvince.user_id == user_id))
                       .scalars())
        return Scope(provinces=frozenset(codes), level="provincia", label=_provinces_label(conn, codes, lang))
    if role == REFERENTE_DATI:
        return _steward_scope(conn, user_id, lang)
    raise AuthError(Phrase("auth.scope.unknown_role", role=role))


_LEVELS = ("nazionale", "regione", "provincia")  # coarse to fine


def _covers(now: Scope, then: Scope) -> bool:
    """Whether a user with scope ``now`` may see everything a scope ``then`` could."""
    provinces = now.provinces is None or (then.provinces is not None and then.provinces <= now.provinces)
    level = _LEVELS.index(now.level) >= _LEVELS.index(then.level)
    return provinces and level and (now.history or not then.history)


def still_allowed(engine: Engine, username: str | None, epoch: int | None, scope: Scope) -> bool:
    """At the moment a file is built (a download clicked in a tab opened earlier): whether the session is still
    valid (not logged out, disabled or reset since) and the user may still see what ``scope`` covered (their
    provinces not reduced, their role not made coarser)."""
    if session_user(engine, username, epoch) is None:
        return False
    try:
        return _covers(scope_for(engine, username), scope)
    except AuthError:
        return False
