"""The messages, composed when they are sent, for the user's scope at that moment: the digest of new alerts and the
meeting pack of the user's territory. Plain text in the user's language (the one chosen with their e-mail choices),
every value cleaned of what a mail header or body cannot hold."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import Engine

from config.alerting import SmtpSettings
from config.labels import t
from data_access import queries
from data_access.alerts import Found
from data_access.scope import Scope, filters_to_params
from presentation import meeting_pack
from presentation.exports.safe_text import clean_text

PPTX_MIME = ("application", "vnd.openxmlformats-officedocument.presentationml.presentation")


def link(settings: SmtpSettings, page: str, params: dict[str, str]) -> str:
    """The address of a view: the dashboard's base address (CRUSCOTTO_BASE_URL) with the page and its filters, or
    the page's path alone where no base address is set."""
    query = urllib.parse.urlencode(params)
    return f"{settings.base_url}/{page}" + (f"?{query}" if query else "")


def _message(settings: SmtpSettings, recipient: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = recipient
    message["Subject"] = clean_text(subject).replace("\n", " ")
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    message.set_content(body)
    return message


def digest(settings: SmtpSettings, recipient: str, found: list[Found], lang: str) -> EmailMessage:
    """The digest of new alerts: each with what, where, since when and the link to its view."""
    lines = [t("mail.digest.intro", lang, n=len(found)), ""]
    for item in found:
        lines += [f"- {clean_text(item.what(lang))}", f"  {clean_text(item.where(lang))} · {item.since_text(lang)}",
                  f"  {link(settings, item.page, item.params)}", ""]
    lines += [t("mail.digest.page", lang, link=link(settings, "segnalazioni", {})), "", t("mail.footer", lang)]
    return _message(settings, recipient, t("mail.digest.subject", lang, n=len(found)), "\n".join(lines))


def pack_message(engine: Engine, settings: SmtpSettings, recipient: str, scope: Scope, lang: str,
                 today: dt.date | None = None) -> EmailMessage | None:
    """The meeting pack of the scope's territory over the last twelve months with data (the charts with data there),
    as a PPTX attachment; None where the territory has none of the pack's tables."""
    choices = queries.filter_choices(scope, None, engine=engine)["choices"]
    filters = choices.default("mese", span=True)
    available = queries.data_available(scope, filters, engine=engine)
    if not available.any(*meeting_pack.PACK_TABLES):
        return None
    built = meeting_pack.build(scope, filters, lang=lang, chosen=meeting_pack.default_charts(available),
                               today=today, engine=engine)
    pack = built.pack
    body = "\n".join([
        t("mail.pack.intro", lang, territory=clean_text(pack.territory), period=clean_text(pack.period),
          version=pack.data_version, date=pack.data_date.strftime("%d/%m/%Y"), n=len(pack.charts)),
        "", t("mail.pack.page", lang, link=link(settings, "pacchetto", filters_to_params(filters))), "",
        t("mail.footer", lang)])
    message = _message(settings, recipient, t("mail.pack.subject", lang, territory=pack.territory,
                                              version=pack.data_version), body)
    message.add_attachment(built.file("pptx"), maintype=PPTX_MIME[0], subtype=PPTX_MIME[1],
                           filename=built.file_name("pptx"))
    return message
