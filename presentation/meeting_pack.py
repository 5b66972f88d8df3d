"""The meeting pack, built by one function for every place it is made: the Pacchetto riunione page,
``manage.py pack`` (a scheduler's pack) and the pack e-mail (``mail/``). The same published queries, the same
chart registry entries (``registry.PACK``), the same captions and summary, so the command line's slides are the
page's slides.

:func:`build` takes the user's scope, the filters, the charts chosen and the tavolo's name, and returns a
:class:`BuiltPack`: the :class:`~presentation.exports.Pack` (title slide, one slide per chart, summary table,
methodology) and what the page says under it (whether values show as "<k", the data version of the figures).
The files are drawn by ``presentation.exports.pack_pptx`` and ``pack_pdf``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from config.labels import t
from data_access import queries
from data_access.analytics import TOTAL
from data_access.delivery import Available
from data_access.scope import Filters, Scope
from presentation import exports, registry
from presentation.page_words import chart_words
from presentation.registry import PACK, ChartWords, last_periods

# The table each slide draws: a slide is offered first where its table has data.
PACK_TABLES = {"posti": "capacity", "liberi": "capacity", "contatti": "outreach", "percorso": "outreach",
               "servizi": "services"}
FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class BuiltPack:
    """A meeting pack and what a page says under it."""

    pack: exports.Pack
    chosen: tuple[str, ...]
    has_small: bool  # some value shows as "<k"
    k: int
    data_version: int | None

    def file(self, fmt: str) -> bytes:
        """The pack as a PPTX or a PDF."""
        return exports.pack_pptx(self.pack) if fmt == "pptx" else exports.pack_pdf(self.pack)

    def file_name(self, fmt: str, today: dt.date | None = None) -> str:
        """The page's file name: "pacchetto-riunione-v12-2026-12-04.pptx"."""
        return f"pacchetto-riunione-v{self.pack.data_version}-{(today or dt.date.today()).isoformat()}.{fmt}"


def default_charts(available: Available | None) -> list[str]:
    """The slides proposed: the pack's defaults whose table has data for the filters (all of them where none has)."""
    with_data = [c for c in registry.PACK_DEFAULT
                 if available is None or available.any(PACK_TABLES.get(c, "capacity"))]
    return with_data or list(registry.PACK_DEFAULT)


def default_tavolo(territory: str, lang: str = "it") -> str:
    """The tavolo's name when none is typed: "Tavolo di lavoro – Sondrio"."""
    return t("pack.tavolo_default", lang, territory=territory)


def _summary(words: ChartWords, k: int, rows: list[tuple[str, pd.DataFrame, str]]) -> pd.DataFrame:
    """The summary table: the range's last period and the one before, each under its own name, as the screen
    shows them ("<k" where protected, "nessun dato inviato" where the period was not sent)."""
    lang = words.lang

    def row(label_key: str, frame: pd.DataFrame, column: str) -> dict:
        now, before = last_periods(frame, column, words, k)
        return {t("pack.col.measure", lang): t(label_key, lang), now.period.capitalize(): now.text,
                before.period.capitalize(): before.text}

    return pd.DataFrame([row(*r) for r in rows], dtype=object)


def build(scope: Scope, filters: Filters, *, lang: str, chosen, tavolo: str | None = None,
          words: ChartWords | None = None, today: dt.date | None = None, engine: Engine | None = None) -> BuiltPack:
    """The meeting pack of ``scope`` for ``filters``: one slide per chosen chart (``registry.PACK`` names), the
    summary table and the methodology. ``words``: the page's words (made from the filters where not given);
    ``engine``: the database (default DATABASE_URL's, as on the pages)."""
    words = words or chart_words(scope, filters, lang, engine)
    acc = registry.PLACES.published(registry.PLACES.query(scope, filters, engine=engine))  # accoglienza_trend
    out = registry.CONTACTS.query(scope, filters, engine=engine)  # analytics.emersione_trend
    srv = registry.PEOPLE_OVER_TIME.query(scope, filters, engine=engine)  # analytics.servizi_trend
    services = registry.PEOPLE_OVER_TIME.published(srv, service=TOTAL).frame
    k = acc.k
    has_small = any(r.has_small for r in (acc, out, srv))
    note = exports.small_value_note(k, lang) if has_small else None
    chosen = tuple(chosen)
    items = [PACK[c].pack_chart(PACK[c].entry.query(scope, filters, engine=engine), words, note) for c in chosen]
    summary = _summary(words, k, [("measure.places", acc.frame, "places"),
                                  ("measure.occupied", acc.frame, "occupied"),
                                  ("measure.free_places", acc.frame, "free_places"),
                                  ("measure.contacts", out.frame, "contacts"),
                                  ("measure.take_ins", out.frame, "take_ins"),
                                  ("pack.col.people_served", services, "people")])
    info = queries.version_info(engine, version=acc.data_version)  # the version of the figures (current or as of)
    methodology = [t(f"pack.method.{n}", lang, k=k) for n in (1, 2, 3, 4)]
    if any(PACK[c].source for c in chosen):
        methodology.append(t("reference.pack_method", lang))
    pack = exports.Pack(
        tavolo=(tavolo or "").strip() or default_tavolo(words.territory, lang), territory=words.territory,
        period=words.period, data_version=info["id"], data_date=info["created_at"].date(),
        built_on=today or dt.date.today(), charts=items, summary=summary, methodology=methodology, lang=lang)
    return BuiltPack(pack, chosen, has_small, k, acc.data_version)
