"""Settings read from the environment (and, for secrets, from Streamlit secrets).

Everything configurable lives here, so that a deployment is described by its environment:

- ``DATABASE_URL``: SQLAlchemy URL; default an SQLite file under ``data/`` (ignored by git).
- ``CRUSCOTTO_CKM_SECRET``: the Cell Key Method secret (see DISCLOSURE.md). Outside demo mode the app and
  every data load refuse to run without it. In demo mode a random secret is created once in
  ``data/.ckm_secret`` (outside git).
- ``CRUSCOTTO_CKM_D``, ``_V``, ``_JS``, ``_PSTAY``, ``_K``: the p-table parameters and the display threshold.
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
    if not LOCAL_SECRET_FILE.exists():
        LOCAL_SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        LOCAL_SECRET_FILE.write_text(_secrets.token_hex(32), encoding="ascii")
        LOCAL_SECRET_FILE.chmod(0o600)
    return SecretSource(LOCAL_SECRET_FILE.read_text(encoding="ascii").strip().encode("ascii"), "file locale demo")
