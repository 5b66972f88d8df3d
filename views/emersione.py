"""Emersione e contatti: outreach over the chosen range (contacts, assessments, potential victims, referrals,
take-ins), the path from contact to take-in with its conversion rates, who was reached (form of exploitation,
gender, age group, channel) and street-unit outings. Layout only: every figure comes from data_access.analytics."""

import streamlit as st

from config.labels import fmt_count, fmt_percent, t
from data_access import analytics
from data_access.analytics import OUTREACH_BREAKDOWNS, OUTREACH_MEASURES, TOTAL, TREND_MEASURES
from presentation import charts
from views.layout import page_context, show_chart, show_table, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
last = context.last_period  # the period of the totals (funnel, breakdowns)
people = t("analytics.people", language)
measure_names = {m: t(f"measure.{m}", language) for m in OUTREACH_MEASURES}


def chart_and_table(chart, table) -> None:
    tab_chart, tab_table = st.tabs([t("analytics.tab_chart", language), t("analytics.tab_table", language)])
    show_chart(tab_chart, chart, theme=None)
    show_table(tab_table, table, title=charts.title_of(chart))


st.title(t("emersione.title", language))
st.markdown(t("emersione.intro", language, territory=territory, period=period))

# --- Over time --------------------------------------------------------------------------------------------------
st.subheader(t("emersione.section_trend", language))
if filters.start == filters.end:
    st.info(t("analytics.single_period", language))
trend = analytics.emersione_trend(scope, filters)
k = trend.k
tabs = st.tabs([t("emersione.tab_contacts", language), t("emersione.tab_path", language),
                t("analytics.tab_table", language)])
show_chart(tabs[0], charts.time_series(
    trend.frame, unit=filters.unit, measures=["contacts", "referrals"], labels=measure_names, k=k, lang=language,
    y_title=people, title=t("emersione.chart_contacts", language, territory=territory, period=period)), theme=None)
show_chart(tabs[1], charts.time_series(
    trend.frame, unit=filters.unit, measures=["assessments", "potential_victims", "take_ins"], labels=measure_names,
    k=k, lang=language, y_title=people,
    title=t("emersione.chart_path", language, territory=territory, period=period)), theme=None)
show_table(tabs[2], charts.table_view(trend.frame, {"period_key": unit_title, **measure_names}, k=k, lang=language,
                                    unit=filters.unit), title=context.section_title("emersione.section_trend"))

# --- From contact to take-in in the last period --------------------------------------------------------------------
st.subheader(t("emersione.section_funnel", language))
funnel = analytics.emersione_funnel(scope, filters)
stages, referrals = funnel["funnel"], funnel["referrals"].frame.iloc[0]
left, right = st.columns([3, 1])
with left:
    chart_and_table(
        charts.funnel(stages.frame, stage_labels=measure_names, x_title=people, k=k, lang=language,
                      title=t("emersione.chart_funnel", language, territory=territory, period=last)),
        charts.table_view(stages.frame, {"stage": t("emersione.col.stage", language), "value": people,
                                         "rate": t("emersione.col.rate", language),
                                         "share_of_contacts": t("emersione.col.share", language)},
                          k=k, lang=language, percent=["rate", "share_of_contacts"],
                          formatters={"stage": lambda s: measure_names[s]}))
right.metric(measure_names["referrals"], fmt_count(referrals["value"], bool(referrals["value_small"]), k, language),
             border=True)
right.caption(t("emersione.referrals_share", language,
                share=fmt_percent(referrals["share_of_contacts"], 1, language)))
st.caption(t("emersione.funnel_note", language, k=k))
context.totals_note()

# --- Who was reached ------------------------------------------------------------------------------------------------
st.subheader(t("emersione.section_breakdown", language))
choice = st.columns(2)
measure = choice[0].selectbox(t("emersione.measure", language), list(TREND_MEASURES), format_func=measure_names.get,
                              key="emersione_measure")
dimension = choice[1].selectbox(t("emersione.dimension", language), list(OUTREACH_BREAKDOWNS),
                                format_func=lambda d: t(f"emersione.dimension.{d}", language).capitalize(),
                                key="emersione_dimension")
breakdowns = analytics.emersione_breakdowns(scope, filters)
result = breakdowns[dimension]  # one breakdown at a time, chosen above
names = {c: t(f"{dimension}.{c}", language) for c in OUTREACH_BREAKDOWNS[dimension]}
names[TOTAL] = t("analytics.total", language)
chart_and_table(
    charts.bars(result.frame[~result.frame["is_total"]], category="category", measure=measure,
                category_labels=names, x_title=people, k=k, lang=language,
                sort=None if dimension == "age_group" else "-x",
                title=t("emersione.chart_by", language, measure=measure_names[measure],
                        dimension=t(f"emersione.dimension.{dimension}", language), territory=territory,
                        period=last)),
    charts.table_view(result.frame, {"category": t(f"emersione.col.{dimension}", language),
                                     measure: measure_names[measure]},
                      k=k, lang=language, formatters={"category": names.get}))
st.caption(t("analytics.totals_note", language))
context.totals_note()

# --- Street-unit outings ------------------------------------------------------------------------------------------
st.subheader(t("emersione.section_outings", language))
outings = analytics.emersione_outings(scope, filters)
chart_and_table(
    charts.time_series(outings.frame, unit=filters.unit, measures=["outings"], labels={}, lang=language,
                       y_title=t("measure.outings", language),
                       title=t("emersione.chart_outings", language, territory=territory, period=period)),
    charts.table_view(outings.frame, {"period_key": unit_title, "outings": t("measure.outings", language)},
                      lang=language, unit=filters.unit))
st.caption(t("emersione.outings_note", language))

if trend.has_small or stages.has_small or funnel["referrals"].has_small or result.has_small:
    small_values_note(k)
source_caption(trend.data_version)
