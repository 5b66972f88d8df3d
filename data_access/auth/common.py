"""What the parts of auth share: the error they raise, the clock in UTC, usernames as stored, one user's row,
the refusal of a disabled account, and whether the database holds demo data alone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from config.phrases import Phrase, PhraseError
from data_access import loading
from data_access.models import User

USERNAME_MAX_CHARS = 80  # as the audit trail and the login attempts store it
DISABLED = Phrase("auth.disabled")  # a disabled account: refused at login, for a scope and for an import


class AuthError(PhraseError):
    """An expected problem with users or passwords; the message (one line) is meant for the user: Italian by
    ``str()``, another language by ``text(lang)``."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """Aware UTC (SQLite gives back naive datetimes, which are UTC here)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def normalise_username(username: str | None) -> str:
    return (username or "").strip().lower()


def find_user(session, username: str, for_update: bool = False) -> User | None:
    """The user row of ``username`` (normalised), locked for update if asked; None if there is none."""
    statement = select(User).where(User.username == normalise_username(username))
    if for_update:
        statement = statement.with_for_update()
    return session.execute(statement).scalar_one_or_none()


def demo_mode(engine: Engine) -> bool:
    """Whether the database holds demo data alone (the demo accounts work only then)."""
    return bool(loading.run_state(engine)["demo"])
