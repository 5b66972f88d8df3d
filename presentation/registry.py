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

from config.labels import fmt_count, fmt_month, fmt_number, fmt_occupancy, fmt_period, t
from config.theme import PALETTE, SMALL_VALUE_COLOUR
from data_access import analytics, geo, public_stats
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
from data_access.reference import DATA_YEAR
from presentation import charts, view_cache
from presentation.captions import LeadersCaption, Measure, MeetingsCaption, RangeCaption, SaturationCaption
from presentation.exports import PackChart, project_topojson
from presentation.grammar import in_place, number_article, period_range
from tools.topojson import ID_PROPERTY, NAME_PROPERTY, OBJECTS, TOPOJSON_URL

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
    notes: tuple = ()  # the notes of the view (data_access.annotations.Note), drawn on every trend chart


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


# --- The figures of a period (the pack's summary) ---------------------------------------------------------------------
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
    mark = rows["occupancy_mark"].iloc[0] if "occupancy_mark" in rows else None
    mark = mark if isinstance(mark, str) else None
    if column == "occupancy_rate":  # "93,5%", "pieno*", "153,8% (sovraffollato)"
        return PeriodValue(name, shown, fmt_occupancy(value, mark, words.lang))
    return PeriodValue(name, shown, fmt_count(value, small, k, words.lang, mark=mark if column == "occupied" else None))


def last_periods(frame: pd.DataFrame, column: str, words: ChartWords, k: int) -> tuple[PeriodValue, PeriodValue]:
    """The figures of ``column`` in the range's last period (``words.end``) and in the period before it."""
    return (period_value(frame, column, words.end, words, k),
            period_value(frame, column, periods.previous(words.unit, words.end) if words.end else None, words, k))


# --- The entry --------------------------------------------------------------------------------------------------
Draw = Callable[[Any, str, ChartWords, Mapping[str, str]], Any]
Cite = Callable[[str, Mapping[str, str]], Any]  # a figure's citation: cite(figure, choices) (views/citing.py)


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
    ``notes``: whether the chart draws the notes of the page's territory (``ChartWords.notes``) where it is a trend
    (``charts.with_notes``: a chart without a period axis is left as it is); off for a chart of another territory.
    ``query_args``: the choices the query takes after scope and filters (the map: measure, level, and the language
    as ``lang``); :meth:`ask` passes them.

    Every chart carries its name and choices in its spec's ``usermeta`` ({"figura": ..., "scelte": {...}}): what a
    citation names it by (presentation/citations.py).
    """

    name: str
    query: Callable[..., Any]
    title: str
    draw: Draw
    rows: Callable[[Any, Mapping[str, str]], Any] = whole
    totals: bool = False
    title_words: Callable[[str, Mapping[str, str]], dict[str, str]] = no_title_words
    options: Mapping[str, Sequence[str]] = field(default_factory=dict)
    caption: Any = None  # a caption rule of presentation.captions: ``caption.text(frame, words, k)``
    title_values: Callable[[Any, ChartWords], dict[str, str]] | None = None  # title words from the result itself
    notes: bool = True
    query_args: tuple[str, ...] = ()

    def ask(self, scope, filters, words: ChartWords, *, engine=None, **choices: str):
        """The query's published result for the scope, the filters and the choices it takes (``query_args``);
        ``engine``: the database (default DATABASE_URL's, as on the pages)."""
        choices = self._with_defaults(choices)
        return self.query(scope, filters, *(words.lang if a == "lang" else choices[a] for a in self.query_args),
                          engine=engine)

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
            self.name, published, words, choices, lambda: self._build(published, words, choices))

    def _build(self, published, words: ChartWords, choices: Mapping[str, str]):
        """The chart drawn, with the notes of its territory and its name and choices for citations."""
        chart = self.draw(published, self._title(published, words, choices), words, choices)
        if self.notes and words.notes:
            chart = charts.with_notes(chart, words.notes, unit=words.unit, lang=words.lang)
        chart.usermeta = {"figura": self.name, "scelte": self.figure_choices(**choices)}
        return chart

    def figure_choices(self, **choices: str) -> dict[str, str]:
        """The page's choices the chart is drawn with (its options, defaults filled in): part of its citation."""
        return {name: value for name, value in self._with_defaults(choices).items() if name in self.options}

    def caption_text(self, result, words: ChartWords, **choices: str) -> str:
        """The chart's caption in the meeting pack (for an entry with a caption rule)."""
        choices = self._with_defaults(choices)
        published = self.rows(result, choices)
        return view_cache.cached_chart(  # written once per question for every session, as the chart is drawn
            f"{self.name}.caption", published, words, choices,
            lambda: self.caption.text(published.frame, words, published.k))

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
def one_measure(measure: str, *, percent: bool = False, full_line: bool = False, point_labels: bool = False) -> Draw:
    """A line of one measure over periods, its axis titled with the measure's name; ``full_line``: the 100% line
    of an occupancy; ``point_labels``: its values written where they change (structures)."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        return charts.time_series(published.frame, unit=words.unit, measures=[measure], labels={}, k=published.k,
                                  lang=words.lang, percent=percent, y_title=t(f"measure.{measure}", words.lang),
                                  title=title, reference=charts.full_line(words.lang) if full_line else None,
                                  point_labels=point_labels)
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
              full_line: bool = False, **options) -> Draw:
    """One measure over periods, one line or stacked segment per category of a column: ``series(lang, choices)``
    gives the column and its categories' names; ``options`` go to the builder (``decimals``, ``percent``);
    ``full_line``: the 100% line of an occupancy."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        column, names = series(words.lang, choices)
        extra = {"reference": charts.full_line(words.lang)} if full_line else {}
        return builder(published.frame, unit=words.unit, measure=measure, series_col=column, series_labels=names,
                       k=published.k, lang=words.lang, y_title=t(f"measure.{measure}", words.lang), title=title,
                       **options, **extra)
    return draw


def own_scales(panel_measure: str | None = None) -> Draw:
    """The places by reception line or target group as small multiples, each panel on its own scale (issue 19: CAS
    in thousands flattened SAI and the anti-trafficking shelters, in tens, to the floor of a shared axis): places
    and presences per panel, or the one measure ``panel_measure`` (free places)."""
    def draw(published, title: str, words: ChartWords, choices: Mapping[str, str]):
        column, names = capacity_breakdown(words.lang, choices)

        def panel(rows, **size):
            if panel_measure is None:
                return charts.places_vs_presences(rows, unit=words.unit, k=published.k, lang=words.lang, **size)
            return charts.time_series(rows, unit=words.unit, measures=[panel_measure], labels={}, k=published.k,
                                      lang=words.lang, y_title=t(f"measure.{panel_measure}", words.lang), **size)
        return charts.small_multiples(published.frame, series_col=column, series_labels=names, unit=words.unit,
                                      title=title, panel=panel, lang=words.lang,
                                      subtitle=t("meeting.chart.own_scale", words.lang))
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


def audience_years(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """Training participants by audience, year by year (whole years: DISCLOSURE.md rule 7), the segments of each
    year's bar the audiences (the bar's height is a drawing: the year's total is its own cell, in the table)."""
    frame = published.frame
    if published.too_sparse("participants"):  # the sparsity guard: not drawn at this detail
        return charts.no_data_chart(title, subtitle=t("sparsity.chart_subtitle", words.lang, k=published.k),
                                    lang=words.lang, text=t("sparsity.chart_text", words.lang))
    subtitle = t("meeting.chart.whole_years", words.lang) if frame.attrs.get("partial") else None
    return charts.stacked_bars_over_time(frame[~frame["is_total"].astype(bool)], unit="anno", measure="participants",
                                         series_col="category", series_labels=code_labels("audience", AUDIENCES,
                                                                                          words.lang),
                                         k=published.k, lang=words.lang, title=title, subtitle=subtitle,
                                         y_title=t("measure.participants", words.lang))


def years_title(published, words: ChartWords) -> dict[str, str]:
    """The years a result by year covers ("dal 2019 al 2025")."""
    years = list(dict.fromkeys(published.frame["period_key"])) if len(published.frame) else []
    return {"period": period_range("anno", years[0], years[-1], words.lang) if years else words.period}


LEVEL_WORDS = ("full", "near", "below", "unknown")  # the saturation view's levels, in the order of the legend


def saturation_labels(frame: pd.DataFrame, lang: str) -> list[str]:
    """The rows of the saturation view: "project (territory)", or a territory, or its programme for coarse scopes."""
    if "project_name" not in frame:
        return list(frame["territory_name"])
    return [f"{project} ({territory})" if isinstance(project, str) else
            f"{t(f'programme.{programme}', lang)} ({territory})"
            for project, programme, territory in zip(frame["project_name"], frame["programme"],
                                                      frame["territory_name"], strict=True)]


def saturation_bars(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """Occupancy by project (or territory), highest first, its level in colour and in words."""
    frame = published.frame
    return charts.occupancy_bars(frame, labels=saturation_labels(frame, words.lang), title=title,
                                 level_words=code_labels("meeting.level", LEVEL_WORDS, words.lang),
                                 x_title=t("measure.occupancy_rate", words.lang), k=published.k, lang=words.lang,
                                 subtitle=saturation_subtitle(frame, words.lang))


def saturation_subtitle(frame: pd.DataFrame, lang: str) -> str | None:
    """The snapshot month of the saturation view ("Fotografia a dicembre 2025")."""
    month = frame.attrs.get("snapshot_month")
    return t("meeting.saturation.snapshot", lang, month=fmt_month(month, lang)) if month else None


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
                  rows=part("total"), caption=RangeCaption(Measure("places", "meeting.name.places", protected=False),
                                                           (Measure("occupied", "meeting.name.occupied"),)))
FREE_PLACES = ChartDef("accoglienza.free_places", analytics.accoglienza_trend, "accoglienza.chart_free",
                       one_measure("free_places"), rows=part("total"),
                       caption=RangeCaption(Measure("free_places", "meeting.name.free_places")))
OCCUPANCY = ChartDef("accoglienza.occupancy", analytics.accoglienza_trend, "accoglienza.chart_rate",
                     one_measure("occupancy_rate", percent=True, full_line=True), rows=part("total"))
STRUCTURES = ChartDef("accoglienza.structures", analytics.accoglienza_trend, "accoglienza.chart_structures",
                      one_measure("structures", point_labels=True), rows=part("total"))
PLACES_BY = ChartDef("accoglienza.places_by", analytics.accoglienza_trend, "accoglienza.chart_places_by",
                     own_scales(), rows=chosen_part("breakdown"), title_words=breakdown_words, options=BREAKDOWN)
FREE_PLACES_BY = ChartDef("accoglienza.free_places_by", analytics.accoglienza_trend, "accoglienza.chart_free_by",
                          own_scales("free_places"), rows=chosen_part("breakdown"), title_words=breakdown_words,
                          options=BREAKDOWN)
OCCUPANCY_BY = ChartDef("accoglienza.occupancy_by", analytics.accoglienza_trend, "accoglienza.chart_rate_by",
                        by_series(charts.time_series_by, "occupancy_rate", capacity_breakdown, full_line=True,
                                  percent=True),
                        rows=chosen_part("breakdown"), title_words=breakdown_words, options=BREAKDOWN)
SATURATION = ChartDef("accoglienza.saturation", analytics.saturation, "meeting.chart.saturation", saturation_bars,
                      rows=part("projects"), totals=True,
                      caption=SaturationCaption())
SATURATION_AREAS = ChartDef("accoglienza.saturation_areas", analytics.saturation,
                            "meeting.chart.saturation_areas", saturation_bars, rows=part("territories"), totals=True)

# --- Emersione e contatti -------------------------------------------------------------------------------------------
CONTACTS = ChartDef("emersione.contacts", analytics.emersione_trend, "emersione.chart_contacts",
                    people_lines("contacts", "referrals"),
                    caption=RangeCaption(Measure("contacts", "meeting.name.contacts"),
                                         (Measure("referrals", "meeting.name.referrals"),)))
PATH = ChartDef("emersione.path", analytics.emersione_trend, "emersione.chart_path",
                people_lines("assessments", "potential_victims", "take_ins"),
                caption=RangeCaption(Measure("take_ins", "meeting.name.take_ins"),
                                     (Measure("assessments", "meeting.name.assessments"),)))
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
                            caption=RangeCaption(Measure("people", "meeting.name.people")))
HOURS_OVER_TIME = ChartDef("servizi.hours_over_time", analytics.servizi_trend, "servizi.chart_hours_time",
                           one_measure("hours"), rows=chosen_service, title_words=service_words, options=SERVICE)

# --- Rete e tavolo --------------------------------------------------------------------------------------------------
MEMBERS_BY_TYPE = ChartDef("rete.members_by_type", analytics.rete_members, "rete.chart_by_type",
                           category_bars("members", with_total("organisation_type", ORGANISATION_TYPES)),
                           rows=part("by_type"))
MEMBERS_BY_TERRITORY = ChartDef("rete.members_by_territory", analytics.rete_members, "rete.chart_by_territory",
                                members_by_territory, rows=part("by_territory"))
MEETINGS = ChartDef("rete.meetings", analytics.rete_meetings, "rete.chart_meetings",
                    by_series(charts.stacked_bars_over_time, "meetings", network_bodies), caption=MeetingsCaption())
PARTICIPATION = ChartDef("rete.participation", analytics.rete_meetings, "rete.chart_participation",
                         by_series(charts.time_series_by, "mean_present", network_bodies, decimals=1))
PLAN = ChartDef("rete.plan", analytics.rete_actions, "rete.chart_plan", plan_by_status, rows=part("by_status"))
TRAINING = ChartDef("rete.training", analytics.rete_training, "rete.chart_training", one_measure("participants"),
                    rows=part("trend"))
TRAINING_BY_AUDIENCE = ChartDef("rete.training_by_audience", analytics.rete_training, "rete.chart_training_audience",
                                audience_years, rows=part("by_audience"), title_values=years_title)

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
    if regions is None or len(regions) == 1:
        return in_place(area, lang)
    return t("reference.in_area", lang, preposition="in", area=area)


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
    return {"period": period_range("mese", months[0], months[-1], lang)}


@dataclass(frozen=True)
class YearCaption:
    """The caption of the public presences' slide: the change over twelve months at the last date drawn ("Le
    persone nel sistema di accoglienza in Lombardia sono diminuite del 3% in dodici mesi ...")."""

    column: str  # the measure compared
    subject: str  # catalogue key of its subject
    feminine: bool = False

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
        return t(f"reference.caption.{key}", words.lang, subject=subject, place=place, article=number_article(rounded),
                 percent=fmt_number(rounded, 0, words.lang) + "%", now=fmt_number(now, 0, words.lang),
                 then=fmt_number(before, 0, words.lang), **dates)


PUBLIC_PRESENCES = ChartDef("contesto.presenze", public_stats.reception_series, "reference.chart_presences",
                            presences_lines, title_values=presences_title,
                            caption=YearCaption("total", "reference.subject", feminine=True))
PUBLIC_SHARE = ChartDef("contesto.quota", public_stats.reception_share, "reference.chart_share", share_line,
                        title_values=share_title)
LANDINGS = ChartDef("contesto.sbarchi", public_stats.landings_by_month, "reference.chart_landings", landings_bars,
                    title_values=landings_title, notes=False)  # national figures: the page's notes are not theirs

# --- The map (Mappa territoriale, and a slide of the pack) ---------------------------------------------------------
MAP_OPTIONS = {"measure": geo.MAP_MEASURES, "mode": geo.MAP_MODES, "level": geo.MAP_LEVELS, "zoom": ("",)}


def map_words(lang: str, choices: Mapping[str, str]) -> dict[str, str]:
    """The map's measure ("Posti", "Contatti ogni 100.000 residenti") and level ("per provincia") in its title."""
    label = t(f"measure.{choices['measure']}", lang)
    shown = t("mappa.per_100k_title", lang, measure=label) if per_100k(choices) else label
    return {"measure": shown, "by": t(f"mappa.by.{choices['level']}", lang)}


def per_100k(choices: Mapping[str, str]) -> bool:
    """Whether the map shows rates per 100,000 residents (never for a share: occupancy)."""
    return choices["mode"] == "per_100k" and choices["measure"] not in geo.NO_RATE


def map_period(published, words: ChartWords) -> dict[str, str]:
    """The date of the map's figures: the snapshot month (reception), the Ministry's report date (public data),
    or the range's last period (flows: never a free run of periods)."""
    attrs = published.frame.attrs
    if attrs.get("snapshot_month"):
        return {"period": fmt_month(attrs["snapshot_month"], words.lang)}
    if attrs.get("report_date"):
        return {"period": charts.day(attrs["report_date"])}
    return {"period": fmt_period(words.unit, words.end, words.lang) if words.end else words.last_period}


def map_notes(published, words: ChartWords, choices: Mapping[str, str]) -> list[str]:
    """The lines under the map's title: what its figures are (a snapshot, a report, a sum), the residents of the
    rates."""
    attrs, lang, measure = published.frame.attrs, words.lang, choices["measure"]
    if measure in geo.CAPACITY_MEASURES:
        when = attrs.get("snapshot_month")
        notes = [t("mappa.snapshot", lang, month=fmt_month(when, lang)) if when else t("mappa.no_snapshot", lang)]
    elif measure in geo.PUBLIC_MEASURES:
        when = attrs.get("report_date")
        notes = [t("reference.map.snapshot", lang, date=charts.day(when)) if when else t("reference.map.none", lang)]
    else:
        notes = [t("mappa.summed", lang)]
    if per_100k(choices):
        notes.append(t("mappa.population_note", lang, year=DATA_YEAR))
    return notes


def map_tooltips(frame: pd.DataFrame, lang: str, choices: Mapping[str, str]) -> list[str]:
    """Each area's tooltip: the value (and its rate), with its structures where the measure is of reception."""
    measure = t(f"measure.{choices['measure']}", lang)
    if per_100k(choices):
        texts = [t("mappa.tooltip_rate", lang, rate=r, measure=measure, value=v)
                 for v, r in zip(frame["label"], frame["rate_label"], strict=True)]
    elif choices["measure"] not in geo.NO_RATE:
        texts = [t("mappa.tooltip", lang, value=v, rate=r) for v, r in zip(frame["label"], frame["rate_label"],
                                                                            strict=True)]
    else:
        texts = list(frame["label"])
    if choices["measure"] in geo.CAPACITY_MEASURES and "structures" in frame:
        texts = [text if pd.isna(n) else t("meeting.map.with_structures", lang, text=text, n=fmt_number(n, 0, lang))
                 for text, n in zip(texts, frame["structures"], strict=True)]
    return texts


def map_chart(published, title: str, words: ChartWords, choices: Mapping[str, str]):
    """The choropleth of one measure by province or region: colour classes by quantiles (occupancy: below 90%,
    90-95%, 95% or more), the leading areas named, "<k" and "n.d." keyed beside it, structures in the tooltip."""
    frame, lang, measure = published.frame, words.lang, choices["measure"]
    rate = per_100k(choices)
    column = "rate_100k" if rate else "value"
    occupancy = measure == "occupancy_rate"
    values = frame[["code", "name"]].assign(value=frame[column], value_small=frame["value_small"],
                                            label=frame["rate_label"] if rate else frame["label"],
                                            tooltip=map_tooltips(frame, lang, choices))
    return charts.choropleth(
        values, topojson_url=TOPOJSON_URL, feature=OBJECTS[choices["level"]], id_property=ID_PROPERTY,
        name_property=NAME_PROPERTY, title=title, subtitle=map_notes(published, words, choices),
        legend_title=t("mappa.col.rate", lang) if rate else t(f"measure.{measure}", lang),
        credit=t("app.credit", lang), k=published.k, lang=lang,
        value_format=".0%" if occupancy else ",.1f" if rate else charts.NUMBER_FORMAT, decimals=1 if rate else 0,
        breaks=charts.OCCUPANCY_BREAKS if occupancy else None,
        classes_note=t("meeting.map.classes_fixed" if occupancy else "meeting.map.classes_quantile", lang),
        feature_filter=choices.get("zoom") or None, **MAP_SIZE)


MAP_SIZE = {"width": 540, "height": 620}
MAP = ChartDef("mappa.valori", geo.map_values, "mappa.chart_title", map_chart, title_words=map_words,
               title_values=map_period, options=MAP_OPTIONS, query_args=("measure", "level", "lang"),
               caption=LeadersCaption())

CHARTS: dict[str, ChartDef] = {entry.name: entry for entry in (
    PLACES, FREE_PLACES, OCCUPANCY, STRUCTURES, PLACES_BY, FREE_PLACES_BY, OCCUPANCY_BY,
    CONTACTS, PATH, FUNNEL, REACHED_BY, OUTINGS,
    PEOPLE_BY_TYPE, HOURS_BY_TYPE, PEOPLE_OVER_TIME, HOURS_OVER_TIME,
    MEMBERS_BY_TYPE, MEMBERS_BY_TERRITORY, MEETINGS, PARTICIPATION, PLAN, TRAINING, TRAINING_BY_AUDIENCE,
    PUBLIC_PRESENCES, PUBLIC_SHARE, LANDINGS, SATURATION, SATURATION_AREAS, MAP)}


# --- The meeting pack -----------------------------------------------------------------------------------------------
def has_data(published) -> bool:
    """Whether a slide would show anything: rows, of which at least one period was sent (an empty slide is left out
    of the pack, and the page and the title slide say so)."""
    frame = published.frame
    if frame is None or frame.empty:
        return False
    return not ("sent" in frame and not frame["sent"].astype(bool).any())


@dataclass(frozen=True)
class PackSlide:
    """A chart the meeting pack offers: a registry entry, the page choices it is shown with, and the tables it draws
    (``tables``: proposed by default where one of them has data in the user's territory).

    :meth:`make` asks the entry's query and gives the slide, or None where it would be empty (left out). A new kind
    of slide (a table, a map, a chart with annotations) is a class with the same ``make``, ``optional`` and
    ``tables``: the page and the files take any of them."""

    entry: ChartDef
    choices: Mapping[str, Any] = field(default_factory=dict)
    optional: bool = False  # offered, but not chosen unless the user adds it
    source: Callable[[Any, str], str] | None = None  # the slide's own source note (public statistics)
    tables: tuple[str, ...] = ()
    geometry: bool = False  # a map: its file embeds the map's geometry
    network: bool = False  # the tavolo's own data (meetings, plan): no programme, no project (words without them)

    def __post_init__(self):
        if self.entry.caption is None:  # a slide states what its chart shows
            raise ValueError(self.entry.name)

    def make(self, scope, filters, words: ChartWords, *, note: str | None = None, cite: Cite | None = None,
             engine=None, **choices) -> PackChart | None:
        """The slide for the scope and filters (``choices`` over the slide's own, e.g. the map's measure)."""
        choices = {**self.choices, **choices}
        return self.pack_chart(self.entry.ask(scope, filters, words, engine=engine, **choices), words, note,
                               cite=cite, **choices)

    def pack_chart(self, result, words: ChartWords, note: str | None = None, cite: Cite | None = None,
                   **choices) -> PackChart | None:
        """The slide from the entry's query result: its chart and title (the screen's), its caption; its note is the
        slide's own source line where it has one (public statistics), else ``note``; the notes the chart draws,
        listed; and its citation, ``cite(figure, choices)`` (presentation/citations.py), where given. None where
        it has no data."""
        choices = {**self.choices, **choices}
        published = self.entry.published(result, **choices)
        if not has_data(published):
            return None
        if self.source is not None:
            note = self.source(published, words.lang)

        def draw():  # when a file is made (exports.PackChart.draw): the page shows titles and captions only
            chart = self.entry.chart(result, words, **choices)
            drawn = charts.notes_on(chart, words.notes, unit=words.unit, lang=words.lang) if self.entry.notes else []
            return chart, [n.line(words.lang) for n in drawn]
        return PackChart(title=self.entry.title_text(result, words, **choices),
                         caption=self.entry.caption_text(result, words, **choices), chart=None, note=note,
                         draw=draw, topojson=project_topojson() if self.geometry else None,
                         citation=cite(self.entry.name, self.entry.figure_choices(**choices)) if cite else None)


OVERDUE_ROWS = 10  # the overdue actions a slide lists (then "... e altre N righe")
OVERDUE_FIGURE = "rete.ritardi"  # what the overdue slide's citation names: Rete's overdue actions


@dataclass(frozen=True)
class OverdueSlide:
    """The local action plan's overdue actions, the latest first, as a table slide (``PackChart.table``), judged on
    ``today`` (or the range's end, if earlier): what a tavolo discusses first. None where the territory has no
    action plan or no action is overdue."""

    optional: bool = False
    tables: tuple[str, ...] = ("actions",)
    network: bool = True

    def make(self, scope, filters, words: ChartWords, *, note: str | None = None, cite: Cite | None = None,
             today=None, engine=None, **choices) -> PackChart | None:
        result = PLAN.query(scope, filters, today, engine=engine)  # analytics.rete_actions
        items = result["items"].frame
        overdue = items[items["overdue"].astype(bool)] if len(items) else items
        if overdue.empty:
            return None
        lang, date = words.lang, charts.day(items.attrs["as_of"])
        return PackChart(title=t("meeting.slide.overdue", lang, territory=words.territory, date=date),
                         caption=overdue_caption(items, words), chart=None, table=overdue_table(overdue, lang),
                         note=None, citation=cite(OVERDUE_FIGURE, {}) if cite else None)


def overdue_table(overdue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The overdue actions as the slide lists them: code and title, lead, due date, days late, status."""
    columns = {"action_code": t("rete.col.action_code", lang), "title": t("rete.col.title", lang),
               "territory_name": t("analytics.territory", lang), "lead_organisation_type": t("rete.col.lead", lang),
               "due_date": t("rete.col.due_date", lang), "days_late": t("rete.col.days_late", lang),
               "status": t("rete.col.status", lang)}
    if overdue["territory_name"].nunique() < 2:
        columns.pop("territory_name")
    return charts.table_view(overdue, columns, lang=lang, formatters={
        "lead_organisation_type": lambda c: t(f"organisation_type.{c}", lang), "due_date": charts.day,
        "status": lambda c: t(f"status.{c}", lang)})


def overdue_caption(items: pd.DataFrame, words: ChartWords) -> str:
    """"Ad Avellino 4 azioni del Piano su 14 sono in ritardo al 01/10/2025; la più in ritardo: PIL-AV-09, scaduta il
    30/09/2024 (366 giorni)"."""
    lang = words.lang
    overdue = items[items["overdue"].astype(bool)]
    first = overdue.iloc[0]
    where = in_place(words.territory, lang)
    return t("meeting.caption.overdue", lang, where=where[:1].upper() + where[1:], n=len(overdue), total=len(items),
             date=charts.day(items.attrs["as_of"]), code=first["action_code"], due=charts.day(first["due_date"]),
             days=fmt_number(first["days_late"], 0, lang))


PACK: dict[str, PackSlide | OverdueSlide] = {
    "posti": PackSlide(PLACES, tables=("capacity",)),
    "saturazione": PackSlide(SATURATION, tables=("capacity",)),
    "liberi": PackSlide(FREE_PLACES, tables=("capacity",)),
    "mappa": PackSlide(MAP, {"measure": "places", "mode": "absolute", "level": "provincia"},
                       tables=("capacity", "outreach"), geometry=True),
    "contatti": PackSlide(CONTACTS, tables=("outreach",)),
    "percorso": PackSlide(PATH, tables=("outreach",)),
    "servizi": PackSlide(PEOPLE_OVER_TIME, {"service": TOTAL}, tables=("services",)),
    "riunioni": PackSlide(MEETINGS, tables=("meetings",), network=True),
    "ritardi": OverdueSlide(),
    "contesto": PackSlide(PUBLIC_PRESENCES, optional=True, source=public_source),
}
PACK_DEFAULT = [choice for choice, slide in PACK.items() if not slide.optional]  # every slide but the optional


def pack_default(available) -> list[str]:
    """The slides the pack page proposes: those (not optional) whose tables have data in the user's territory
    (``delivery.Available``), so that nobody starts from slides of nothing."""
    return [choice for choice in PACK_DEFAULT if available is None or available.any(*PACK[choice].tables)]
