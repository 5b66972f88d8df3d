"""Logging in: the password checked, the lock-out applied, every attempt recorded in the audit trail.

Lock-out: 5 failed logins for the same username (known or not) lock it for 15 minutes; the counter lives in the
database (``login_attempts``), so it holds across reruns, restarts and replicas, and a success resets it.
Unknown usernames get exactly the message of a wrong password, and a password check of the same cost. A disabled
user, and a demo account while the database holds real data, are refused once the password is right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from config.labels import t
from config.phrases import Phrase
from data_access.auth.audit import add_event
from data_access.auth.common import DISABLED, USERNAME_MAX_CHARS, demo_mode, find_user, normalise_username, utc, utc_now
from data_access.auth.passwords import dummy_hash, verify_password
from data_access.db import insert_missing, session_scope
from data_access.models import LoginAttempt, User

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)

WRONG = Phrase("auth.wrong")
DEMO_ONLY = Phrase("auth.demo_only")
MSG_WRONG, MSG_DISABLED, MSG_DEMO_ONLY = WRONG.text(), DISABLED.text(), DEMO_ONLY.text()  # in Italian


@dataclass(frozen=True)
class AuthResult:
    """The outcome of a login. Show the message; never show ``status`` (it tells "unknown" from "wrong")."""

    status: str  # "ok", "wrong", "unknown", "locked", "disabled"
    phrase: Phrase
    username: str | None = None  # set only when ok
    role: str | None = None
    name: str | None = None
    epoch: int | None = None  # the session epoch to keep with the session / cookie
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def message(self) -> str:
        """The message in Italian."""
        return self.phrase.text()

    def text(self, lang: str = "it") -> str:
        return self.phrase.text(lang)


@dataclass(frozen=True)
class _Account:
    """What a login needs of the user row, read before the (slow) password check."""

    password_hash: str
    active: bool
    demo: bool
    role: str
    name: str | None
    epoch: int

    @classmethod
    def of(cls, user: User) -> _Account:
        return cls(user.password_hash, user.active, user.is_demo, user.role, user.display_name, user.session_epoch)


def _locked_phrase(until: dt.datetime, at: dt.datetime, wrong: bool = False) -> Phrase:
    minutes = max(1, -(-int((until - at).total_seconds()) // 60))
    locked = Phrase("auth.locked.one") if minutes == 1 else Phrase("auth.locked.many", minutes=minutes)
    return Phrase("auth.wrong_and_locked", wrong=WRONG, locked=locked) if wrong else locked


def _while_locked(session, key: str, attempt: LoginAttempt | None, at: dt.datetime) -> AuthResult | None:
    """If the username is locked at ``at``: the refusal, recorded in the audit trail; else None."""
    until = utc(attempt.locked_until) if attempt is not None else None
    if until is None or until <= at:
        return None
    add_event(session, key, "login_locked", at=at, details={"bloccato_fino_a": until.isoformat()})
    return AuthResult("locked", _locked_phrase(until, at), locked_until=until)


def authenticate(engine: Engine, username: str, password: str, now: dt.datetime | None = None) -> AuthResult:
    """Check a login, apply the lock-out and record it in the audit trail (see the module docstring)."""
    at = utc(now) or utc_now()
    key = normalise_username(username)[:USERNAME_MAX_CHARS]
    if not key:
        return AuthResult("unknown", WRONG)
    with session_scope(engine) as session:  # locked already? then the password is not even checked
        locked = _while_locked(session, key, session.get(LoginAttempt, key), at)
        if locked is not None:
            return locked
        user = find_user(session, key)
        account = None if user is None else _Account.of(user)
    password_ok = verify_password(password, account.password_hash if account else dummy_hash())
    if account is not None and password_ok:
        return _succeed(engine, key, account, at)
    return _fail(engine, key, "unknown" if account is None else "wrong", at)



def _refusal(engine: Engine, account: _Account) -> tuple[str, Phrase] | None:
    """Why a right password still does not open the account (reason for the audit trail, message), or None."""
    if not account.active:
        return t("auth.reason.disabled"), DISABLED
    if account.demo and not demo_mode(engine):
        return t("auth.reason.demo_with_real_data"), DEMO_ONLY
    return None


def _succeed(engine: Engine, key: str, account: _Account, at: dt.datetime) -> AuthResult:
    refusal = _refusal(engine, account)
    with session_scope(engine, write_lock=True) as session:
        attempt = session.get(LoginAttempt, key, with_for_update=True)
        locked = _while_locked(session, key, attempt, at)  # locked meanwhile (another replica)
        if locked is not None:
            return locked
        if refusal is not None:
            add_event(session, key, "login_failed", at=at, details={"motivo": refusal[0]})
            return AuthResult("disabled", refusal[1])
        if attempt is not None:
            session.delete(attempt)
        add_event(session, key, "login_ok", at=at, details={"ruolo": account.role})
    return AuthResult("ok", Phrase("auth.ok"), username=key, role=account.role, name=account.name,
                      epoch=account.epoch)


def _count_failure(session, key: str, status: str, at: dt.datetime) -> AuthResult:
    """One more failure for ``key``: the lock-out at the MAX_FAILURES-th (an expired one counts from zero).

    The attempts row is created if missing and read locked (``FOR UPDATE``; on SQLite the transaction holds the
    write lock), so concurrent failures are counted one after the other and none is lost."""
    insert_missing(session, LoginAttempt, username=key, failed_count=0, locked_until=None, last_attempt_at=at)
    attempt = session.get(LoginAttempt, key, with_for_update=True, populate_existing=True)
    locked = _while_locked(session, key, attempt, at)
    if locked is not None:
        return locked
    if attempt.locked_until is not None:  # an expired lock-out: start counting again
        attempt.failed_count, attempt.locked_until = 0, None
    attempt.failed_count += 1
    attempt.last_attempt_at = at
    reason = t("auth.reason.unknown_user" if status == "unknown" else "auth.reason.wrong_password")
    add_event(session, key, "login_failed", at=at, details={"motivo": reason, "tentativi": attempt.failed_count})
    if attempt.failed_count < MAX_FAILURES:
        return AuthResult(status, WRONG)
    attempt.locked_until = until = at + LOCKOUT
    add_event(session, key, "login_locked", at=at, details={"bloccato_fino_a": until.isoformat()})
    return AuthResult("locked", _locked_phrase(until, at, wrong=True), locked_until=until)


def _fail(engine: Engine, key: str, status: str, at: dt.datetime) -> AuthResult:
    with session_scope(engine, write_lock=True) as session:
        return _count_failure(session, key, status, at)
