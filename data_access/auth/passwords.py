"""Passwords: the rule a new one must follow, its bcrypt hash, and the check of a typed one.

At least 10 characters and at most 72 bytes (bcrypt's limit), not equal to the username; stored only as bcrypt
hashes. There are no default passwords, except the demo accounts' one (data_access.auth.users.DEMO_PASSWORD).
"""

from __future__ import annotations

import bcrypt

from config.phrases import Phrase
from data_access.auth.common import AuthError, normalise_username

PASSWORD_MIN_CHARS = 10
PASSWORD_MAX_BYTES = 72  # bcrypt ignores (bcrypt 5 refuses) anything longer
BCRYPT_ROUNDS = 12  # about 0.3 s per hash; tests lower it
RULE = Phrase("auth.password_rule", min=PASSWORD_MIN_CHARS, max=PASSWORD_MAX_BYTES)
PASSWORD_RULE = RULE.text()  # in Italian, for the command line


def password_rule(lang: str = "it") -> str:
    """The rule of a new password in words, for a form's help."""
    return RULE.text(lang)


def password_problem(password: str | None, username: str | None = None) -> Phrase | None:
    """Why a new password is refused, or None."""
    if not password:
        return Phrase("auth.password.missing", rule=RULE)
    if len(password) < PASSWORD_MIN_CHARS:
        return Phrase("auth.password.short", length=len(password), rule=RULE)
    if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
        return Phrase("auth.password.long", rule=RULE)
    if password.strip() == "":
        return Phrase("auth.password.spaces", rule=RULE)
    if username and password.strip().lower() == normalise_username(username):
        return Phrase("auth.password.username", rule=RULE)
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


def dummy_hash() -> str:
    """A hash to check against when the username is unknown, so that the answer takes the same time."""
    if BCRYPT_ROUNDS not in _dummy_hashes:
        _dummy_hashes[BCRYPT_ROUNDS] = bcrypt.hashpw(b"no-such-user-password", bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
    return _dummy_hashes[BCRYPT_ROUNDS]
