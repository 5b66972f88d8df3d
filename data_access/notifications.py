"""E-mail, the data side: each user's choices, the queue of messages (``mail_outbox``) and its retries. Sending and
composing are in ``mail/`` (a message with a meeting pack needs the slides of ``presentation``).

E-mail is off unless an administrator sets ``CRUSCOTTO_SMTP_HOST`` (config/alerting.py). Then:

- each user may give an address and choose a **digest** of new alerts (those of their scope they have not
  dismissed and not yet received) and, for those who prepare the tavolo's meetings (amministratore, prefettura,
  membro del tavolo), the **meeting pack** of their territory when a new data version lands;
- :func:`enqueue_due` puts the messages due in the queue: after every load (:func:`after_load`, called by
  ``data_access.loading`` once the load is committed: it computes the new version's alerts and only queues, never
  sends, and a failure of it is logged and never touches the load) and by ``manage.py notify`` (cron or a systemd
  timer: every few minutes, and at night for the day's new alerts);
- ``manage.py notify`` sends what is due (``mail.outbox.send_due``): a message that fails is kept, with the error, and
  tried again later (after 5, 10, 20... minutes, at most MAX_ATTEMPTS times), then marked ``fallito``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

import pandas as pd
from sqlalchemy import Engine, select, update

from config import alerting
from config.labels import LANGUAGES, t
from config.phrases import Phrase, PhraseError
from data_access import alerts
from data_access.auth.access import scope_for
from data_access.auth.audit import add_event
from data_access.auth.common import AuthError, utc, utc_now
from data_access.auth.roles import AMMINISTRATORE, MEMBRO_TAVOLO, PREFETTURA
from data_access.auth.users import get_user
from data_access.db import session_scope
from data_access.models import AlertNotice, NotificationSetting, OutboxMessage
from data_access.sql import current_version

LOG = logging.getLogger("cruscotto.notifications")
PACK_ROLES = (AMMINISTRATORE, PREFETTURA, MEMBRO_TAVOLO)  # who prepares the tavolo's meetings
QUEUED, SENT, FAILED, CANCELLED = "in_coda", "inviato", "fallito", "annullato"
MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(minutes=5)
LONGEST_RETRY = dt.timedelta(hours=6)


class NotifyError(PhraseError):
    """A choice that cannot be saved (an address that is not one): one sentence in the user's language."""


def enabled() -> bool:
    """Whether e-mail is configured (an SMTP host set); a bad setting raises ConfigError."""
    return alerting.smtp_settings() is not None


def may_receive_pack(role: str | None) -> bool:
    return role in PACK_ROLES


# --- Each user's choices ------------------------------------------------------------------------------------------
def preferences(engine: Engine, username: str) -> dict | None:
    """A user's e-mail choices (email, digest, pack, lang, last_pack_version), or None."""
    with engine.connect() as conn:
        item = conn.execute(select(NotificationSetting.__table__)
                            .where(NotificationSetting.username == username)).first()
    if item is None:
        return None
    return {"email": item.email, "digest": item.digest, "pack": item.pack, "lang": item.lang,
            "last_pack_version": item.last_pack_version}


def save_preferences(engine: Engine, username: str, *, email: str, digest: bool, pack: bool, lang: str) -> None:
    """Save a user's choices (in the audit trail, without the address). An address is needed to receive anything;
    the pack only for the roles that prepare meetings. NotifyError, nothing written, for a bad address."""
    email = email.strip()
    if (email or digest or pack) and not alerting.valid_email(email):
        raise NotifyError(Phrase("notify.bad_email"))
    role = get_user(engine, username)["role"]
    pack = pack and may_receive_pack(role)
    version = current_version(engine)
    with session_scope(engine) as session:
        item = session.get(NotificationSetting, username)
        if item is None:
            item = NotificationSetting(username=username, email=email, last_pack_version=version)
            session.add(item)
        if pack and not item.pack:
            item.last_pack_version = version  # the next pack comes with the next data version
        item.email, item.digest, item.pack = email, digest, pack
        item.lang = lang if lang in LANGUAGES else "it"
        item.updated_at = utc_now()
        add_event(session, username, "notify_settings", "segnalazioni",
                  {"riepilogo": digest, "pacchetto": pack, "lingua": item.lang, "indirizzo": bool(email)})


# --- The queue ----------------------------------------------------------------------------------------------------
def enqueue_due(engine: Engine, today: dt.date | None = None) -> int:
    """Queue the messages due now: for each user who chose them, a digest of the new alerts of their scope and the
    pack of a data version newer than their last one. Returns how many messages were queued. Nothing is sent."""
    run = alerts.refresh(engine, today)
    found = alerts.run_alerts(engine, run)
    version = current_version(engine)
    queued = 0
    with engine.connect() as conn:
        subscribers = conn.execute(select(NotificationSetting.__table__).where(
            (NotificationSetting.digest.is_(True)) | (NotificationSetting.pack.is_(True)))).all()
    for item in subscribers:
        try:
            user, scope = get_user(engine, item.username), scope_for(engine, item.username)
        except AuthError:  # unknown or disabled: nothing for them
            continue
        if not user["active"]:
            continue
        queued += _queue_for(engine, item, user["role"], [f for f in found if f.visible_to(scope)], version)
    return queued


def _queue_for(engine: Engine, item, role: str, visible: list, version: int | None) -> int:
    """One user's messages due: the digest of alerts they have neither dismissed nor received, and the pack of a
    newer data version; the alerts put in the digest are marked received, in the same transaction."""
    queued = 0
    now = utc_now()
    with session_scope(engine) as session:
        if item.digest:
            known = alerts.dismissed_keys(engine, item.username) | set(session.execute(
                select(AlertNotice.alert_key).where(AlertNotice.username == item.username)).scalars())
            new = [f.key for f in visible if f.key not in known]
            if new:
                session.add(OutboxMessage(created_at=now, username=item.username, kind="digest", status=QUEUED,
                                          payload=json.dumps({"keys": new}), attempts=0, next_attempt_at=now))
                session.add_all(AlertNotice(username=item.username, alert_key=key, noticed_at=now) for key in new)
                queued += 1
        newer = version is not None and (item.last_pack_version is None or version > item.last_pack_version)
        if item.pack and may_receive_pack(role) and newer:
            session.add(OutboxMessage(created_at=now, username=item.username, kind="pack", status=QUEUED,
                                      payload=json.dumps({"version": version}), attempts=0, next_attempt_at=now))
            session.execute(update(NotificationSetting).where(NotificationSetting.username == item.username)
                            .values(last_pack_version=version))
            queued += 1
    return queued


def after_load(engine: Engine) -> None:
    """Called by ``data_access.loading`` after a load or a rollback is committed: compute and store the alerts of the
    new data version, then, with e-mail configured, queue the messages due (never send). It never raises: a failure
    is logged, the load stays as it is; the alerts are computed again at the next view, by ``manage.py alerts run``
    or ``manage.py notify``, which also queues the messages."""
    try:
        alerts.refresh(engine)
    except Exception:  # noqa: BLE001 - the load is committed whatever happens here
        LOG.exception(t("alerts.log.after_load"))
        return
    try:
        if enabled():
            enqueue_due(engine)
    except Exception:  # noqa: BLE001 - the load is committed whatever happens here
        LOG.exception(t("alerts.log.enqueue"))


def due(engine: Engine, now: dt.datetime | None = None, limit: int = 50) -> list[dict]:
    """The queued messages whose time has come, oldest first."""
    now = now or utc_now()
    with engine.connect() as conn:
        rows = conn.execute(select(OutboxMessage.__table__).where(OutboxMessage.status == QUEUED,
                                                                  OutboxMessage.next_attempt_at <= now)
                            .order_by(OutboxMessage.id).limit(limit)).all()
    return [{"id": r.id, "username": r.username, "kind": r.kind, "payload": json.loads(r.payload),
             "attempts": r.attempts} for r in rows]


def retry_delay(attempts: int) -> dt.timedelta:
    """How long after the ``attempts``-th failure the message is tried again: 5, 10, 20... minutes, at most 6 h."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def mark(engine: Engine, message_id: int, status: str, error: str | None = None) -> None:
    """Record the outcome of an attempt: sent, cancelled (nothing left to send), or failed (tried again later, until
    MAX_ATTEMPTS; then ``fallito``)."""
    now = utc_now()
    with session_scope(engine) as session:
        message = session.get(OutboxMessage, message_id)
        if status == SENT:
            message.status, message.sent_at, message.last_error = SENT, now, None
        elif status == CANCELLED:
            message.status, message.last_error = CANCELLED, error
        else:
            message.attempts += 1
            message.last_error = (error or "")[:2000]
            message.status = FAILED if message.attempts >= MAX_ATTEMPTS else QUEUED
            message.next_attempt_at = now + retry_delay(message.attempts)


def outbox(engine: Engine) -> pd.DataFrame:
    """The queue as a table (id, created_at, username, kind, status, attempts, next_attempt_at, last_error, sent_at),
    newest first: for ``manage.py notify --status``."""
    columns = ["id", "created_at", "username", "kind", "status", "attempts", "next_attempt_at", "last_error",
               "sent_at"]
    with engine.connect() as conn:
        rows = conn.execute(select(*[OutboxMessage.__table__.c[c] for c in columns])
                            .order_by(OutboxMessage.id.desc())).all()
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("created_at", "next_attempt_at", "sent_at"):
        frame[column] = [utc(v) if v is not None else None for v in frame[column]]
    return frame
