"""Servizi: people served (a protected count) and service hours (as they are) by type of service, over the chosen
range and over time. Layout only: every figure comes from data_access.analytics."""

import streamlit as st

from config.labels import t
from data_access import analytics
from data_access.analytics import SERVICES, TOTAL
from presentation import charts
from views.layout import page_context, show_chart, show_table, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
names = {s: t(f"service.{s}", language) for s in SERVICES} | {TOTAL: t("analytics.total", language)}
people, hours = t("measure.people", language), t("measure.hours", language)

st.title(t("servizi.title", language))
st.markdown(t("servizi.intro", language, territory=territory, period=period))
st.caption(t("servizi.people_note", language))

# --- By type, last period --------------------------------------------------------------------------------------
st.subheader(t("servizi.section_type", language))
by_type = analytics.servizi_by_type(scope, filters)
k = by_type.k
rows = by_type.frame[~by_type.frame["is_total"]]
tabs = st.tabs([people, hours, t("analytics.tab_table", language)])
show_chart(tabs[0], charts.bars(
    rows, category="category", measure="people", category_labels=names, x_title=people, k=k, lang=language,
    title=t("servizi.chart_people_type", language, territory=territory, period=context.last_period)), theme=None)
show_chart(tabs[1], charts.bars(
    rows, category="category", measure="hours", category_labels=names, x_title=hours, k=k, lang=language,
    title=t("servizi.chart_hours_type", language, territory=territory, period=context.last_period)), theme=None)
show_table(tabs[2], charts.table_view(
    by_type.frame, {"category": t("servizi.col.service", language), "people": people, "hours": hours},
    k=k, lang=language, decimals={"hours": 1}, formatters={"category": names.get}),
        title=context.section_title("servizi.section_type", totals=True))
st.caption(t("analytics.totals_note", language))
context.totals_note()

# --- Over time --------------------------------------------------------------------------------------------------
st.subheader(t("servizi.section_time", language))
if filters.start == filters.end:
    st.info(t("analytics.single_period", language))
trend = analytics.servizi_trend(scope, filters)
service = st.selectbox(t("servizi.service", language), [TOTAL, *SERVICES], key="servizi_service",
                       format_func=lambda s: t("servizi.all_services", language) if s == TOTAL else names[s])
chosen = t("servizi.all_services", language) if service == TOTAL else names[service]
rows = trend.frame[trend.frame["service"] == service]
tabs = st.tabs([people, hours, t("analytics.tab_table", language)])
show_chart(tabs[0], charts.time_series(
    rows, unit=filters.unit, measures=["people"], labels={"people": people}, k=k, lang=language, y_title=people,
    title=t("servizi.chart_people_time", language, service=chosen, territory=territory, period=period)), theme=None)
show_chart(tabs[1], charts.time_series(
    rows, unit=filters.unit, measures=["hours"], labels={"hours": hours}, k=k, lang=language, y_title=hours,
    title=t("servizi.chart_hours_time", language, service=chosen, territory=territory, period=period)), theme=None)
show_table(tabs[2], charts.table_view(
    rows, {"period_key": unit_title, "service": t("servizi.col.service", language), "people": people,
           "hours": hours},
    k=k, lang=language, unit=filters.unit, decimals={"hours": 1}, formatters={"service": names.get}),
        title=context.section_title("servizi.section_time"))

if by_type.has_small or trend.has_small:
    small_values_note(k)
source_caption(by_type.data_version)
