"""Servizi: people served (a protected count) and service hours (as they are) by type of service, over the chosen
range and over time. Layout only: every figure comes from data_access.analytics; each chart is a chart registry entry
(presentation.registry), whose query the page calls and whose builder draws the published result."""

import streamlit as st

from config.labels import t, t_md
from data_access.analytics import SERVICES, TOTAL
from presentation import charts, registry
from presentation.registry import code_labels, total_label
from views import sparsity
from views.layout import is_open, lazy_tabs, page_context, show_chart, show_table, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
names = code_labels("service", SERVICES, language) | total_label(language)
words = context.words()
people, hours = t("measure.people", language), t("measure.hours", language)

st.title(t("servizi.title", language))
st.markdown(t_md("servizi.intro", language, territory=territory, period=period))
context.require("services")
st.caption(t("servizi.people_note", language))

# --- By type, last period --------------------------------------------------------------------------------------
st.subheader(t("servizi.section_type", language))
by_type = registry.PEOPLE_BY_TYPE.query(scope, filters)  # analytics.servizi_by_type
k = by_type.k
if not sparsity.guard(st, by_type, "people", context, key="servizi"):  # mostly 0 or "<k": not drawn at this detail
    tabs = lazy_tabs([people, hours, t("analytics.tab_table", language)], key="tabs_servizi_type")
    for tab, entry in zip(tabs[:2], (registry.PEOPLE_BY_TYPE, registry.HOURS_BY_TYPE), strict=True):
        if is_open(tab):  # only the open tab's chart or table is built
            show_chart(tab, entry.chart(by_type, words), theme=None)
    show_table(tabs[2], lambda: charts.table_view(
        by_type.frame, {"category": t("servizi.col.service", language), "people": people, "hours": hours},
        k=k, lang=language, decimals={"hours": 1}, formatters={"category": names.get}),
               title=context.section_title("servizi.section_type", totals=True))
st.caption(t("analytics.totals_note", language))
context.totals_note()

# --- Over time --------------------------------------------------------------------------------------------------
st.subheader(t("servizi.section_time", language))
if filters.start == filters.end:
    st.info(t("analytics.single_period", language))
trend = registry.PEOPLE_OVER_TIME.query(scope, filters)  # analytics.servizi_trend
service = st.selectbox(t("servizi.service", language), registry.PEOPLE_OVER_TIME.options["service"],
                       key="servizi_service",
                       format_func=lambda s: t("servizi.all_services", language) if s == TOTAL else names[s])
tabs = lazy_tabs([people, hours, t("analytics.tab_table", language)], key="tabs_servizi_time")
for tab, entry in zip(tabs[:2], (registry.PEOPLE_OVER_TIME, registry.HOURS_OVER_TIME), strict=True):
    if is_open(tab):
        show_chart(tab, entry.chart(trend, words, service=service), theme=None)
show_table(tabs[2], lambda: charts.table_view(
    registry.PEOPLE_OVER_TIME.published(trend, service=service).frame,
    {"period_key": unit_title, "service": t("servizi.col.service", language), "people": people, "hours": hours},
    k=k, lang=language, unit=filters.unit, decimals={"hours": 1}, formatters={"service": names.get},
    notes=context.notes), title=context.section_title("servizi.section_time"))

if by_type.has_small or trend.has_small:
    small_values_note(k)
source_caption(by_type.data_version)
