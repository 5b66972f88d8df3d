"""One message to the SMTP server: STARTTLS (the default), SSL, or none (a server on this machine); login where a
user and password are set. Any failure raises (``smtplib.SMTPException`` or ``OSError``): the caller keeps the message
for a later attempt."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from config.alerting import SmtpSettings


def deliver(settings: SmtpSettings, message: EmailMessage) -> None:
    """Send one message through the server of ``settings``."""
    if settings.tls == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with server:
        server.ehlo()
        if settings.tls == "starttls":
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if settings.user and settings.password:
            server.login(settings.user, settings.password)
        server.send_message(message)
