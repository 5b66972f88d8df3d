"""Users, roles, passwords, lock-out, sessions, scopes and the audit trail (issue 5). No Streamlit here.

Every function takes the engine explicitly. Expected problems (a bad username, an unknown role or province, a
password that breaks the rule...) raise :class:`AuthError` with one sentence from the catalogue
(config/catalogue/auth.py): Italian by ``str()``, another language by ``text(lang)``; nothing is written.

The parts, each in its module:

* ``roles``: the roles, their labels and the pages each may open (:func:`pages_for`).
* ``passwords``: the rule of a new password, its bcrypt hash, the check of a typed one.
* ``login``: :func:`authenticate`, with the lock-out (5 failures lock a username for 15 minutes, in the database).
* ``users``: create, list, disable and enable users, a new password, the demo accounts.
* ``sessions``: the user of a session at every rerun (:func:`session_user`), logout, the login cookie.
* ``access``: what a user may see (:func:`scope_for`, :func:`scope_of`) and import (:func:`import_projects`).
* ``audit``: the audit trail: :func:`record`, :func:`audit_frame`, :func:`audit_count` (its CSV:
  ``presentation.exports.audit_csv``).
* ``common``: :class:`AuthError`, the UTC clock, usernames as stored.
"""

from data_access.auth.access import import_projects, scope_for, scope_of, still_allowed
from data_access.auth.audit import EVENTS, audit_count, audit_frame, event_label, record
from data_access.auth.common import AuthError, normalise_username
from data_access.auth.login import (
    LOCKOUT,
    MAX_FAILURES,
    MSG_DEMO_ONLY,
    MSG_DISABLED,
    MSG_WRONG,
    AuthResult,
    authenticate,
)
from data_access.auth.passwords import (
    PASSWORD_MAX_BYTES,
    PASSWORD_MIN_CHARS,
    PASSWORD_RULE,
    hash_password,
    password_problem,
    password_rule,
    verify_password,
)
from data_access.auth.roles import (
    AMMINISTRATORE,
    ANALYTIC_PAGES,
    MEMBRO_TAVOLO,
    OSPITE,
    PAGES_BY_ROLE,
    PREFETTURA,
    REFERENTE_DATI,
    ROLES,
    ROLES_WITH_PROVINCES,
    ROLES_WITHOUT_PROVINCES,
    pages_for,
    role_label,
)
from data_access.auth.sessions import issue_token, logout, read_token, session_user, session_valid
from data_access.auth.users import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_PREFIX,
    NAME_MAX_CHARS,
    USERNAME_RE,
    USERNAME_RULE,
    check_new_user,
    create_user,
    disable_user,
    enable_user,
    ensure_demo_users,
    get_user,
    list_users,
    project_choices,
    province_choices,
    reset_password,
    username_rule,
)

__all__ = [
    "AMMINISTRATORE", "ANALYTIC_PAGES", "DEMO_ACCOUNTS", "DEMO_PASSWORD", "DEMO_PREFIX", "EVENTS",
    "LOCKOUT", "MAX_FAILURES", "MEMBRO_TAVOLO", "MSG_DEMO_ONLY", "MSG_DISABLED", "MSG_WRONG", "NAME_MAX_CHARS",
    "OSPITE", "PAGES_BY_ROLE", "PASSWORD_MAX_BYTES", "PASSWORD_MIN_CHARS", "PASSWORD_RULE", "PREFETTURA",
    "REFERENTE_DATI", "ROLES", "ROLES_WITHOUT_PROVINCES", "ROLES_WITH_PROVINCES", "USERNAME_RE", "USERNAME_RULE",
    "AuthError", "AuthResult", "audit_count", "audit_frame", "authenticate", "check_new_user", "create_user",
    "disable_user", "enable_user", "ensure_demo_users", "event_label", "get_user", "hash_password",
    "import_projects", "issue_token", "list_users", "logout", "normalise_username", "pages_for",
    "password_problem", "password_rule", "project_choices", "province_choices", "read_token", "record",
    "reset_password", "role_label", "scope_for", "scope_of", "session_user", "session_valid", "still_allowed",
    "username_rule", "verify_password",
]
