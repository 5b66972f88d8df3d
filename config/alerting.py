"""Settings of the alerts and of the e-mail they may send (issue 21), read from the environment (the SMTP password
also from ``.streamlit/secrets.toml``, where it wins, like the other secrets):

- ``CRUSCOTTO_ALERT_DEADLINE_DAY``: the day of the following month by which a project's month must be sent (1-28,
  default 15): on 16 February a project that has not sent January is late.
- ``CRUSCOTTO_ALERT_TREND_Z``, ``CRUSCOTTO_ALERT_TREND_MIN``, ``CRUSCOTTO_ALERT_TREND_SHARE``: the sharp change of a
  territory's trend: a change between two months larger than Z times the standard deviation of the difference of
  two protected values (sqrt(2V)), with the larger of the two months at least MIN, and at least SHARE of the
  earlier month (defaults 3, 20, 0.5).
- ``CRUSCOTTO_SMTP_HOST`` (unset: no e-mail at all, the default), ``CRUSCOTTO_SMTP_PORT`` (default 587),
  ``CRUSCOTTO_SMTP_TLS`` (``starttls``, the default; ``ssl``; ``none`` only for a server on this machine),
  ``CRUSCOTTO_SMTP_SENDER`` (the From address, required with a host), ``CRUSCOTTO_SMTP_USER`` and the secret
  ``CRUSCOTTO_SMTP_PASSWORD`` (both optional: a server without login), ``CRUSCOTTO_BASE_URL`` (the address of the
  dashboard, the start of the links in the messages: ``config.settings.base_url``, as for citations).

A bad value is refused with :class:`~config.settings.ConfigError`, naming the variable, in Italian.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass

from config.labels import t
from config.settings import ConfigError, base_url

SHOWN_PER_RULE = 10  # the Segnalazioni page lists the first alerts of each rule; a switch shows them all
DEADLINE_ENV = "CRUSCOTTO_ALERT_DEADLINE_DAY"
TREND_Z_ENV = "CRUSCOTTO_ALERT_TREND_Z"
TREND_MIN_ENV = "CRUSCOTTO_ALERT_TREND_MIN"
TREND_SHARE_ENV = "CRUSCOTTO_ALERT_TREND_SHARE"
SMTP_HOST_ENV = "CRUSCOTTO_SMTP_HOST"
SMTP_PORT_ENV = "CRUSCOTTO_SMTP_PORT"
SMTP_TLS_ENV = "CRUSCOTTO_SMTP_TLS"
SMTP_SENDER_ENV = "CRUSCOTTO_SMTP_SENDER"
SMTP_USER_ENV = "CRUSCOTTO_SMTP_USER"
SMTP_PASSWORD_ENV = "CRUSCOTTO_SMTP_PASSWORD"
TLS_MODES = ("starttls", "ssl", "none")
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


@dataclass(frozen=True)
class AlertRules:
    """The parameters of the alert rules (docs in the README, "Segnalazioni")."""

    deadline_day: int = 15  # a month is due by this day of the following month
    trend_z: float = 3.0  # a sharp change: |change| > z * sqrt(2V) ...
    trend_min: int = 20  # ... the larger of the two months at least this ...
    trend_share: float = 0.5  # ... and |change| at least this share of the earlier month
    full: float = 0.95  # occupancy at or above this is full (analytics.FULL_THRESHOLD)
    full_months: int = 2  # full for this many months in a row
    due_days: int = 30  # an action due within this many days


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _number(name: str, default: float, low: float, high: float, *, whole: bool = False) -> float:
    """A number from the environment in [low, high] (Italian comma accepted); ConfigError naming the variable."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not low <= value <= high or (whole and not value.is_integer()):
        raise ConfigError(t("alerts.config.range", variable=name, raw=raw, low=low, high=high, default=default))
    return value


def alert_rules() -> AlertRules:
    """The alert rules in force (defaults unless set)."""
    defaults = AlertRules()
    return AlertRules(
        deadline_day=int(_number(DEADLINE_ENV, defaults.deadline_day, 1, 28, whole=True)),
        trend_z=_number(TREND_Z_ENV, defaults.trend_z, 0, 100),
        trend_min=int(_number(TREND_MIN_ENV, defaults.trend_min, 0, 1_000_000, whole=True)),
        trend_share=_number(TREND_SHARE_ENV, defaults.trend_share, 0, 10))


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how e-mail leaves: the SMTP server, its security, the sender and the login (optional)."""

    host: str
    port: int
    tls: str
    sender: str
    user: str | None = None
    password: str | None = None
    base_url: str = ""
    timeout: float = 20.0

    def __repr__(self) -> str:  # never the password, in a log or a traceback
        return f"SmtpSettings(host={self.host!r}, port={self.port}, tls={self.tls!r}, sender={self.sender!r})"


def _secret(name: str) -> str | None:
    """A secret from ``.streamlit/secrets.toml`` (first, as for the other secrets) or the environment."""
    try:
        import streamlit as st

        value = st.secrets.get(name)
        if value:
            return str(value)
    except Exception:  # no secrets file, or not running under Streamlit  # noqa: BLE001
        pass
    return _raw(name)


def smtp_settings() -> SmtpSettings | None:
    """The SMTP settings, or None where no host is set (e-mail off, the default)."""
    host = _secret(SMTP_HOST_ENV)
    if host is None:
        return None
    tls = (_raw(SMTP_TLS_ENV) or "starttls").lower()
    if tls not in TLS_MODES:
        raise ConfigError(t("alerts.config.tls", variable=SMTP_TLS_ENV, raw=tls, allowed=", ".join(TLS_MODES)))
    port = int(_number(SMTP_PORT_ENV, 465 if tls == "ssl" else 587, 1, 65535, whole=True))
    sender = _raw(SMTP_SENDER_ENV)
    if sender is None or not EMAIL_RE.match(sender):
        raise ConfigError(t("alerts.config.sender", variable=SMTP_SENDER_ENV, host_variable=SMTP_HOST_ENV))
    user, password = _raw(SMTP_USER_ENV), _secret(SMTP_PASSWORD_ENV)
    if bool(user) != bool(password):
        raise ConfigError(t("alerts.config.login", user=SMTP_USER_ENV, password=SMTP_PASSWORD_ENV))
    # the start of every link of a message: the same checked address as the citations' (config.settings)
    return SmtpSettings(host, port, tls, sender, user, password, base_url())


def valid_email(address: str) -> bool:
    """Whether a text is one e-mail address (no name, no spaces, no list), at most 254 characters."""
    return len(address) <= 254 and EMAIL_RE.match(address) is not None
