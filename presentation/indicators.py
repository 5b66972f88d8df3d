"""The indicators an action-plan item may name (``data_access.models.ACTION_INDICATORS``), each a chart registry entry
of its own: the published query of the page that shows the measure, its rows, and a line of the one measure over the
periods (``registry.one_measure``). Rete e tavolo draws one beside each item that names it, for the item's province
(views/plan_indicators.py): the same published values as Accoglienza, Emersione, Servizi and the training section."""

from __future__ import annotations

from collections.abc import Mapping

from config.labels import t
from data_access import analytics
from data_access.analytics import TOTAL
from presentation.registry import ChartDef, chosen_service, one_measure, part

# indicator code -> (published query, rows of its result, measure column, shown as a percentage)
_SOURCES = {
    "posti": (analytics.accoglienza_trend, part("total"), "places", False),
    "presenze": (analytics.accoglienza_trend, part("total"), "occupied", False),
    "occupazione": (analytics.accoglienza_trend, part("total"), "occupancy_rate", True),
    "posti_liberi": (analytics.accoglienza_trend, part("total"), "free_places", False),
    "contatti": (analytics.emersione_trend, None, "contacts", False),
    "valutazioni": (analytics.emersione_trend, None, "assessments", False),
    "potenziali_vittime": (analytics.emersione_trend, None, "potential_victims", False),
    "invii": (analytics.emersione_trend, None, "referrals", False),
    "prese_in_carico": (analytics.emersione_trend, None, "take_ins", False),
    "persone_servizi": (analytics.servizi_trend, chosen_service, "people", False),
    "partecipanti_formazione": (analytics.rete_training, part("trend"), "participants", False),
}


def _title_words(code: str):
    def words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
        return {"indicator": t(f"indicator.{code}", lang)}
    return words


def _entry(code: str, query, rows, measure: str, percent: bool) -> ChartDef:
    extra = {"rows": rows} if rows is not None else {}
    options = {"service": (TOTAL,)} if rows is chosen_service else {}
    return ChartDef(f"indicatore.{code}", query, "rete.indicators.chart_title", one_measure(measure, percent=percent),
                    title_words=_title_words(code), options=options, **extra)


INDICATORS: dict[str, ChartDef] = {code: _entry(code, *source) for code, source in _SOURCES.items()}
