"""Sending the queue: every message due (``data_access.notifications``), composed for its user as they are now
(their address, language, scope; a disabled user's message is cancelled) and handed to the SMTP server. A failure
is logged and the message kept for a later attempt; it never stops the other messages."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass

from sqlalchemy import Engine

from config.alerting import SmtpSettings
from config.labels import t
from data_access import alerts, notifications
from data_access.auth import AuthError, get_user, scope_for
from mail import compose, smtp

LOG = logging.getLogger("cruscotto.mail")


@dataclass
class SendReport:
    """How many messages were sent, failed (kept for a later attempt, or given up) and cancelled."""

    sent: int = 0
    failed: int = 0
    cancelled: int = 0


def _composed(engine: Engine, settings: SmtpSettings, item: dict, today: dt.date | None):
    """The message of a queued item, or None where nothing is left to send (the user disabled, no address, no alert
    still in their scope and not dismissed, no data for the pack)."""
    choices = notifications.preferences(engine, item["username"])
    try:
        user = get_user(engine, item["username"])
        scope = scope_for(engine, item["username"])
    except AuthError:
        return None
    if choices is None or not choices["email"] or not user["active"]:
        return None
    lang = choices["lang"]
    if item["kind"] == "digest":
        keys = set(item["payload"]["keys"])
        dismissed = alerts.dismissed_keys(engine, item["username"])
        found = [f for f in alerts.for_scope(engine, scope, today) if f.key in keys and f.key not in dismissed]
        return compose.digest(settings, choices["email"], found, lang) if found else None
    if not notifications.may_receive_pack(user["role"]):
        return None
    return compose.pack_message(engine, settings, choices["email"], scope, lang, today)


def send_due(engine: Engine, settings: SmtpSettings, today: dt.date | None = None) -> SendReport:
    """Send every message due; each outcome recorded in the queue."""
    report = SendReport()
    for item in notifications.due(engine):
        try:
            message = _composed(engine, settings, item, today)
            if message is None:
                notifications.mark(engine, item["id"], notifications.CANCELLED)
                report.cancelled += 1
                continue
            smtp.deliver(settings, message)
        except (smtplib.SMTPException, OSError) as exc:
            LOG.warning(t("alerts.log.not_sent", id=item["id"], error=exc))
            notifications.mark(engine, item["id"], notifications.FAILED, f"{type(exc).__name__}: {exc}")
            report.failed += 1
        except Exception as exc:  # noqa: BLE001 - one bad message never stops the others
            LOG.exception(t("alerts.log.not_composed", id=item["id"]))
            notifications.mark(engine, item["id"], notifications.FAILED, f"{type(exc).__name__}: {exc}")
            report.failed += 1
        else:
            notifications.mark(engine, item["id"], notifications.SENT)
            report.sent += 1
    return report
