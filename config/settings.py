"""Settings read from the environment (and, for secrets, from Streamlit secrets).

Everything configurable lives here, so that a deployment is described by its environment:

- ``DATABASE_URL``: SQLAlchemy URL; default an SQLite file under ``data/`` (ignored by git).
- ``CRUSCOTTO_CKM_SECRET``: the Cell Key Method secret (see DISCLOSURE.md). Outside demo mode the app and
  every data load refuse to run without it. In demo mode a random secret is created once in
  ``data/.ckm_secret`` (outside git).
- ``CRUSCOTTO_CKM_D``, ``_V``, ``_JS``, ``_PSTAY``, ``_K``: the p-table parameters and the display threshold
  (checked by building the p-table: a value not allowed is refused naming the variable and the values allowed).
- ``CRUSCOTTO_CKM_HOURS_NOISE``: the noise of hours beside counts of people, as a fraction of the cell's largest
  contribution (default 0.1; 0 to 1).
- ``CRUSCOTTO_SPARSITY_MAX``: the sparsity guard: the largest share of a breakdown's cells that may show as 0 or
  "<k" before the breakdown is not drawn at that detail (default 0.75; 1 turns the guard off).
- ``CRUSCOTTO_COOKIE_KEY``: the key that signs the login cookie. Outside demo mode the app refuses to start
  without it; in demo mode a random key is created once in ``data/.cookie_key`` (outside git).
- ``CRUSCOTTO_COOKIE_DAYS``: how long a login lasts in the browser (days, default 1; 0 = no cookie: a login
  lasts as long as the browser tab).
- ``CRUSCOTTO_DB_WAIT_SECONDS``: how long a SQLite statement waits for another process's write (a data load) to
  finish before the page or the command says the database is busy (default 15).
- ``CRUSCOTTO_BASE_URL``: the address the users open the dashboard at (``https://cruscotto.example.it``), which
  begins every citation link and QR code (default ``http://localhost:8501``, the address of ``make run``).
- ``CRUSCOTTO_IMPORT_MAX_MB`` and ``CRUSCOTTO_IMPORT_MAX_ROWS``: the largest file a data import accepts (default
  20 MB and 200,000 data rows). The server's own ceiling, ``server.maxUploadSize`` in ``.streamlit/config.toml``
  (100 MB), must stay above it, so that a file over the limit reaches the app and gets its message.

Secrets may also be set in ``.streamlit/secrets.toml`` (never committed) under the same names; there they win
over the environment (a running Streamlit server copies them into the environment over any value set there).

Demo mode is a property of the database, not a switch: the database holds data and every active data version is
demo data (``loading.data_state``; ``make run`` seeds an empty database with demo data before serving). An empty
database is not demo mode: a fresh deployment needs its secrets before it starts.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets as _secrets
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from config.labels import t
from data_access.disclosure import PARAMETERS, CKMParams, PTableError, build_ptable

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'cruscotto.db'}"
LOCAL_SECRET_FILE = DATA_DIR / ".ckm_secret"
SECRET_ENV = "CRUSCOTTO_CKM_SECRET"
COOKIE_KEY_ENV = "CRUSCOTTO_COOKIE_KEY"
COOKIE_DAYS_ENV = "CRUSCOTTO_COOKIE_DAYS"
LOCAL_COOKIE_KEY_FILE = DATA_DIR / ".cookie_key"
COOKIE_NAME = "cruscotto_sessione"


class ConfigError(Exception):
    """A configuration problem, with a message (Italian, from the catalogue) for the person running the tool."""


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def _env_number(name: str, default, cast):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return cast(raw)
    except ValueError:
        key = "system.config.not_integer" if cast is int else "system.config.not_number"
        raise ConfigError(t(key, name=name, raw=raw)) from None


CKM_ENV = {"D": "CRUSCOTTO_CKM_D", "V": "CRUSCOTTO_CKM_V", "js": "CRUSCOTTO_CKM_JS",
           "pstay": "CRUSCOTTO_CKM_PSTAY", "k": "CRUSCOTTO_CKM_K"}
"""The environment variable of each CKM parameter."""


def _ckm_refused(name: str, raw: object) -> ConfigError:
    meaning, allowed = PARAMETERS[name]
    return ConfigError(t("system.config.ckm_refused", variable=CKM_ENV[name], meaning=meaning, raw=raw,
                         allowed=allowed, default=getattr(CKMParams(), name)))


def ckm_params() -> CKMParams:
    """The disclosure-control parameters in force (DISCLOSURE.md defaults unless set), checked by building the
    p-table (built once, then cached): ConfigError naming the variable and the values allowed."""
    values = {}
    for field in fields(CKMParams):
        raw = os.environ.get(CKM_ENV[field.name], "").strip()
        if not raw:
            continue
        try:
            values[field.name] = int(raw) if isinstance(field.default, int) else float(raw.replace(",", "."))
        except ValueError:
            raise _ckm_refused(field.name, raw) from None
    params = CKMParams(**values)
    try:
        build_ptable(params)
    except PTableError as exc:
        if exc.parameter is not None:
            raise _ckm_refused(exc.parameter, os.environ.get(CKM_ENV[exc.parameter], "").strip()) from None
        names = ", ".join(CKM_ENV[name] for name in ("D", "V", "js", "pstay"))
        raise ConfigError(t("system.config.ckm_together", names=names, problem=exc)) from None
    return params


def _streamlit_secret(name: str) -> str | None:
    try:
        import streamlit as st

        return st.secrets.get(name)  # type: ignore[no-any-return]
    except Exception:  # no secrets file, or not running under Streamlit
        return None


@dataclass(frozen=True)
class SecretSource:
    value: bytes
    origin: str  # where it was read, in words: "ambiente", "secrets di Streamlit", "file locale demo"


def _configured(name: str) -> tuple[str, str] | None:
    """(value, origin) of a secret from Streamlit secrets or the environment.

    Streamlit secrets come first: a running Streamlit server copies them into the environment over any value set
    there, so the app sees them first anyway; reading them first here too gives the command line (run from the
    same folder) the same secret as the app."""
    value = _streamlit_secret(name)
    if value:
        return str(value), t("system.config.origin.streamlit")
    if os.environ.get(name):
        return os.environ[name], t("system.config.origin.environment")
    return None


def configured_secret() -> SecretSource | None:
    """The CKM secret from the environment or Streamlit secrets, if any."""
    found = _configured(SECRET_ENV)
    if found is None:
        return None
    value, origin = found
    if len(value) < 16:
        raise ConfigError(t("system.config.secret_short", variable=SECRET_ENV))
    return SecretSource(value.encode("utf-8"), origin)


def ckm_secret(demo_mode: bool) -> SecretSource:
    """The secret that keys the cells.

    A configured secret (Streamlit secrets, else the environment) always wins. Without one, demo mode uses (and
    creates once) a random local secret outside git; anything else is refused with a message saying what to set.
    """
    configured = configured_secret()
    if configured is not None:
        return configured
    if not demo_mode:
        raise ConfigError(t("system.config.secret_missing", variable=SECRET_ENV))
    return SecretSource(_local_random(LOCAL_SECRET_FILE, SECRET_ENV), t("system.config.origin.demo_file"))


def _local_random(path: Path, variable: str) -> bytes:
    """A random key kept in a local file outside git (demo mode only), created once, readable by its owner only.

    The key is written to a temporary file (mode 0600) in the same folder and then linked to ``path``, which
    fails if the file is already there: two processes starting at once both end up with the first key written,
    and nobody reads a half-written file. ConfigError if the file cannot be written or read."""
    try:
        try:
            return _read_local(path, variable)
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(_secrets.token_hex(32))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:  # another process got there first: its key wins
                pass
            except OSError:  # a file system without hard links: publish by renaming (the last one wins)
                os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return _read_local(path, variable)
    except OSError as exc:
        from data_access.db import os_reason  # here, not above: data_access.db reads these settings

        raise ConfigError(t("system.config.local_key_failed", path=path, reason=os_reason(exc), folder=path.parent,
                            variable=variable)) from None


def _read_local(path: Path, variable: str) -> bytes:
    value = path.read_text(encoding="ascii").strip()
    if len(value) < 32:
        raise ConfigError(t("system.config.local_key_damaged", path=path, variable=variable))
    return value.encode("ascii")


def cookie_key(demo_mode: bool) -> SecretSource:
    """The key that signs login cookies: configured (environment or Streamlit secrets), or in demo mode a local
    random one; anything else is refused with a message saying what to set."""
    found = _configured(COOKIE_KEY_ENV)
    if found:
        value, origin = found
        if len(value) < 32:
            raise ConfigError(t("system.config.cookie_key_short", variable=COOKIE_KEY_ENV))
        return SecretSource(value.encode("utf-8"), origin)
    if not demo_mode:
        raise ConfigError(t("system.config.cookie_key_missing", variable=COOKIE_KEY_ENV))
    return SecretSource(_local_random(LOCAL_COOKIE_KEY_FILE, COOKIE_KEY_ENV), t("system.config.origin.demo_file"))


def cookie_days() -> float:
    """How long a login lasts in the browser, in days (default 1; 0: no cookie)."""
    days = _env_number(COOKIE_DAYS_ENV, 1.0, float)
    if not 0 <= days <= 30:
        raise ConfigError(t("system.config.cookie_days", variable=COOKIE_DAYS_ENV, days=days))
    return days


IMPORT_MAX_MB_ENV = "CRUSCOTTO_IMPORT_MAX_MB"
IMPORT_MAX_ROWS_ENV = "CRUSCOTTO_IMPORT_MAX_ROWS"


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int
    max_rows: int


UPLOAD_CEILING_ENV = "STREAMLIT_SERVER_MAX_UPLOAD_SIZE"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"


def upload_ceiling_mb() -> float:
    """The largest upload the Streamlit server takes at all, in MB (``server.maxUploadSize``: the environment, else
    ``.streamlit/config.toml``, else Streamlit's default 200). Above it the server refuses the file itself, with
    its own English message, before the app sees it."""
    if os.environ.get(UPLOAD_CEILING_ENV):
        return _env_number(UPLOAD_CEILING_ENV, 200.0, float)
    try:
        changed = STREAMLIT_CONFIG.stat().st_mtime_ns
    except OSError:
        return 200.0
    return _configured_ceiling(STREAMLIT_CONFIG, changed)


@functools.lru_cache(maxsize=8)
def _configured_ceiling(path: Path, changed: int) -> float:
    """``server.maxUploadSize`` of the file, read once per version of it (``changed``: its modification time):
    the start-up check asks at every script run."""
    import tomllib

    try:
        with path.open("rb") as file:
            return float(tomllib.load(file).get("server", {}).get("maxUploadSize", 200))
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return 200.0


def import_limits() -> ImportLimits:
    """The size and row limits of a data import (file bytes, data rows). The size limit must stay below the
    server's upload ceiling, so that every file over it reaches the app and gets the app's message (in the user's
    language, recorded in the audit trail)."""
    megabytes = _env_number(IMPORT_MAX_MB_ENV, 20.0, float)
    rows = _env_number(IMPORT_MAX_ROWS_ENV, 200_000, int)
    if not 0 < megabytes <= 1000:
        raise ConfigError(t("system.config.import_mb", variable=IMPORT_MAX_MB_ENV, megabytes=megabytes))
    ceiling = upload_ceiling_mb()
    if megabytes >= ceiling:
        raise ConfigError(t("system.config.import_mb_ceiling", variable=IMPORT_MAX_MB_ENV, megabytes=megabytes,
                            ceiling=ceiling))
    if not 0 < rows <= 10_000_000:
        raise ConfigError(t("system.config.import_rows", variable=IMPORT_MAX_ROWS_ENV, rows=rows))
    return ImportLimits(int(megabytes * 1024 * 1024), rows)


DB_WAIT_ENV = "CRUSCOTTO_DB_WAIT_SECONDS"


def db_wait_seconds() -> float:
    """How long a SQLite statement waits for the write lock held by another connection (a data load holds it for
    about 10 s per 100,000 rows) before it fails as "busy" (default 15 s)."""
    seconds = _env_number(DB_WAIT_ENV, 15.0, float)
    if not 1 <= seconds <= 600:
        raise ConfigError(t("security.config.db_wait", variable=DB_WAIT_ENV, seconds=seconds))
    return seconds


HOURS_NOISE_ENV = "CRUSCOTTO_CKM_HOURS_NOISE"
SPARSITY_ENV = "CRUSCOTTO_SPARSITY_MAX"


@dataclass(frozen=True)
class DisclosureRules:
    """The rules of disclosure control beside the p-table (issue 16; docs/metodologia.md)."""

    hours_noise: float = 0.1  # the magnitude noise: a fraction of a cell's largest contribution
    sparsity_max: float = 0.75  # the largest share of a breakdown's cells shown as 0 or "<k" (1: no guard)


def disclosure_rules() -> DisclosureRules:
    """The magnitude noise and the sparsity threshold in force (defaults unless set); ConfigError naming the
    variable when a value is not a number in its range."""
    defaults = DisclosureRules()
    noise = _env_number(HOURS_NOISE_ENV, defaults.hours_noise, lambda raw: float(raw.replace(",", ".")))
    share = _env_number(SPARSITY_ENV, defaults.sparsity_max, lambda raw: float(raw.replace(",", ".")))
    if not 0 <= noise <= 1:
        raise ConfigError(t("disclosure.config.hours_noise", variable=HOURS_NOISE_ENV, raw=noise,
                            default=defaults.hours_noise))
    if not 0 < share <= 1:
        raise ConfigError(t("disclosure.config.sparsity", variable=SPARSITY_ENV, raw=share,
                            default=defaults.sparsity_max))
    return DisclosureRules(noise, share)


# --- Citable figures (issue 21; presentation/citations.py) ----------------------------------------------------------
BASE_URL_ENV = "CRUSCOTTO_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"


def base_url() -> str:
    """The address the dashboard is opened at, without a trailing slash: the start of every citation link. An
    http(s) address with a host, and a path if the dashboard sits under one; no query, fragment or spaces."""
    from urllib.parse import urlsplit

    raw = (os.environ.get(BASE_URL_ENV) or "").strip() or DEFAULT_BASE_URL
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(c.isspace() or c in "()<>\"'`\\[]{}|^" for c in raw) or parts.username or parts.password:
        raise ConfigError(t("citations.config.base_url", variable=BASE_URL_ENV, raw=raw, default=DEFAULT_BASE_URL))
    return raw.rstrip("/")


def citation_key(demo_mode: bool) -> bytes:
    """The key that signs citation identifiers, derived from the CKM secret: a citation is valid as long as its
    figures can be reproduced, and a new secret (``manage.py rekey``) changes both."""
    import hashlib
    import hmac

    return hmac.new(ckm_secret(demo_mode).value, b"cruscotto/citazioni/1", hashlib.sha256).digest()
