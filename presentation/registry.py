"""The dashboard's charts, each defined once: the published query it draws from, the rows of the result it draws,
its builder, its title and, for the charts of the meeting pack, its caption rule.

In the spirit of datasette-dashboards, a chart is data (:class:`ChartDef`). A page, or the meeting pack, calls the
entry's query with the user's scope and filters (``entry.query(scope, filters)``: the published-query function of
``data_access``, cached there), then asks the entry for its chart (``entry.chart(result, words, **choices)``).
Nothing here runs a query or draws on screen: a chart is a pure function of the published result, the words of
the page (:class:`ChartWords`: language, period unit, territory and periods in words) and the page's choices (a
breakdown, a measure, a service). A slide of the pack is therefore the screen's chart, built by the same entry
from the same published result.

Entries by page: Accoglienza (``PLACES`` ... ``OCCUPANCY_BY``), Emersione (``CONTACTS`` ... ``OUTINGS``), Servizi
(``PEOPLE_BY_TYPE`` ... ``HOURS_OVER_TIME``), Rete (``MEMBERS_BY_TYPE`` ... ``TRAINING_BY_AUDIENCE``), and the
public statistics of the national context (``PUBLIC_PRESENCES``, ``PUBLIC_SHARE`` on Accoglienza, ``LANDINGS`` on
Panoramica: shown as published, cited by :func:`public_source`); every entry is in :data:`CHARTS` by name, and the
meeting pack's choices are :data:`PACK`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from config.labels import fmt_count, fmt_number, fmt_period, t
from config.theme import PALETTE, SMALL_VALUE_COLOUR
from data_access import analytics, public_stats
from data_access import scope as periods
from data_access.analytics import (
    ACTION_STATUSES,
    AUDIENCES,
    BODIES,
    CAPACITY_BREAKDOWNS,
    ORGANISATION_TYPES,
    OUTREACH_BREAKDOWNS,
    OUTREACH_MEASURES,
    SERVICES,
    TOTAL,
    TREND_MEASURES,
)
from presentation import charts, view_cache
from presentation.exports import PackChart, caption_change
from presentation.exports.pack import di_article, territory_preposition

STATUS_COLOURS = {"pianificata": PALETTE[1], "in_corso": PALETTE[0], "completata": PALETTE[2],
                  "sospesa": SMALL_VALUE_COLOUR}


@dataclass(frozen=True)
class ChartWords:
    """What the words of a chart depend on: the language, the period unit, the territory and the periods."""

    lang: str
    unit: str  # "mese", "trimestre"...
    territory: str  # "Italia", "Lombardia", "Sondrio"
    period: str  # the chosen range: "dicembre 2025" or "da gennaio 2025 a dicembre 2025"
    last_period: str  # its last period, that of the totals: "dicembre 2025"
    end: str = ""  # the last period's key ("2025-12"): the period a caption's figures belong to


def code_labels(prefix: str, codes, lang: str) -> dict[str, str]:
    """The catalogue's names of codes: ``{code: t("<prefix>.<code>")}``."""
    return {code: t(f"{prefix}.{code}", lang) for code in codes}


def total_label(lang: str) -> dict[str, str]:
    """The name of a breakdown's total row: ``{"totale": "Totale"}``."""
    return {TOTAL: t("analytics.total", lang)}


# --- The rows a chart draws -------------------------------------------------------------------------------------
def whole(result, choices: Mapping[str, str]):
    """The query's one published result."""
    return result


def part(name: str) -> Callable[[Any, Mapping[str, str]], Any]:
    """One part of a query's dict of published results (``result[name]``)."""
    def rows(result, choices: Mapping[str, str]):
        return result[name]
    return rows


def chosen_part(choice: str) -> Callable[[Any, Mapping[str, str]], Any]:
    """The part of a query's dict of published results named by a choice of the page (``result[choices[choice]]``)."""
    def rows(result, choices: Mapping[str, str]):
        return result[choices[choice]]
    return rows


def chosen_service(result, choices: Mapping[str, str]):
    """The rows of the chosen service (or of all services, ``TOTAL``), as a published result of their own."""
    frame = result.frame[result.frame["service"] == choices["service"]]
    return dataclasses.replace(result, frame=frame)


# --- Caption rule -----------------------------------------------------------------------------------------------
def last_two(frame: pd.DataFrame, column: str) -> tuple:
    """The published values of the last two rows (NA where "<k" or missing): what a caption compares when it does
    not know the periods."""
    values = list(frame[column]) if column in frame else []
    current = values[-1] if values else None
    previous = values[-2] if len(values) > 1 else None
    return current, previous


@dataclass(frozen=True)
class PeriodValue:
    """One period's figure in a caption: its period in words, the published value (None where missing or "<k")
    and its text ("47", "<5", "nessun dato inviato", "n.d.")."""

    period: str
    value: object
    text: str


def period_value(frame: pd.DataFrame, column: str, key: str | None, words: ChartWords, k: int) -> PeriodValue:
    """The figure of ``column`` in the period ``key`` (the row whose ``period_key`` is it), never that of another
    period: "nessun dato inviato" where the period was not sent or has no row, "<k" where protected."""
    name = fmt_period(words.unit, key, words.lang)
    rows = frame[frame["period_key"] == key] if key and "period_key" in frame and column in frame else frame.iloc[0:0]
    if rows.empty or ("sent" in rows and not bool(rows["sent"].iloc[0])):
        return PeriodValue(name, None, t("realpath.not_sent", words.lang))
    value = rows[column].iloc[0]
    small = bool(rows[f"{column}_small"].iloc[0]) if f"{column}_small" in rows else False
    shown = None if small or pd.isna(value) else value
    mark = rows["occupancy_mark"].iloc[0] if column == "occupied" and "occupancy_mark" in rows else None
    return PeriodValue(name, shown, fmt_count(value, small, k, words.lang, mark=mark))


def last_periods(frame: pd.DataFrame, column: str, words: ChartWords, k: int) -> tuple[PeriodValue, PeriodValue]:
    """The figures of ``column`` in the range's last period (``words.end``) and in the period before it."""
    return (period_value(frame, column, words.end, words, k),
            period_value(frame, column, periods.previous(words.unit, words.end) if words.end else None, words, k))


@dataclass(frozen=True)
class Caption:
    """A chart's one-line caption in the meeting pack: the change of one measure between the last two periods it
    draws ("I posti occupati a Sondrio sono aumentati del 6% rispetto al trimestre precedente")."""

    column: str  # the measure compared
    subject: str  # catalogue key of its subject ("pack.subject.occupied": "I posti occupati")
    feminine: bool = False  # the subject is feminine plural ("Le prese in carico ... sono aumentate")

    def text(self, frame: pd.DataFrame, words: ChartWords, k: int = 5) -> str:
        """The sentence, naming the period of each figure it compares ("... (dicembre 2025: 47; novembre 2025:
        44)"); without ``words.end``, the last two rows of the frame, unnamed."""
        if not words.end:
            current, previous = last_two(frame, self.column)
            return caption_change(measure_label=t(self.subject, words.lang), territory=words.territory,
                                  current=current, previous=previous, period_word=t(f"unit.{words.unit}", words.lang),
                                  lang=words.lang, feminine=self.feminine)
        now, before = last_periods(frame, self.column, words, k)
        return caption_change(measure_label=t(self.subject, words.lang), territory=words.territory,
                              current=now.value, previous=before.value,
                              period_word=t(f"unit.{words.unit}", words.lang), lang=words.lang,
                              feminine=self.feminine,
                              figures=t("realpath.pack.caption_values", words.lang, current_period=now.period,
                                        current=now.text, previous_period=before.period, previous=before.text))


# --- The entry --------------------------------------------------------------------------------------------------
Draw = Callable[[Any, str, ChartWords, Mapping[str, str]], Any]


def no_title_words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    """A title without words of the page's choices."""
    return {}


@dataclass(frozen=True)
class ChartDef:
    """One chart of the dashboard, defined once for the pages and the meeting pack.

    ``query``: the published query (``data_access``), which the page calls as ``query(scope, filters)``.
    ``rows``: the published result it draws, out of the query's result and the page's choices.
    ``draw``: the builder, ``draw(published, title, words, choices)`` -> an Altair chart (``presentation.charts``).
    ``title``: the catalogue key of its title, filled with territory, period (the range, or with ``totals`` its last
    period), the date of a snapshot (``date``, when the published frame has ``attrs["as_of"]``) and ``title_words``.
    ``options``: the values each choice of the page can take (the first is the default).
    ``caption``: its one-line caption in the meeting pack, when it can be a slide.
    ``title_values``: words of the title that come from the published result (``title_values(published, words)``),
    such as the area of public statistics.
    """

    name: str
    query: Callable[..., Any]
    title: str
    draw: Draw
    rows: Callable[[Any, Mapping[str, str]], Any] = whole
    totals: bool = False
    title_words: Callable[[str, Mapping[str, str]], dict[str, str]] = no_title_words
    options: Mapping[str, Sequence[str]] = field(default_factory=dict)
    caption: Caption | None = None
    title_values: Callable[[Any, ChartWords], dict[str, str]] | None = None  # title words from the result itself

    def published(self, result, **choices: str):
        """The published result the chart draws (a ``data_access.sql.Published``)."""
        return self.rows(result, self._with_defaults(choices))

    def title_text(self, result, words: ChartWords, **choices: str) -> str:
        """The chart's title: "Posti e presenze, Sondrio, da gennaio 2025 a giugno 2025"."""
        choices = self._with_defaults(choices)
        return self._title(self.rows(result, choices), words, choices)

    def chart(self, result, words: ChartWords, **choices: str):
        """The chart of the query's published result, for the page's words and choices."""
        choices = self._with_defaults(choices)
        published = self.rows(result, choices)
        return view_cache.cached_chart(  # built once per question for every session (presentation/view_cache.py)
            self.name, published, words, choices,
            lambda: self.draw(published, self._title(published, words, choices), words, choices))

    def caption_text(self, result, words: ChartWords, **choices: str) -> str:
        """The chart's caption in the meeting pack (for an entry with a caption rule)."""
        published = self.published(result, **choices)
        return self.caption.text(published.frame, words, published.k)

    def _with_defaults(self, choices: Mapping[str, str]) -> dict[str, str]:
        return {name: values[0] for name, values in self.options.items()} | dict(choices)

    def _title(self, published, words: ChartWords, choices: Mapping[str, str]) -> str:
        values = {"territory": words.territory, "period": words.last_period if self.totals else words.period}
        as_of = published.frame.attrs.get("as_of")
        if as_of is not None:
            values["date"] = charts.day(as_of)
        if self.title_values is not None:
            values |= self.title_values(published, words)
        return t(self.title, words.lang, **values, **self.title_words(words.lang, choices))


# --- Builders ---------------------------------------------------------------------------------------------------
def one_measure(measure: str, *, percent: bool = False) -> Draw:
    """A line of one measure over periods, its axis titled with the measure's name."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        return charts.time_series(published.frame, unit=words.unit, measures=[measure], labels={}, k=published.k,
                                  lang=words.lang, percent=percent, y_title=t(f"measure.{measure}", words.lang),
                                  title=title)
    return draw


def people_lines(*measures: str) -> Draw:
    """Lines of person counts over periods, on one axis of people."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        return charts.time_series(published.frame, unit=words.unit, measures=list(measures), k=published.k,
                                  labels=code_labels("measure", OUTREACH_MEASURES, words.lang), lang=words.lang,
                                  y_title=t("analytics.people", words.lang), title=title)
    return draw


def places_and_presences(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """Bars of places with the line of presences over periods."""
    return charts.places_vs_presences(published.frame, unit=words.unit, k=published.k, lang=words.lang, title=title)


def by_series(builder, measure: str, series: Callable[[str, Mapping[str, str]], tuple[str, dict[str, str]]],
              **options) -> Draw:
    """One measure over periods, one line or stacked segment per category of a column: ``series(lang, choices)``
    gives the column and its categories' names; ``options`` go to the builder (``decimals``, ``percent``)."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        column, names = series(words.lang, choices)
        return builder(published.frame, unit=words.unit, measure=measure, series_col=column, series_labels=names,
                       k=published.k, lang=words.lang, y_title=t(f"measure.{measure}", words.lang), title=title,
                       **options)
    return draw


def capacity_breakdown(lang: str, choices: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The reception lines or target groups, as chosen on Accoglienza."""
    breakdown = choices["breakdown"]
    return breakdown, code_labels(breakdown, CAPACITY_BREAKDOWNS[breakdown], lang)


def network_bodies(lang: str, choices: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The bodies of the network (tavolo, rete, cabina di regia)."""
    return "body", code_labels("body", BODIES, lang)


def largest_first(choices: Mapping[str, str]) -> str | None:
    """Bars sorted by value, largest first."""
    return "-x"


def category_bars(measure: str | None, labels: Callable[[str, Mapping[str, str]], dict[str, str]], *,
                  axis: str | None = None, sort: Callable[[Mapping[str, str]], str | None] = largest_first) -> Draw:
    """Bars of one measure by ``category`` (the total row left out), in the order ``sort`` gives. ``measure``: the
    measure drawn, or None for the page's choice ``measure``; the value axis is titled with ``axis`` (a catalogue
    key) or the measure's name."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        frame = published.frame
        if published.too_sparse(measure or choices["measure"]):  # the sparsity guard: not drawn at this detail
            return charts.no_data_chart(title, subtitle=t("sparsity.chart_subtitle", words.lang, k=published.k),
                                        lang=words.lang, text=t("sparsity.chart_text", words.lang))
        return charts.bars(frame[~frame["is_total"]], category="category", measure=measure or choices["measure"],
                           category_labels=labels(words.lang, choices), k=published.k, lang=words.lang,
                           x_title=t(axis or f"measure.{measure}", words.lang), sort=sort(choices), title=title)
    return draw


def reached_labels(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    """The categories of the chosen breakdown of outreach (and its total)."""
    dimension = choices["dimension"]
    return code_labels(dimension, OUTREACH_BREAKDOWNS[dimension], lang) | total_label(lang)


def reached_sort(choices: Mapping[str, str]) -> str | None:
    """Age groups in their own order; other breakdowns largest first."""
    return None if choices["dimension"] == "age_group" else "-x"


def with_total(prefix: str, codes) -> Callable[[str, Mapping[str, str]], dict[str, str]]:
    """The names of a fixed list of categories and of their total."""
    def labels(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
        return code_labels(prefix, codes, lang) | total_label(lang)
    return labels


def outreach_funnel(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """The stages from contact to take-in, with the conversion from each stage to the next."""
    return charts.funnel(published.frame, stage_labels=code_labels("measure", OUTREACH_MEASURES, words.lang),
                         x_title=t("analytics.people", words.lang), k=published.k, lang=words.lang, title=title)


def members_by_territory(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """Network organisations by territory, largest first."""
    frame = published.frame
    return charts.bars(frame, category="territory_code", measure="members", x_title=t("measure.members", words.lang),
                       category_labels=dict(zip(frame["territory_code"], frame["territory_name"], strict=True)),
                       lang=words.lang, title=title)


def plan_by_status(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """The actions of the local plan by status, in the order of the statuses."""
    frame = published.frame
    return charts.status_bars(frame[~frame["is_total"]], status_labels=code_labels("status", ACTION_STATUSES,
                                                                                   words.lang),
                              lang=words.lang, x_title=t("measure.actions", words.lang), colours=STATUS_COLOURS,
                              title=title)


# --- Title words of the page's choices ----------------------------------------------------------------------------
def breakdown_words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    return {"breakdown": t(f"accoglienza.by.{choices['breakdown']}", lang)}


def reached_words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    return {"measure": t(f"measure.{choices['measure']}", lang),
            "dimension": t(f"emersione.dimension.{choices['dimension']}", lang)}


def service_words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    service = choices["service"]
    return {"service": t("servizi.all_services", lang) if service == TOTAL else t(f"service.{service}", lang)}


# --- Accoglienza --------------------------------------------------------------------------------------------------
BREAKDOWN = {"breakdown": tuple(CAPACITY_BREAKDOWNS)}
PLACES = ChartDef("accoglienza.places", analytics.accoglienza_trend, "accoglienza.chart_places", places_and_presences,
                  rows=part("total"), caption=Caption("occupied", "pack.subject.occupied"))
FREE_PLACES = ChartDef("accoglienza.free_places", analytics.accoglienza_trend, "accoglienza.chart_free",
                       one_measure("free_places"), rows=part("total"),
                       caption=Caption("free_places", "pack.subject.free_places"))
OCCUPANCY = ChartDef("accoglienza.occupancy", analytics.accoglienza_trend, "accoglienza.chart_rate",
                     one_measure("occupancy_rate", percent=True), rows=part("total"))
STRUCTURES = ChartDef("accoglienza.structures", analytics.accoglienza_trend, "accoglienza.chart_structures",
                      one_measure("structures"), rows=part("total"))
PLACES_BY = ChartDef("accoglienza.places_by", analytics.accoglienza_trend, "accoglienza.chart_places_by",
                     by_series(charts.stacked_bars_over_time, "places", capacity_breakdown),
                     rows=chosen_part("breakdown"), title_words=breakdown_words, options=BREAKDOWN)
FREE_PLACES_BY = ChartDef("accoglienza.free_places_by", analytics.accoglienza_trend, "accoglienza.chart_free_by",
                          by_series(charts.time_series_by, "free_places", capacity_breakdown),
                          rows=chosen_part("breakdown"), title_words=breakdown_words, options=BREAKDOWN)
OCCUPANCY_BY = ChartDef("accoglienza.occupancy_by", analytics.accoglienza_trend, "accoglienza.chart_rate_by",
                        by_series(charts.time_series_by, "occupancy_rate", capacity_breakdown, percent=True),
                        rows=chosen_part("breakdown"), title_words=breakdown_words, options=BREAKDOWN)

# --- Emersione e contatti -------------------------------------------------------------------------------------------
CONTACTS = ChartDef("emersione.contacts", analytics.emersione_trend, "emersione.chart_contacts",
                    people_lines("contacts", "referrals"), caption=Caption("contacts", "pack.subject.contacts"))
PATH = ChartDef("emersione.path", analytics.emersione_trend, "emersione.chart_path",
                people_lines("assessments", "potential_victims", "take_ins"),
                caption=Caption("take_ins", "pack.subject.take_ins", feminine=True))
FUNNEL = ChartDef("emersione.funnel", analytics.emersione_funnel, "emersione.chart_funnel", outreach_funnel,
                  rows=part("funnel"), totals=True)
REACHED_BY = ChartDef("emersione.reached_by", analytics.emersione_breakdowns, "emersione.chart_by",
                      category_bars(None, reached_labels, axis="analytics.people", sort=reached_sort),
                      rows=chosen_part("dimension"), totals=True, title_words=reached_words,
                      options={"measure": TREND_MEASURES, "dimension": tuple(OUTREACH_BREAKDOWNS)})
OUTINGS = ChartDef("emersione.outings", analytics.emersione_outings, "emersione.chart_outings", one_measure("outings"))

# --- Servizi --------------------------------------------------------------------------------------------------------
SERVICE = {"service": (TOTAL, *SERVICES)}
PEOPLE_BY_TYPE = ChartDef("servizi.people_by_type", analytics.servizi_by_type, "servizi.chart_people_type",
                          category_bars("people", with_total("service", SERVICES)), totals=True)
HOURS_BY_TYPE = ChartDef("servizi.hours_by_type", analytics.servizi_by_type, "servizi.chart_hours_type",
                         category_bars("hours", with_total("service", SERVICES)), totals=True)
PEOPLE_OVER_TIME = ChartDef("servizi.people_over_time", analytics.servizi_trend, "servizi.chart_people_time",
                            one_measure("people"), rows=chosen_service, title_words=service_words, options=SERVICE,
                            caption=Caption("people", "pack.subject.people", feminine=True))
HOURS_OVER_TIME = ChartDef("servizi.hours_over_time", analytics.servizi_trend, "servizi.chart_hours_time",
                           one_measure("hours"), rows=chosen_service, title_words=service_words, options=SERVICE)

# --- Rete e tavolo --------------------------------------------------------------------------------------------------
MEMBERS_BY_TYPE = ChartDef("rete.members_by_type", analytics.rete_members, "rete.chart_by_type",
                           category_bars("members", with_total("organisation_type", ORGANISATION_TYPES)),
                           rows=part("by_type"))
MEMBERS_BY_TERRITORY = ChartDef("rete.members_by_territory", analytics.rete_members, "rete.chart_by_territory",
                                members_by_territory, rows=part("by_territory"))
MEETINGS = ChartDef("rete.meetings", analytics.rete_meetings, "rete.chart_meetings",
                    by_series(charts.stacked_bars_over_time, "meetings", network_bodies))
PARTICIPATION = ChartDef("rete.participation", analytics.rete_meetings, "rete.chart_participation",
                         by_series(charts.time_series_by, "mean_present", network_bodies, decimals=1))
PLAN = ChartDef("rete.plan", analytics.rete_actions, "rete.chart_plan", plan_by_status, rows=part("by_status"))
TRAINING = ChartDef("rete.training", analytics.rete_training, "rete.chart_training", one_measure("participants"),
                    rows=part("trend"))
TRAINING_BY_AUDIENCE = ChartDef("rete.training_by_audience", analytics.rete_training, "rete.chart_training_audience",
                                category_bars("participants", with_total("audience", AUDIENCES)),
                                rows=part("by_audience"), totals=True)

# --- Public statistics: the national context (shown as published, with their source) ------------------------------
SYSTEMS = ("total", "centres", "sai", "hotspot")  # the lines of the presences chart, in this order


def public_area(attrs: Mapping, lang: str) -> str:
    """The area of a public result (its frame's ``attrs``) in words: its regions ("Lombardia"), or "Italia"."""
    regions = attrs.get("regions")
    if regions is None:
        return t("territory.italy", lang)
    return ", ".join(attrs.get("region_names") or regions)


def public_date(published):
    """The last date of the public data in force ("dati al ...")."""
    attrs = published.frame.attrs
    return attrs.get("last_date") or attrs.get("last_day")


def public_source(published, lang: str) -> str:
    """The attribution line the licence asks for, under every view of public statistics: the source (Liberiamoli
    tutti!, with its link), the Ministry as the original source, "dati modificati", the licence and the date."""
    return t("reference.source", lang, url=public_stats.SOURCE_URL, date=charts.day(public_date(published)))


def public_subtitle(published, lang: str) -> str:
    return t("reference.subtitle", lang, date=charts.day(public_date(published)))


def in_area(attrs: Mapping, lang: str) -> str:
    """"in Lombardia", "nel Lazio", "in Italia" (one region or Italy), "in Lombardia, Veneto"."""
    area = public_area(attrs, lang)
    regions = attrs.get("regions")
    single = regions is None or len(regions) == 1
    return t("reference.in_area", lang, preposition=territory_preposition(area) if single and lang == "it" else "in",
             area=area)


def presences_lines(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """The area's presences at each report date: the total and its parts (hotspots only where there are any);
    the dates the source misses as gaps, a corrected value with its note."""
    frame = published.frame
    measures = [m for m in SYSTEMS if m != "hotspot" or bool(frame["hotspot"].fillna(0).gt(0).any())]
    notes = [t(f"reference.correction.{c}", words.lang) if isinstance(c, str) else None for c in frame["correction"]]
    return charts.dated_lines(frame, measures=measures, labels=code_labels("reference.system", SYSTEMS, words.lang),
                              title=title, y_title=t("reference.people", words.lang), notes=notes,
                              gap_note=t("reference.gap_note", words.lang), lang=words.lang,
                              subtitle=public_subtitle(published, words.lang))


def share_line(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """The projects' published presences over the area's public figure, per period."""
    return charts.time_series(published.frame, unit=words.unit, measures=["share"], k=published.k, lang=words.lang,
                              labels={"share": t("reference.share", words.lang)}, percent=True,
                              y_title=t("reference.share", words.lang), title=title,
                              subtitle=public_subtitle(published, words.lang))


def landings_bars(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """Landings per month, the last month lighter where the data cover it in part."""
    return charts.month_bars(published.frame, measure="landed", title=title, lang=words.lang,
                             y_title=t("reference.landed", words.lang),
                             complete_note=t("reference.month_complete", words.lang),
                             partial_note=t("reference.month_partial", words.lang,
                                            date=charts.day(public_date(published))),
                             subtitle=public_subtitle(published, words.lang))


def presences_title(published, words: ChartWords) -> dict[str, str]:
    """The area of the figures ("Lombardia") and, where the page's territory is narrower, that territory
    ("Lombardia (dato regionale per Sondrio)")."""
    area = public_area(published.frame.attrs, words.lang)
    return {"area": area if area == words.territory else
            t("reference.area_for", words.lang, area=area, territory=words.territory)}


def share_title(published, words: ChartWords) -> dict[str, str]:
    system = published.frame.attrs.get("system") or "none"
    return {"what": t(f"reference.share_of.{system}", words.lang), "area": in_area(published.frame.attrs,
                                                                                     words.lang)}


def landings_title(published, words: ChartWords) -> dict[str, str]:
    months, lang = list(published.frame["period_key"]), words.lang
    if not months:
        return {"period": t("app.not_available", lang)}
    return {"period": t("mappa.range.mese", lang, start=charts.period_label("mese", months[0], lang, short=False),
                        end=charts.period_label("mese", months[-1], lang, short=False))}


@dataclass(frozen=True)
class YearCaption(Caption):
    """The caption of the public presences' slide: the change over twelve months at the last date drawn ("Le
    persone nel sistema di accoglienza in Lombardia sono diminuite del 3% in dodici mesi ...")."""

    def text(self, frame: pd.DataFrame, words: ChartWords, k: int = 5) -> str:  # public figures: k unused
        attrs = frame.attrs
        place = in_area(attrs, words.lang)
        subject = t(self.subject, words.lang)
        now, before = attrs.get("latest_total"), attrs.get("before_total")
        dates = {"date": charts.day(attrs.get("latest_date")), "before": charts.day(attrs.get("before_date"))}
        if now is None or not before:
            return t("reference.caption.not_computable", words.lang, subject=subject, place=place, **dates)
        change = (now - before) / before * 100
        rounded = int(abs(change) + 0.5)
        key = "same" if rounded == 0 else "up" if change > 0 else "down"
        return t(f"reference.caption.{key}", words.lang, subject=subject, place=place, article=di_article(rounded),
                 percent=fmt_number(rounded, 0, words.lang) + "%", now=fmt_number(now, 0, words.lang),
                 then=fmt_number(before, 0, words.lang), **dates)


PUBLIC_PRESENCES = ChartDef("contesto.presenze", public_stats.reception_series, "reference.chart_presences",
                            presences_lines, title_values=presences_title,
                            caption=YearCaption("total", "reference.subject", feminine=True))
PUBLIC_SHARE = ChartDef("contesto.quota", public_stats.reception_share, "reference.chart_share", share_line,
                        title_values=share_title)
LANDINGS = ChartDef("contesto.sbarchi", public_stats.landings_by_month, "reference.chart_landings", landings_bars,
                    title_values=landings_title)

CHARTS: dict[str, ChartDef] = {entry.name: entry for entry in (
    PLACES, FREE_PLACES, OCCUPANCY, STRUCTURES, PLACES_BY, FREE_PLACES_BY, OCCUPANCY_BY,
    CONTACTS, PATH, FUNNEL, REACHED_BY, OUTINGS,
    PEOPLE_BY_TYPE, HOURS_BY_TYPE, PEOPLE_OVER_TIME, HOURS_OVER_TIME,
    MEMBERS_BY_TYPE, MEMBERS_BY_TERRITORY, MEETINGS, PARTICIPATION, PLAN, TRAINING, TRAINING_BY_AUDIENCE,
    PUBLIC_PRESENCES, PUBLIC_SHARE, LANDINGS)}


# --- The meeting pack -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackSlide:
    """A chart the meeting pack offers: a registry entry and the page choices it is shown with."""

    entry: ChartDef
    choices: Mapping[str, str] = field(default_factory=dict)
    optional: bool = False  # offered, but not chosen unless the user adds it
    source: Callable[[Any, str], str] | None = None  # the slide's own source note (public statistics)

    def __post_init__(self):
        if self.entry.caption is None:  # a slide states the change its chart shows
            raise ValueError(self.entry.name)

    def pack_chart(self, result, words: ChartWords, note: str | None = None) -> PackChart:
        """The slide: the entry's chart and title, and its caption, from the entry's query result; its note is the
        slide's own source line where it has one (public statistics), else ``note``."""
        if self.source is not None:
            note = self.source(self.entry.published(result, **self.choices), words.lang)
        return PackChart(title=self.entry.title_text(result, words, **self.choices),
                         caption=self.entry.caption_text(result, words, **self.choices),
                         chart=self.entry.chart(result, words, **self.choices), note=note)


PACK: dict[str, PackSlide] = {
    "posti": PackSlide(PLACES),
    "liberi": PackSlide(FREE_PLACES),
    "contatti": PackSlide(CONTACTS),
    "percorso": PackSlide(PATH),
    "servizi": PackSlide(PEOPLE_OVER_TIME, {"service": TOTAL}),
    "contesto": PackSlide(PUBLIC_PRESENCES, optional=True, source=public_source),
}
PACK_DEFAULT = [choice for choice, slide in PACK.items() if not slide.optional]  # what the pack page proposes
