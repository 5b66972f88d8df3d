"""Sessions: the user of a session at every rerun, logout, and the signed login cookie.

:func:`~data_access.auth.login.authenticate` returns the user's ``session_epoch``; the app keeps it in the session
or cookie and asks :func:`session_user` at every rerun. Logout, disable and password reset bump the epoch, so
older sessions and cookies are refused.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from data_access.auth.audit import add_event
from data_access.auth.common import demo_mode, find_user, normalise_username, utc, utc_now
from data_access.auth.roles import role_label
from data_access.db import session_scope
from data_access.models import User

TOKEN_MAX_CHARS = 4096


def session_user(engine: Engine, username: str | None, epoch: int | None) -> dict | None:
    """The user of a session (id, username, name, role) if it is still valid, else None: the user exists, is active,
    the epoch is the current one, and (demo accounts) demo data alone are loaded. Asked at every rerun, so a
    logout, a disable or a password reset elsewhere ends the session here too."""
    if not username or epoch is None:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(User.id, User.username, User.display_name, User.role, User.active,
                                  User.session_epoch, User.is_demo)
                           .where(User.username == normalise_username(username))).first()
    if row is None or not row.active or row.session_epoch != epoch:
        return None
    if row.is_demo and not demo_mode(engine):
        return None
    return {"id": row.id, "username": row.username, "name": row.display_name or row.username, "role": row.role,
            "role_label": role_label(row.role), "epoch": epoch}


def session_valid(engine: Engine, username: str | None, epoch: int | None) -> bool:
    """Whether :func:`session_user` accepts the session."""
    return session_user(engine, username, epoch) is not None


def logout(engine: Engine, username: str) -> None:
    """End every session of the user (bumps the epoch) and record it. Unknown users: nothing to do."""
    with session_scope(engine) as session:
        user = find_user(session, username, for_update=True)
        if user is None:
            return
        user.session_epoch += 1
        add_event(session, user.username, "logout")


def issue_token(username: str, epoch: int, key: bytes, days: float, now: dt.datetime | None = None) -> str:
    """The signed value of the login cookie: a JWT (HS256) with the username, the session epoch and the expiry
    as ``exp_date`` (a POSIX timestamp, the claim streamlit-authenticator's cookie model reads)."""
    import jwt

    now = utc(now) or utc_now()
    claims = {"username": normalise_username(username), "epoch": int(epoch), "iat": int(now.timestamp()),
              "exp_date": (now + dt.timedelta(days=days)).timestamp()}
    return jwt.encode(claims, key, algorithm="HS256")


def read_token(token: str | None, key: bytes, now: dt.datetime | None = None) -> tuple[str, int] | None:
    """(username, epoch) from a login cookie, or None if it is missing, forged (bad signature, other algorithm,
    altered), malformed or expired. The caller still asks :func:`session_valid` (logout, disable, reset)."""
    import jwt

    if not token or not isinstance(token, str) or len(token) > TOKEN_MAX_CHARS:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp_date", "username"]})
    except jwt.PyJWTError:
        return None
    now = utc(now) or utc_now()
    username, epoch, expiry = claims.get("username"), claims.get("epoch"), claims.get("exp_date")
    if not isinstance(username, str) or not isinstance(epoch, int) or isinstance(epoch, bool):
        return None
    if not isinstance(expiry, (int, float)) or expiry <= now.timestamp():
        return None
    return normalise_username(username), epoch
