"""Emersione e contatti: outreach over the chosen range (contacts, assessments, potential victims, referrals,
take-ins), the path from contact to take-in with its conversion rates, who was reached (form of exploitation,
gender, age group, channel) and street-unit outings. Layout only: every figure comes from data_access.analytics;
each chart is a chart registry entry (presentation.registry), whose query the page calls and whose builder draws the
published result."""

import streamlit as st

from config.labels import fmt_count, fmt_percent, t, t_md
from data_access.analytics import OUTREACH_BREAKDOWNS, OUTREACH_MEASURES
from presentation import charts, registry
from presentation.charts import EMPTY_CELL
from presentation.registry import code_labels, total_label
from views import sparsity
from views.layout import (
    chart_and_table,
    is_open,
    lazy_tabs,
    metric,
    page_context,
    show_chart,
    show_table,
    small_values_note,
    source_caption,
)

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
last = context.last_period  # the period of the totals (funnel, breakdowns)
people = t("analytics.people", language)
measure_names = code_labels("measure", OUTREACH_MEASURES, language)
words = context.words()


st.title(t("emersione.title", language))
st.markdown(t_md("emersione.intro", language, territory=territory, period=period))
context.require("outreach", "outreach_activity")


# --- Over time --------------------------------------------------------------------------------------------------
def trend_section():
    """Outreach over the range; its published result."""
    st.subheader(t("emersione.section_trend", language))
    if filters.start == filters.end:
        st.info(t("analytics.single_period", language))
    trend = registry.CONTACTS.query(scope, filters)  # analytics.emersione_trend
    k = trend.k
    tabs = lazy_tabs([t("emersione.tab_contacts", language), t("emersione.tab_path", language),
                      t("analytics.tab_table", language)], key="tabs_emersione_trend")
    for tab, entry in zip(tabs[:2], (registry.CONTACTS, registry.PATH), strict=True):
        if is_open(tab):  # only the open tab's chart is built
            show_chart(tab, entry.chart(trend, words), theme=None)
    show_table(tabs[2], lambda: charts.table_view(trend.frame, {"period_key": unit_title, **measure_names}, k=k,
                                                  lang=language, unit=filters.unit, notes=context.notes),
               title=context.section_title("emersione.section_trend"))
    return trend


# --- From contact to take-in in the last period --------------------------------------------------------------------
def funnel_section(k: int) -> bool:
    """The funnel and the referrals of the last period; True where a value shows as "<k"."""
    st.subheader(t("emersione.section_funnel", language))
    funnel = registry.FUNNEL.query(scope, filters)  # analytics.emersione_funnel
    stages, referrals = registry.FUNNEL.published(funnel), funnel["referrals"].frame.iloc[0]
    left, right = st.columns([3, 1])
    with left:
        chart_and_table(
            registry.FUNNEL.chart(funnel, words),
            lambda: charts.table_view(stages.frame, {"stage": t("emersione.col.stage", language), "value": people,
                                                     "rate": t("emersione.col.rate", language),
                                                     "share_of_contacts": t("emersione.col.share", language)},
                                      k=k, lang=language, percent=["rate", "share_of_contacts"],
                                      formatters={"stage": lambda s: measure_names[s]}),
            key="tabs_emersione_funnel")
    if referrals["sent"]:
        right.metric(measure_names["referrals"], fmt_count(referrals["value"], bool(referrals["value_small"]), k,
                                                           language), border=True)
    else:  # nothing sent for the period: "—", and why beneath it
        metric(right, measure_names["referrals"], EMPTY_CELL, note=t("realpath.not_sent", language))
    right.caption(t("emersione.referrals_share", language,
                    share=fmt_percent(referrals["share_of_contacts"], 1, language)))
    st.caption(t("emersione.funnel_note", language, k=k))
    context.totals_note()
    return stages.has_small or funnel["referrals"].has_small


# --- Who was reached ------------------------------------------------------------------------------------------------
def breakdown_section(k: int) -> bool:
    """Who was reached in the last period, by the dimension chosen; True where a value shows as "<k"."""
    st.subheader(t("emersione.section_breakdown", language))
    choice = st.columns(2)
    options = registry.REACHED_BY.options
    measure = choice[0].selectbox(t("emersione.measure", language), options["measure"], format_func=measure_names.get,
                                  key="emersione_measure")
    dimension = choice[1].selectbox(t("emersione.dimension", language), options["dimension"],
                                    format_func=lambda d: t(f"emersione.dimension.{d}", language).capitalize(),
                                    key="emersione_dimension")
    breakdowns = registry.REACHED_BY.query(scope, filters)  # analytics.emersione_breakdowns
    result = registry.REACHED_BY.published(breakdowns, dimension=dimension)  # one breakdown at a time, chosen above
    names = code_labels(dimension, OUTREACH_BREAKDOWNS[dimension], language) | total_label(language)
    if not sparsity.guard(st, result, measure, context, key="emersione"):  # mostly 0 or "<k": not drawn
        chart_and_table(
            registry.REACHED_BY.chart(breakdowns, words, measure=measure, dimension=dimension),
            lambda: charts.table_view(result.frame, {"category": t(f"emersione.col.{dimension}", language),
                                                     measure: measure_names[measure]},
                                      k=k, lang=language, formatters={"category": names.get}),
            key="tabs_emersione_reached")
    st.caption(t("analytics.totals_note", language))
    context.totals_note()
    return result.has_small


def outreach_sections() -> bool:
    """The sections of the outreach table; True where a value shows as "<k"."""
    trend = trend_section()
    return funnel_section(trend.k) | breakdown_section(trend.k) | trend.has_small


has_small = False if context.lacks("outreach") else outreach_sections()

# --- Street-unit outings ------------------------------------------------------------------------------------------
st.subheader(t("emersione.section_outings", language))
outings = registry.OUTINGS.query(scope, filters)  # analytics.emersione_outings
if not context.lacks("outreach_activity"):
    chart_and_table(
        registry.OUTINGS.chart(outings, words),
        lambda: charts.table_view(outings.frame, {"period_key": unit_title, "outings": t("measure.outings", language)},
                                  lang=language, unit=filters.unit, notes=context.notes),
        key="tabs_emersione_outings")
st.caption(t("emersione.outings_note", language))

if has_small or outings.has_small:
    small_values_note(outings.k)
source_caption(outings.data_version)
