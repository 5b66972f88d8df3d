"""Panoramica: headline figures for the chosen period with the change against the previous one, the national
context (public statistics of the Ministry of the Interior: people in reception, landings), and the data coverage
per project."""

import streamlit as st

from config.labels import fmt_count, fmt_month, fmt_number, fmt_percent, fmt_period, t
from data_access import public_stats, queries
from presentation import registry
from presentation.registry import ChartWords
from views import public_context
from views.layout import (
    current_scope,
    filter_bar,
    lang,
    show_chart,
    small_values_note,
    source_caption,
    territory_name,
)

language = lang()
scope = current_scope()
filters = filter_bar(scope, period_range=False)

result = queries.headline(scope, filters)
frame = result.frame
previous = frame.attrs.get("previous")
st.title(t("panoramica.title", language))
st.markdown(t("panoramica.intro", language, territory=territory_name(filters, scope),
              period=fmt_period(filters.unit, filters.end, language),
              previous=fmt_period(filters.unit, previous, language)))


def shown(measure: str, value, small: bool) -> str:
    if measure == "occupancy_rate":
        return fmt_percent(value, 1, language)
    return fmt_count(value, small, result.k, language)


def delta(measure: str, change) -> str | None:
    if change is None or change != change:
        return None
    if measure == "occupancy_rate":
        return t("panoramica.change_pp", language, value=fmt_number(change * 100, 1, language))
    return fmt_percent(change, 1, language, signed=True)


columns = st.columns(len(frame))
for column, row in zip(columns, frame.itertuples(), strict=True):
    column.metric(t(f"measure.{row.measure}", language), shown(row.measure, row.value, row.small),
                  delta(row.measure, row.change), delta_color="off", border=True)

snapshot = frame.attrs.get("snapshot_month")
if snapshot:
    st.caption(t("panoramica.snapshot", language, month=fmt_month(snapshot, language)))
else:
    st.caption(t("panoramica.no_capacity", language))
if result.has_small:
    small_values_note(result.k)

# --- National context: public statistics of the Ministry of the Interior, shown as published -------------------------
st.subheader(t("reference.panoramica.title", language))
national = public_stats.reception_context(scope, filters)
public_context.national_block(national, language)
landings = registry.LANDINGS.query(scope, filters)  # public_stats.landings_by_month
if len(landings.frame):
    period = fmt_period(filters.unit, filters.end, language)
    show_chart(st, registry.LANDINGS.chart(landings, ChartWords(language, filters.unit, t("territory.italy", language),
                                                                 period, period)),
               theme=None, source=registry.public_source(landings, language))
public_context.notes(national, language)

st.subheader(t("panoramica.coverage", language))
coverage = queries.coverage(scope, filters)
table = coverage.frame[["project_code", "name", "programme", "managing_body", "provinces", "last_capacity",
                        "last_outreach", "last_services", "last_period", "end_date"]]
if table.empty:
    st.caption(t("panoramica.coverage_none", language))
else:
    st.dataframe(table.rename(columns={c: t(f"coverage.{c}", language) for c in table.columns}),
                 hide_index=True, width="stretch")
source_caption(result.data_version)
