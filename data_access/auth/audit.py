"""The audit trail (``audit_events``): logins (ok, failed, locked), logouts, page views, exports, uploads and user
changes, each with a JSON ``details`` text that never holds a password, a hash or a raw count of people; read
back as a table or as CSV for Italian Excel.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping

from sqlalchemy import Engine, func, select

from config.labels import t
from config.phrases import Phrase
from data_access.auth.common import USERNAME_MAX_CHARS, AuthError, normalise_username, utc, utc_now
from data_access.db import session_scope
from data_access.models import AuditEvent
from data_access.sql import read_frame

EVENT_CODES = ("login_ok", "login_failed", "login_locked", "logout", "page_view", "export", "upload",
               "upload_rejected", "rollback", "user_change", "export_refused", "correction_held",
               "correction_approved", "correction_rejected", "alert_dismissed", "alert_restored", "notify_settings",
               "annotation_added", "annotation_edited", "annotation_deleted")  # notes: data_access/annotations.py
PAGE_MAX_CHARS = 120
SHOWN = 500  # events drawn on the Registro accessi page, the most recent first; its CSV has them all
OMITTED = "[omesso]"
_SECRET_KEY_RE = re.compile(r"pass|hash|secret|segret|token|cookie|chiave", re.IGNORECASE)


def event_label(event: str, lang: str = "it") -> str:
    """An event in words ("accesso riuscito"); an unknown event as it is."""
    return t(f"auth.event.{event}", lang) if event in EVENT_CODES else event


EVENTS: dict[str, str] = {event: event_label(event) for event in EVENT_CODES}  # event -> Italian label


def _details_json(details: Mapping | None) -> str | None:
    """JSON text of the details, with anything that looks like a secret left out."""
    if not details:
        return None

    def clean(value):
        if isinstance(value, Mapping):
            return {str(k): (OMITTED if _SECRET_KEY_RE.search(str(k)) else clean(v)) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            return [clean(v) for v in items]
        return value

    return json.dumps(clean(details), ensure_ascii=False, sort_keys=True, default=str)


def add_event(session, username: str | None, event: str, page: str | None = None, details: Mapping | None = None,
              at: dt.datetime | None = None) -> None:
    """One event in the transaction of ``session`` (it is written with what the transaction writes)."""
    if event not in EVENTS:
        raise ValueError(Phrase("auth.audit.unknown_event", event=repr(event), events=", ".join(EVENTS)).text())
    session.add(AuditEvent(at=at or utc_now(), username=(username or None) and str(username)[:USERNAME_MAX_CHARS],
                           event=event, page=(page or None) and str(page)[:PAGE_MAX_CHARS],
                           details=_details_json(details)))


def record(engine: Engine, username: str | None, event: str, page: str | None = None,
           details: Mapping | None = None) -> None:
    """Add one event to the audit trail (its own transaction).

    ``details``: filters, formats, file names, row numbers of an upload... Keys that look like secrets
    (password, hash, token...) are replaced by "[omesso]"; never pass a count of people.
    """
    with session_scope(engine) as session:
        add_event(session, username, event, page=page, details=details)


def _as_utc(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return utc(value)


def audit_frame(engine: Engine, since: dt.date | dt.datetime | None = None,
                until: dt.date | dt.datetime | None = None, username: str | None = None,
                events: Iterable[str] | None = None, *, latest: int | None = None):
    """The audit trail as a DataFrame (id, at (UTC), username, event, page, details), oldest first.

    ``since`` is inclusive and ``until`` exclusive (dates mean midnight UTC); ``events`` keeps those events only;
    ``latest``: only the most recent events, that many (the page draws them; its CSV has them all).
    """
    import pandas as pd

    table = AuditEvent.__table__
    statement = _matching(select(table.c.id, table.c.at, table.c.username, table.c.event, table.c.page,
                                 table.c.details), since, until, username, events)
    if latest is not None:
        recent = statement.order_by(table.c.at.desc(), table.c.id.desc()).limit(latest).subquery()
        statement = select(recent).order_by(recent.c.at, recent.c.id)
    else:
        statement = statement.order_by(table.c.at, table.c.id)
    with engine.connect() as conn:
        frame = read_frame(conn, statement)
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


def audit_count(engine: Engine, since: dt.date | dt.datetime | None = None,
                until: dt.date | dt.datetime | None = None, username: str | None = None,
                events: Iterable[str] | None = None) -> int:
    """How many events :func:`audit_frame` has for the same choices."""
    statement = _matching(select(func.count()).select_from(AuditEvent.__table__), since, until, username, events)
    with engine.connect() as conn:
        return int(conn.execute(statement).scalar_one())


def _matching(statement, since, until, username, events):
    """The statement restricted to the events of the dates, the user and the kinds chosen."""
    table = AuditEvent.__table__
    if since is not None:
        statement = statement.where(table.c.at >= _as_utc(since))
    if until is not None:
        statement = statement.where(table.c.at < _as_utc(until))
    if username:
        statement = statement.where(table.c.username == normalise_username(username))
    if events:
        unknown = sorted(set(events) - set(EVENTS))
        if unknown:
            raise AuthError(Phrase("auth.audit.unknown_filter", event=unknown[0], events=", ".join(EVENTS)))
        statement = statement.where(table.c.event.in_(sorted(set(events))))
    return statement
