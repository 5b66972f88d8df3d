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
from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import Engine

from config import settings
from config.labels import t
from data_access import geo, queries
from data_access import scope as periods
from data_access.analytics import TOTAL
from data_access.db import get_engine
from data_access.delivery import Available
from data_access.scope import Filters, Scope
from data_access.sql import cache_version
from presentation import citations, exports, registry, view_cache
from presentation.page_words import chart_words, territory_name
from presentation.registry import PACK, ChartWords, Cite, period_value
from tools.topojson import zoom_to_regions

# The tables the pack draws (a territory without any of them has no pack).
PACK_TABLES = tuple(dict.fromkeys(name for slide in PACK.values() if not slide.optional for name in slide.tables))
FORMATS = ("pptx", "pdf")
# The summary: label, the published result it reads ("places", "contacts", "services") and its column.
SUMMARY = (("measure.places", "places", "places"), ("measure.occupied", "places", "occupied"),
           ("measure.occupancy_rate", "places", "occupancy_rate"), ("measure.free_places", "places", "free_places"),
           ("measure.structures", "places", "structures"), ("measure.contacts", "contacts", "contacts"),
           ("measure.take_ins", "contacts", "take_ins"), ("pack.col.people_served", "services", "people"))


@dataclass(frozen=True)
class BuiltPack:
    """A meeting pack and what a page says under it: the slides chosen but left out (no data), whether values show
    as "<k", the data version of the figures."""

    pack: exports.Pack
    chosen: tuple[str, ...]
    has_small: bool  # the page shows a value as "<k" (a caption, the summary)
    k: int
    data_version: int | None
    left_out: list[str] = field(default_factory=list)

    def file(self, fmt: str) -> bytes:
        """The pack as a PPTX or a PDF."""
        return exports.pack_pptx(self.pack) if fmt == "pptx" else exports.pack_pdf(self.pack)

    def file_name(self, fmt: str) -> str:
        """The file's name, with territory, period and data version (``exports.Pack.file_name``)."""
        return self.pack.file_name(fmt)


def default_charts(available: Available | None) -> list[str]:
    """The slides proposed: those whose tables have data in the user's territory (all of them where none has)."""
    return registry.pack_default(available) or list(registry.PACK_DEFAULT)


def default_tavolo(territory: str, lang: str = "it") -> str:
    """The tavolo's name when none is typed: "Tavolo di lavoro – Sondrio"."""
    return t("pack.tavolo_default", lang, territory=territory)


def map_choices(scope: Scope, filters: Filters, available: Available, engine: Engine | None) -> dict[str, str]:
    """The map slide's choices: the measure the map page opens on for this user, at the finest level they see,
    zoomed to their regions."""
    levels = geo.map_levels(scope)
    regions = queries.filter_choices(scope, None, engine=engine)["provinces"]["region_code"] \
        if scope.provinces is not None else None
    zoom = zoom_to_regions([filters.region] if filters.region else regions) if levels[:1] == ("provincia",) else None
    return {"measure": geo.default_measure(available), "level": levels[0] if levels else "regione",
            "zoom": zoom or ""}


def shows_small_text(pack: exports.Pack, k: int) -> bool:
    """Whether the page shows a value as "<k": in a slide's caption or in the summary table (the page draws no
    chart; the files say "<k" on their own, ``exports.Pack.small_note``)."""
    texts = [item.caption for item in pack.charts] + [str(v) for v in pack.summary.to_numpy().ravel()]
    return exports.small_value_in(texts, k) is not None


def summary_table(scope: Scope, filters: Filters, words: ChartWords, engine: Engine | None):
    """The summary: the range's first period, the period before the last and the last, each under its own name
    ("<k" where protected, "nessun dato inviato" where not sent: never the figure of another period); a row of
    nothing sent is left out. Returns the table and the published result of places (its k and data version)."""
    acc = registry.PLACES.published(registry.PLACES.query(scope, filters, engine=engine))  # accoglienza_trend
    contacts = registry.CONTACTS.query(scope, filters, engine=engine)  # emersione_trend
    services = registry.PEOPLE_OVER_TIME.published(  # servizi_trend
        registry.PEOPLE_OVER_TIME.query(scope, filters, engine=engine), service=TOTAL)
    asked = (filters.start or filters.end, periods.previous(filters.unit, filters.end), filters.end)
    keys = tuple(dict.fromkeys(key for key in asked if key and key in filters.periods))
    frames = {"places": acc.frame, "contacts": contacts.frame, "services": services.frame}

    def table() -> pd.DataFrame:
        rows, lang = [], words.lang
        for label, source, column in SUMMARY:
            figures = [period_value(frames[source], column, key, words, acc.k) for key in keys]
            if any(f.text != t("realpath.not_sent", lang) for f in figures):
                rows.append({t("pack.col.measure", lang): t(label, lang),
                             **{f.period.capitalize(): f.text for f in figures}})
        return pd.DataFrame(rows, dtype=object)
    # written once per question for every session (shared: never changed; the files clean a copy of it)
    return view_cache.cached_table("pacchetto.summary", acc, (words, keys, view_cache.result_key(contacts),
                                                              view_cache.result_key(services)), table), acc


def citer(filters: Filters, engine: Engine | None = None) -> Cite:
    """Citations of a pack made away from the page (``manage.py pack``, the pack e-mail): each slide cites its chart
    on its own page with the filters' address and the data version of the figures, as the page's citations do
    (``views/citing.py``); the summary table cites the pack page's table."""
    info = queries.version_info(engine)
    key = settings.citation_key(bool(info and info["demo"]))
    version = filters.as_of if filters.as_of is not None else cache_version(engine or get_engine())
    params, base = periods.filters_to_params(filters), settings.base_url()

    def cite(figure: str, choices) -> citations.Citation:
        return citations.cite(key, base, citations.View.of(citations.page_of(figure), params, version), figure,
                              choices)
    return cite


SUMMARY_FIGURE = "pacchetto.tabella"  # the summary table's citation away from the page


def build(scope: Scope, filters: Filters, *, lang: str, chosen, tavolo: str | None = None,
          words: ChartWords | None = None, today: dt.date | None = None, engine: Engine | None = None,
          cite: Cite | None = None, citation=None) -> BuiltPack:
    """The meeting pack of ``scope`` for ``filters``: one slide per chosen chart (``registry.PACK`` names) with
    data (the others left out, and named on the title slide), the summary table and the methodology. ``words``:
    the page's words (made from the filters where not given); ``engine``: the database (default DATABASE_URL's,
    as on the pages); ``cite``: each slide's citation (the page's, ``views/citing.py``); ``citation``: the
    summary table's."""
    words = words or chart_words(scope, filters, lang, engine)
    today = today or dt.date.today()
    if cite is None:  # away from the page: the same citations, from the filters' address
        cite = citer(filters, engine)
        citation = citation or cite(SUMMARY_FIGURE, {})
    available = queries.data_available(scope, filters, engine=engine)
    own = {"mappa": map_choices(scope, filters, available, engine)}
    # The tavolo's own data (meetings, action plan) have no programme or project: their slides name the territory.
    network_words = replace(words, territory=territory_name(filters.with_(programme=None, project=None), scope, lang,
                                                            engine))
    chosen = tuple(chosen)
    made = {c: PACK[c].make(scope, filters, network_words if PACK[c].network else words, today=today, cite=cite,
                            engine=engine, **own.get(c, {})) for c in chosen if c != "mappa" or geo.map_levels(scope)}
    items = [item for item in made.values() if item is not None]
    left_out = [t(f"pack.choice.{c}", lang) for c in chosen if made.get(c) is None]
    summary, acc = summary_table(scope, filters, words, engine)
    info = queries.version_info(engine, version=acc.data_version)  # the version of the figures (current or as of)
    methodology = [t(f"pack.method.{n}", lang, k=acc.k) for n in (1, 2, 3, 4)]
    if any(getattr(PACK[c], "source", None) for c in chosen):
        methodology.append(t("reference.pack_method", lang))
    pack = exports.Pack(
        tavolo=(tavolo or "").strip() or default_tavolo(words.territory, lang), territory=words.territory,
        period=words.period, data_version=info["id"], data_date=info["created_at"].date(), built_on=today,
        charts=items, summary=summary, methodology=methodology, lang=lang, left_out=left_out, citation=citation,
        span="_".join(dict.fromkeys((filters.start or filters.end, filters.end))),
        small_note=exports.small_value_note(acc.k, lang))
    return BuiltPack(pack, chosen, shows_small_text(pack, acc.k), acc.k, acc.data_version, left_out)
