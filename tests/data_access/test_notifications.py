"""E-mail (data_access/notifications.py, mail/): a real SMTP server on loopback (aiosmtpd, started by the test)
receives the digest of new alerts and the meeting pack with its PPTX; a server that is down leaves the load
committed and the message queued for a later attempt, which goes through once the server is back. Never an address
outside this machine.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import socket

import pytest
from pptx import Presentation
from sqlalchemy import select

from config import alerting
from config.settings import BASE_URL_ENV, ConfigError
from data_access import alerts, auth, loading, notifications
from data_access.models import AuditEvent, DataVersion, NotificationSetting, OutboxMessage
from mail import outbox
from tests.conftest import TEST_SECRET

DAY = dt.date(2025, 6, 20)  # PIL-AV-07 due within 30 days; PIL-AV-02 overdue (Avellino)


class Inbox:
    """What the loopback server received: (envelope recipients, parsed message)."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler protocol
        self.messages.append((list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1 (a free port), stopped after the test."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def configure(monkeypatch, port: int) -> alerting.SmtpSettings:
    monkeypatch.setenv(alerting.SMTP_HOST_ENV, "127.0.0.1")
    monkeypatch.setenv(alerting.SMTP_PORT_ENV, str(port))
    monkeypatch.setenv(alerting.SMTP_TLS_ENV, "none")
    monkeypatch.setenv(alerting.SMTP_SENDER_ENV, "cruscotto@prefettura.example.it")
    monkeypatch.setenv(BASE_URL_ENV, "https://cruscotto.example.it")
    settings = alerting.smtp_settings()
    assert settings is not None
    return settings


@pytest.fixture
def engine(fresh_demo_engine):
    return fresh_demo_engine


def subscribe(engine, username: str, *, digest: bool = False, pack: bool = False, lang: str = "it") -> None:
    notifications.save_preferences(engine, username, email=f"{username}@prefettura.example.it", digest=digest,
                                   pack=pack, lang=lang)


def load_one_meeting(engine, demo_data) -> int:
    """A small load (one meeting again): a new data version."""
    meetings = demo_data.frames["meetings"].head(1)
    return loading.load(engine, secret=TEST_SECRET, kind="demo_import", source="riunioni.csv",
                        frames={"meetings": meetings}, replace={"meetings": meetings[["province_code", "date"]]})


def statuses(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(OutboxMessage.kind, OutboxMessage.status,
                                                      OutboxMessage.attempts).order_by(OutboxMessage.id))]


def test_digest_of_new_alerts_reaches_the_user(engine, smtp_server, monkeypatch):
    settings = configure(monkeypatch, smtp_server.port)
    subscribe(engine, "demo.tavolo", digest=True)
    assert notifications.enqueue_due(engine, DAY) == 1
    report = outbox.send_due(engine, settings, DAY)
    assert (report.sent, report.failed) == (1, 0)
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["demo.tavolo@prefettura.example.it"]
    assert message["From"] == "cruscotto@prefettura.example.it"
    assert message["Subject"].startswith("Cruscotto territoriale:") and "nuove segnalazioni" in message["Subject"]
    body = message.get_body().get_content()
    assert "Azione PIL-AV-07" in body and "scade il 30/06/2025" in body and "Azione PIL-AV-02" in body
    assert "https://cruscotto.example.it/rete?provincia=064" in body  # the view with its filters
    assert "Milano" not in body and "Padova" not in body  # only the user's territory
    # the next run: nothing new, nothing sent
    assert notifications.enqueue_due(engine, DAY) == 0
    assert outbox.send_due(engine, settings, DAY).sent == 0 and len(smtp_server.messages) == 1


def test_digest_leaves_out_dismissed_alerts_and_speaks_english(engine, smtp_server, monkeypatch):
    settings = configure(monkeypatch, smtp_server.port)
    subscribe(engine, "demo.tavolo", digest=True, lang="en")
    scope = auth.scope_for(engine, "demo.tavolo")
    overdue = next(f for f in alerts.for_scope(engine, scope, DAY) if f.details.get("code") == "PIL-AV-02")
    alerts.dismiss(engine, "demo.tavolo", overdue)
    notifications.enqueue_due(engine, DAY)
    outbox.send_due(engine, settings, DAY)
    body = smtp_server.messages[0][1].get_body().get_content()
    assert "PIL-AV-07" in body and "PIL-AV-02" not in body
    assert "due on 30/06/2025" in body and "new alerts" in smtp_server.messages[0][1]["Subject"]


def test_pack_of_the_territory_with_a_new_data_version(engine, smtp_server, monkeypatch, demo_data):
    settings = configure(monkeypatch, smtp_server.port)
    subscribe(engine, "demo.prefettura", pack=True)
    assert notifications.enqueue_due(engine, DAY) == 0  # subscribed now: the pack comes with the next version
    version = load_one_meeting(engine, demo_data)
    assert statuses(engine) == [("pack", "in_coda", 0)]  # queued by the load itself (its hook), not sent
    assert notifications.enqueue_due(engine, DAY) == 0  # once
    report = outbox.send_due(engine, settings, DAY)
    assert (report.sent, report.failed) == (1, 0)
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["demo.prefettura@prefettura.example.it"]
    assert f"versione {version}" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == \
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    name = attachment.get_filename()  # territory, range and data version, as the page names it
    assert name.startswith("pacchetto-riunione-milano-monza-e-della-brianza-") and name.endswith(f"-v{version}.pptx")
    slides = Presentation(io.BytesIO(attachment.get_content())).slides
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    assert any("Milano, Monza e della Brianza" in text for text in texts)  # the user's territory
    assert not any("Sondrio" in text or "Avellino" in text for text in texts)
    assert notifications.enqueue_due(engine, DAY) == 0  # one pack per data version


def test_send_failure_keeps_the_load_and_the_message(engine, smtp_server, monkeypatch, demo_data):
    down = configure(monkeypatch, free_port())  # nothing listens there: the server is down
    subscribe(engine, "demo.tavolo", digest=True)
    actions = demo_data.frames["actions"]
    late = actions[actions["action_code"] == "PIL-AV-08"].assign(due_date=dt.date(2025, 7, 1))
    version = loading.load(engine, secret=TEST_SECRET, kind="demo_import", source="azioni.csv",
                           frames={"actions": late}, replace={"actions": late[["province_code", "action_code"]]})
    with engine.connect() as conn:  # the load is committed
        assert conn.execute(select(DataVersion.status).where(DataVersion.id == version)).scalar() == "attiva"
    assert statuses(engine) == [("digest", "in_coda", 0)]  # queued by the load's hook, not sent
    report = outbox.send_due(engine, down)
    assert (report.sent, report.failed) == (0, 1)
    with engine.connect() as conn:
        message = conn.execute(select(OutboxMessage.__table__)).one()
    assert (message.status, message.attempts) == ("in_coda", 1)
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()
    assert notifications.due(engine) == []  # tried again later, not at once
    # the server is back and the time has come: the same message goes out
    up = configure(monkeypatch, smtp_server.port)
    later = dt.datetime.now(dt.UTC) + notifications.retry_delay(1) + dt.timedelta(seconds=1)
    assert [m["id"] for m in notifications.due(engine, later)] == [message.id]
    with engine.begin() as conn:
        conn.execute(OutboxMessage.__table__.update().values(next_attempt_at=dt.datetime.now(dt.UTC)))
    assert outbox.send_due(engine, up).sent == 1
    assert "PIL-AV-08" in smtp_server.messages[0][1].get_body().get_content()
    assert statuses(engine) == [("digest", "inviato", 1)]


def test_a_failing_hook_never_touches_the_load(engine, monkeypatch, demo_data):
    configure(monkeypatch, free_port())

    def broken(*_args, **_kwargs):
        raise RuntimeError("guasto")

    monkeypatch.setattr(notifications, "enqueue_due", broken)
    version = load_one_meeting(engine, demo_data)
    with engine.connect() as conn:
        assert conn.execute(select(DataVersion.status).where(DataVersion.id == version)).scalar() == "attiva"


def test_a_load_computes_its_alerts_even_without_email(engine, demo_data):
    version = load_one_meeting(engine, demo_data)
    last = alerts.last_run(engine)  # stored by the load's hook: the first visitor does not wait
    assert (last["data_version"], last["day"]) == (version, dt.date.today())
    assert statuses(engine) == []  # e-mail off: nothing queued


def test_a_failing_alert_computation_never_touches_the_load(engine, monkeypatch, demo_data):
    computed = alerts.compute

    def broken(*_args, **_kwargs):
        raise RuntimeError("guasto")

    monkeypatch.setattr(alerts, "compute", broken)
    version = load_one_meeting(engine, demo_data)
    with engine.connect() as conn:
        assert conn.execute(select(DataVersion.status).where(DataVersion.id == version)).scalar() == "attiva"
    assert alerts.last_run(engine) is None or alerts.last_run(engine)["data_version"] != version
    monkeypatch.setattr(alerts, "compute", computed)
    assert alerts.refresh(engine) and alerts.last_run(engine)["data_version"] == version  # computed again later


def test_messages_give_up_after_the_last_attempt(engine, monkeypatch):
    down = configure(monkeypatch, free_port())
    subscribe(engine, "demo.tavolo", digest=True)
    notifications.enqueue_due(engine, DAY)
    for _ in range(notifications.MAX_ATTEMPTS):
        with engine.begin() as conn:
            conn.execute(OutboxMessage.__table__.update().values(next_attempt_at=dt.datetime.now(dt.UTC)))
        outbox.send_due(engine, down, DAY)
    assert statuses(engine) == [("digest", "fallito", notifications.MAX_ATTEMPTS)]


def test_disabled_user_gets_nothing(engine, smtp_server, monkeypatch):
    settings = configure(monkeypatch, smtp_server.port)
    subscribe(engine, "demo.tavolo", digest=True)
    notifications.enqueue_due(engine, DAY)
    auth.disable_user(engine, "demo.tavolo", actor="test")
    report = outbox.send_due(engine, settings, DAY)
    assert (report.sent, report.cancelled) == (0, 1) and smtp_server.messages == []


@pytest.mark.parametrize("address", ["", "mario", "mario@", "Mario Rossi <m@esempio.it>", "a@b.it, c@d.it",
                                     "m rossi@esempio.it"])
def test_bad_address_is_refused_and_nothing_written(engine, address):
    with pytest.raises(notifications.NotifyError) as refused:
        notifications.save_preferences(engine, "demo.tavolo", email=address, digest=True, pack=False, lang="it")
    assert "L'indirizzo e-mail non è valido" in str(refused.value)
    assert "not valid" in refused.value.text("en")
    with engine.connect() as conn:
        assert conn.execute(select(NotificationSetting.username)).all() == []
        assert conn.execute(select(AuditEvent.id).where(AuditEvent.event == "notify_settings")).all() == []


def test_choices_are_audited_and_pack_only_for_meeting_roles(engine):
    subscribe(engine, "demo.referente", digest=True, pack=True)
    assert notifications.preferences(engine, "demo.referente")["pack"] is False  # a data steward: digest only
    subscribe(engine, "demo.prefettura", pack=True)
    assert notifications.preferences(engine, "demo.prefettura")["pack"] is True
    events = auth.audit_frame(engine, events=["notify_settings"])
    assert list(events["username"]) == ["demo.referente", "demo.prefettura"]
    assert not events["details"].str.contains("@").any()  # never the address


@pytest.mark.parametrize(("variable", "value"), [(alerting.SMTP_TLS_ENV, "maybe"), (alerting.SMTP_PORT_ENV, "0"),
                                                 (alerting.SMTP_PORT_ENV, "porta"), (alerting.SMTP_SENDER_ENV, "x"),
                                                 (BASE_URL_ENV, "cruscotto.it"),
                                                 (alerting.SMTP_USER_ENV, "cruscotto")])
def test_bad_smtp_settings_are_refused_naming_the_variable(monkeypatch, variable, value):
    configure(monkeypatch, 2525)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        alerting.smtp_settings()


def test_password_is_never_shown(monkeypatch):
    configure(monkeypatch, 2525)
    monkeypatch.setenv(alerting.SMTP_USER_ENV, "cruscotto")
    monkeypatch.setenv(alerting.SMTP_PASSWORD_ENV, "segreto-smtp-123")
    settings = alerting.smtp_settings()
    assert settings.password == "segreto-smtp-123" and "segreto" not in repr(settings)
    monkeypatch.delenv(alerting.SMTP_PASSWORD_ENV)
    with pytest.raises(ConfigError, match=alerting.SMTP_PASSWORD_ENV):
        alerting.smtp_settings()


def test_email_is_off_by_default(monkeypatch):
    monkeypatch.delenv(alerting.SMTP_HOST_ENV, raising=False)
    assert alerting.smtp_settings() is None and not notifications.enabled()
