"""Panoramica: headline figures for the chosen period with the change against the previous one, the saturation view
(views/saturation.py: the projects at 90% or more, fullest first), the national context (public statistics of the
Ministry of the Interior: people in reception, landings), and the data coverage per project."""

import streamlit as st

from config.labels import fmt_month, fmt_period, t, t_md
from data_access import public_stats, queries
from presentation import charts, registry, view_cache
from presentation.registry import ChartWords
from views import public_context, saturation
from views.layout import (
    page_context,
    plausibility_notes,
    say_missing,
    show_chart,
    show_headline,
    small_values_note,
    source_caption,
)

context = page_context(period_range=False)
language, scope, filters = context.language, context.scope, context.filters
available = context.available

result = queries.headline(scope, filters)
frame = result.frame
st.title(t("panoramica.title", language))
if not available.any("capacity", "outreach"):
    say_missing(("capacity", "outreach"), available, territory=context.territory)
else:
    st.markdown(t_md("panoramica.intro", language, territory=context.territory, period=context.period,
                  previous=fmt_period(filters.unit, frame.attrs.get("previous"), language)))
    show_headline(result, list(frame["measure"]))
    snapshot = frame.attrs.get("snapshot_month")
    if snapshot:
        st.caption(t("panoramica.snapshot", language, month=fmt_month(snapshot, language)))
    sent = frame.set_index("measure")["sent"]
    missing = [table for table, measure in (("capacity", "places"), ("outreach", "contacts")) if not sent[measure]]
    if missing:
        say_missing(missing, available, territory=context.territory, period=context.period)
    plausibility_notes(frame)
    if result.has_small:
        small_values_note(result.k)

# --- Saturation: the projects at 90% or more, the fullest first (the whole list is on Accoglienza) -------------------
if available.any("capacity") and saturation.show(context, compact=True):
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
if coverage.frame.empty:
    st.caption(t("panoramica.coverage_none", language))
else:
    month = charts.or_empty(lambda m: fmt_month(m, language))
    st.dataframe(view_cache.cached_table("panoramica.coverage", coverage, language, lambda: charts.table_view(
        coverage.frame, {c: t(f"coverage.{c}", language) for c in (
            "project_code", "name", "programme", "managing_body", "provinces", "last_capacity", "last_outreach",
            "last_services", "last_period", "end_date")},
        lang=language, formatters={"programme": lambda p: t(f"programme.{p}", language),
                                   "managing_body": charts.or_empty(str), "provinces": charts.or_empty(str),
                                   "end_date": charts.day, **dict.fromkeys(
                                       ("last_capacity", "last_outreach", "last_services", "last_period"), month)})),
        hide_index=True, width="stretch")
source_caption(result.data_version)
