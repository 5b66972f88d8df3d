"""Settings read from the environment (and, for secrets, from Streamlit secrets).

Everything configurable lives here, so that a deployment is described by its environment:

- ``DATABASE_URL``: SQLAlchemy URL; default an SQLite file under ``data/`` (ignored by git).
- ``CRUSCOTTO_CKM_SECRET``: the Cell Key Method secret (see DISCLOSURE.md). Outside demo mode the app and
  every data load refuse to run without it. In demo mode a random secret is created once in
  ``data/.ckm_secret`` (outside git).
- ``CRUSCOTTO_CKM_D``, ``_V``, ``_JS``, ``_PSTAY``, ``_K``: the p-table parameters and the display threshold.
- ``CRUSCOTTO_COOKIE_KEY``: the key that signs the login cookie. Outside demo mode the app refuses to start
  without it; in demo mode a random key is created once in ``data/.cookie_key`` (outside git).
- ``CRUSCOTTO_COOKIE_DAYS``: how long a login lasts in the browser (days, default 1; 0 = no cookie: a login
  lasts as long as the browser tab).
- ``CRUSCOTTO_IMPORT_MAX_MB`` and ``CRUSCOTTO_IMPORT_MAX_ROWS``: the largest file a data import accepts (default
  20 MB and 200,000 data rows). The page's upload widget has its own cap, ``server.maxUploadSize`` in
  ``.streamlit/config.toml`` (20 MB): keep the two equal.

Secrets may also be set in ``.streamlit/secrets.toml`` (never committed) under the same names.
"""

from __future__ import annotations

import os
import secrets as _secrets
from dataclasses import dataclass
from pathlib import Path

from data_access.disclosure import CKMParams

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
    """A configuration problem, with a message in Italian for the person running the tool."""


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def _env_number(name: str, default, cast):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return cast(raw)
    except ValueError:
        raise ConfigError(f"La variabile {name} deve essere un numero (valore letto: {raw!r}).") from None


def ckm_params() -> CKMParams:
    """The disclosure-control parameters in force (DISCLOSURE.md defaults unless set)."""
    return CKMParams(
        D=_env_number("CRUSCOTTO_CKM_D", 5, int),
        V=_env_number("CRUSCOTTO_CKM_V", 3.0, float),
        js=_env_number("CRUSCOTTO_CKM_JS", 2, int),
        pstay=_env_number("CRUSCOTTO_CKM_PSTAY", 0.5, float),
        k=_env_number("CRUSCOTTO_CKM_K", 5, int),
    )


def _streamlit_secret(name: str) -> str | None:
    try:
        import streamlit as st

        return st.secrets.get(name)  # type: ignore[no-any-return]
    except Exception:  # no secrets file, or not running under Streamlit
        return None


@dataclass(frozen=True)
class SecretSource:
    value: bytes
    origin: str  # "ambiente", "secrets di Streamlit", "file locale demo"


def configured_secret() -> SecretSource | None:
    """The CKM secret from the environment or Streamlit secrets, if any."""
    value = os.environ.get(SECRET_ENV) or _streamlit_secret(SECRET_ENV)
    if value:
        if len(value) < 16:
            raise ConfigError(f"{SECRET_ENV} è troppo corto: servono almeno 16 caratteri casuali.")
        origin = "ambiente" if os.environ.get(SECRET_ENV) else "secrets di Streamlit"
        return SecretSource(value.encode("utf-8"), origin)
    return None


def ckm_secret(demo_mode: bool) -> SecretSource:
    """The secret that keys the cells.

    A configured secret always wins. Without one, demo mode uses (and creates once) a random local secret
    outside git; anything else is refused with a message saying what to set.
    """
    configured = configured_secret()
    if configured is not None:
        return configured
    if not demo_mode:
        raise ConfigError(
            f"Manca il segreto del Cell Key Method: impostare la variabile d'ambiente {SECRET_ENV} "
            "(o la stessa chiave in .streamlit/secrets.toml). Senza segreto i dati reali non si caricano "
            "e il cruscotto non si avvia."
        )
    return SecretSource(_local_random(LOCAL_SECRET_FILE), "file locale demo")


def _local_random(path: Path) -> bytes:
    """A random key kept in a local file outside git (demo mode only), created once."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip().encode("ascii")


def cookie_key(demo_mode: bool) -> SecretSource:
    """The key that signs login cookies: configured (environment or Streamlit secrets), or in demo mode a local
    random one; anything else is refused with a message saying what to set."""
    value = os.environ.get(COOKIE_KEY_ENV) or _streamlit_secret(COOKIE_KEY_ENV)
    if value:
        if len(value) < 32:
            raise ConfigError(f"{COOKIE_KEY_ENV} è troppo corta: servono almeno 32 caratteri casuali "
                              "(per esempio: python -c \"import secrets; print(secrets.token_hex(32))\").")
        origin = "ambiente" if os.environ.get(COOKIE_KEY_ENV) else "secrets di Streamlit"
        return SecretSource(value.encode("utf-8"), origin)
    if not demo_mode:
        raise ConfigError(
            f"Manca la chiave dei cookie di accesso: impostare la variabile d'ambiente {COOKIE_KEY_ENV} "
            "(almeno 32 caratteri casuali) o la stessa chiave in .streamlit/secrets.toml. Senza chiave il "
            "cruscotto non si avvia con dati reali.")
    return SecretSource(_local_random(LOCAL_COOKIE_KEY_FILE), "file locale demo")


def cookie_days() -> float:
    """How long a login lasts in the browser, in days (default 1; 0: no cookie)."""
    days = _env_number(COOKIE_DAYS_ENV, 1.0, float)
    if not 0 <= days <= 30:
        raise ConfigError(f"{COOKIE_DAYS_ENV} deve essere tra 0 e 30 giorni (valore letto: {days:g}).")
    return days


IMPORT_MAX_MB_ENV = "CRUSCOTTO_IMPORT_MAX_MB"
IMPORT_MAX_ROWS_ENV = "CRUSCOTTO_IMPORT_MAX_ROWS"


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int
    max_rows: int


def import_limits() -> ImportLimits:
    """The size and row limits of a data import (file bytes, data rows)."""
    megabytes = _env_number(IMPORT_MAX_MB_ENV, 20.0, float)
    rows = _env_number(IMPORT_MAX_ROWS_ENV, 200_000, int)
    if not 0 < megabytes <= 1000:
        raise ConfigError(f"{IMPORT_MAX_MB_ENV} deve essere tra 0 e 1000 MB (valore letto: {megabytes:g}).")
    if not 0 < rows <= 10_000_000:
        raise ConfigError(f"{IMPORT_MAX_ROWS_ENV} deve essere tra 1 e 10.000.000 (valore letto: {rows}).")
    return ImportLimits(int(megabytes * 1024 * 1024), rows)
